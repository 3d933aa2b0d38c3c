"""The classes of the events the C parser makes, each made in one Python frame, not three.

ruamel.yaml's C parser makes an event by calling its Python class, whose ``__init__``
calls its base's, which calls its base's: 0.3 s of the 1.0 s the parser takes over the
683,000 events of the bench's many-small file, paid again when a rewrite is read back.
The parser finds its event classes in its own module's namespace at each call, so a
subclass with one flat ``__init__`` put there makes the same event (an instance of the
same class, the same slots holding the same values) for less. They are put there only
while one of cassette's parses runs (:func:`parsing`): ruamel's C emitter, which other
code in the process may use, tests the exact classes in that namespace. And only if,
at import, each subclass takes the arguments its base takes and a trial parse gives the
same events both ways; otherwise the parser's own classes stay (a ruamel.yaml that
changed them). Either way the names below are the classes cassette's parses make, for
the ``type(event) is ...`` tests of the composer and the read-back."""

from __future__ import annotations

import sys
from typing import Any

from ruamel.yaml import events as _events
from ruamel.yaml.cyaml import CParser

__all__ = ["AliasEvent", "DocumentStartEvent", "MappingEndEvent", "MappingStartEvent", "ScalarEvent", "SequenceEndEvent", "PASSED_EVENTS", "SequenceStartEvent", "agrees", "flat_classes_in_use", "parsing"]

_CHECK = _events.CommentCheck  # what Event.__init__ turns into None


class _Scalar(_events.ScalarEvent):
    __slots__ = ()

    def __init__(self, anchor: Any, tag: Any, implicit: Any, value: Any, start_mark: Any = None, end_mark: Any = None, style: Any = None, comment: Any = None) -> None:
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = None if comment is _CHECK else comment
        self.anchor = anchor
        self.ctag = tag
        self.implicit = implicit
        self.value = value
        self.style = style


class _MappingStart(_events.MappingStartEvent):
    __slots__ = ()

    def __init__(self, anchor: Any, tag: Any, implicit: Any, start_mark: Any = None, end_mark: Any = None, flow_style: Any = None, comment: Any = None, nr_items: Any = None) -> None:
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = None if comment is _CHECK else comment
        self.anchor = anchor
        self.ctag = tag
        self.implicit = implicit
        self.flow_style = flow_style
        self.nr_items = nr_items


class _SequenceStart(_events.SequenceStartEvent):
    __slots__ = ()
    __init__ = _MappingStart.__init__  # the same arguments and slots (CollectionStartEvent's)


class _MappingEnd(_events.MappingEndEvent):
    __slots__ = ()

    def __init__(self, start_mark: Any = None, end_mark: Any = None, comment: Any = _CHECK) -> None:
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = None if comment is _CHECK else comment


class _SequenceEnd(_events.SequenceEndEvent):
    __slots__ = ()
    __init__ = _MappingEnd.__init__


_FLAT: dict[str, type] = {
    "ScalarEvent": _Scalar,
    "MappingStartEvent": _MappingStart,
    "SequenceStartEvent": _SequenceStart,
    "MappingEndEvent": _MappingEnd,
    "SequenceEndEvent": _SequenceEnd,
}


def _slots(cls: type) -> list[str]:
    return [name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ())]


def agrees(flat: type, base: type) -> bool:
    """Whether ``flat`` takes the arguments ``base`` takes, with the same defaults, and
    sets every slot as ``base`` does: given all of them (distinct objects, or each the
    marker Event turns into None) and given only the required ones."""
    ours, theirs = flat.__init__.__code__, base.__init__.__code__  # type: ignore[misc]
    count = theirs.co_argcount
    if ours.co_argcount != count or ours.co_varnames[:count] != theirs.co_varnames[:count]:
        return False
    defaults = base.__init__.__defaults__ or ()  # type: ignore[misc]
    if tuple(flat.__init__.__defaults__ or ()) != tuple(defaults):  # type: ignore[misc]
        return False
    required = count - 1 - len(defaults)
    trials = [[object() for _ in range(count - 1)], [_CHECK] * (count - 1), [object() for _ in range(required)]]
    for arguments in trials:
        made, expected = flat(*arguments), base(*arguments)
        for slot in _slots(base):
            if getattr(made, slot, agrees) is not getattr(expected, slot, agrees):
                return False
    return True


_TRIAL = "%YAML 1.1\n---\na: &x !!str b\nc: [1, {d: *x}, 'q']\ne: |\n  f\n? g\n: \"h\" # i\n"


def _trial_events() -> list[tuple[str, tuple[object, ...]]]:
    """The trial document's events: each one's stock class and every slot's value."""
    parser = CParser(_TRIAL)
    found = []
    try:
        while (event := parser.get_event()) is not None:
            stock = next(klass for klass in type(event).__mro__ if klass.__module__ == _events.__name__)
            values = []
            for slot in _slots(stock):
                value = getattr(event, slot, agrees)
                if slot.endswith("_mark") and value is not None:
                    value = (value.name, value.index, value.line, value.column)
                values.append((slot, value, type(value)))
            found.append((stock.__name__, tuple(values)))
    finally:
        parser.dispose()
    return found


_MODULE = sys.modules.get(CParser.__module__)
_STOCK: dict[str, type] = {name: getattr(_events, name) for name in _FLAT}


def _put(classes: dict[str, type]) -> None:
    for name, klass in classes.items():
        setattr(_MODULE, name, klass)


def _usable() -> bool:
    """Whether the flat classes make what the stock ones make, here."""
    if _MODULE is None or any(getattr(_MODULE, name, None) is not base for name, base in _STOCK.items()):
        return False
    try:
        if not all(agrees(flat, _STOCK[name]) for name, flat in _FLAT.items()):
            return False
        stock = _trial_events()
        _put(_FLAT)
        try:
            return _trial_events() == stock
        finally:
            _put(_STOCK)
    except Exception:  # a ruamel.yaml unlike the one these were written for
        return False


flat_classes_in_use = _usable()
_USED: dict[str, type] = _FLAT if flat_classes_in_use else _STOCK
_depth = 0  # parses under way


class parsing:
    """While cassette's parses run (they may nest), the C parser makes the flat classes."""

    def __enter__(self) -> None:
        global _depth
        if flat_classes_in_use:
            if _depth == 0:
                _put(_FLAT)
            _depth += 1

    def __exit__(self, *exc: object) -> None:
        global _depth
        if flat_classes_in_use:
            _depth -= 1
            if _depth == 0:
                _put(_STOCK)


ScalarEvent = _USED["ScalarEvent"]
MappingStartEvent = _USED["MappingStartEvent"]
SequenceStartEvent = _USED["SequenceStartEvent"]
MappingEndEvent = _USED["MappingEndEvent"]
SequenceEndEvent = _USED["SequenceEndEvent"]
AliasEvent = _events.AliasEvent
DocumentStartEvent = _events.DocumentStartEvent
PASSED_EVENTS = (_events.StreamStartEvent, _events.StreamEndEvent, _events.DocumentEndEvent)  # nothing to compose
