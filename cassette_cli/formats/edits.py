"""Edits of a cassette as a whole: remove an interaction, as an edit like any other.

The interactions are the items of one sequence (`interactions`, or Ruby VCR's
`http_interactions`); removing one is `document.delete_item` on it, spliced into the old
bytes and read back (the new file must compose to the old one less that item) before the
bytes are handed back.
"""

from __future__ import annotations

from ..document import Edit, delete_item, splice
from ..document.file_bytes import joined
from ..document.verify import Expectation, verify
from ..model import Cassette


def interactions_key(cassette: Cassette) -> str:
    """The key of the sequence holding the interactions."""
    return cassette.key


def interaction_removal(cassette: Cassette, index: int) -> Edit:
    """The edit that removes interaction `index` (lines of its item in block style; the
    item and its comma in flow style and JSON; `[]` when it was the only one)."""
    items = cassette.items
    if items is None:
        from ..document import CannotDelete

        raise CannotDelete(f"{cassette.format} keeps requests and responses in two lists: an interaction cannot be removed as one item")
    return delete_item(cassette.document, items, index)


def remove_interaction(cassette: Cassette, index: int) -> bytes:
    """The cassette's bytes without interaction `index`, every other byte as it was.
    Raises VerificationError if the result would not read back as the same cassette less
    that interaction, CannotDelete if the layout leaves no way to remove it."""
    edits = [interaction_removal(cassette, index)]
    pieces = list(splice(cassette.document, edits))
    verify(Expectation(cassette.document, edits), pieces)
    return joined(pieces)
