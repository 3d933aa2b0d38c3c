"""Redaction rules as data: one unit per rule, a registry, and the scanners that apply them.

A rule (rule.py) says what it looks at (a header, a query parameter, a JSON or form key, or
any text), the literal keywords its regex needs, and examples it must and must not fire
on. The registry (registry.py) lists every unit; the scanners (strings, urls, json_body,
forms, streams, bodies) take a decoded value and a Policy and return Findings: spans into
the value they were given, each with the text that replaces it. Nothing here knows about
YAML or files.

This package imports nothing on its own: import the module you need.
"""
