"""Ruby VCR: a file a suite loads after its own `VCR.configure`, whose
`before_http_request` hook rewrites the live request's redacted fields to the placeholders
stored in the cassettes.

`filter_sensitive_data` cannot do this without the secret: it puts the real value back into
the cassette on playback and never touches the live request. The hook gets the
`VCR::Request` the request matchers compare (the one VCR records too); the request sent to
a real server is built from WebMock's signature and keeps the real value. Fields are
rewritten in the text, as stored, so every other byte of the URI and body stays as sent."""

from __future__ import annotations

import json

from .fields import ReplayFields

__all__ = ["ruby_code"]


def _ruby_string(value: str) -> str:
    """A double-quoted Ruby literal (JSON escapes are Ruby escapes; `#` must not interpolate)."""
    return json.dumps(value).replace("#", "\\#")


def _table(name: str, pairs: dict[str, str]) -> list[str]:
    if not pairs:
        return [f"  {name} = {{}}.freeze"]
    rows = [f"    {_ruby_string(k)} => {_ruby_string(v)}," for k, v in pairs.items()]
    return [f"  {name} = {{", *rows, "  }.freeze"]


def ruby_code(fields: ReplayFields, count: int) -> str:
    query = {n: fields.raw.get(f"query {n}", v) for n, v in fields.query.items()}
    form = {n: fields.raw.get(f"form {n}", v) for n, v in fields.form.items()}
    json_fields = {n: fields.raw.get(f"JSON {n}", json.dumps(v)) for n, v in {**fields.json, **fields.nested_json}.items()}
    lines = [
        f"# Made by `cassette recorder-config --for ruby-vcr` from {count} cassette{'s' if count != 1 else ''}.",
        "# Load it after your VCR.configure block. Its before_http_request hook rewrites the",
        "# redacted query, form and JSON fields of each live request to the placeholders the",
        "# cassettes hold, so the request matchers (and a re-recording) see what is stored.",
        "# No secret is needed: CI can replay with none set.",
    ]
    for conflict in fields.conflicts:
        lines.append(f"# {conflict} holds different placeholders in different files; the first is used.")
    lines += [
        "module CassetteReplay",
        "  # name => the value as the cassettes store it (percent-encoded, or a JSON literal)",
        *_table("QUERY", query),
        *_table("FORM", form),
        *_table("JSON_FIELDS", json_fields),
        *_table("HEADERS", dict(fields.headers)),
        "",
        "  def self.pairs(text, table)",
        "    table.reduce(text) do |out, (name, value)|",
        "      out.gsub(/(\\A|[?&])#{Regexp.escape(name)}=[^&#]*/) { \"#{$1}#{name}=#{value}\" }",
        "    end",
        "  end",
        "",
        "  def self.json_fields(text)",
        "    JSON_FIELDS.reduce(text) do |out, (name, literal)|",
        "      out.gsub(/(\"#{Regexp.escape(name)}\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"/) { \"#{$1}#{literal}\" }",
        "    end",
        "  end",
        "",
        "  def self.rewrite(request)",
        "    request.uri = pairs(request.uri, QUERY) unless QUERY.empty?",
        "    body = request.body.to_s",
        "    unless body.empty?",
        "      body = json_fields(body) unless JSON_FIELDS.empty?",
        "      body = pairs(body, FORM) unless FORM.empty? || body.lstrip.start_with?(\"{\", \"[\")",
        "      request.body = body",
        "    end",
        "    HEADERS.each do |name, value|",
        "      key = request.headers.keys.find { |k| k.casecmp?(name) }",
        "      request.headers[key] = [value] if key",
        "    end",
        "  end",
        "end",
        "",
        "VCR.configure do |c|",
        "  c.before_http_request { |request| CassetteReplay.rewrite(request) }",
        "end",
    ]
    return "\n".join(lines) + "\n"
