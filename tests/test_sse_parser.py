"""WHATWG event-stream interpretation (cassette_cli.streams.sse) and the sniffs that
decide whether text is an event stream (cassette_cli.bodies.sniff)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cassette_cli.bodies.sniff import reads_as_event_stream
from cassette_cli.streams.sse import (
    Comment,
    count_events,
    parse_event_stream,
)

M = "message"

# raw stream -> [(event, id, data)], retry, unterminated
CASES = [
    pytest.param("data: a\n\ndata: b\n\n", [(M, None, "a"), (M, None, "b")], None, False, id="lf"),
    pytest.param("data: a\r\n\r\ndata: b\r\n\r\n", [(M, None, "a"), (M, None, "b")], None, False, id="crlf"),
    pytest.param("data: a\r\rdata: b\r\r", [(M, None, "a"), (M, None, "b")], None, False, id="cr-only"),
    pytest.param(
        "data: a\r\n\ndata: b\r\rdata: c\n\r\n",
        [(M, None, "a"), (M, None, "b"), (M, None, "c")],
        None,
        False,
        id="mixed-endings",
    ),
    pytest.param(
        "data: a\n\rdata: b\n\n",
        [(M, None, "a"), (M, None, "b")],
        None,
        False,
        id="lf-then-cr-is-two-line-ends",
    ),
    pytest.param("\ufeffdata: a\n\n", [(M, None, "a")], None, False, id="bom-stripped"),
    pytest.param(
        "\ufeff\ufeffdata: a\n\ndata: b\n\n",
        [(M, None, "b")],
        None,
        False,
        id="only-one-bom-stripped",
    ),
    pytest.param(
        "data: a\n\n\ufeffdata: b\n\n", [(M, None, "a")], None, False, id="bom-later-is-not-stripped"
    ),
    pytest.param("data: a\n\ndata: b\n", [(M, None, "a")], None, True, id="unterminated-final-event"),
    pytest.param("data: a\n\ndata: b", [(M, None, "a")], None, True, id="unterminated-final-line"),
    pytest.param("data: a\n\n: bye", [(M, None, "a")], None, False, id="final-partial-comment"),
    pytest.param("data\n\n", [(M, None, "")], None, False, id="field-without-colon"),
    pytest.param("data\ndata\n\n", [(M, None, "\n")], None, False, id="two-empty-data-lines"),
    pytest.param(
        "id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n",
        [(M, "1", "a"), (M, "1", "b")],
        None,
        False,
        id="id-with-nul-ignored",
    ),
    pytest.param(
        "id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n",
        [(M, "7", "a"), (M, "7", "b"), (M, "8", "c")],
        None,
        False,
        id="id-persists",
    ),
    pytest.param(
        "id: 7\ndata: a\n\nid\ndata: b\n\n",
        [(M, "7", "a"), (M, "", "b")],
        None,
        False,
        id="empty-id-sets-empty-string",
    ),
    pytest.param(
        "id: 5\n\ndata: a\n\n", [(M, "5", "a")], None, False, id="id-without-data-still-persists"
    ),
    pytest.param(
        "data: a\ndata: b\ndata:\n\n", [(M, None, "a\nb\n")], None, False, id="multi-line-data"
    ),
    pytest.param("retry: 1500\ndata: a\n\n", [(M, None, "a")], 1500, False, id="retry-digits"),
    pytest.param("retry: 15a\ndata: a\n\n", [(M, None, "a")], None, False, id="retry-non-digits"),
    pytest.param("retry: -1\nretry:\n\n", [], None, False, id="retry-sign-and-empty-ignored"),
    pytest.param(
        "retry: \u0661\u0662\n\n", [], None, False, id="retry-non-ascii-digits-ignored"
    ),
    pytest.param("retry: 10\nretry: x\n\n", [], 10, False, id="retry-keeps-last-valid"),
    pytest.param("retry:  10\n\n", [], None, False, id="retry-two-spaces-ignored"),
    pytest.param("\n\n\r\n\r", [], None, False, id="blank-lines-only"),
    pytest.param("", [], None, False, id="empty-input"),
    pytest.param("event: x\nid: 1\n\n", [], None, False, id="no-data-no-dispatch"),
    pytest.param("data:a\n\n", [(M, None, "a")], None, False, id="no-space-after-colon"),
    pytest.param("data:  a\n\n", [(M, None, " a")], None, False, id="two-spaces-only-one-removed"),
    pytest.param("data: a: b\n\n", [(M, None, "a: b")], None, False, id="colon-in-value"),
    pytest.param(
        ": hello\ndata: a\n:\n:data: b\n\n", [(M, None, "a")], None, False, id="comment-lines"
    ),
    pytest.param(
        "event: add\ndata: a\n\ndata: b\n\n",
        [("add", None, "a"), (M, None, "b")],
        None,
        False,
        id="event-type-reset-after-dispatch",
    ),
    pytest.param(
        "event: x\n\ndata: b\n\n",
        [(M, None, "b")],
        None,
        False,
        id="event-type-reset-without-dispatch",
    ),
    pytest.param(
        "event: a\nevent: b\ndata: x\n\n", [("b", None, "x")], None, False, id="last-event-type-wins"
    ),
    pytest.param("event:\ndata: a\n\n", [(M, None, "a")], None, False, id="empty-event-type"),
    pytest.param(
        "data: a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i\n\n",
        [(M, None, "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i")],
        None,
        False,
        id="splitlines-separators-do-not-split",
    ),
    pytest.param(
        "foo: bar\ndata: a\nData: X\ndata : y\n\n",
        [(M, None, "a")],
        None,
        False,
        id="unknown-fields-ignored",
    ),
    pytest.param("foo: bar\n\n", [], None, False, id="unknown-field-only"),
    pytest.param("data: a\x00b\n\n", [(M, None, "a\x00b")], None, False, id="nul-in-data-kept"),
    pytest.param(
        "data: \U0001f975 Ol\u00e1\n\n", [(M, None, "\U0001f975 Ol\u00e1")], None, False, id="non-ascii"
    ),
]


@pytest.mark.parametrize(("raw", "expected", "retry", "unterminated"), CASES)
def test_parse_table(
    raw: str, expected: list[tuple[str, str | None, str]], retry: int | None, unterminated: bool
) -> None:
    stream = parse_event_stream(raw)
    assert [(e.event, e.id, e.data) for e in stream.events] == expected
    assert [e.index for e in stream.events] == list(range(len(expected)))
    assert stream.retry == retry
    assert stream.unterminated is unterminated
    assert count_events(raw) == len(expected)


def test_line_numbers_and_comments() -> None:
    raw = (
        ": OPENROUTER PROCESSING\r\n"  # 1
        "\r\n"  # 2
        "event: a\r\n"  # 3
        "data: one\r\n"  # 4
        "\r\n"  # 5
        ":ping\r\n"  # 6
        ":  two spaces\r\n"  # 7
        "data: two\r\n"  # 8
        ":\r\n"  # 9
        "\r\n"  # 10
    )
    stream = parse_event_stream(raw)
    assert [(e.line, e.data) for e in stream.events] == [(3, "one"), (8, "two")]
    assert stream.comments == [
        Comment(text="OPENROUTER PROCESSING", line=1, after_event=0),
        Comment(text="ping", line=6, after_event=1),
        Comment(text=" two spaces", line=7, after_event=1),
        Comment(text="", line=9, after_event=1),
    ]


def test_line_numbers_cr_only_and_bom() -> None:
    stream = parse_event_stream("\ufeff\r\rid: 1\rdata: x\r\r")
    assert [(e.line, e.id, e.data) for e in stream.events] == [(3, "1", "x")]


def test_line_number_is_first_field_after_blank_line() -> None:
    # The event type set on line 1 is reset by the blank line on line 2.
    stream = parse_event_stream("event: x\n\n: c\nid: 3\ndata: y\n\n")
    assert [(e.line, e.event, e.id) for e in stream.events] == [(4, "message", "3")]


# --------------------------------------------------------------------------- reads_as_event_stream


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('data: {"a": 1}\n\ndata: [DONE]\n\n', id="openai"),
        pytest.param('event: ping\ndata: {"type": "ping"}\n\n', id="anthropic"),
        pytest.param(": OPENROUTER PROCESSING\n\ndata: {}\n\n", id="comment-first"),
        pytest.param("\ufeffdata: x\r\n\r\n", id="bom-crlf"),
        pytest.param("id: 1\nretry: 10\ndata\n\n", id="all-known-fields"),
    ],
)
def test_reads_as_event_stream_yes(text: str) -> None:
    assert reads_as_event_stream(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param('{"data": "x"}\n', id="json"),
        pytest.param('{\n  "error": {"code": 400}\n}\n', id="json-error-body"),
        pytest.param("<html>\ndata: x\n\n", id="html"),
        pytest.param("hello world\n", id="plain-text"),
        pytest.param("data: x\n", id="no-complete-event"),
        pytest.param("event: x\n\n", id="no-data"),
        pytest.param(": only a comment\n\n", id="comment-only"),
        pytest.param("data: x\nname: y\n\n", id="unknown-field"),
        pytest.param("data: x\n\nDATA: y\n\n", id="wrong-case-later"),
    ],
)
def test_reads_as_event_stream_no(text: str) -> None:
    assert not reads_as_event_stream(text)


# --------------------------------------------------------------------------- property

_no_crlf = st.characters(exclude_characters="\r\n", exclude_categories=["Cs"])
_no_cr = st.characters(exclude_characters="\r", exclude_categories=["Cs"])
_no_crlf_nul = st.characters(exclude_characters="\r\n\x00", exclude_categories=["Cs"])

_events = st.lists(
    st.tuples(
        st.text(_no_crlf, max_size=8),  # event type ("" -> message)
        st.none() | st.text(_no_crlf_nul, max_size=8),  # id (None -> no id line)
        st.text(_no_cr, max_size=30),  # data, may contain LF
        st.lists(st.text(_no_crlf, max_size=8), max_size=2),  # comments before the event
    ),
    max_size=8,
)


def _serialise(
    events: list[tuple[str, str | None, str, list[str]]], endings: list[str], bom: bool
) -> str:
    lines: list[str] = []
    for etype, eid, data, comments in events:
        lines.extend(": " + c for c in comments)
        if etype:
            lines.append("event: " + etype)
        if eid is not None:
            lines.append("id: " + eid)
        lines.extend("data: " + part for part in data.split("\n"))
        lines.append("")
    out: list[str] = ["\ufeff"] if bom else []
    previous = ""
    for number, line in enumerate(lines):
        ending = endings[number % len(endings)]
        # "\r" then an empty line ended by "\n" would read as one CRLF.
        if previous == "\r" and not line and ending.startswith("\n"):
            ending = "\r"
        out.append(line + ending)
        previous = ending
    return "".join(out)


def _expected(events: list[tuple[str, str | None, str, list[str]]]) -> list[tuple[str, str | None, str]]:
    result: list[tuple[str, str | None, str]] = []
    last_id: str | None = None
    for etype, eid, data, _comments in events:
        if eid is not None:
            last_id = eid
        result.append((etype or "message", last_id, data))
    return result


@given(
    events=_events,
    endings=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=4),
    bom=st.booleans(),
)
def test_roundtrip_property(
    events: list[tuple[str, str | None, str, list[str]]], endings: list[str], bom: bool
) -> None:
    raw = _serialise(events, endings, bom)
    stream = parse_event_stream(raw)
    assert [(e.event, e.id, e.data) for e in stream.events] == _expected(events)
    assert not stream.unterminated
    assert [c.text for c in stream.comments] == [c for *_, comments in events for c in comments]
    assert count_events(raw) == len(stream.events)


@given(
    st.lists(
        st.sampled_from(["data", "data:", ":", " x", "\r", "\n", "id", "\ufeff", "é", "event: e"]),
        max_size=40,
    ).map("".join)
)
def test_count_events_matches_parser_on_noise(raw: str) -> None:
    assert count_events(raw) == len(parse_event_stream(raw).events)


def test_count_events_agrees_with_the_parser_on_line_soup() -> None:
    """The LF-only fast path of count_events against the full parser, on random streams
    made of the lines that matter (data with and without colon, look-alikes, comments,
    BOM, blank lines, unterminated endings)."""
    import random

    rng = random.Random(5)
    parts = ["data: x", "data", "data:", "event: e", "id: 1", ": c", "", "", "dat", "datax: y", "retry: 5", "\ufeff", " data: a", "data: ä"]
    for _ in range(5000):
        text = "\n".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        text += rng.choice(["", "\n", "\n\n"])
        assert count_events(text) == len(parse_event_stream(text).events), repr(text)


def test_count_events_agrees_with_the_parser_on_crlf_line_soup() -> None:
    """The CRLF-only fast path of count_events, the same way (and a stream with one LF
    among its CRLFs, which must take the general path)."""
    import random

    rng = random.Random(7)
    parts = ["data: x", "data", "data:", "event: e", "id: 1", ": c", "", "", "dat", "datax: y", "\ufeff", "data: ä"]
    for _ in range(5000):
        text = "\r\n".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        text += rng.choice(["", "\r\n", "\r\n\r\n"])
        assert count_events(text) == len(parse_event_stream(text).events), repr(text)
        mixed = text.replace("\r\n", "\n", 1)
        assert count_events(mixed) == len(parse_event_stream(mixed).events), repr(mixed)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("boms", [0, 1, 2])
def test_count_events_strips_one_bom_as_the_parser_does(ending: str, boms: int) -> None:
    """Only one leading BOM is stripped: a second makes the first line's field name
    `\\ufeffdata`, no data field (the counter once stripped one itself and then had the
    line splitter strip another, counting an event the parser does not dispatch)."""
    raw = "\ufeff" * boms + "data" + ending * 2 + "data: x" + ending * 2
    assert count_events(raw) == len(parse_event_stream(raw).events) == (1 if boms == 2 else 2)
