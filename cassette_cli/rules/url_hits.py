"""Where a URL in JSON text may hold a secret of its own: a ``://`` whose run reaches a
``?`` (json_body's trigger for the URL rules)."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["url_query_hits"]

# What can follow "://" in one URL: no quote (the end of a JSON string), no white space,
# no "?" (where a query starts); a JSON escape (``\\"``, ``\\n``) is taken whole. Used
# where the next quote is escaped.
_URL_REST = re.compile(r'[^"\\\s?]*(?:\\.[^"\\\s?]*)*')


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
    earlier one's run gets its answer, so a text is one pass. Where the text has a third
    as many ``?`` as ``://`` or fewer, the search starts from each ``?`` instead (the same
    hits; a ``?`` costs about twice a ``://``: the octokit body has 22 ``://`` a ``?``, the
    Perplexity streams 1.7)."""
    if "://" not in text:
        return []
    if 3 * text.count("?") <= text.count("://"):
        return _runs_with_a_query(text, _before_each_question_mark(text))
    return _runs_with_a_query(text, None)


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


def _runs_with_a_query(text: str, candidates: list[int] | None) -> list[int]:
    """The hits of :func:`url_query_hits` among the ``://`` at ``candidates`` (None:
    every one of the text, in order). The first of a run answers for all of it."""
    hits: list[int] = []
    find = text.find
    n = len(text)
    run_end, query = -1, False
    every = candidates is None
    for at in _positions(text) if candidates is None else candidates:
        if at < run_end:
            if query and every:
                hits.append(at)
            continue
        run_end = find('"', at + 3)
        if run_end < 0:
            run_end = n
        if run_end < n and text[run_end - 1] == "\\":  # an escaped quote (or backslash)
            run_end = _URL_REST.match(text, at + 3).end()  # type: ignore[union-attr]
            query = run_end < n and text[run_end] == "?"
        else:
            query = find("?", at + 3, run_end) >= 0
        if query and every:
            hits.append(at)
        elif query:  # the run's every "://", candidates or not
            while at >= 0:
                hits.append(at)
                at = find("://", at + 3, run_end)
    return hits


def _positions(text: str) -> Iterator[int]:
    """Each ``://`` of ``text``, in order."""
    find = text.find
    at = find("://")
    while at >= 0:
        yield at
        at = find("://", at + 3)
