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

from .entropy import ENTROPY_RULE, entropy_header_findings, high_entropy, non_secret_key
from .finding import Finding, splice
from .keys import QUERY_PARAM_RULE
from .policy import Policy
from .patterns import PATTERN_TRIGGER
from .strings import find_patterns, redact_header

__all__ = [
    "URL_SAFE",
    "header_findings",
    "pair_findings",
    "percent_decode_map",
    "redact_header_value",
    "redact_string",
    "redact_url",
    "text_findings",
    "url_findings",
    "url_replacement",
]

# Characters left as they are when the replacement goes into a URL query value.
URL_SAFE = "-._~!$'()*,:@/"
HEX = frozenset("0123456789abcdefABCDEF")


# an escape run: %XX one after another (decoded together: a UTF-8 character may span them);
# spelled with the literal first, so the engine searches for "%" (a leading group made it
# try the whole pattern at every character: 2 ms instead of 0.03 ms on a 95 kB body)
_ESCAPE_RUN_RE = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")


def percent_decode_map(raw: str, *, plus: bool, offsets: bool = True) -> tuple[str, list[int]]:
    """Decode ``raw`` like ``unquote``/``unquote_plus``, recording where each
    decoded character starts in ``raw`` (plus a final entry ``len(raw)``). Text between
    escapes is copied a run at a time (a 10 MB body with a few escapes: milliseconds).
    With ``offsets=False`` the same text, without the offsets (an empty list)."""
    chars: list[str] = []
    places: list[int] = []
    extend = places.extend if offsets else _ignore
    at = 0
    for m in _ESCAPE_RUN_RE.finditer(raw) if "%" in raw else ():
        start, end = m.span()
        if start > at:
            plain = raw[at:start]
            chars.append(plain.replace("+", " ") if plus else plain)
            extend(range(at, start))
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        pending: int | None = None
        for i in range(start, end, 3):
            if pending is None:
                pending = i
            out = decoder.decode(bytes([int(raw[i + 1 : i + 3], 16)]))
            chars.append(out)
            extend([pending] * len(out))
            if out:
                pending = None
        out = decoder.decode(b"", final=True)
        chars.append(out)
        extend([pending if pending is not None else end] * len(out))
        at = end
    if at < len(raw):
        plain = raw[at:]
        chars.append(plain.replace("+", " ") if plus else plain)
        extend(range(at, len(raw)))
    extend((len(raw),))
    return "".join(chars), places


def _ignore(_: object) -> None:
    """Stands for the offsets' extend when no offsets are wanted."""


def _decoded_patterns(raw: str, offset: int, policy: Policy, new: str, plus: bool) -> list[Finding]:
    """Pattern findings in the percent-decoded form of ``raw`` (which starts at
    ``offset`` in the caller's text), mapped back to raw spans."""
    decoded, offsets = percent_decode_map(raw, plus=plus)
    if decoded == raw:
        return []
    found = []
    inner = text_findings(decoded, policy) if "://" in decoded else find_patterns(decoded, policy)
    for f in inner:
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
                before = len(decoded)
                decoded += _decoded_patterns(value, vstart, policy, new, plus)
                if len(decoded) == before and policy.enabled(ENTROPY_RULE.id) and not non_secret_key(name) and high_entropy(unquote_value(value)):
                    decoded.append(Finding(ENTROPY_RULE.id, vstart, vend, value, f"high-entropy {what} value {name}", new))
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


# URLs whose findings are kept (URLs longer are rare to repeat), and how many are kept.
MEMO_URL_MAX = 4096
MEMO_SIZE = 20_000


def url_findings(url: str, policy: Policy) -> list[Finding]:
    """Secret query parameter values, URL passwords and key shapes in ``url``, in order."""
    if len(url) > MEMO_URL_MAX:
        return _url_findings(url, policy)
    memo = policy.url_memo
    known = memo.get(url)
    if known is None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        known = memo[url] = tuple(_url_findings(url, policy))
    return list(known)


def _url_findings(url: str, policy: Policy) -> list[Finding]:
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


# A URL inside text (HTML, a log line, a header like Location or Link): up to white
# space, a quote, an angle bracket or a backslash; trailing punctuation is not part of it.
_EMBEDDED_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>`\\]+")
_TRAILING = ".,:!?)]}'"


def embedded_url_findings(text: str, policy: Policy) -> list[Finding]:
    """The URL findings (secret query values, key shapes) of every URL with a query
    inside ``text``, as spans of ``text``."""
    found: list[Finding] = []
    if "://" not in text or "?" not in text:
        return found
    for m in _EMBEDDED_URL_RE.finditer(text):
        url = m.group().rstrip(_TRAILING)
        if "?" in url:
            found += [f.shifted(m.start()) for f in url_findings(url, policy)]
    return found


def text_findings(text: str, policy: Policy) -> list[Finding]:
    """Any string: the query of every URL in it, then the patterns on the rest. In order."""
    found = embedded_url_findings(text, policy)
    found += find_patterns(text, policy, taken=taken(found))
    return sorted(found, key=lambda f: f.start)


def redact_string(text: str, policy: Policy) -> tuple[str, list[Finding]]:
    """Redact any string: URLs inside it, and the patterns (see :func:`text_findings`)."""
    found = text_findings(text, policy)
    return (splice(text, found) if found else text), found


def header_findings(name: str, value: str, policy: Policy) -> list[Finding]:
    """A header's findings (strings.redact_header), plus the query of every URL in its
    value (Location, Link, Content-Location, Refresh, any other)."""
    found = redact_header(name, value, policy)[1]
    if value in policy.allow:
        return found
    extra = embedded_url_findings(value, policy) if "://" in value else []
    if policy.enabled(ENTROPY_RULE.id) and not found:
        extra += entropy_header_findings(name, value, policy.replacement)
    extra = [f for f in extra if not any(f.start < t.end and t.start < f.end for t in found)]
    return sorted(found + extra, key=lambda f: f.start) if extra else found


def redact_header_value(name: str, value: str, policy: Policy) -> tuple[str, list[Finding]]:
    """Redact one header value (see :func:`header_findings`)."""
    found = header_findings(name, value, policy)
    return (splice(value, found) if found else value), found
