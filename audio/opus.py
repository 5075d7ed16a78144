"""Opus encoder and decoder for the interpreter path: 48 kHz mono, fullband, low delay.

:class:`Encoder` and :class:`Decoder` wrap libopus (found and loaded by
opuslib) with output buffers allocated once: ``Encoder.encode`` returns the
packet as ``bytes``; ``Decoder.decode`` returns a cached view for the
configured frame length (valid until the next call), and
:meth:`Decoder.conceal` fills a missing frame. Every setting is read back
from libopus; one it did not take raises :class:`OpusError`. The defaults
(CELT-only restricted low delay, fullband at 64 kb/s, complexity 9, no FEC,
no DTX) suit rsi.v1's TCP transport; choose ``Application.AUDIO`` or
``Application.VOIP`` with a loss hint for a lossy one. Why, and why not
opuslib's own classes: docs/architecture.md, "Design notes".

Encoders and decoders are not thread-safe: use each from one thread.
"""

from __future__ import annotations

import ctypes
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Final, Generic, Literal, TypeVar, cast, overload

import numpy as np
import numpy.typing as npt

from audio.format import SAMPLE_RATE

CHANNELS: Final = 1
MAX_PACKET_BYTES: Final = 1275 * 3
"""Output capacity of one encode: libopus never makes a packet larger than this."""
MAX_FRAME_SAMPLES: Final = SAMPLE_RATE * 120 // 1000
"""120 ms, the longest packet Opus allows: any legal packet decodes into the buffer."""

FrameMs = Literal[10, 20]
"""Frame durations offered: 10 ms for the interpreter path, 20 ms to halve packet rate."""


class Application(IntEnum):
    """``OPUS_APPLICATION_*`` from opus_defines.h."""

    VOIP = 2048
    AUDIO = 2049
    RESTRICTED_LOWDELAY = 2051


class Bandwidth(IntEnum):
    """``OPUS_BANDWIDTH_*``: the audio bandpass of a packet (fullband = 20 kHz)."""

    NARROWBAND = 1101
    MEDIUMBAND = 1102
    WIDEBAND = 1103
    SUPERWIDEBAND = 1104
    FULLBAND = 1105


class Signal(IntEnum):
    """``OPUS_AUTO`` / ``OPUS_SIGNAL_*``."""

    AUTO = -1000
    VOICE = 3001
    MUSIC = 3002


# Request codes from opus_defines.h. Numeric on purpose: they are the stable ABI,
# and naming them here keeps every ctl this module sends greppable.
_OPUS_OK: Final = 0
_SET_APPLICATION: Final = 4000
_GET_APPLICATION: Final = 4001
_SET_BITRATE: Final = 4002
_GET_BITRATE: Final = 4003
_SET_MAX_BANDWIDTH: Final = 4004
_GET_MAX_BANDWIDTH: Final = 4005
_SET_VBR: Final = 4006
_GET_VBR: Final = 4007
_SET_BANDWIDTH: Final = 4008
_SET_COMPLEXITY: Final = 4010
_GET_COMPLEXITY: Final = 4011
_SET_INBAND_FEC: Final = 4012
_GET_INBAND_FEC: Final = 4013
_SET_PACKET_LOSS_PERC: Final = 4014
_GET_PACKET_LOSS_PERC: Final = 4015
_SET_DTX: Final = 4016
_GET_DTX: Final = 4017
_SET_SIGNAL: Final = 4024
_GET_SIGNAL: Final = 4025
_GET_LOOKAHEAD: Final = 4027
_RESET_STATE: Final = 4028
_GET_SAMPLE_RATE: Final = 4029
_GET_LAST_PACKET_DURATION: Final = 4039

_CTL_NAMES: Final = {
    _SET_BITRATE: "OPUS_SET_BITRATE",
    _SET_MAX_BANDWIDTH: "OPUS_SET_MAX_BANDWIDTH",
    _SET_VBR: "OPUS_SET_VBR",
    _SET_COMPLEXITY: "OPUS_SET_COMPLEXITY",
    _SET_INBAND_FEC: "OPUS_SET_INBAND_FEC",
    _SET_PACKET_LOSS_PERC: "OPUS_SET_PACKET_LOSS_PERC",
    _SET_DTX: "OPUS_SET_DTX",
    _SET_SIGNAL: "OPUS_SET_SIGNAL",
}

_INSTALL_HINT: Final = (
    "libopus is not installed or could not be loaded. On Debian/Ubuntu: "
    "`apt-get install libopus0`; on macOS: `brew install opus`. "
    "The Python binding comes with `pip install 'rsi-console[audio]'` (opuslib)."
)

_F32: Final = np.dtype(np.float32)
_I16: Final = np.dtype(np.int16)


class OpusUnavailableError(ImportError):
    """libopus (or the opuslib binding that loads it) is missing."""


class OpusError(RuntimeError):
    """libopus refused a call, or did not take a setting."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class _Lib:
    """Private ctypes function objects, typed once, shared by all codecs."""

    encoder_create: Callable[..., Any]
    encoder_destroy: Callable[..., Any]
    encoder_ctl: Callable[..., Any]
    encode: Callable[..., Any]
    encode_float: Callable[..., Any]
    decoder_create: Callable[..., Any]
    decoder_destroy: Callable[..., Any]
    decoder_ctl: Callable[..., Any]
    decode: Callable[..., Any]
    decode_float: Callable[..., Any]
    packet_get_bandwidth: Callable[..., Any]
    strerror: Callable[..., Any]
    version: str


def _load_opuslib_cdll() -> ctypes.CDLL:
    """Return the libopus that opuslib loaded, translating its failures into one clear error."""
    try:
        import opuslib.api  # type: ignore[import-untyped]
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] == "opuslib":
            raise OpusUnavailableError(f"opuslib is not installed. {_INSTALL_HINT}") from exc
        raise
    except Exception as exc:
        # opuslib raises a bare Exception when find_library('opus') fails, and
        # ctypes raises OSError when the file it found cannot be loaded.
        raise OpusUnavailableError(f"{_INSTALL_HINT} ({exc})") from exc
    return cast(ctypes.CDLL, opuslib.api.libopus)


@functools.cache
def _lib() -> _Lib:
    """Load libopus once, on first use, so importing this module never fails."""
    cdll = _load_opuslib_cdll()
    vp, ci, i32 = ctypes.c_void_p, ctypes.c_int, ctypes.c_int32

    def fn(name: str, argtypes: tuple[Any, ...], restype: Any) -> Callable[..., Any]:
        f = cdll[name]  # a fresh function object: opuslib's own stay untouched
        f.argtypes = argtypes
        f.restype = restype
        return cast(Callable[..., Any], f)

    int_p = ctypes.POINTER(ci)
    strerror = fn("opus_strerror", (ci,), ctypes.c_char_p)
    version = fn("opus_get_version_string", (), ctypes.c_char_p)()
    return _Lib(
        encoder_create=fn("opus_encoder_create", (i32, ci, ci, int_p), vp),
        encoder_destroy=fn("opus_encoder_destroy", (vp,), None),
        # Variadic: declare only the fixed arguments (state, request).
        encoder_ctl=fn("opus_encoder_ctl", (vp, ci), ci),
        encode=fn("opus_encode", (vp, vp, ci, vp, i32), i32),
        encode_float=fn("opus_encode_float", (vp, vp, ci, vp, i32), i32),
        decoder_create=fn("opus_decoder_create", (i32, ci, int_p), vp),
        decoder_destroy=fn("opus_decoder_destroy", (vp,), None),
        decoder_ctl=fn("opus_decoder_ctl", (vp, ci), ci),
        decode=fn("opus_decode", (vp, vp, i32, vp, ci, ci), ci),
        decode_float=fn("opus_decode_float", (vp, vp, i32, vp, ci, ci), ci),
        packet_get_bandwidth=fn("opus_packet_get_bandwidth", (vp,), ci),
        strerror=strerror,
        version=version.decode(),
    )


def _error(lib: _Lib, what: str, code: int) -> OpusError:
    return OpusError(f"{what}: {lib.strerror(code).decode()} ({code})", code)


def libopus_version() -> str:
    """The loaded libopus version string, e.g. ``libopus 1.3.1`` (for bug reports)."""
    return _lib().version


def packet_bandwidth(packet: bytes) -> Bandwidth:
    """The bandpass a packet's TOC byte announces, to check the band is not cut."""
    lib = _lib()
    if not packet:
        raise ValueError("empty packet has no TOC byte")
    code = lib.packet_get_bandwidth(packet)
    if code < 0:
        raise _error(lib, "opus_packet_get_bandwidth", code)
    return Bandwidth(code)


def _frame_samples(frame_ms: int) -> int:
    if frame_ms not in (10, 20):
        raise ValueError(f"frame_ms must be 10 or 20, not {frame_ms!r}")
    return SAMPLE_RATE * frame_ms // 1000


class _Ctl:
    """Typed wrapper for one codec state's variadic ctl (never on a per-frame path)."""

    __slots__ = ("_ctl", "_lib", "_state")

    def __init__(self, lib: _Lib, ctl: Callable[..., Any], state: ctypes.c_void_p) -> None:
        self._lib = lib
        self._ctl = ctl
        self._state = state

    def query(self, request: int) -> None:
        code = self._ctl(self._state, request)
        if code != _OPUS_OK:
            raise _error(self._lib, f"opus ctl {request}", code)

    def get(self, request: int) -> int:
        value = ctypes.c_int32()
        code = self._ctl(self._state, request, ctypes.byref(value))
        if code != _OPUS_OK:
            raise _error(self._lib, f"opus ctl {request}", code)
        return value.value

    def set(self, request: int, value: int) -> None:
        code = self._ctl(self._state, request, ctypes.c_int32(value))
        if code != _OPUS_OK:
            raise _error(self._lib, f"{_CTL_NAMES.get(request, request)}({value})", code)

    def set_verified(self, request: int, value: int) -> None:
        """Set, then read back with the GET request (SET + 1 in opus_defines.h)."""
        self.set(request, value)
        got = self.get(request + 1)
        if got != value:
            name = _CTL_NAMES.get(request, str(request))
            raise OpusError(f"libopus did not take {name}({value}): it reads back {got}")


class Encoder:
    """One mono 48 kHz Opus encoder with preallocated input and output buffers.

    ``bitrate`` is in bit/s; ``packet_loss_perc`` is the loss hint in percent.
    Every setting is read back from libopus when set (here or later through
    the properties), so a property's value is what libopus actually uses.
    """

    def __init__(
        self,
        *,
        frame_ms: FrameMs = 10,
        application: Application = Application.RESTRICTED_LOWDELAY,
        bitrate: int = 64_000,
        complexity: int = 9,
        bandwidth: Bandwidth = Bandwidth.FULLBAND,
        signal: Signal = Signal.VOICE,
        fec: bool = False,
        packet_loss_perc: int = 0,
        dtx: bool = False,
        vbr: bool = True,
    ) -> None:
        self._frame = _frame_samples(frame_ms)
        application = Application(application)
        lib = _lib()
        error = ctypes.c_int()
        addr = lib.encoder_create(SAMPLE_RATE, CHANNELS, application, ctypes.byref(error))
        if error.value != _OPUS_OK or not addr:
            raise _error(lib, "opus_encoder_create", error.value)
        self._lib = lib
        self._state = ctypes.c_void_p(addr)
        self._addr: int = addr
        self._finalizer = weakref.finalize(self, lib.encoder_destroy, ctypes.c_void_p(addr))
        self._ctl = _Ctl(lib, lib.encoder_ctl, self._state)
        self._application = application

        # Input: one buffer per sample format, plus (frame, 1) views of them so a
        # sounddevice block (frames, channels) copies in without a reshape.
        self._in_f32 = np.zeros(self._frame, dtype=np.float32)
        self._in_i16 = np.zeros(self._frame, dtype=np.int16)
        self._in_f32_2d = self._in_f32.reshape(self._frame, 1)
        self._in_i16_2d = self._in_i16.reshape(self._frame, 1)
        self._in_f32_addr: int = self._in_f32.ctypes.data
        self._in_i16_addr: int = self._in_i16.ctypes.data
        self._shape_1d = (self._frame,)
        self._shape_2d = (self._frame, 1)
        self._out = (ctypes.c_char * MAX_PACKET_BYTES)()
        self._out_addr: int = ctypes.addressof(self._out)
        self._encode_float = lib.encode_float
        self._encode_i16 = lib.encode

        # Not read back: OPUS_GET_BANDWIDTH reports the last packet's band, not
        # this setting. MAX_BANDWIDTH is read back; packets carry their band in
        # the TOC byte (see packet_bandwidth).
        self._ctl.set(_SET_BANDWIDTH, Bandwidth(bandwidth))
        self._ctl.set_verified(_SET_MAX_BANDWIDTH, Bandwidth(bandwidth))
        self._ctl.set_verified(_SET_SIGNAL, Signal(signal))
        self.bitrate = bitrate
        self.complexity = complexity
        self.packet_loss_perc = packet_loss_perc
        self.fec = fec
        self.dtx = dtx
        self.vbr = vbr

    # -- per-frame path -------------------------------------------------------

    def encode(self, pcm: npt.NDArray[np.float32] | npt.NDArray[np.int16]) -> bytes:
        """Encode one frame (float32 in [-1, 1] or int16), shape (frame,) or (frame, 1).

        The only allocation is the returned ``bytes``. A packet of 1 or 2 bytes
        with DTX on is a DTX frame: it need not be sent.
        """
        if not self._addr:
            raise OpusError("encoder is closed")
        dtype = pcm.dtype
        shape = pcm.shape
        if dtype == _F32:
            if shape == self._shape_1d:
                np.copyto(self._in_f32, pcm)
            elif shape == self._shape_2d:
                np.copyto(self._in_f32_2d, pcm)
            else:
                raise self._shape_error(shape)
            n = self._encode_float(
                self._state, self._in_f32_addr, self._frame, self._out_addr, MAX_PACKET_BYTES
            )
        elif dtype == _I16:
            if shape == self._shape_1d:
                np.copyto(self._in_i16, pcm)
            elif shape == self._shape_2d:
                np.copyto(self._in_i16_2d, pcm)
            else:
                raise self._shape_error(shape)
            n = self._encode_i16(
                self._state, self._in_i16_addr, self._frame, self._out_addr, MAX_PACKET_BYTES
            )
        else:
            raise TypeError(f"pcm must be float32 or int16, not {dtype}")
        if n < 0:
            raise _error(self._lib, "opus_encode", n)
        return ctypes.string_at(self._out_addr, n)

    def _shape_error(self, shape: tuple[int, ...]) -> ValueError:
        return ValueError(
            f"pcm must have shape ({self._frame},) or ({self._frame}, 1), not {shape}"
        )

    # -- configuration (read back from libopus, never cached) ----------------

    @property
    def frame_samples(self) -> int:
        return self._frame

    @property
    def application(self) -> Application:
        return Application(self._ctl.get(_GET_APPLICATION))

    @property
    def sample_rate(self) -> int:
        return self._ctl.get(_GET_SAMPLE_RATE)

    @property
    def lookahead(self) -> int:
        """Samples of codec delay beyond the frame (OPUS_GET_LOOKAHEAD): 120 or 312."""
        return self._ctl.get(_GET_LOOKAHEAD)

    @property
    def algorithmic_delay_ms(self) -> float:
        """Frame plus lookahead: what this codec adds to mouth-to-ear latency."""
        return (self._frame + self.lookahead) * 1000 / SAMPLE_RATE

    @property
    def max_bandwidth(self) -> Bandwidth:
        return Bandwidth(self._ctl.get(_GET_MAX_BANDWIDTH))

    @property
    def signal(self) -> Signal:
        return Signal(self._ctl.get(_GET_SIGNAL))

    @property
    def bitrate(self) -> int:
        return self._ctl.get(_GET_BITRATE)

    @bitrate.setter
    def bitrate(self, value: int) -> None:
        if not 6_000 <= value <= 510_000:
            raise ValueError(f"bitrate must be 6000..510000 b/s, not {value}")
        self._ctl.set_verified(_SET_BITRATE, value)

    @property
    def complexity(self) -> int:
        return self._ctl.get(_GET_COMPLEXITY)

    @complexity.setter
    def complexity(self, value: int) -> None:
        if not 0 <= value <= 10:
            raise ValueError(f"complexity must be 0..10, not {value}")
        self._ctl.set_verified(_SET_COMPLEXITY, value)

    @property
    def packet_loss_perc(self) -> int:
        """Expected loss in percent: makes SILK add FEC and CELT lean less on the past frame."""
        return self._ctl.get(_GET_PACKET_LOSS_PERC)

    @packet_loss_perc.setter
    def packet_loss_perc(self, value: int) -> None:
        if not 0 <= value <= 100:
            raise ValueError(f"packet_loss_perc must be 0..100, not {value}")
        self._ctl.set_verified(_SET_PACKET_LOSS_PERC, value)

    @property
    def fec(self) -> bool:
        """In-band FEC (SILK LBRR): a lost frame comes back below 8 kHz, concealed above."""
        return bool(self._ctl.get(_GET_INBAND_FEC))

    @fec.setter
    def fec(self, value: bool) -> None:
        if value and self._application == Application.RESTRICTED_LOWDELAY:
            raise ValueError(
                "in-band FEC needs SILK, which RESTRICTED_LOWDELAY (CELT only) never uses: "
                "choose Application.AUDIO or Application.VOIP for FEC"
            )
        self._ctl.set_verified(_SET_INBAND_FEC, int(bool(value)))

    @property
    def dtx(self) -> bool:
        return bool(self._ctl.get(_GET_DTX))

    @dtx.setter
    def dtx(self, value: bool) -> None:
        self._ctl.set_verified(_SET_DTX, int(bool(value)))

    @property
    def vbr(self) -> bool:
        """Variable bitrate, libopus's default. Off, every packet is exactly ``bitrate`` long
        (CBR): for a server that polices the rate over short windows, as Mumble's does."""
        return bool(self._ctl.get(_GET_VBR))

    @vbr.setter
    def vbr(self, value: bool) -> None:
        self._ctl.set_verified(_SET_VBR, int(bool(value)))

    # -- lifecycle -------------------------------------------------------------

    def reset(self) -> None:
        """Forget the signal history, e.g. when the microphone is switched to another channel."""
        self._ctl.query(_RESET_STATE)

    def close(self) -> None:
        """Free the libopus state now rather than at garbage collection."""
        self._addr = 0
        self._finalizer()


SampleT = TypeVar("SampleT", np.float32, np.int16)


class Decoder(Generic[SampleT]):
    """One mono 48 kHz Opus decoder that writes into a buffer it owns.

    Every method returns a view of that buffer: it is valid until the next call
    on this decoder. Copy it if you keep it; modify it in place if you like.
    """

    @overload
    def __init__(
        self: Decoder[np.float32], *, frame_ms: FrameMs = 10, dtype: type[np.float32] = ...
    ) -> None: ...

    @overload
    def __init__(
        self: Decoder[np.int16], *, frame_ms: FrameMs = 10, dtype: type[np.int16]
    ) -> None: ...

    def __init__(
        self, *, frame_ms: FrameMs = 10, dtype: type[np.float32] | type[np.int16] = np.float32
    ) -> None:
        self._frame = _frame_samples(frame_ms)
        sample_type = np.dtype(dtype)
        if sample_type not in (_F32, _I16):
            raise TypeError(f"dtype must be float32 or int16, not {sample_type}")
        lib = _lib()
        error = ctypes.c_int()
        addr = lib.decoder_create(SAMPLE_RATE, CHANNELS, ctypes.byref(error))
        if error.value != _OPUS_OK or not addr:
            raise _error(lib, "opus_decoder_create", error.value)
        self._lib = lib
        self._state = ctypes.c_void_p(addr)
        self._addr: int = addr
        self._finalizer: weakref.finalize[..., Any] = weakref.finalize(
            self, lib.decoder_destroy, ctypes.c_void_p(addr)
        )
        self._ctl = _Ctl(lib, lib.decoder_ctl, self._state)

        self._pcm: npt.NDArray[SampleT] = np.zeros(MAX_FRAME_SAMPLES, dtype=sample_type)
        self._pcm_addr: int = self._pcm.ctypes.data
        self._frame_view: npt.NDArray[SampleT] = self._pcm[: self._frame]
        self._decode = lib.decode_float if sample_type == _F32 else lib.decode
        self._in = (ctypes.c_char * MAX_PACKET_BYTES)()
        self._in_view = memoryview(self._in).cast("B")
        self._in_addr: int = ctypes.addressof(self._in)
        self._last = self._frame

    # -- per-frame path -------------------------------------------------------

    def decode(self, payload: bytes | bytearray | memoryview) -> npt.NDArray[SampleT]:
        """Decode one packet into the decoder's buffer. An empty payload conceals a frame."""
        return self._run(payload, MAX_FRAME_SAMPLES, 0)

    def conceal(self, samples: int | None = None) -> npt.NDArray[SampleT]:
        """Packet loss concealment for one missing packet (libopus decodes NULL data).

        ``samples`` must be the exact duration that is missing (a multiple of
        2.5 ms); by default the duration of the last packet.
        """
        return self._run(None, self._last if samples is None else samples, 0)

    def decode_fec(
        self, next_payload: bytes | bytearray | memoryview, samples: int | None = None
    ) -> npt.NDArray[SampleT]:
        """Rebuild the lost frame from the FEC copy inside the packet that follows it.

        Then decode ``next_payload`` itself with :meth:`decode`. Where the packet
        carries no FEC (CELT-only, FEC off, loss hint 0) libopus conceals instead.
        """
        return self._run(next_payload, self._last if samples is None else samples, 1)

    def _run(
        self, payload: bytes | bytearray | memoryview | None, samples: int, fec: int
    ) -> npt.NDArray[SampleT]:
        if not self._addr:
            raise OpusError("decoder is closed")
        data: bytes | int | None
        if payload is None:
            data, size = None, 0
        elif type(payload) is bytes:
            data, size = payload, len(payload)  # ctypes passes a pointer to the bytes: no copy
        else:
            size = len(payload)
            if size > MAX_PACKET_BYTES:
                raise ValueError(f"packet of {size} bytes is larger than Opus allows")
            self._in_view[:size] = payload
            data = self._in_addr
        if not 0 < samples <= MAX_FRAME_SAMPLES:
            raise ValueError(f"samples must be 1..{MAX_FRAME_SAMPLES}, not {samples}")
        n = self._decode(self._state, data, size, self._pcm_addr, samples, fec)
        if n < 0:
            raise _error(self._lib, "opus_decode", n)
        self._last = n
        if n == self._frame:
            return self._frame_view
        return self._pcm[:n]

    # -- state -------------------------------------------------------------------

    @property
    def frame_samples(self) -> int:
        return self._frame

    @property
    def dtype(self) -> np.dtype[SampleT]:
        return self._pcm.dtype

    @property
    def last_packet_duration(self) -> int:
        """Samples in the last packet decoded or concealed (OPUS_GET_LAST_PACKET_DURATION)."""
        return self._ctl.get(_GET_LAST_PACKET_DURATION)

    @property
    def sample_rate(self) -> int:
        return self._ctl.get(_GET_SAMPLE_RATE)

    def reset(self) -> None:
        """Forget the stream, e.g. when the listener switches channel (no PLC from the old one)."""
        self._ctl.query(_RESET_STATE)
        self._last = self._frame

    def close(self) -> None:
        """Free the libopus state now rather than at garbage collection."""
        self._addr = 0
        self._finalizer()
