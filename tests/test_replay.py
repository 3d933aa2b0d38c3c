"""Replay-safe redaction (issue 16): placeholder templates, which findings affect request
matching, and the recorder configuration printed from redacted files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cassette_cli import api
from cassette_cli.replay.matching import affects_matching
from cassette_cli.rules.policy import Policy, render_placeholder

from .conftest import SAMPLES

KEY = "abcd1234secretvalue"
BEARER = "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCD"
PASSWORD = "hunter2secretpw"
TOKEN = "tok_abcdefghijklmnop1234"


def _vcrpy(uri: str, body: str, content_type: str, response: str = "{}") -> bytes:
    return f"""interactions:
- request:
    body: '{body}'
    headers:
      Authorization:
      - Bearer {BEARER}
      Content-Type:
      - {content_type}
    method: POST
    uri: {uri}
  response:
    body:
      string: '{response}'
    headers: {{}}
    status:
      code: 200
      message: OK
version: 1
""".encode()


FORM = _vcrpy(f"http://127.0.0.1:8000/v1/data?api_key={KEY}&x=1", f"user=bob&password={PASSWORD}", "application/x-www-form-urlencoded",
              f'{{"access_token": "{TOKEN}"}}')
JSON_BODY = _vcrpy("http://127.0.0.1:8000/v1/login", f'{{"user": "bob", "password": "{PASSWORD}", "auth": {{"token": "{TOKEN}"}}}}', "application/json")

TEMPLATED = [
    pytest.param(FORM, "<{name}>", ["api_key=%3Capi_key%3E&x=1", "password=%3Cpassword%3E", "Bearer <authorization>", '"access_token": "<access_token>"'], id="url-form-header-json-percent-encoded"),
    pytest.param(FORM, "{rule}-gone", ["api_key=query-param-gone&", "password=form-key-gone'", "Bearer authorization-header-gone", '"access_token": "json-key-gone"'], id="rule-id"),
    pytest.param(FORM, "X_{name}_{rule}", ["api_key=X_api_key_query-param&"], id="both-fields"),
    pytest.param(FORM, None, ["api_key=REDACTED&", "password=REDACTED'", "Bearer REDACTED"], id="default-stays-REDACTED"),
    pytest.param(JSON_BODY, "<{name}>", ['"password": "<password>"', '"token": "<token>"'], id="json-body-nested"),
]


@pytest.mark.parametrize(("data", "template", "expected"), TEMPLATED)
def test_templates_name_what_they_replaced_and_a_second_run_changes_nothing(data: bytes, template: str | None, expected: list[str]) -> None:
    config = {"replacement": template} if template else None
    once = api.redact_bytes(data, config)
    text = once.decode()
    for piece in expected:
        assert piece in text, text
    assert not any(secret in text for secret in (KEY, BEARER, PASSWORD, TOKEN))
    assert api.find_secrets(once, config) == []
    assert api.redact_bytes(once, config) == once


def test_a_template_gives_the_same_placeholder_in_every_file() -> None:
    other = FORM.replace(KEY.encode(), b"zzzz9999anotherkeyvalue")
    config = {"replacement": "<{name}>"}
    assert b"api_key=%3Capi_key%3E" in api.redact_bytes(FORM, config)
    assert b"api_key=%3Capi_key%3E" in api.redact_bytes(other, config)


@pytest.mark.parametrize(("rule", "name", "expected"), [
    ("authorization-header", "Authorization", "<authorization>"),
    ("custom-header", "X-Api-Key", "<x-api-key>"),
    ("openai-key", None, "<openai-key>"),  # no named field: the rule names it
    ("form-key", "pass word!", "<pass_word>"),  # kept to characters every place takes
])
def test_render_placeholder(rule: str, name: str | None, expected: str) -> None:
    assert render_placeholder("<{name}>", rule, name) == expected


def test_a_templated_placeholder_is_kept_as_a_placeholder() -> None:
    policy = Policy(replacement="KEEP-{rule}-{name}")
    assert policy.keeps("KEEP-query-param-api_key")
    assert not policy.keeps("KEEP--api_key")  # a field renders as one character at least
    assert not policy.keeps("KEEP-Query-api_key")  # and in lower case
    assert not policy.keeps("sk-live-realvalue-123456")


def test_a_template_with_an_unknown_field_is_refused(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(FORM)
    result = run("redact", "--replacement", "<{key}>", path)
    assert result.exit_code == 2
    assert "{name} and {rule}" in result.stderr
    assert path.read_bytes() == FORM
    # a template of fields alone would take any lower-case value for a placeholder
    result = run("redact", "--replacement", "{rule}", path)
    assert result.exit_code == 2 and "two characters of its own" in result.stderr
    assert path.read_bytes() == FORM


def test_only_request_url_and_body_findings_affect_matching(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(FORM)
    findings = run("redact", "--check", "--json", path).json()
    marked = {f["rule"]: f.get("affects_matching", False) for f in findings}
    assert marked == {"query-param": True, "form-key": True, "authorization-header": False, "json-key": False}
    reports = api.find_secrets(FORM)
    assert sorted(affects_matching(r) for r in reports) == [False, False, True, True]


def test_redact_warns_for_each_matched_field_and_not_with_quiet(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(JSON_BODY)
    result = run("redact", path)
    assert result.exit_code == 1
    warnings = result.stderr.splitlines()
    assert [w.split(": warning: ")[1].split(" redacted")[0] for w in warnings] == ["JSON body field password", "JSON body field token"]
    assert all(w.startswith(f"{path}:3:") for w in warnings), warnings  # the body line
    assert all(PASSWORD[:5] not in w for w in warnings)
    path.write_bytes(JSON_BODY)
    quiet = run("redact", "--quiet", path)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (1, "", "")
    path.write_bytes(JSON_BODY)
    checked = run("redact", "--check", path)  # --check lists findings; it warns about nothing
    assert ": warning: " not in checked.stderr


def _redacted(tmp_path: Path, data: bytes, name: str = "c.yaml", template: str = "<{name}>") -> Path:
    path = tmp_path / name
    path.write_bytes(api.redact_bytes(data, {"replacement": template}))
    return path


def test_recorder_config_vcrpy_code_builds_a_vcr_with_tuple_filters(tmp_path: Path, run) -> None:
    vcr = pytest.importorskip("vcr")
    path = _redacted(tmp_path, FORM)
    code = run("recorder-config", "--for", "vcrpy", path)
    assert code.exit_code == 0, code.stderr
    scope: dict[str, object] = {}
    exec(compile(code.stdout, "recorder.py", "exec"), scope)  # noqa: S102  (our own output)
    recorder = scope["recorder"]
    assert isinstance(recorder, vcr.VCR)
    assert recorder.filter_query_parameters == [("api_key", "<api_key>")]
    assert recorder.filter_post_data_parameters == [("password", "<password>")]
    assert recorder.filter_headers == [("Authorization", "Bearer <authorization>")]


def test_recorder_config_pytest_recording_fixture_returns_the_json_kwargs(tmp_path: Path, run) -> None:
    path = _redacted(tmp_path, JSON_BODY)
    code = run("recorder-config", "--for", "pytest-recording", path).stdout
    scope: dict[str, object] = {}
    exec(compile(code, "conftest.py", "exec"), scope)  # noqa: S102
    fixture = scope["vcr_config"]
    returned = getattr(fixture, "__wrapped__", fixture)()
    as_json = run("recorder-config", "--for", "pytest-recording", "--json", path).json()
    assert {k: [list(p) for p in v] if isinstance(v, list) else v for k, v in returned.items()} == as_json
    assert as_json["filter_post_data_parameters"] == [["password", "<password>"], ["token", "<token>"]]
    assert as_json["filter_nested_post_data_parameters"] is True  # token sits in a nested object


def test_recorder_config_go_vcr_v4_and_v1_differ_in_imports_and_hooks(tmp_path: Path, run) -> None:
    path = _redacted(tmp_path, FORM)
    v4 = run("recorder-config", "--for", "go-vcr", path).stdout
    v1 = run("recorder-config", "--for", "go-vcr-v1", path).stdout
    assert '"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"' in v4 and "recorder.BeforeSaveHook" in v4 and "RequestURI" in v4
    assert '"github.com/dnaeon/go-vcr/cassette"' in v1 and "AddSaveFilter" in v1 and "RequestURI" not in v1
    for code in (v4, v1):
        assert '"api_key": "%3Capi_key%3E"' in code  # matched as stored: percent-encoded
        assert "func Matcher(r *http.Request, i cassette.Request) bool" in code
        assert "func SaveHook(i *cassette.Interaction) error" in code


def test_recorder_config_ruby_matches_as_stored(tmp_path: Path, run) -> None:
    path = _redacted(tmp_path, FORM)
    code = run("recorder-config", "--for", "ruby-vcr", path).stdout
    assert '"api_key" => "%3Capi_key%3E"' in code and '"password" => "%3Cpassword%3E"' in code
    assert "c.before_http_request" in code


def test_recorder_config_notes_conflicts_and_path_placeholders(tmp_path: Path, run) -> None:
    first = _redacted(tmp_path, FORM, "a.yaml", "<{name}>")
    second = _redacted(tmp_path, FORM, "b.yaml", "REDACTED")
    in_path = tmp_path / "p.yaml"
    in_path.write_bytes(FORM.replace(b"/v1/data?", b"/v1/REDACTED/data?"))
    code = run("recorder-config", "--for", "vcrpy", first, second, in_path).stdout
    assert "query api_key holds different placeholders in different files" in code
    assert "URL paths hold placeholders ('REDACTED')" in code


def test_recorder_config_refuses_bad_options(tmp_path: Path, run) -> None:
    path = _redacted(tmp_path, FORM)
    assert run("recorder-config", "--for", "ruby-vcr", "--json", path).exit_code == 2
    assert run("recorder-config", "--for", "httpretty", path).exit_code == 2
    assert run("recorder-config", "--for", "vcrpy", tmp_path / "missing.yaml").exit_code == 2


def test_recorder_config_of_an_unredacted_file_names_no_secret(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(FORM)
    result = run("recorder-config", "--for", "vcrpy", "--json", path)
    assert result.json() == {"filter_query_parameters": [], "filter_post_data_parameters": [], "filter_headers": []}


def test_recorder_config_on_samples_reads_every_format(tmp_path: Path, run) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("legacy", "record"))
    assert run("redact", "--replacement", "<{name}>", folder).exit_code == 1
    kwargs = run("recorder-config", "--for", "vcrpy", "--json", "--replacement", "<{name}>", folder).json()
    assert ["key", "<key>"] in kwargs["filter_query_parameters"]  # Gemini's ?key=
    assert ["client_secret", "<client_secret>"] in kwargs["filter_post_data_parameters"]
    assert json.dumps(kwargs)  # one JSON object


def test_readme_tuple_one_liner_makes_vcr_filters(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    vcr = pytest.importorskip("vcr")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme[readme.index("## Keeping replay working") :]
    (line,) = [row for row in section.splitlines() if row.startswith("kwargs = {k:")]
    path = _redacted(tmp_path, JSON_BODY)
    (tmp_path / "vcr_filters.json").write_text(run("recorder-config", "--for", "vcrpy", "--json", path).stdout)
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {"json": json, "Path": Path}
    exec(line, scope)  # noqa: S102  (the README's own line)
    recorder = vcr.VCR(**scope["kwargs"])  # type: ignore[arg-type]
    assert recorder.filter_post_data_parameters == [("password", "<password>"), ("token", "<token>")]
    assert recorder.filter_nested_post_data_parameters is True


def test_one_warning_per_field_with_the_places_it_stands_for(tmp_path: Path, run) -> None:
    """An API key in every request's query is one field for a recorder to filter: one
    warning, at its first place, saying how many values it stands for."""
    keys = [f"k{i}-" + "Zq8Wn3Xr5Tv7Yp2Lm4Hs6Jd9" for i in range(40)]
    items = "".join(
        f"- request:\n    body: null\n    headers: {{}}\n    method: GET\n    uri: https://api.example.com/v1/items/{i}?api_key={key}&page={i}\n"
        "  response:\n    body:\n      string: ok\n    headers: {}\n    status:\n      code: 200\n      message: OK\n"
        for i, key in enumerate(keys)
    )
    path = tmp_path / "c.yaml"
    path.write_text(f"interactions:\n{items}version: 1\n")
    result = run("redact", path)
    assert result.exit_code == 1
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"{path}:6:") and ": warning: query parameter api_key redacted (query-param) in 40 places; " in warning
    assert not any(key in result.stdout + result.stderr for key in keys)
    assert f"Redacted 40 values in {path}" in result.stdout
