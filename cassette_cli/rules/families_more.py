"""More key families from gitleaks' default rules: the ones with a literal of their own
that can travel in HTTP traffic (a header, a query value, a JSON body, a webhook URL).

One row per family: id, description, the literals, the shape after the literal, and a
fake body of that shape for its example (built at import time from pieces, so this file
is no hit for a scanner). Families that gitleaks only finds by a keyword next to a
generic string (Cohere, Discord, Twitter, Okta...) travel as an Authorization or API-key
header or a JSON key in HTTP, which the header and key rules cover."""

from __future__ import annotations

from .families import family
from .rule import ANY_TEXT, DeferredRegex, Rule

__all__ = ["MORE_FAMILY_RULES"]

_L = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7mN9pQ2rS4tU6vW8xY0zA2bC4dE6fG8hJ0kL2mN4pQ6rS8tU0" * 4  # mixed
_LOW = "a3d5g7j9m1p3s5v7y9b1d3h5k7m9q2r4t6w8x0z2b4d6f8h0k2m4p6r8t0" * 6  # lower case and digits
_UP = _LOW.upper()
_HEX = "3f9a0c7e" * 40
_BECH = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L" * 3

# (id, description, literals, shape after the literal, example body)
_ROWS: tuple[tuple[str, str, tuple[str, ...], str, str], ...] = (
    ("gitlab-other-token", "GitLab deploy, runner, OAuth, SCIM, trigger, feed and other tokens",
     ("gldt-", "glrt-", "gloas-", "glsoat-", "glptt-", "glcbt-", "glft-", "glffct-", "glimt-", "glagent-"), r"[A-Za-z0-9_-]{20,}", _L[:24]),
    ("age-secret-key", "age secret key", ("AGE-SECRET-KEY-1",), r"[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", _BECH[:58]),
    ("1password-service-token", "1Password service account token", ("ops_eyJ",), r"[A-Za-z0-9+/]{250,}={0,3}", _L[:260]),
    ("artifactory-key", "JFrog Artifactory API key", ("AKCp",), r"[A-Za-z0-9]{69}", _L[:69]),
    ("atlassian-token", "Atlassian API token", ("ATATT3",), r"[A-Za-z0-9_=-]{186}", _L[:186]),
    ("aws-bedrock-key", "Amazon Bedrock API key (long-lived)", ("ABSK",), r"[A-Za-z0-9+/]{109,269}={0,2}", _L[:120]),
    ("clojars-token", "Clojars deploy token", ("CLOJARS_",), r"[a-z0-9]{60}", _LOW[:60]),
    ("databricks-token", "Databricks API token", ("dapi",), r"[a-f0-9]{32}(?:-[0-9])?", _HEX[:32]),
    ("doppler-token", "Doppler API token", ("dp.pt.",), r"[A-Za-z0-9]{43}", _L[:43]),
    ("duffel-token", "Duffel API token", ("duffel_test_", "duffel_live_"), r"[A-Za-z0-9_=-]{43}", _L[:43]),
    ("dynatrace-token", "Dynatrace API token", ("dt0c01.",), r"[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}", _UP[:24] + "." + _UP[:64]),
    ("easypost-key", "EasyPost API key", ("EZAK", "EZTK"), r"[A-Za-z0-9]{54}", _LOW[:54]),
    ("flutterwave-key", "Flutterwave secret or encryption key", ("FLWSECK_TEST-", "FLWSECK-"), r"[a-hA-H0-9]{32}-X", "a1b2c3d4e5f6a7b8" * 2 + "-X"),
    ("frameio-token", "Frame.io API token", ("fio-u-",), r"[A-Za-z0-9_=-]{64}", _L[:64]),
    ("flyio-token", "Fly.io access token", ("fo1_", "fm1r_", "fm1a_", "fm2_"), r"[A-Za-z0-9+/_=-]{43,}", _L[:48]),
    ("grafana-token", "Grafana cloud API or service account token", ("glc_", "glsa_"), r"[A-Za-z0-9+/_]{32,400}={0,3}", _L[:40]),
    ("grafana-api-key", "Grafana API key", ("eyJrIjoi",), r"[A-Za-z0-9]{70,400}={0,3}", _L[:80]),
    ("harness-token", "Harness personal or service account token", ("pat.", "sat."), r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}", _L[:22] + "." + _L[:24] + "." + _L[:20]),
    ("heroku-key", "Heroku API key (v2)", ("HRKU-AA",), r"[0-9A-Za-z_-]{58}", _L[:58]),
    ("huggingface-org-token", "Hugging Face organization token", ("api_org_",), r"[A-Za-z]{34}", "aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH"),
    ("infracost-token", "Infracost API token", ("ico-",), r"[A-Za-z0-9]{32}", _L[:32]),
    ("linear-key", "Linear API key", ("lin_api_",), r"[A-Za-z0-9]{40}", _L[:40]),
    ("mapbox-secret-token", "Mapbox secret token (sk.)", ("sk.eyJ",), r"[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{22}", _L[:60] + "." + _L[:22]),
    ("new-relic-key", "New Relic user API, insert or browser key", ("NRAK-", "NRII-", "NRJS-"), r"[A-Za-z0-9-]{19,32}", _UP[:27]),
    ("notion-token", "Notion integration token", ("ntn_",), r"[A-Za-z0-9]{46}", _L[:46]),
    ("openshift-token", "OpenShift user token", ("sha256~",), r"[A-Za-z0-9_-]{43}", _L[:43]),
    ("planetscale-token", "PlanetScale token or password", ("pscale_tkn_", "pscale_oauth_", "pscale_pw_"), r"[A-Za-z0-9_=.-]{32,64}", _L[:40]),
    ("postman-key", "Postman API key", ("PMAK-",), r"[a-f0-9]{24}-[a-f0-9]{34}", _HEX[:24] + "-" + _HEX[:34]),
    ("prefect-token", "Prefect API token", ("pnu_",), r"[A-Za-z0-9]{36}", _L[:36]),
    ("pulumi-token", "Pulumi access token", ("pul-",), r"[a-f0-9]{40}", _HEX[:40]),
    ("readme-key", "ReadMe API key", ("rdme_",), r"[a-z0-9]{70}", _LOW[:70]),
    ("rubygems-key", "RubyGems API key", ("rubygems_",), r"[a-f0-9]{48}", _HEX[:48]),
    ("scalingo-token", "Scalingo API token", ("tk-us-",), r"[A-Za-z0-9_-]{48}", _L[:48]),
    ("sendinblue-key", "Brevo (Sendinblue) API key", ("xkeysib-",), r"[a-f0-9]{64}-[A-Za-z0-9]{16}", _HEX[:64] + "-" + _L[:16]),
    ("sentry-token", "Sentry organization or user token", ("sntrys_eyJ", "sntryu_"), r"[A-Za-z0-9+/=_-]{50,}", _L[:64]),
    ("settlemint-token", "SettleMint access token", ("sm_pat_", "sm_aat_", "sm_sat_"), r"[A-Za-z0-9]{16}", _L[:16]),
    ("shippo-token", "Shippo API token", ("shippo_live_", "shippo_test_"), r"[a-fA-F0-9]{40}", _HEX[:40]),
    ("slack-app-token", "Slack app-level or configuration token", ("xapp-", "xoxe.xox", "xoxe-"), r"[A-Za-z0-9.-]{20,}", "1-A0B1C2D3E4F-1234567890-" + _LOW[:40]),
    ("sourcegraph-token", "Sourcegraph access token", ("sgp_",), r"(?:[A-Fa-f0-9]{16}_|local_)?[A-Fa-f0-9]{40}", _HEX[:16] + "_" + _HEX[:40]),
    ("square-token", "Square access token", ("EAAA",), r"[A-Za-z0-9_-]{60}", _L[:60]),
    ("square-oauth-token", "Square OAuth token or secret", ("sq0atp-", "sq0csp-"), r"[A-Za-z0-9_-]{22,43}", _L[:22]),
    ("typeform-token", "Typeform personal access token", ("tfp_",), r"[A-Za-z0-9_.=-]{59}", _L[:59]),
    ("yandex-key", "Yandex API key or IAM token", ("AQVN", "t1."), r"[A-Za-z0-9_.=-]{35,}", _L[:38]),
    ("teams-webhook", "Microsoft Teams incoming webhook URL: the path", ("webhook.office.com/webhookb2/",), r"[A-Za-z0-9@/_-]{40,}", _L[:36] + "@" + _L[:36] + "/IncomingWebhook/" + _HEX[:32]),
    ("cloudflare-origin-ca-key", "Cloudflare origin CA key", ("v1.0-",), r"[a-f0-9]{24}-[a-f0-9]{146}", _HEX[:24] + "-" + _HEX[:146]),
    ("stripe-webhook-secret", "Stripe webhook signing secret", ("whsec_",), r"[A-Za-z0-9]{32,}", _L[:32]),
    ("alibaba-access-key-id", "Alibaba Cloud AccessKey ID", ("LTAI",), r"[A-Za-z0-9]{20}", _L[:20]),
    ("dropbox-token", "Dropbox short-lived token", ("sl.",), r"[A-Za-z0-9_=-]{135,}", _L[:140]),
    ("facebook-token", "Facebook (Meta) access token", ("EAAC", "EAAM"), r"[A-Za-z0-9]{100,}", _L[:110]),
    ("langsmith-key", "LangSmith API key", ("lsv2_pt_", "lsv2_sk_"), r"[a-f0-9]{32}_[a-f0-9]{10}", _HEX[:32] + "_" + _HEX[:10]),
    ("tavily-key", "Tavily API key", ("tvly-",), r"(?:dev-|prod-)?[A-Za-z0-9]{32}", _L[:32]),
    ("adobe-client-secret", "Adobe client secret", ("p8e-",), r"[A-Za-z0-9]{32}", _L[:32]),
    ("airtable-token", "Airtable personal access token", ("pat",), r"[A-Za-z0-9]{14}\.[a-f0-9]{64}", _L[:14] + "." + _HEX[:64]),
    ("artifactory-reference-token", "JFrog Artifactory reference token", ("cmVmd",), r"[A-Za-z0-9]{59}", _L[:59]),
    ("clickhouse-cloud-secret", "ClickHouse Cloud API secret key", ("4b1d",), r"[A-Za-z0-9]{38}", _L[:38]),
    ("gitlab-runner-registration-token", "GitLab runner registration token", ("GR1348941",), r"[A-Za-z0-9_-]{20}", _L[:20]),
    ("intra42-client-secret", "42 Intra client secret", ("s-s4t2ud-", "s-s4t2af-"), r"[a-f0-9]{64}", _HEX[:64]),
    ("octopus-deploy-key", "Octopus Deploy API key", ("API-",), r"[A-Z0-9]{26}", _UP[:26]),
    ("aws-bedrock-short-key", "Amazon Bedrock API key (short-lived)", ("bedrock-api-key-",), r"[A-Za-z0-9+/]{40,}={0,2}", "YmVkcm9jay5hbWF6b25hd3MuY29t" + _L[:40]),
    ("1password-secret-key", "1Password account secret key", ("A3-",), r"[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}", _UP[:6] + "-" + _UP[:11] + "-" + _UP[:5] + "-" + _UP[:5] + "-" + _UP[:5]),
)


def _split(literal: str) -> str:
    return literal[:2] + "" + literal[2:]


MORE_FAMILY_RULES: tuple[Rule, ...] = (
    *(
        family(rule_id, description, literals, body, fires=(_split(literals[0]) + example,), quiet=(literals[0] + "short", "x" + literals[0] + example))
        for rule_id, description, literals, body, example in _ROWS
    ),
    Rule(
        "telegram-bot-token",
        "Telegram bot token",
        ANY_TEXT,
        fires=("123456789" + ":AA" + _L[:33],),
        quiet=("12:AA" + "short", "time 10:30:AA"),
        literals=(":AA",),
        regex=DeferredRegex(r"(?<![A-Za-z0-9])[0-9]{5,16}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])"),
    ),
    Rule(
        "azure-ad-client-secret",
        "Azure AD (Entra ID) client secret",
        ANY_TEXT,
        fires=("abc8" + "Q~" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3h",),
        quiet=("Q~" + "short", "a8Q~x"),
        literals=("Q~",),
        regex=DeferredRegex(r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
    ),
    Rule(
        "terraform-cloud-token",
        "Terraform Cloud / HashiCorp API token",
        ANY_TEXT,
        fires=(_LOW[:14] + ".atlas" + "v1." + _L[:64],),
        quiet=("x.atlas" + "v1.short",),
        literals=(".atlasv1.",),
        regex=DeferredRegex(r"(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])"),
    ),
    Rule(
        "maxmind-license-key",
        "MaxMind license key",
        ANY_TEXT,
        fires=(_L[:6] + "_" + _L[:29] + "_m" + "mk",),
        quiet=("abc_mmk",),
        literals=("_mmk",),
        regex=DeferredRegex(r"(?<![A-Za-z0-9_])[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk(?![A-Za-z0-9_])"),
    ),
    Rule(
        "mailchimp-key",
        "Mailchimp API key",
        ANY_TEXT,
        fires=(_HEX[:32] + "-us" + "21",),
        quiet=(_HEX[:31] + "-us21", "en-us"),
        literals=("-us",),
        regex=DeferredRegex(r"(?<![A-Za-z0-9])[a-f0-9]{32}-us[0-9]{1,2}(?![A-Za-z0-9])"),
    ),
)
