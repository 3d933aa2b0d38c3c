"""The classes of the events the C parser makes, each made in one Python frame, not three.

ruamel.yaml's C parser makes an event by calling its Python class, whose ``__init__``
calls its base's, which calls its base's: 0.3 s of the 1.0 s the parser takes over the
683,000 events of the bench's many-small file, paid again when a rewrite is read back.
The parser finds its event classes in its own module's namespace at each call, so a
subclass with one flat ``__init__`` put there makes the same event (an instance of the
same class, the same slots holding the same values) for less. That is done once, at
import, and only if a trial shows that each subclass takes the arguments its base takes
and sets every slot as the base does; otherwise the parser's own classes stay (a
ruamel.yaml that changed them). Either way the names below are the classes the parser
makes, for the ``type(event) is ...`` tests of the composer and the read-back."""

from __future__ import annotations

import sys
from typing import Any

from ruamel.yaml import events as _events
from ruamel.yaml.cyaml import CParser

__all__ = ["AliasEvent", "DocumentStartEvent", "MappingEndEvent", "MappingStartEvent", "ScalarEvent", "SequenceEndEvent", "SequenceStartEvent", "agrees", "flat_classes_in_use"]

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


def _install() -> bool:
    """Put the flat classes where the C parser looks its classes up, if each agrees."""
    module = sys.modules.get(CParser.__module__)
    if module is None:
        return False
    for name, flat in _FLAT.items():
        base = getattr(_events, name)
        if getattr(module, name, None) is not base or not agrees(flat, base):
            return False
    for name, flat in _FLAT.items():
        setattr(module, name, flat)
    return True


flat_classes_in_use = _install()
_USED: dict[str, type] = _FLAT if flat_classes_in_use else {name: getattr(_events, name) for name in _FLAT}

ScalarEvent = _USED["ScalarEvent"]
MappingStartEvent = _USED["MappingStartEvent"]
SequenceStartEvent = _USED["SequenceStartEvent"]
MappingEndEvent = _USED["MappingEndEvent"]
SequenceEndEvent = _USED["SequenceEndEvent"]
AliasEvent = _events.AliasEvent
DocumentStartEvent = _events.DocumentStartEvent
