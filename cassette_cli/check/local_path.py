"""`local-path`: an absolute home-directory path (`/home/NAME/`, `/Users/NAME/`,
`C:\\Users\\NAME\\`) in any string of the cassette: it names the person who recorded it
and ties the test to their machine. A path inside a URL (`https://host/home/feed/`) is
not one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .places import spell, strings
from .rule import STRING_LIST, CheckRule, Context, Hit, Option, Options
from ..redact.scan import value_offset

_POSIX = r"(?:(?<=file://)|(?<![\w.\-/~%@:]))/(?:home|Users)/(?P<posix>[A-Za-z0-9._-]+)/"
_WINDOWS = r"(?<![\w])[A-Za-z]:(?:\\\\|\\|/)Users(?:\\\\|\\|/)(?P<win>[^\\/\s\"'<>|:*?]+)(?:\\\\|\\|/)"
HOME = re.compile(f"{_POSIX}|{_WINDOWS}")
LITERALS = ("/home/", "/Users/", "Users\\", "Users/")
# What in a file's text could stand for a home path in one of its strings: a literal, an
# escape that writes one of the literals' characters (`\/`, `\x2F`, `\u0068`, ...), a
# line continued inside a double-quoted scalar, or bytes stored as base64. A file holding
# none of these has no home path in any string, and its strings are not walked.
MAY_HOLD = r"/home/|/Users/|Users[\\/]|\\(?:/|[\r\n]|(?:x|u00|U000000)(?:2[fF]|5[5cC]|6[5dDfF8]|7[23]))|!binary|base64_string"  # searched for in the file's bytes (Document.holds)


def check(context: Context, options: Options) -> Iterator[Hit]:
    allowed = set(options["allow-names"])  # type: ignore[call-overload]
    mask = context.masker.text
    if not context.cassette.document.holds(MAY_HOLD):
        return
    for path, scalar, text, verbatim in strings(context.cassette.document.root, holding=LITERALS):
        for match in HOME.finditer(text):
            name = match.group("posix") or match.group("win")
            if name in allowed:
                continue
            offset = value_offset(scalar, match.start()) if verbatim else scalar.start
            yield Hit(offset, f"home directory path {mask(match.group())} in {spell(path)}", spell(path), extra={"path": mask(match.group())})


RULE = CheckRule(
    id="local-path",
    description="an absolute home path (/home/NAME/, /Users/NAME/, C:\\Users\\NAME\\) in any string",
    default=True,
    check=check,
    options=(Option("allow-names", STRING_LIST, [], "user names whose home paths are fine (e.g. a CI runner's)"),),
    fires=('{"cwd": "/home/alice/project"}', "User-Agent: tool (/Users/bob/.venv/bin/python)", '"C:\\\\Users\\\\carol\\\\app"'),
    quiet=("https://example.com/home/feed/", "/home/ alone", "/usr/local/bin", "/home/runner/ with allow-names = ['runner']"),
    fix="Replace the path (cassette redact --pattern '/home/[^/]+/' or a before_record hook) and record again.",
)
