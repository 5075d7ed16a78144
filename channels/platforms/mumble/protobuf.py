"""The protobuf wire format, as much of it as Mumble's control messages use; no dependency.

Mumble's TCP messages are protobuf (proto2) messages. This client reads and
writes the few fields it needs with this module instead of the ``protobuf``
package and code generated from Mumble.proto: the wire format is four
encodings (varint, 64-bit, length-delimited, 32-bit), the fields are about
thirty scalars, and a decoder written for untrusted bytes is easier to
bound and to fuzz than to audit in a generated one. Unknown fields are
skipped, so messages from newer servers still read.

Write a message with :func:`encode`; read one with :class:`Fields`, which
raises :class:`WireError` on anything malformed, never another exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

VARINT: Final = 0
FIXED64: Final = 1
LENGTH: Final = 2
FIXED32: Final = 5

_MASK64: Final = (1 << 64) - 1

Value = int | bytes
"""A field as read: varints and fixed-width numbers as ``int``, length-delimited as ``bytes``."""

FieldValue = int | bool | str | bytes | None
"""A field to write: ``None`` is left out (an unset optional field)."""


class WireError(ValueError):
    """The bytes are not a protobuf message, or a field has the wrong type."""


def varint(value: int) -> bytes:
    """``value`` as a base-128 varint; a negative one as its 64-bit two's complement (int32)."""
    value &= _MASK64
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _field(number: int, value: int | bool | str | bytes) -> bytes:
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return varint(number << 3 | LENGTH) + varint(len(value)) + value
    return varint(number << 3 | VARINT) + varint(int(value))


def encode(*fields: tuple[int, FieldValue | Iterable[int | str | bytes]]) -> bytes:
    """A message from ``(number, value)`` pairs; a list or tuple value is a repeated field.

    ``int`` and ``bool`` are varints, ``str`` (UTF-8) and ``bytes`` are
    length-delimited (a nested message is its encoded ``bytes``).
    """
    out = bytearray()
    for number, value in fields:
        if value is None:
            continue
        if isinstance(value, int | str | bytes):
            out += _field(number, value)
        else:
            for item in value:
                out += _field(number, item)
    return bytes(out)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    end = min(len(data), at + 10)
    while at < end:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value & _MASK64, at
        shift += 7
    raise WireError("a varint runs past the end of the message or beyond 10 bytes")


class Fields:
    """The fields of one message, by number; the last value counts for a scalar (as protobuf)."""

    __slots__ = ("_values",)

    def __init__(self, data: bytes) -> None:
        values: dict[int, list[Value]] = {}
        at, size = 0, len(data)
        while at < size:
            key, at = _read_varint(data, at)
            number, kind = key >> 3, key & 7
            if number == 0:
                raise WireError("field number 0")
            value: Value
            if kind == VARINT:
                value, at = _read_varint(data, at)
            elif kind == LENGTH:
                length, at = _read_varint(data, at)
                if length > size - at:
                    raise WireError("a length-delimited field runs past the end of the message")
                value, at = data[at : at + length], at + length
            elif kind in (FIXED64, FIXED32):
                width = 8 if kind == FIXED64 else 4
                if width > size - at:
                    raise WireError("a fixed-width field runs past the end of the message")
                value, at = int.from_bytes(data[at : at + width], "little"), at + width
            else:
                raise WireError(f"wire type {kind} (groups are not used by Mumble)")
            values.setdefault(number, []).append(value)
        self._values = values

    def __contains__(self, number: int) -> bool:
        return number in self._values

    def number(self, number: int) -> int | None:
        """An unsigned number (uint32, uint64, enum), or None when absent."""
        value = self._last(number)
        if value is not None and not isinstance(value, int):
            raise WireError(f"field {number} should be a number")
        return value

    def flag(self, number: int) -> bool | None:
        value = self.number(number)
        return None if value is None else value != 0

    def data(self, number: int) -> bytes | None:
        value = self._last(number)
        if value is not None and not isinstance(value, bytes):
            raise WireError(f"field {number} should be length-delimited")
        return value

    def text(self, number: int) -> str | None:
        """A string field; bytes that are not UTF-8 become U+FFFD rather than an error."""
        value = self.data(number)
        return None if value is None else value.decode(errors="replace")

    def _last(self, number: int) -> Value | None:
        values = self._values.get(number)
        return values[-1] if values else None

    def numbers(self, number: int) -> tuple[int, ...]:
        """A repeated number field, packed or not."""
        out: list[int] = []
        for value in self._values.get(number, ()):
            if isinstance(value, int):
                out.append(value)
                continue
            at = 0
            while at < len(value):
                item, at = _read_varint(value, at)
                out.append(item)
        return tuple(out)
