"""Plain data classes for the modules every command imports (model, mask, inputs,
views.listing), written out instead of made by ``dataclasses``: importing that module
imports ``inspect``, 12 ms of the 60 ms a small `cassette ls` takes. Each class names
its fields; equality and repr go by them, as a dataclass's would."""

from __future__ import annotations

__all__ = ["Record"]


class Record:
    """A mutable record: ``FIELDS`` in order, compared and shown by them (unhashable,
    as a dataclass with equality and without ``frozen`` is)."""

    FIELDS: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.FIELDS)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self.FIELDS)})"
