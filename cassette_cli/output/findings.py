"""The findings of `redact --check` and `cassette check`, written where people and CI look
for them.

- text: `PATH:LINE:COL: RULE: summary` (for a secret: `detail (value: preview)`), one
  line each (editors jump to it);
- json: one array of the findings' `to_json()` objects, with `"affects_matching": true`
  on those in fields recorders match requests on (replay/matching.py);
- github: workflow commands (`::error file=…,line=…,col=…,title=RULE::…`), which GitHub
  Actions shows as annotations on the lines of the diff;
- sarif: one SARIF 2.1.0 log, for code scanning.

Pure: findings in (anything shaped like :class:`Located`: a redact `Report`, a check
`CheckFinding`), text out through a `write` callable. Only a finding's preview is ever
written, never its secret. Rule descriptions come through :func:`rule_text` alone, or
the `describe` callable a writer is given (cassette check's rules)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Callable, Mapping, NamedTuple, Protocol
from urllib.parse import quote

from .. import __version__
from ..replay.matching import affects_matching
from ..rules import registry
from ..rules.rule import ANY_TEXT, FORM_KEY, HEADER, JSON_KEY, QUERY
from .json_out import write_json

if TYPE_CHECKING:
    from ..rules.policy import Policy

__all__ = ["FORMATS", "FindingsWriter", "Located", "RuleText", "github_command", "rule_text", "sarif_log", "text_line", "writer"]

FORMATS = ("text", "json", "github", "sarif")

Write = Callable[[str], object]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "cassette"
SOURCE_ROOT = "%SRCROOT%"  # relative URIs are relative to it: the folder the command ran in
FIX_HELP = (
    "Run `cassette redact FILE`: it replaces the secret and leaves every other byte of the file "
    "as it was. If the value is no secret, keep it with `--allow VALUE` or `allow = [...]` in "
    "[tool.cassette.redact], or turn the rule off with `--disable RULE-ID`."
)


class Located(Protocol):
    """What a writer needs of a finding: where it is, its rule, and what it says (masked)."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def rule(self) -> str: ...
    @property
    def summary(self) -> str: ...  # after `RULE: ` on a text line
    @property
    def message(self) -> str: ...  # an annotation's text: the summary and where in the cassette

    def to_json(self) -> dict[str, object]: ...


class RuleText(NamedTuple):
    id: str
    short: str  # one line
    full: str  # what the rule looks at and what it replaces
    help: str = FIX_HELP  # how to fix what it finds


_LOOKS_AT = {
    HEADER: "header values, request and response",
    QUERY: "the query of every URL stored",
    JSON_KEY: "JSON bodies at any depth (event-stream data: JSON included)",
    FORM_KEY: "form bodies and go-vcr's form map",
    ANY_TEXT: "every string of a cassette (headers, URLs, bodies)",
}


def rule_text(rule_id: str, policy: Policy | None = None) -> RuleText:
    """The description of a rule, from the registry: the one place output reads rule
    metadata. Patterns added by configuration are described by the policy holding them."""
    try:
        rule = registry.rule(rule_id)
        description, looks_at, origin = rule.description, rule.looks_at, ""
    except KeyError:
        described = {p.id: p.description for p in policy.patterns} if policy is not None else {}
        description, looks_at, origin = described.get(rule_id, rule_id), ANY_TEXT, "A pattern of the configuration. "
    short = description[:1].upper() + description[1:]
    return RuleText(rule_id, short, f"{short}. {origin}Looks at {_LOOKS_AT[looks_at]}; only the secret is replaced.")


def message(report: Located) -> str:
    """What a finding says, without its file and position: never the secret, only its preview."""
    return report.message


def text_line(report: Located) -> str:
    return f"{report.file}:{report.line}:{report.column}: {report.rule}: {report.summary}\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(report: Located) -> str:
    """One `::error` workflow command, escaped as GitHub's toolkit escapes them."""
    properties = f"file={_escape_property(report.file)},line={report.line},col={report.column},title={_escape_property(report.rule)}"
    return f"::error {properties}::{_escape_data(message(report))}\n"


def artifact_uri(path: str, root: str) -> tuple[str, bool]:
    """A file's URI for SARIF, and whether it is relative to `root` (the source root):
    relative with forward slashes where the file lies under root, else a file: URI."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(root))
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        return quote(PurePath(relative).as_posix()), True
    return PurePath(absolute).as_uri(), False


def sarif_log(reports: "list[Located]", *, root: str = ".", described: Mapping[str, RuleText] | None = None, information_uri: str | None = None) -> dict[str, object]:
    """A SARIF 2.1.0 log of one run: the rules that fired (sorted by id) and one result per
    finding. Columns count code points; files under `root` are named relative to it.
    `described`: rule texts already worked out (with the policy of the file that fired)."""
    rule_ids = sorted({r.rule for r in reports})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = []
    for rule_id in rule_ids:
        text = (described or {}).get(rule_id) or rule_text(rule_id)
        rules.append(
            {
                "id": rule_id,
                "shortDescription": {"text": text.short},
                "fullDescription": {"text": text.full},
                "help": {"text": text.help},
                "defaultConfiguration": {"level": "error"},
            }
        )
    results = []
    for r in reports:
        uri, relative = artifact_uri(r.file, root)
        location: dict[str, object] = {"uri": uri, "uriBaseId": SOURCE_ROOT} if relative else {"uri": uri}
        results.append(
            {
                "ruleId": r.rule,
                "ruleIndex": index[r.rule],
                "level": "error",
                "message": {"text": message(r)},
                "locations": [{"physicalLocation": {"artifactLocation": location, "region": {"startLine": r.line, "startColumn": r.column}}}],
            }
        )
    driver: dict[str, object] = {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__}
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = rules
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def home_page() -> str | None:
    """The project's home page from the installed package's metadata (Project-URL), if any."""
    from importlib import metadata

    try:
        urls = metadata.metadata("cassette-cli").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return None


@dataclass
class FindingsWriter:
    """Writes findings in one format as they come, file after file; `close` ends the output."""

    kind: str
    write: Write
    root: str = "."
    describe: Callable[[str, "Policy | None"], RuleText] = rule_text  # a rule's text, by its id

    def __post_init__(self) -> None:
        if self.kind not in FORMATS:
            raise ValueError(f"unknown findings format {self.kind!r} (known: {', '.join(FORMATS)})")
        self.count = 0
        self._held: list[Located] = []  # SARIF is one document: written at the end
        self._described: dict[str, RuleText] = {}
        if self.kind == "json":
            self.write("[")

    def add(self, report: Located, policy: Policy | None = None) -> None:
        """One finding, under the policy of its file (which describes configured patterns)."""
        if self.kind == "text":
            self.write(text_line(report))
        elif self.kind == "github":
            self.write(github_command(report))
        elif self.kind == "json":
            found = report.to_json()
            if affects_matching(report):
                found["affects_matching"] = True  # replay needs the recorder to filter it too
            encoded: list[str] = [", "] if self.count else []
            write_json(found, encoded.append)
            self.write("".join(encoded))  # whole or not at all: a bug halfway leaves no half item
        else:
            self._held.append(report)
            if report.rule not in self._described:
                self._described[report.rule] = self.describe(report.rule, policy)
        self.count += 1

    def close(self) -> None:
        if self.kind == "json":
            self.write("]\n")
        elif self.kind == "sarif":
            log = sarif_log(self._held, root=self.root, described=self._described, information_uri=home_page())
            self.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def writer(kind: str, write: Write, *, root: str = ".", describe: Callable[[str, "Policy | None"], RuleText] | None = None) -> FindingsWriter:
    """The writer of one findings format (one of FORMATS); `describe` gives a rule's text
    (by default :func:`rule_text`, the redaction rules')."""
    return FindingsWriter(kind, write, root, describe or rule_text)
