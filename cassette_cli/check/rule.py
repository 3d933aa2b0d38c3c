"""What a lint rule is: one unit of data (id, description, default, options, examples)
and the function that finds its problems in one cassette, read once and shared by all.

A rule's `check(context, options)` yields :class:`Hit`: where (an offset into the file,
or a line and column already worked out) and what it says. Everything a hit says comes
from the masked view (`context.masked`, `context.masker`): a finding never prints a
secret, whatever it quotes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..mask import MaskedInteraction, Masker
    from ..model import Cassette
    from ..redact.engine import Plan

__all__ = ["CheckFinding", "CheckRule", "Context", "Hit", "Option", "Options"]

Options = Mapping[str, object]

# the kinds an option's value may have, as TOML gives them
INT = "integer"
INT_LIST = "array of integers"
STRING_LIST = "array of strings"
BOOL = "boolean"


@dataclass(frozen=True)
class Option:
    name: str  # kebab-case, as written in [tool.cassette.check.RULE-ID]
    kind: str  # INT, INT_LIST, STRING_LIST or BOOL
    default: object
    help: str


class Hit(NamedTuple):
    offset: int | None  # into the file's text; None when `place` says where
    text: str  # what is wrong, masked
    location: str  # where in the cassette (interactions[2].response.body)
    place: tuple[int, int] | None = None  # (line, column), when already known
    extra: Mapping[str, object] | None = None  # more fields for --format json
    value: str | None = None  # a secret's own value: only ever hashed, for the baseline


class Context:
    """One cassette as every rule sees it: the model, read once, and its masked view."""

    def __init__(self, cassette: Cassette, masker: Masker) -> None:
        self.cassette = cassette
        self.masker = masker
        self.key = "http_interactions" if cassette.format == "ruby-vcr" else "interactions"

    @cached_property
    def plan(self) -> Plan:
        """What `redact --check` finds in the file (made once: the secret rule reports it,
        and the masked view hides each value it found wherever else it occurs)."""
        from ..redact.engine import plan_redaction

        return plan_redaction(self.cassette, self.masker.policy, rewrite=False, check=False)

    @cached_property
    def masked(self) -> list[MaskedInteraction]:
        known = self.plan.known
        if known is not None:
            self.masker.remember(self.cassette, known)  # the plan's scan, not a second one
        return [self.masker.interaction(self.cassette, i) for i in self.cassette.interactions]

    def where(self, index: int) -> str:
        return f"{self.key}[{index}]"


Check = Callable[[Context, Options], Iterable[Hit]]


@dataclass(frozen=True)
class CheckRule:
    """One lint rule. ``fires``: what it reports; ``quiet``: look-alikes it leaves alone
    (the docs; the table tests build both in every format)."""

    id: str
    description: str
    default: bool  # on unless selected otherwise
    check: Check = field(repr=False)
    options: tuple[Option, ...] = ()
    fires: tuple[str, ...] = ()
    quiet: tuple[str, ...] = ()
    fix: str = ""  # how to fix what it finds (SARIF help)

    def defaults(self) -> dict[str, object]:
        return {o.name: o.default for o in self.options}


@dataclass(frozen=True)
class CheckFinding:
    """One problem found by `cassette check`: where, which rule, and what (masked)."""

    file: str
    line: int
    column: int
    rule: str
    text: str
    location: str
    extra: Mapping[str, object] | None = field(default=None, compare=False)
    value: str | None = field(default=None, repr=False, compare=False)  # never printed

    @property
    def secret(self) -> str:
        """What a baseline entry fingerprints (salted hash): a secret's own value, else
        the finding's (masked) message."""
        return self.value if self.value is not None else self.text

    @property
    def summary(self) -> str:
        return self.text

    @property
    def message(self) -> str:
        return self.text if self.location in self.text else f"{self.text} at {self.location}"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file, "line": self.line, "column": self.column, "rule": self.rule, "message": self.text, "location": self.location}
        if self.extra:
            out.update(self.extra)
        return out


def located(cassette: Cassette, rule: str, hits: Iterable[Hit]) -> list[CheckFinding]:
    """The hits of one rule as findings, their offsets turned into lines and columns."""
    hits = list(hits)
    places = cassette.document.locate(h.offset for h in hits if h.place is None and h.offset is not None)
    out = []
    seen: set[tuple[int, int, str]] = set()
    for h in hits:
        line, column = h.place if h.place is not None else places[h.offset] if h.offset is not None else (1, 1)
        if (line, column, h.text) in seen:
            continue  # the same thing at the same place (a path repeated inside one body)
        seen.add((line, column, h.text))
        out.append(CheckFinding(cassette.path, line, column, rule, h.text, h.location, h.extra, h.value))
    return out
