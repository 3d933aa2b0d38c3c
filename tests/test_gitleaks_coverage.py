"""The rule set measured against gitleaks' default rules (config/gitleaks.toml, 222 rules,
read at commit b58d3f10): each of its rules is mapped to the rule of ours that finds the
same family in HTTP traffic, or put in one of two groups with the reason. The README's
rule table lists our ids."""

from __future__ import annotations

import pytest

from cassette_cli.rules.examples import fires_on
from cassette_cli.rules.registry import RULE_IDS, rule

# gitleaks rule id -> our rule id (a family with its own literal, or the header/cookie/URL
# rule where the secret travels in HTTP)
GITLEAKS_TO_OURS: dict[str, str] = {
    '1password-secret-key': '1password-secret-key',
    '1password-service-account-token': '1password-service-token',
    'adobe-client-secret': 'adobe-client-secret',
    'age-secret-key': 'age-secret-key',
    'airtable-personnal-access-token': 'airtable-token',
    'alibaba-access-key-id': 'alibaba-access-key-id',
    'anthropic-admin-api-key': 'anthropic-key',
    'anthropic-api-key': 'anthropic-key',
    'artifactory-api-key': 'artifactory-key',
    'artifactory-reference-token': 'artifactory-reference-token',
    'atlassian-api-token': 'atlassian-token',
    'aws-access-token': 'aws-access-key-id',
    'aws-amazon-bedrock-api-key-long-lived': 'aws-bedrock-key',
    'aws-amazon-bedrock-api-key-short-lived': 'aws-bedrock-short-key',
    'azure-ad-client-secret': 'azure-ad-client-secret',
    'clickhouse-cloud-api-secret-key': 'clickhouse-cloud-secret',
    'clojars-api-token': 'clojars-token',
    'cloudflare-origin-ca-key': 'cloudflare-origin-ca-key',
    'databricks-api-token': 'databricks-token',
    'digitalocean-access-token': 'digitalocean-token',
    'digitalocean-pat': 'digitalocean-token',
    'digitalocean-refresh-token': 'digitalocean-token',
    'doppler-api-token': 'doppler-token',
    'duffel-api-token': 'duffel-token',
    'dynatrace-api-token': 'dynatrace-token',
    'easypost-api-token': 'easypost-key',
    'easypost-test-api-token': 'easypost-key',
    'facebook-page-access-token': 'facebook-token',
    'flutterwave-encryption-key': 'flutterwave-key',
    'flutterwave-secret-key': 'flutterwave-key',
    'flyio-access-token': 'flyio-token',
    'frameio-api-token': 'frameio-token',
    'gcp-api-key': 'google-api-key',
    'github-app-token': 'github-token',
    'github-fine-grained-pat': 'github-token',
    'github-oauth': 'github-token',
    'github-pat': 'github-token',
    'github-refresh-token': 'github-token',
    'gitlab-cicd-job-token': 'gitlab-other-token',
    'gitlab-deploy-token': 'gitlab-other-token',
    'gitlab-feature-flag-client-token': 'gitlab-other-token',
    'gitlab-feed-token': 'gitlab-other-token',
    'gitlab-incoming-mail-token': 'gitlab-other-token',
    'gitlab-kubernetes-agent-token': 'gitlab-other-token',
    'gitlab-oauth-app-secret': 'gitlab-other-token',
    'gitlab-pat': 'gitlab-token',
    'gitlab-pat-routable': 'gitlab-token',
    'gitlab-ptt': 'gitlab-other-token',
    'gitlab-rrt': 'gitlab-runner-registration-token',
    'gitlab-runner-authentication-token': 'gitlab-other-token',
    'gitlab-runner-authentication-token-routable': 'gitlab-other-token',
    'gitlab-scim-token': 'gitlab-other-token',
    'gitlab-session-cookie': 'cookie-header',
    'grafana-api-key': 'grafana-api-key',
    'grafana-cloud-api-token': 'grafana-token',
    'grafana-service-account-token': 'grafana-token',
    'harness-api-key': 'harness-token',
    'hashicorp-tf-api-token': 'terraform-cloud-token',
    'heroku-api-key-v2': 'heroku-key',
    'huggingface-access-token': 'huggingface-token',
    'huggingface-organization-api-token': 'huggingface-org-token',
    'infracost-api-token': 'infracost-token',
    'intra42-client-secret': 'intra42-client-secret',
    'jwt': 'jwt',
    'linear-api-key': 'linear-key',
    'mailchimp-api-key': 'mailchimp-key',
    'maxmind-license-key': 'maxmind-license-key',
    'microsoft-teams-webhook': 'teams-webhook',
    'notion-api-token': 'notion-token',
    'npm-access-token': 'npm-token',
    'octopus-deploy-api-key': 'octopus-deploy-key',
    'openai-api-key': 'openai-key',
    'openshift-user-token': 'openshift-token',
    'perplexity-api-key': 'perplexity-key',
    'planetscale-api-token': 'planetscale-token',
    'planetscale-oauth-token': 'planetscale-token',
    'planetscale-password': 'planetscale-token',
    'postman-api-token': 'postman-key',
    'prefect-api-token': 'prefect-token',
    'private-key': 'private-key',
    'pulumi-api-token': 'pulumi-token',
    'pypi-upload-token': 'pypi-token',
    'readme-api-token': 'readme-key',
    'rubygems-api-token': 'rubygems-key',
    'scalingo-api-token': 'scalingo-token',
    'sendgrid-api-token': 'sendgrid-key',
    'sendinblue-api-token': 'sendinblue-key',
    'sentry-org-token': 'sentry-token',
    'sentry-user-token': 'sentry-token',
    'settlemint-application-access-token': 'settlemint-token',
    'settlemint-personal-access-token': 'settlemint-token',
    'settlemint-service-access-token': 'settlemint-token',
    'shippo-api-token': 'shippo-token',
    'shopify-access-token': 'shopify-token',
    'shopify-custom-access-token': 'shopify-token',
    'shopify-private-app-access-token': 'shopify-token',
    'shopify-shared-secret': 'shopify-token',
    'sidekiq-sensitive-url': 'url-password',
    'slack-app-token': 'slack-app-token',
    'slack-bot-token': 'slack-token',
    'slack-config-access-token': 'slack-app-token',
    'slack-config-refresh-token': 'slack-app-token',
    'slack-legacy-bot-token': 'slack-token',
    'slack-legacy-token': 'slack-token',
    'slack-legacy-workspace-token': 'slack-token',
    'slack-user-token': 'slack-token',
    'slack-webhook-url': 'slack-webhook',
    'sourcegraph-access-token': 'sourcegraph-token',
    'square-access-token': 'square-token',
    'stripe-access-token': 'stripe-key',
    'twilio-api-key': 'twilio-api-key',
    'vault-batch-token': 'vault-token',
    'vault-service-token': 'vault-token',
}

# gitleaks finds these by a keyword next to a generic string (`twitter_api_key = ...`):
# in HTTP the value travels in an Authorization or API-key header, a secret query
# parameter or a JSON key, which the header and key rules (and --entropy) cover.
KEYWORD_ONLY = frozenset(
    {
        'adafruit-api-key', 'adobe-client-id', 'airtable-api-key', 'algolia-api-key', 'alibaba-secret-key',
        'asana-client-id', 'asana-client-secret', 'beamer-api-token', 'bitbucket-client-id',
        'bitbucket-client-secret', 'bittrex-access-key', 'bittrex-secret-key', 'cisco-meraki-api-key',
        'cloudflare-api-key', 'cloudflare-global-api-key', 'codecov-access-token', 'cohere-api-token',
        'coinbase-access-token', 'confluent-access-token', 'confluent-secret-key',
        'contentful-delivery-api-token', 'datadog-access-token', 'defined-networking-api-token',
        'discord-api-token', 'discord-client-id', 'discord-client-secret', 'droneci-access-token',
        'dropbox-api-token', 'dropbox-long-lived-api-token', 'dropbox-short-lived-api-token',
        'etsy-access-token', 'facebook-secret', 'fastly-api-token', 'finicity-api-token',
        'finicity-client-secret', 'finnhub-access-token', 'flickr-access-token', 'freshbooks-access-token',
        'generic-api-key', 'gitter-access-token', 'gocardless-api-token', 'heroku-api-key', 'hubspot-api-key',
        'intercom-api-key', 'jfrog-api-key', 'jfrog-identity-token', 'kraken-access-token',
        'kucoin-access-token', 'kucoin-secret-key', 'launchdarkly-access-token', 'linear-client-secret',
        'linkedin-client-id', 'linkedin-client-secret', 'lob-api-key', 'lob-pub-api-key', 'looker-client-id',
        'looker-client-secret', 'mailgun-private-api-token', 'mailgun-pub-key', 'mailgun-signing-key',
        'mapbox-api-token', 'mattermost-access-token', 'messagebird-api-token', 'messagebird-client-id',
        'netlify-access-token', 'new-relic-browser-api-token', 'new-relic-insert-key',
        'new-relic-user-api-id', 'new-relic-user-api-key', 'nytimes-access-token', 'okta-access-token',
        'plaid-api-token', 'plaid-client-id', 'plaid-secret-key', 'privateai-api-token',
        'rapidapi-access-token', 'sendbird-access-id', 'sendbird-access-token', 'sentry-access-token',
        'snyk-api-token', 'sonar-api-token', 'squarespace-access-token', 'sumologic-access-id',
        'sumologic-access-token', 'telegram-bot-api-token', 'travisci-access-token', 'twitch-api-token',
        'twitter-access-secret', 'twitter-access-token', 'twitter-api-key', 'twitter-api-secret',
        'twitter-bearer-token', 'typeform-api-token', 'yandex-access-token', 'yandex-api-key',
        'yandex-aws-access-token', 'zendesk-secret-key',
    }
)

# files, not traffic (PKCS#12, Kubernetes YAML, NuGet config, curl command lines, PHP
# config), or ids and public keys that are not secrets
NOT_IN_HTTP = frozenset(
    {
        'authress-service-client-access-key', 'curl-auth-header', 'curl-auth-user', 'facebook-access-token',
        'flutterwave-public-key', 'freemius-secret-key', 'hashicorp-tf-password', 'jwt-base64',
        'kubernetes-secret-yaml', 'nuget-config-password', 'pkcs12-file', 'sidekiq-secret',
    }
)


def test_every_gitleaks_rule_is_accounted_for_once() -> None:
    groups = [set(GITLEAKS_TO_OURS), set(KEYWORD_ONLY), set(NOT_IN_HTTP)]
    assert sum(len(g) for g in groups) == 222
    assert len(set().union(*groups)) == 222


@pytest.mark.parametrize("theirs", sorted(GITLEAKS_TO_OURS))
def test_the_mapped_rule_exists_and_fires(theirs: str) -> None:
    ours = GITLEAKS_TO_OURS[theirs]
    assert ours in RULE_IDS
    r = rule(ours)
    assert all(fires_on(r, example) for example in r.fires)
    if r.looks_at == "text":
        assert r.literals, ours  # a value-shape rule anchors on its own literal
