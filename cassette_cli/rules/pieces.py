"""The string pieces of an event stream, gathered path by path for the joined-delta scan
(assembled.py), without keeping any event whole.

Each event's JSON object is walked down to its strings; the strings at one path (a key
or index at each step) form that path's :class:`Run`, in stream order. Most keys of most
events repeat the event before (ids, model names, the event's type, Perplexity's
citations in every event): such a value is held back instead of walked, with only the
index of the event where it started, and handed to the runs in one block (one slice of
the events' starts, one repeated string) when it changes or the key goes missing. A key
that no event changed has no pieces to join: it is never walked at all."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import accumulate, repeat

__all__ = ["Path", "Pieces", "Run"]

Path = tuple[object, ...]


class _Branch:
    """One JSON path of the events: the run of its string pieces (made at its first
    non-empty one) and the paths one step below it, by key or index. Walking an event
    down these finds each piece's run without building and hashing its path's tuple."""

    __slots__ = ("path", "run", "below")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.run: Run | None = None
        self.below: dict[object, _Branch] = {}

    def child(self, step: object) -> _Branch:
        """The branch one ``step`` (key or index) below, made on first use."""
        child = self.below.get(step)
        if child is None:
            child = self.below[step] = _Branch((*self.path, step))
        return child


def _leaves(value: object, branch: _Branch, out: list[tuple[_Branch, str]]) -> None:
    """Every non-empty string below ``value`` with the branch of its path, in order
    (``_Branch.child`` spelled out, and a string child taken without a call of its own:
    this runs for every key of every event)."""
    kind = type(value)
    if kind is str:
        if value:
            out.append((branch, value))  # type: ignore[arg-type]
        return
    if kind is dict:
        steps: Iterator[tuple[object, object]] = iter(value.items())  # type: ignore[attr-defined]
    elif kind is list:
        steps = enumerate(value)  # type: ignore[arg-type]
    else:
        return
    below = branch.below
    for step, item in steps:
        child = below.get(step)
        if child is None:
            child = below[step] = _Branch((*branch.path, step))
        item_kind = type(item)
        if item_kind is str:
            if item:
                out.append((child, item))  # type: ignore[arg-type]
        elif item_kind is dict or item_kind is list:
            _leaves(item, child, out)



def _json_looking(value: object) -> bool:
    """Whether a subtree holds a string that looks like JSON (such a string is joined and
    scanned even when every event repeats it, so it is never held back)."""
    if isinstance(value, str):
        return value.lstrip().startswith(("{", "["))
    if isinstance(value, dict):
        return any(_json_looking(v) for v in value.values())
    if isinstance(value, list):
        return any(_json_looking(v) for v in value)
    return False


class Run:
    """The string pieces of one JSON path, in stream order, held compactly: where each
    piece's event payload starts and where the piece ends in the joined text (machine
    integers in arrays), and the text joined as it comes. A stream of 170,000 one-word
    deltas costs 16 bytes a piece beside its characters, not a tuple, an int and a
    string object each (~25 MB on the benchmark's 7.5 MB stream). Where the pieces end,
    which came first and whether all are the same are worked out a buffer at a time."""

    __slots__ = ("starts", "_ends", "_first", "_same", "_joined", "_buffer")
    BUFFER = 4096  # pieces kept as strings before they are joined into one

    def __init__(self) -> None:
        self.starts = array("q")  # where the payload of each piece's event starts in the text
        self._ends = array("q")  # where each joined piece ends in the joined text
        self._first = ""
        self._same = True  # every joined piece equals the first
        self._joined: list[str] = []
        self._buffer: list[str] = []  # pieces not joined yet

    def append(self, start: int, value: str) -> None:
        """One more (non-empty) piece, from the event whose payload starts at ``start``."""
        self.starts.append(start)
        buffer = self._buffer
        buffer.append(value)
        if len(buffer) >= self.BUFFER:
            self._join_buffer()

    def extend(self, starts: array, value: str) -> None:  # type: ignore[type-arg]
        """The same (non-empty) piece from each event whose payload starts at one of ``starts``."""
        self.starts.extend(starts)
        self._buffer.extend(repeat(value, len(starts)))
        if len(self._buffer) >= self.BUFFER:
            self._join_buffer()

    def _join_buffer(self) -> None:
        buffer = self._buffer
        if not buffer:
            return
        ends = self._ends
        if not ends:
            self._first = buffer[0]
        if self._same:
            self._same = buffer.count(self._first) == len(buffer)
        lengths = accumulate(map(len, buffer), initial=ends[-1] if ends else 0)
        next(lengths)
        ends.extend(lengths)
        self._joined.append("".join(buffer))
        buffer.clear()

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def ends(self) -> array:  # type: ignore[type-arg]
        """Where each piece ends in the joined text."""
        self._join_buffer()
        return self._ends

    @property
    def first(self) -> str:
        """The first piece ("" before any)."""
        self._join_buffer()
        return self._first

    @property
    def same(self) -> bool:
        """Whether every piece equals the first."""
        self._join_buffer()
        return self._same

    def joined(self) -> str:
        self._join_buffer()
        if len(self._joined) > 1:
            self._joined[:] = ["".join(self._joined)]
        return self._joined[0] if self._joined else ""

    def parts(self) -> list[tuple[int, str]]:
        """(payload start, piece) of every piece, in order."""
        joined, ends = self.joined(), self.ends
        return [(start, joined[ends[i - 1] if i else 0 : ends[i]]) for i, start in enumerate(self.starts)]


class _Held:
    """A top-level key's value that the events since ``since`` (an index into the events)
    all had, its pieces not handed to the runs yet."""

    __slots__ = ("value", "since")

    def __init__(self, value: object, since: int) -> None:
        self.value = value
        self.since = since


class Pieces:
    """The string pieces of each JSON path, event by event (see the module's text).

    A top-level key is held back from its first event, and again from any event whose
    value equals the one before (a JSON-looking string never: such text is joined and
    scanned even when every event repeats it). A held key that changes, or that an
    event lacks, hands its value's pieces to the runs for every event it was held in,
    and is walked from that event on; :attr:`by_path` brings the runs up to the last
    event, leaving out only the keys every event so far had unchanged."""

    def __init__(self) -> None:
        self._runs: dict[Path, Run] = {}
        self._root = _Branch(())
        self._starts = array("q")  # where each event's payload starts
        self._held: dict[object, _Held] = {}
        self._last: dict[object, object] = {}  # a walked key's last value; a key never handed to the runs is not in here

    @property
    def by_path(self) -> dict[Path, Run]:
        """The run of every path that has pieces, up to the last event added."""
        now = len(self._starts)
        for key, held in self._held.items():
            if key in self._last and held.since < now:
                self._hand_over(key, held, now)
                held.since = now
        return self._runs

    def append(self, path: Path, start: int, value: str) -> None:
        """One piece at ``path`` of the event whose payload starts at ``start`` (for
        a caller that walks the events itself); empty strings are left out."""
        branch = self._root
        for step in path:
            branch = branch.child(step)
        if value:
            self._append([(branch, value)], start)

    def _append(self, leaves: list[tuple[_Branch, str]], start: int) -> None:
        runs = self._runs
        for branch, value in leaves:
            run = branch.run
            if run is None:
                run = branch.run = runs[branch.path] = Run()
            run.append(start, value)

    def _hand_over(self, key: object, held: _Held, until: int) -> None:
        """The held value's pieces, for the events from ``held.since`` to ``until``."""
        leaves: list[tuple[_Branch, str]] = []
        _leaves(held.value, self._root.child(key), leaves)
        starts = self._starts[held.since : until]
        runs = self._runs
        for branch, value in leaves:
            run = branch.run
            if run is None:
                run = branch.run = runs[branch.path] = Run()
            run.extend(starts, value)
        self._last[key] = held.value

    def add(self, start: int, data: dict[str, object]) -> None:
        """One event's object (``start``: where its payload starts in the text)."""
        now = len(self._starts)
        held, last, below = self._held, self._last, self._root.below
        leaves: list[tuple[_Branch, str]] = []  # this event's pieces, of the keys walked
        walked: list[tuple[object, object]] = []  # (key, value) walked in this event
        released: list[object] = []  # held keys this event changes or lacks
        holds: list[tuple[object, object]] = []  # (key, value) held from this event
        present = 0  # held keys this event has
        try:
            for key, item in data.items():
                hold = held.get(key)
                kind = type(item)
                if hold is not None:
                    present += 1
                    if item == hold.value:
                        continue
                    released.append(key)
                elif kind is not str and kind is not dict and kind is not list:
                    continue  # no strings below: nothing to hold or walk
                elif (key not in last or item == last[key]) and not _json_looking(item):
                    holds.append((key, item))
                    continue
                walked.append((key, item))
                child = below.get(key)
                if child is None:
                    child = below[key] = _Branch((key,))
                if kind is str:
                    if item:
                        leaves.append((child, item))  # type: ignore[arg-type]
                elif kind is dict or kind is list:
                    _leaves(item, child, leaves)
            if present < len(held):
                released += [key for key in held if key not in data]
        except RecursionError:
            return  # nested deeper than anything a provider sends: the event is left out
        self._starts.append(start)
        for key in released:  # before this event's pieces: a run's pieces go in stream order
            self._hand_over(key, held.pop(key), now)
        self._append(leaves, start)
        for key, item in walked:
            last[key] = item
        for key, item in holds:
            held[key] = _Held(item, now)
