"""Plan the redaction of one cassette: which scalars change, to what, and the spliced text.

Pure: reads a Cassette, returns a Plan. Every changed scalar is re-emitted in its own
style (cassette_cli.emit) and spliced in; every other character stays. The new text is
composed again and compared, scalar by scalar, with what was intended before anyone
writes it."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterator

from ..model import Cassette
from ..rules.policy import Policy
from ..document import Edit, Node, apply_edits
from ..document.file_bytes import Piece, joined
from .patch import PATCH_MIN
from .propagate import Known, spread
from .scan import Change, Planner, Report, scan_big_bodies

if TYPE_CHECKING:
    from ..document.verify import Expectation

__all__ = ["Change", "Plan", "Report", "plan_redaction"]


@dataclass
class Plan:
    cassette: Cassette
    changes: list[Change]
    reports: list[Report]
    edits: list[Edit] = field(default_factory=list)
    known: Known | None = field(default=None, repr=False)  # the values found, for a Masker's view of the file

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    @property
    def patched(self) -> bool:
        return any(c.patches is not None for c in self.changes)

    @cached_property
    def new_text(self) -> str:
        """The whole new text (the old one when nothing changes); made once: --diff checks
        it and then shows it."""
        return apply_edits(self.cassette.text, self.edits)

    def chunks(self) -> Iterator[Piece]:
        """The new file's bytes, a piece at a time (document.splice: the old bytes between
        the edits are never copied)."""
        from ..document import splice

        pieces = splice(self.cassette.document, self.edits)
        if self.cassette.compression == "gzip":
            from ..formats.container import deflate

            return iter([deflate(joined(pieces))])  # the YAML inside keeps every other byte
        return pieces

    def verify(self, pieces: list[Piece] | None = None, started: Callable[[], object] | None = None) -> None:
        """Read the new file back (its bytes in pieces, or else the new text) and check it
        means what was intended. Raises VerificationError. `started`: see document.verify."""
        from ..document.verify import verify

        if pieces is not None and self.cassette.compression == "gzip":
            from ..formats.container import inflate

            pieces = [inflate(joined(pieces), self.cassette.path)]
        if self.cassette.format == "httprr":
            from ..formats.httprr_edits import verify as verify_trace

            new = joined(pieces) if pieces is not None else self.new_text.encode("utf-8", "surrogatepass")
            if started is not None:
                started()
            verify_trace(self.cassette, new, {c.node.start: c.new_value for c in self.changes})
            return
        verify(self.expectation(), self.new_text if pieces is None else pieces, started)

    def expectation(self) -> Expectation:
        """What the new file must read back as: every changed scalar its intended value,
        every other one its old value; a big file may be cut between the interactions."""
        from ..document.verify import Expectation, Intended

        intended: dict[int, Intended] = {}
        for change in self.changes:
            if change.binary:
                intended[change.node.start] = Intended(change.new_value, binary=True)
            elif change.whole is None:
                intended[change.node.start] = Intended(None, splices=change.findings)
            else:
                intended[change.node.start] = Intended(change.whole)
        return Expectation(self.cassette.document, self.edits, intended, self.cassette.items)

    def without_patches(self) -> Plan:
        """The same plan with every changed scalar re-emitted whole."""
        for change in self.changes:
            change.patches = None
        return replace(self, edits=_edits(self.cassette, self.changes, patch=False))


def plan_redaction(cassette: Cassette, policy: Policy, *, rewrite: bool = True, check: bool = True) -> Plan:
    """What to redact, and (with rewrite) the edits that do it, read back and checked
    (unless check=False: the caller checks the file it writes, with Plan.verify).
    rewrite=False only finds: for --check, which writes nothing."""
    planner = Planner(cassette, policy, keep_values=rewrite)
    planner.scanned = scan_big_bodies(cassette, policy)
    for interaction in cassette.interactions:
        planner.interaction(interaction)
    planner.everything_else()
    known = spread(planner)
    changes = planner.changes
    plan = Plan(cassette, changes, planner.reports(), _edits(cassette, changes) if rewrite else [], known)
    if plan.edits and check:
        from ..document import VerificationError

        try:
            plan.verify()
        except VerificationError:
            if not plan.patched:
                raise
            plan = plan.without_patches()
            plan.verify()
    return plan


def _edits(cassette: Cassette, changes: list[Change], *, patch: bool = True) -> list[Edit]:
    """One edit per changed scalar (its whole span, re-emitted), or for a big scalar that
    can be patched where it stands, one per secret in it."""
    from .patch import patch_edits

    edits: list[Edit] = []
    for change in changes:
        node = change.node
        if patch and not change.binary and len(node.value) >= PATCH_MIN:
            source = cassette.document.slice(node.start, node.end)
            change.patches = patch_edits(source, node.start, node.style, node.tag, node.value, change.findings)
        if change.patches is not None:
            edits += change.patches
            continue
        text = _emit(cassette, change)
        if text != cassette.document.slice(node.start, node.end):
            edits.append(Edit(node.start, node.end, text))
    if cassette.format == "httprr" and edits:
        from ..formats.httprr_edits import with_lengths

        return with_lengths(cassette, edits)
    return edits


# -- emission --------------------------------------------------------------------------


def _emit(cassette: Cassette, change: Change, **overrides: object) -> str:
    from ..emit import CannotEmit, ScalarSource, emit_binary_like, emit_last_resort, emit_like, hints_for_layout

    document = cassette.document
    node = change.node
    if cassette.layout == "httprr":
        from ..formats.httprr_edits import emit

        return emit(cassette, node, change.new_value)
    source = ScalarSource(
        text=document.slice(node.start, node.end),
        column=document.column(node.start) - 1,
        indent=_indent(cassette, change.owner),
        style=node.style,
        tag=node.tag,
        is_json=cassette.layout == "json",
    )
    try:
        if change.binary:
            return emit_binary_like(source, base64.b64decode(change.new_value))
        return emit_like(source, change.new_value, **{**hints_for_layout(cassette.layout), **overrides})  # type: ignore[arg-type]
    except CannotEmit:
        if change.binary:
            raise
        return emit_last_resort(source, change.new_value)


def _indent(cassette: Cassette, owner: Node) -> int:
    """The block indentation of the collection a scalar sits in."""
    return cassette.document.column(owner.start) - 1
