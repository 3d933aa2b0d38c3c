"""URLs and ``name=value`` pairs: secret query parameters, and key shapes behind
percent-encoding.

The values of secret query parameters (``policy.query_params``, names compared
case-insensitively after percent-decoding) are replaced, raw and whole, by the
percent-encoded replacement; ``&`` and ``;`` both separate parameters; the fragment is
never touched. Patterns run on the rest of the URL and on percent-decoded query values.
The same walk over pairs serves form bodies (forms.py)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from urllib.parse import quote, unquote, unquote_plus

from .finding import Finding, splice
from .keys import QUERY_PARAM_RULE
from .policy import Policy
from .patterns import PATTERN_TRIGGER
from .strings import find_patterns

__all__ = ["URL_SAFE", "pair_findings", "percent_decode_map", "redact_url", "url_findings", "url_replacement"]

# Characters left as they are when the replacement goes into a URL query value.
URL_SAFE = "-._~!$'()*,:@/"
HEX = frozenset("0123456789abcdefABCDEF")


def percent_decode_map(raw: str, *, plus: bool) -> tuple[str, list[int]]:
    """Decode ``raw`` like ``unquote``/``unquote_plus``, recording where each
    decoded character starts in ``raw`` (plus a final entry ``len(raw)``)."""
    chars: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == "%" and i + 2 < n and raw[i + 1] in HEX and raw[i + 2] in HEX:
            decoder = codecs.getincrementaldecoder("utf-8")("replace")
            pending: int | None = None
            while i + 2 < n and raw[i] == "%" and raw[i + 1] in HEX and raw[i + 2] in HEX:
                if pending is None:
                    pending = i
                out = decoder.decode(bytes([int(raw[i + 1 : i + 3], 16)]))
                chars.extend(out)
                offsets.extend([pending] * len(out))
                if out:
                    pending = None
                i += 3
            out = decoder.decode(b"", final=True)
            chars.extend(out)
            offsets.extend([pending if pending is not None else i] * len(out))
        else:
            chars.append(" " if plus and c == "+" else c)
            offsets.append(i)
            i += 1
    offsets.append(n)
    return "".join(chars), offsets


def _decoded_patterns(raw: str, offset: int, policy: Policy, new: str, plus: bool) -> list[Finding]:
    """Pattern findings in the percent-decoded form of ``raw`` (which starts at
    ``offset`` in the caller's text), mapped back to raw spans."""
    decoded, offsets = percent_decode_map(raw, plus=plus)
    if decoded == raw:
        return []
    found = []
    for f in find_patterns(decoded, policy):
        start, end = offset + offsets[f.start], offset + offsets[f.end]
        secret = raw[offsets[f.start] : offsets[f.end]]
        found.append(Finding(f.rule, start, end, secret, f.detail, new))
    return found


def taken(found: Sequence[Finding]) -> list[tuple[int, int]]:
    """The spans already claimed by ``found``."""
    return [(f.start, f.end) for f in found]


def pair_findings(
    text: str,
    start: int,
    end: int,
    pair_re: re.Pattern[str],
    policy: Policy,
    new: str,
    *,
    plus: bool,
    rule: str,
    what: str,
    secret: Callable[[str, str], bool],
) -> list[Finding]:
    """Findings in the `name=value` pairs of text[start:end] (a query string, a form body):
    a value whose name is `secret` is replaced whole; in the others, key shapes are
    looked for in the percent-decoded value (`+` a space with `plus`)."""
    unquote_value = unquote_plus if plus else unquote
    found: list[Finding] = []
    decoded: list[Finding] = []
    pos = start
    while pos <= end:
        m = pair_re.match(text, pos, end)
        assert m is not None  # the pattern matches the empty string
        value = m.group(2)
        if value:
            vstart, vend = m.span(2)
            name = unquote_plus(m.group(1))
            if secret(name, value):
                if not (policy.keeps(value) or policy.keeps(unquote_value(value))):
                    found.append(Finding(rule, vstart, vend, value, f"{what} {name}", new))
            else:
                decoded += _decoded_patterns(value, vstart, policy, new, plus)
        pos = m.end() + 1
    for f in decoded:
        if not any(f.start < t.end and t.start < f.end for t in found):
            found.append(f)
    return found


_QUERY_PAIR_RE = re.compile(r"([^&;=#]*)(?:=([^&;#]*))?")


@lru_cache(maxsize=16)
def url_replacement(replacement: str) -> str:
    """The replacement as written in a URL (percent-encoded where it must be)."""
    return quote(replacement, safe=URL_SAFE)


def url_findings(url: str, policy: Policy) -> list[Finding]:
    """Secret query parameter values, URL passwords and key shapes in ``url``, in order."""
    q = url.find("?")
    if q < 0 and not policy.custom_patterns and PATTERN_TRIGGER.search(url) is None:
        return []  # no query and no key shape's literal: nothing to find
    new = url_replacement(policy.replacement)
    found: list[Finding] = []
    if q >= 0:
        fragment = url.find("#", q)
        rule = QUERY_PARAM_RULE.id
        secret_params = policy.query_params if policy.enabled(rule) else frozenset()
        found = pair_findings(
            url, q + 1, fragment if fragment >= 0 else len(url), _QUERY_PAIR_RE, policy, new,
            plus=False, rule=rule, what="query parameter",
            secret=lambda name, value: name.lower() in secret_params,
        )
    found += find_patterns(url, policy, replacement=new, taken=taken(found))
    return sorted(found, key=lambda f: f.start)


def redact_url(url: str, policy: Policy) -> tuple[str, list[Finding]]:
    """Redact secret query parameter values, URL passwords and key shapes in ``url``."""
    found = url_findings(url, policy)
    return (splice(url, found) if found else url), found
