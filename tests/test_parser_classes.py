"""The C parser's events made by the flat classes of document/parser_classes.py are the
events ruamel.yaml's own classes make: the same classes to isinstance, every slot the
same, on every YAML file of the samples, the corpus and ../shared/real-world; ruamel's
own loader still works beside them; and a ruamel.yaml whose classes differ keeps its own."""

from __future__ import annotations

import importlib
import io

import pytest
from ruamel.yaml import YAML
from ruamel.yaml import events as ruamel_events
from ruamel.yaml.cyaml import CParser

from cassette_cli.document import parser_classes

from .conftest import samples_corpus_and_real_world

NAMES = ["ScalarEvent", "MappingStartEvent", "SequenceStartEvent", "MappingEndEvent", "SequenceEndEvent"]
YAML_FILES = [p for p in samples_corpus_and_real_world() if p.suffix in (".yaml", ".yml")]


def _slots(event: object) -> tuple[object, ...]:
    values = []
    for klass in type(event).__mro__:
        for slot in getattr(klass, "__slots__", ()):
            value = getattr(event, slot, None)
            if slot.endswith("_mark") and value is not None:
                value = (value.index, value.line, value.column)
            values.append((slot, value))
    return tuple(values)


def _events(data: bytes) -> list[tuple[str, tuple[object, ...]]]:
    parser = CParser(io.BytesIO(data))
    found = []
    try:
        while (event := parser.get_event()) is not None:
            stock = next(klass for klass in type(event).__mro__ if klass.__module__ == ruamel_events.__name__)
            found.append((stock.__name__, _slots(event)))
    except Exception as exc:  # a file the parser refuses: refused the same way
        found.append(("error", (type(exc).__name__, str(exc))))
    finally:
        parser.dispose()
    return found


def _types(text: str) -> set[type]:
    parser = CParser(text)
    try:
        return {type(event) for event in iter(parser.get_event, None)}
    finally:
        parser.dispose()


def test_the_flat_classes_are_in_use_here_and_only_while_cassette_parses() -> None:
    assert parser_classes.flat_classes_in_use
    assert parser_classes.ScalarEvent is not ruamel_events.ScalarEvent
    assert issubclass(parser_classes.ScalarEvent, ruamel_events.ScalarEvent)
    parser_module = importlib.import_module(CParser.__module__)
    assert parser_module.ScalarEvent is ruamel_events.ScalarEvent
    with parser_classes.parsing():
        with parser_classes.parsing():  # parses may nest
            assert parser_module.ScalarEvent is parser_classes.ScalarEvent
        assert parser_module.ScalarEvent is parser_classes.ScalarEvent
    assert all(getattr(parser_module, name) is getattr(ruamel_events, name) for name in NAMES)


def test_events_are_the_stock_ones_on_every_yaml_file() -> None:
    assert len(YAML_FILES) >= 3
    datas = [path.read_bytes() for path in YAML_FILES]
    with parser_classes.parsing():
        flat = [_events(data) for data in datas]
        assert parser_classes.ScalarEvent in _types("a: b")
    assert ruamel_events.ScalarEvent in _types("a: b")
    stock = [_events(data) for data in datas]
    for path, ours, theirs in zip(YAML_FILES, flat, stock):
        assert ours == theirs, path
    assert sum(len(events) for events in flat) > 10_000


def test_ruamel_s_own_loaders_and_emitter_work_beside_cassette() -> None:
    """ruamel's C emitter tests the exact classes in the parser's module: after cassette
    has read a file (and while it reads one), stock events still emit."""
    from cassette_cli import api

    sample = YAML_FILES[0]
    api.load_bytes(sample.read_bytes(), str(sample))
    text = "a: [1, {b: c}]\nd: !!str 2\ne: &x hi\nf: *x\n"
    assert YAML(typ="safe", pure=False).load(text) == {"a": [1, {"b": "c"}], "d": "2", "e": "hi", "f": "hi"}
    assert YAML(typ="rt").load(text)["a"][1]["b"] == "c"
    out = io.StringIO()
    YAML(typ="safe", pure=False).emit(list(YAML(typ="rt").parse(text)), out)
    assert YAML(typ="safe").load(out.getvalue())["f"] == "hi"


def test_a_class_that_sets_a_slot_otherwise_is_refused() -> None:
    """What decides whether the flat classes are put in the parser's module: each must
    take its base's arguments and set every slot as the base does."""
    for name in NAMES:
        assert parser_classes.agrees(getattr(parser_classes, name), getattr(ruamel_events, name))

    class ScalarWithMore(ruamel_events.ScalarEvent):  # a ruamel.yaml with one more slot
        __slots__ = ("more",)

        def __init__(self, anchor, tag, implicit, value, start_mark=None, end_mark=None, style=None, comment=None) -> None:  # type: ignore[no-untyped-def]
            super().__init__(anchor, tag, implicit, value, start_mark, end_mark, style, comment)
            self.more = value

    class ScalarTakingMore(ruamel_events.ScalarEvent):  # one more argument
        __slots__ = ()

        def __init__(self, anchor, tag, implicit, value, start_mark=None, end_mark=None, style=None, comment=None, extra=None) -> None:  # type: ignore[no-untyped-def]
            super().__init__(anchor, tag, implicit, value, start_mark, end_mark, style, comment)

    class EndKeepingTheMarker(ruamel_events.MappingEndEvent):  # comment not turned into None
        __slots__ = ()

        def __init__(self, start_mark=None, end_mark=None, comment=ruamel_events.CommentCheck) -> None:  # type: ignore[no-untyped-def]
            self.start_mark, self.end_mark, self.comment = start_mark, end_mark, comment

    assert not parser_classes.agrees(parser_classes.ScalarEvent, ScalarWithMore)
    assert not parser_classes.agrees(parser_classes.ScalarEvent, ScalarTakingMore)
    assert not parser_classes.agrees(EndKeepingTheMarker, ruamel_events.MappingEndEvent)
    assert not parser_classes.agrees(parser_classes.MappingEndEvent, ruamel_events.MappingStartEvent)
