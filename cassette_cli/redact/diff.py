"""`redact --diff`: the unified diff of a plan, with each removed secret shortened."""

from __future__ import annotations

import difflib
from dataclasses import replace

from ..document import Edit, apply_edits
from .engine import Plan, _emit
from ..rules.finding import preview


def masked_diff(plan: Plan) -> str:
    """The old side is the file with each secret replaced by its preview (re-emitted in
    the scalar's own style), so the diff never shows a secret whole."""
    cassette = plan.cassette
    masked_edits = []
    for change in plan.changes:
        if change.patches is not None:
            # patched where it stands: each secret's characters give way to its preview
            findings = sorted(change.findings, key=lambda f: f.start)
            masked_edits += [Edit(p.start, p.end, f"‹{preview(f.secret)}›") for p, f in zip(change.patches, findings)]
            continue
        if change.masked_old is not None:
            shown = change.masked_old
            # display only: the preview marks are not ASCII, and must not push a plain value
            # into an escaped double-quoted one
            text = _emit(cassette, replace(change, whole=shown, binary=False), escape_unicode=False)
        else:
            text = f"‹{len(change.findings)} secret(s) in an encoded value, hidden›\n" if change.node.style in ("|", ">") else "‹encoded value with secrets, hidden›"
        masked_edits.append(Edit(change.node.start, change.node.end, text))
    old = apply_edits(cassette.text, masked_edits)
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        plan.new_text.splitlines(keepends=True),
        fromfile=f"a/{cassette.path}",
        tofile=f"b/{cassette.path}",
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
