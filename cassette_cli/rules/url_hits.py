"""Where a URL in JSON text may hold a secret of its own: a ``://`` whose run reaches a
``?`` (json_body's trigger for the URL rules)."""

from __future__ import annotations

import re

__all__ = ["url_query_hits"]

# What can follow "://" in one URL: no quote (the end of a JSON string), no white space,
# no "?" (where a query starts); a JSON escape (``\\"``, ``\\n``) is taken whole. Used
# where the next quote is escaped.
_URL_REST = re.compile(r'[^"\\\s?]*(?:\\.[^"\\\s?]*)*')
SAMPLE_CHARS = 1 << 16  # the start of a text whose "?" and "://" tell which search to make


def url_query_hits(text: str) -> list[int]:
    """Where a URL whose query may hold a secret starts its ``://``: one followed by a
    ``?`` before the next quote. A URL without one has nothing of its own to find: its
    secret parameters and their percent-encoded key shapes are in a query; a key shape
    or password anywhere holds a pattern literal, an escape that could hide a ``?`` is
    a trigger of its own, and a secret key owning it is found by the key trigger. So
    the 80,000 API links of a GitHub JSON body are not looked at.

    The search is ``str.find``'s: the next quote, then a ``?`` before it (a superset of
    the URLs with a query: white space is not looked for); where that quote is escaped,
    the URL's own characters are followed instead. A ``://`` before the end of an
    earlier one's run gets its answer, so a text is one pass. Where the text (its first
    64 KB) has a third as many ``?`` as ``://`` or fewer, the search starts from each ``?``
    instead (the same hits; a ``?`` costs about twice a ``://``: the octokit body has 22
    ``://`` a ``?``, the Perplexity streams 1.7)."""
    if "?" not in text or "://" not in text:
        return []  # a hit is a "://" with a "?" after it
    head = text[:SAMPLE_CHARS]  # which search pays is told from the text's start: the hits are the same
    if 3 * head.count("?") <= head.count("://"):
        return _runs_of(text, _before_each_question_mark(text))
    return _one_pass(text)


def _one_pass(text: str) -> list[int]:
    """Each ``://`` in turn, a run's first answering for the ones inside it."""
    hits: list[int] = []
    find = text.find
    run_end, query = -1, False
    at = find("://")
    while at >= 0:
        if at >= run_end:
            run_end, query = _run(text, at)
        if query:
            hits.append(at)
        at = find("://", at + 3)
    return hits


def _before_each_question_mark(text: str) -> list[int]:
    """Every ``://`` that could be in a run reaching a ``?``: those between each ``?`` and
    the quote before it that no backslash precedes (a run passes escaped quotes only),
    or the ``?`` before that, whichever is nearer; in order, each once."""
    find, rfind = text.find, text.rfind
    found: list[int] = []
    done = 0  # the text before this was looked at for an earlier "?"
    q = find("?")
    while q >= 0:
        quote = rfind('"', done, q)
        while quote > done and text[quote - 1] == "\\":
            quote = rfind('"', done, quote)
        at = find("://", max(done, quote + 1), q)
        while at >= 0:
            found.append(at)
            at = find("://", at + 3, q)
        done = q + 1
        q = find("?", done)
    return found


def _runs_of(text: str, candidates: list[int]) -> list[int]:
    """The hits among the ``://`` at ``candidates``: each one starting a run with a query
    gives every ``://`` of that run (as the one pass would)."""
    hits: list[int] = []
    find = text.find
    run_end = -1
    for at in candidates:
        if at < run_end:
            continue  # answered with its run
        run_end, query = _run(text, at)
        while query and at >= 0:
            hits.append(at)
            at = find("://", at + 3, run_end)
    return hits


def _run(text: str, at: int) -> tuple[int, bool]:
    """Where the run of the ``://`` at ``at`` ends, and whether a query is in it: the next
    quote and a ``?`` before it; past an escaped quote (or a backslash before a quote),
    the URL's own characters and a ``?`` right after them."""
    n = len(text)
    run_end = text.find('"', at + 3)
    if run_end < 0:
        run_end = n
    if run_end < n and text[run_end - 1] == "\\":
        run_end = _URL_REST.match(text, at + 3).end()  # type: ignore[union-attr]
        return run_end, run_end < n and text[run_end] == "?"
    return run_end, text.find("?", at + 3, run_end) >= 0
