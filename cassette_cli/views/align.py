"""Which interaction of the new cassette is which of the old one, and what each pair
is: `same`, `changed`, `added` or `removed`. Pure: never prints.

Interactions are paired by request, not by position: first by method and URL (the
masked URL, volatile query parameters left out, the rest sorted), the most similar
request bodies first; then what is left by method and URL path alone. Moving an
interaction is not a change."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

from ..mask import MaskedInteraction
from .compare import Change, Comparison, Options, compare, stable_url

SIMILARITY_CHARS = 4000  # of each request body, for telling requests to one URL apart
GREEDY_LIMIT = 40  # requests to one URL beyond which they are paired in order


@dataclass
class Pair:
    status: str  # same | changed | added | removed
    old: MaskedInteraction | None
    new: MaskedInteraction | None
    comparison: Comparison = field(default_factory=Comparison)
    moved: bool = False  # out of its old order among the pairs (reordering is not a change)

    @property
    def old_index(self) -> int | None:
        return None if self.old is None else self.old.index

    @property
    def new_index(self) -> int | None:
        return None if self.new is None else self.new.index

    @property
    def shown(self) -> MaskedInteraction:
        item = self.new if self.new is not None else self.old
        assert item is not None
        return item

    @property
    def changes(self) -> list[Change]:
        return self.comparison.shown

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "old_index": self.old_index,
            "new_index": self.new_index,
            "method": self.shown.method,
            "url": self.shown.url,
            "moved": self.moved,
            "changes": [c.to_json() for c in self.changes],
            "ignored": len(self.comparison.ignored),
        }


@dataclass
class CassetteDiff:
    old_path: str
    new_path: str
    pairs: list[Pair]

    @property
    def summary(self) -> dict[str, int]:
        counts = {"same": 0, "changed": 0, "added": 0, "removed": 0}
        for pair in self.pairs:
            counts[pair.status] += 1
        return counts

    @property
    def ignored(self) -> int:
        return sum(len(p.comparison.ignored) for p in self.pairs)

    @property
    def differs(self) -> bool:
        return any(p.status != "same" for p in self.pairs)


def diff_json(diffs: list[CassetteDiff]) -> dict[str, Any]:
    """The one object of `diff --json`: totals, then every pair of every file."""
    summary = {"same": 0, "changed": 0, "added": 0, "removed": 0}
    interactions = []
    files = []
    for diff in diffs:
        counts = diff.summary
        for status, count in counts.items():
            summary[status] += count
        files.append({"old": diff.old_path, "new": diff.new_path, "summary": counts})
        interactions += [{"file": diff.new_path, **p.to_json()} for p in diff.pairs]
    return {"summary": summary, "interactions": interactions, "files": files}


def diff_cassettes(old_path: str, old: list[MaskedInteraction], new_path: str, new: list[MaskedInteraction], options: Options) -> CassetteDiff:
    matched = align(old, new, options)
    pairs: list[Pair] = []
    for before, after in matched:
        if before is None:
            pairs.append(Pair("added", None, after))
        elif after is None:
            pairs.append(Pair("removed", before, None))
        else:
            comparison = compare(before, after, options)
            pairs.append(Pair("changed" if comparison.shown else "same", before, after, comparison))
    _mark_moved(pairs)
    return CassetteDiff(old_path, new_path, pairs)


def _mark_moved(pairs: list[Pair]) -> None:
    """Pairs outside a longest run of old positions that keeps its order (in the new
    order) are the ones that moved; an insertion before a pair does not move it."""
    from bisect import bisect_left

    both = [p for p in pairs if p.old is not None and p.new is not None]
    tails: list[int] = []  # smallest old position ending a run of each length
    tail_at: list[int] = []  # the pair (position in `both`) ending it
    previous: list[int] = [-1] * len(both)
    for at, pair in enumerate(both):
        length = bisect_left(tails, pair.old_index)
        if length == len(tails):
            tails.append(pair.old_index)  # type: ignore[arg-type]
            tail_at.append(at)
        else:
            tails[length] = pair.old_index  # type: ignore[call-overload]
            tail_at[length] = at
        previous[at] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    at = tail_at[-1] if tail_at else -1
    while at >= 0:
        kept.add(at)
        at = previous[at]
    for at, pair in enumerate(both):
        pair.moved = at not in kept


Matched = list[tuple[MaskedInteraction | None, MaskedInteraction | None]]


def align(old: list[MaskedInteraction], new: list[MaskedInteraction], options: Options) -> Matched:
    """Pairs in the new cassette's order; a removed interaction comes after the one that
    preceded it in the old cassette (or first)."""
    partner: dict[int, int] = {}  # new position -> old position
    for key in (lambda i: (i.method, stable_url(i.url, options)), lambda i: (i.method, urlsplit(i.url)._replace(query="", fragment="").geturl())):
        used = set(partner.values())
        left = [p for p in range(len(old)) if p not in used]
        right = [p for p in range(len(new)) if p not in partner]
        groups: dict[Any, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for p in left:
            groups[key(old[p])][0].append(p)
        for p in right:
            groups[key(new[p])][1].append(p)
        for olds, news in groups.values():
            if olds and news:
                for o, n in _pair_bodies(olds, news, old, new):
                    partner[n] = o
    matched: Matched = []
    by_old = {o: n for n, o in partner.items()}
    placed: dict[int | None, list[int]] = defaultdict(list)  # after which new position a removed one goes
    before: int | None = None
    for p in range(len(old)):
        if p in by_old:
            before = by_old[p] if before is None else max(before, by_old[p])
        else:
            placed[before].append(p)
    matched.extend((old[p], None) for p in placed[None])
    for n in range(len(new)):
        matched.append((old[partner[n]] if n in partner else None, new[n]))
        matched.extend((old[p], None) for p in placed.get(n, []))
    return matched


def _pair_bodies(olds: list[int], news: list[int], old: list[MaskedInteraction], new: list[MaskedInteraction]) -> list[tuple[int, int]]:
    """Requests to one URL: equal bodies first, then the most similar, then in order."""
    pairs: list[tuple[int, int]] = []
    bodies_old = {o: _request_text(old[o]) for o in olds}
    bodies_new = {n: _request_text(new[n]) for n in news}
    by_body: dict[str, list[int]] = defaultdict(list)
    for o in olds:
        by_body[bodies_old[o]].append(o)
    free_new: list[int] = []
    for n in news:
        equal = by_body.get(bodies_new[n])
        if equal:
            pairs.append((equal.pop(0), n))
        else:
            free_new.append(n)
    taken = {o for o, _ in pairs}
    free_old = [o for o in olds if o not in taken]
    if len(free_old) * len(free_new) > GREEDY_LIMIT * GREEDY_LIMIT:
        return pairs + list(zip(free_old, free_new))
    scored = sorted(((-_similarity(bodies_old[o], bodies_new[n]), abs(o - n), o, n) for o in free_old for n in free_new))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for _, _, o, n in scored:
        if o not in taken_old and n not in taken_new:
            taken_old.add(o)
            taken_new.add(n)
            pairs.append((o, n))
    return pairs


def _request_text(item: MaskedInteraction) -> str:
    body = item.request.body
    return f"binary {body.sha256}" if body.binary else (body.text or "")


def _similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a[:SIMILARITY_CHARS], b[:SIMILARITY_CHARS], autojunk=False)
    return matcher.ratio()
