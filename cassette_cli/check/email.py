"""`email` (opt-in): an e-mail address in a header or a body. The documentation domains
(example.com, .org, .net: RFC 2606) are allowed by default; image names such as
`logo@2x.png` are not addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .places import spell, strings
from .rule import STRING_LIST, CheckRule, Context, Hit, Option, Options
from ..redact.scan import value_offset

ADDRESS = re.compile(r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,24}))(?![\w-])")
NOT_TLDS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "js", "css", "map", "min"})
DEFAULT_ALLOWED = ["example.com", "example.org", "example.net"]


def _allowed(domain: str, allowed: list[str]) -> bool:
    domain = domain.lower()
    return any(domain == a or domain.endswith("." + a) for a in allowed)


def _in_scope(path: tuple[str | int, ...]) -> bool:
    """Headers and bodies only (URLs, methods, the recorder's own fields are not)."""
    return any(p in ("headers", "body", "parsed_body") for p in path if isinstance(p, str))


def shown(address: str, masked: str) -> str:
    """An address shortened for the message: its first character and the domain."""
    if masked != address:
        return masked
    local, _, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


def check(context: Context, options: Options) -> Iterator[Hit]:
    allowed = [a.lower() for a in options["allow-domains"]]  # type: ignore[union-attr]
    mask = context.masker.text
    for path, scalar, text, verbatim in strings(context.cassette.document.root, holding=("@",)):
        if not _in_scope(path):
            continue
        for match in ADDRESS.finditer(text):
            if match.group(2).lower() in NOT_TLDS or _allowed(match.group(1), allowed):
                continue
            offset = value_offset(scalar, match.start()) if verbatim else scalar.start
            yield Hit(offset, f"e-mail address {shown(match.group(), mask(match.group()))} in {spell(path)}", spell(path))


RULE = CheckRule(
    id="email",
    description="an e-mail address in a header or a body (opt-in; example.com/.org/.net allowed)",
    default=False,
    check=check,
    options=(Option("allow-domains", STRING_LIST, DEFAULT_ALLOWED, "domains (and their subdomains) whose addresses are fine"),),
    fires=('{"email": "jane.doe@gmail.com"}', "From: ops@acme.io"),
    quiet=("user@example.com", "logo@2x.png", "git@ in a URL", "an @mention"),
    fix="Replace the address in the recording (a before_record hook, or cassette redact --pattern).",
)
