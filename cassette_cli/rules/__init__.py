"""Redaction rules as data: one unit per rule, a registry, and the scanners that apply them.

    rule.py       what a rule is: id, description, what it looks at, literals, examples
    patterns.py   the value-shape rules (one unit each) and the trigger built from their literals
    headers.py    the header rules: names covered, and which part of a value is the secret
    keys.py       the rules by name: query parameters, JSON keys, form keys; default names
    registry.py   every rule; RULE_IDS
    finding.py    Finding (a span, the secret, its replacement), preview, splice
    policy.py     Policy (the configured names, patterns, allow list, disabled rules), placeholders
    strings.py    scan any string for patterns; scan a header value
    urls.py       scan a URL; the name=value walk shared with forms
    json_body.py  scan JSON text in place (tokens from document.json_tokens)
    forms.py      scan a form body or a go-vcr form value
    streams.py    scan an event stream or NDJSON, line by line
    bodies.py     scan a body: which scanner, by content type and shape
    examples.py   run a rule on its examples (the registry test)

Scanners take a decoded value and a Policy and return Findings: spans into the value they
were given, each with the text that replaces it. Nothing here knows about YAML or files.
This package imports nothing on its own: import the module you need.
"""
