"""go-vcr: a Go file with a matcher that rewrites the live request's redacted fields to the
stored placeholders before comparing, and a save hook doing the same to what gets recorded.

Both APIs take a `func(*http.Request, cassette.Request) bool` matcher through
`Recorder.SetMatcher`; v1 (github.com/dnaeon/go-vcr, format 1) compares method and URL by
default and takes the hook as `AddSaveFilter(func(*cassette.Interaction) error)`; v4
(gopkg.in/dnaeon/go-vcr.v4) takes it as `recorder.WithHook(fn, recorder.BeforeSaveHook)`."""

from __future__ import annotations

import json

from .fields import ReplayFields

__all__ = ["IMPORTS", "go_code"]

IMPORTS = {
    "v1": "github.com/dnaeon/go-vcr/cassette",
    "v4": "gopkg.in/dnaeon/go-vcr.v4/pkg/cassette",
}
_USE = {
    "v1": ["//\tr.SetMatcher(cassettereplay.Matcher) // or BodyMatcher when bodies are matched", "//\tr.AddSaveFilter(cassettereplay.SaveHook)"],
    "v4": [
        "//\tr, _ := recorder.New(recorder.WithCassette(name), recorder.WithHook(cassettereplay.SaveHook, recorder.BeforeSaveHook))",
        "//\tr.SetMatcher(cassettereplay.Matcher) // or BodyMatcher when bodies are matched",
    ],
}


def _go_map(name: str, pairs: dict[str, str]) -> list[str]:
    rows = [f"\t{json.dumps(k)}: {json.dumps(v)}," for k, v in pairs.items()]
    return [f"var {name} = map[string]string{{", *rows, "}"]


def go_code(fields: ReplayFields, count: int, api: str = "v4") -> str:
    query = {n: fields.raw.get(f"query {n}", v) for n, v in fields.query.items()}
    form = {n: fields.raw.get(f"form {n}", v) for n, v in fields.form.items()}
    json_fields = {n: fields.raw.get(f"JSON {n}", json.dumps(v)) for n, v in {**fields.json, **fields.nested_json}.items()}
    request_uri = ["\ti.Request.RequestURI = rewriteURL(i.Request.RequestURI)"] if api == "v4" else []
    lines = [
        f"// Made by `cassette recorder-config --for go-vcr{'-v1' if api == 'v1' else ''}` from {count} cassette{'s' if count != 1 else ''} (go-vcr {api} API).",
        "// Matcher rewrites the redacted fields of the live request to the placeholders the",
        "// cassettes hold, then compares method and URL; SaveHook does the same to what is saved.",
        "// No secret is needed: CI can replay with none set. Use it as:",
        *_USE[api],
    ]
    for conflict in fields.conflicts:
        lines.append(f"// {conflict} holds different placeholders in different files; the first is used.")
    lines += [
        "package cassettereplay",
        "",
        "import (",
        '\t"bytes"',
        '\t"io"',
        '\t"net/http"',
        '\t"regexp"',
        '\t"strings"',
        "",
        f'\t"{IMPORTS[api]}"',
        ")",
        "",
        "// name -> the value as the cassettes store it (percent-encoded, or a JSON literal)",
        *_go_map("query", query),
        *_go_map("form", form),
        *_go_map("formValues", dict(fields.form)),
        *_go_map("jsonFields", json_fields),
        *_go_map("headers", dict(fields.headers)),
        "",
        "func literal(s string) string { return strings.ReplaceAll(s, \"$\", \"$$\") }",
        "",
        "func pairs(text string, table map[string]string) string {",
        "\tfor name, value := range table {",
        "\t\tre := regexp.MustCompile(`(^|[?&])` + regexp.QuoteMeta(name) + `=[^&#]*`)",
        "\t\ttext = re.ReplaceAllString(text, \"${1}\"+literal(name)+\"=\"+literal(value))",
        "\t}",
        "\treturn text",
        "}",
        "",
        "func rewriteURL(u string) string { return pairs(u, query) }",
        "",
        "func rewriteBody(body string) string {",
        "\tfor name, value := range jsonFields {",
        "\t\tre := regexp.MustCompile(`(\"` + regexp.QuoteMeta(name) + `\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"`)",
        "\t\tbody = re.ReplaceAllString(body, \"${1}\"+literal(value))",
        "\t}",
        "\ttrimmed := strings.TrimSpace(body)",
        "\tif !strings.HasPrefix(trimmed, \"{\") && !strings.HasPrefix(trimmed, \"[\") {",
        "\t\tbody = pairs(body, form)",
        "\t}",
        "\treturn body",
        "}",
        "",
        "func readBody(r *http.Request) string {",
        "\tif r.Body == nil || r.Body == http.NoBody {",
        '\t\treturn ""',
        "\t}",
        "\tdata, _ := io.ReadAll(r.Body)",
        "\tr.Body.Close()",
        "\tr.Body = io.NopCloser(bytes.NewReader(data))",
        "\treturn string(data)",
        "}",
        "",
        "// Matcher compares method and URL (go-vcr v1's default) after the rewrite.",
        "func Matcher(r *http.Request, i cassette.Request) bool {",
        "\treturn r.Method == i.Method && rewriteURL(r.URL.String()) == i.URL",
        "}",
        "",
        "// BodyMatcher compares the body too, after the rewrite.",
        "func BodyMatcher(r *http.Request, i cassette.Request) bool {",
        "\treturn Matcher(r, i) && rewriteBody(readBody(r)) == i.Body",
        "}",
        "",
        "// SaveHook writes the placeholders into what a (re-)recording saves.",
        "func SaveHook(i *cassette.Interaction) error {",
        "\ti.Request.URL = rewriteURL(i.Request.URL)",
        *request_uri,
        "\ti.Request.Body = rewriteBody(i.Request.Body)",
        "\tfor name, value := range formValues {",
        "\t\tif _, ok := i.Request.Form[name]; ok {",
        "\t\t\ti.Request.Form[name] = []string{value}",
        "\t\t}",
        "\t}",
        "\tfor name, value := range headers {",
        "\t\tif i.Request.Headers.Get(name) != \"\" {",
        "\t\t\ti.Request.Headers.Set(name, value)",
        "\t\t}",
        "\t}",
        "\treturn nil",
        "}",
    ]
    return "\n".join(lines) + "\n"
