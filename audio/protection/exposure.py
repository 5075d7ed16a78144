"""Exposure: the Leq of what was heard, a warning when it passes the limit, and the back-off."""

from __future__ import annotations

from audio.format import SAMPLE_RATE
from audio.protection.calibration import SplScale
from audio.protection.events import EventKind, EventRing
from audio.protection.settings import ExposurePolicy


class ExposureMeter:
    """Feed :meth:`update` every block's output; read :attr:`leq_spl`.

    The Leq is kept in 1-second bins over ``window_s`` (silence before the
    start counts). When it passes ``warn_leq_spl`` it emits
    :attr:`~EventKind.EXPOSURE_WARNING` once, and warns again only after it
    has dropped ``rearm_hysteresis_db`` below, or a whole window later.
    """

    __slots__ = (
        "_armed",
        "_bin_energy",
        "_bin_frames",
        "_bin_pos",
        "_bins",
        "_block_frames",
        "_events",
        "_frames",
        "_leq_ms",
        "_policy",
        "_scale",
        "_warn_frame",
    )

    def __init__(
        self, policy: ExposurePolicy, block_frames: int, scale: SplScale, events: EventRing
    ) -> None:
        self._policy = policy
        self._block_frames = block_frames
        self._scale = scale
        self._events = events
        self.reset()

    def reset(self) -> None:
        """Forget what was heard."""
        self._bins = [0.0] * self._policy.window_s  # energy (mean square x frames) per second
        self._bin_pos = 0
        self._bin_energy = 0.0
        self._bin_frames = 0
        self._leq_ms = 0.0  # mean square over the window
        self._frames = 0
        self._armed = True
        self._warn_frame = 0

    @property
    def leq_spl(self) -> float:
        """Output Leq over the window in dB SPL (updated every second)."""
        return self._scale.level(self._leq_ms)

    def update(self, out_ms: float) -> bool:
        """One block's output mean square (loudest channel). Returns whether it warned now."""
        p = self._policy
        n = self._block_frames
        now = self._frames
        self._frames = now + n
        self._bin_energy += out_ms * n
        self._bin_frames += n
        if self._bin_frames < SAMPLE_RATE:
            return False
        self._bins[self._bin_pos] = self._bin_energy
        self._bin_pos = (self._bin_pos + 1) % p.window_s
        self._bin_energy = 0.0
        self._bin_frames = 0
        self._leq_ms = sum(self._bins) / (p.window_s * SAMPLE_RATE)
        leq = self.leq_spl
        # Re-arm once the Leq has clearly dropped, or once a whole window has passed since
        # the warning: from then on the Leq measures only what was heard after it, so a
        # listener who is still above the level (volume turned up during the back-off) is
        # warned again and the back-off deepens.
        if not self._armed and (
            leq < p.warn_leq_spl - p.rearm_hysteresis_db
            or now - self._warn_frame >= p.window_s * SAMPLE_RATE
        ):
            self._armed = True
        if self._armed and leq >= p.warn_leq_spl:
            self._armed = False
            self._warn_frame = now
            self._events.emit(EventKind.EXPOSURE_WARNING, leq)
            return True
        return False


class Backoff:
    """The gain reduction after an exposure warning: :meth:`engage` it, :meth:`update` per block.

    Each engagement reduces by ``backoff_db`` more (up to ``max_backoff_db``)
    and restarts the ``backoff_s`` period; the reduction fades in and out at
    ``ramp_db_per_s``. Emits :attr:`~EventKind.BACKOFF_END` (with the meter's
    Leq) when the period is over.
    """

    __slots__ = (
        "_block_frames",
        "_depth",
        "_enabled",
        "_events",
        "_max_depth",
        "_meter",
        "_period",
        "_ramp",
        "_target",
        "reduction_db",
        "remaining_frames",
    )

    def __init__(
        self, policy: ExposurePolicy, block_frames: int, meter: ExposureMeter, events: EventRing
    ) -> None:
        self._depth = policy.backoff_db
        self._max_depth = policy.max_backoff_db
        self._period = round(policy.backoff_s * SAMPLE_RATE)
        self._enabled = policy.backoff_db > 0.0 and policy.backoff_s > 0.0
        self._ramp = policy.ramp_db_per_s * (block_frames / SAMPLE_RATE)
        self._block_frames = block_frames
        self._meter = meter
        self._events = events
        self.reset()

    def reset(self) -> None:
        """End any back-off at once."""
        self._target = 0.0
        self.reduction_db = 0.0
        """Reduction this back-off asks of the block's gain, dB."""
        self.remaining_frames = 0
        """Frames left in the back-off period (0: none)."""

    def engage(self) -> None:
        """Start the back-off, or deepen and restart it if one is running."""
        if not self._enabled:
            return
        deeper = self._target + self._depth if self.remaining_frames > 0 else self._depth
        self._target = min(self._max_depth, deeper)
        self.remaining_frames = self._period

    def update(self) -> None:
        """One block: move the reduction towards its target; end the period when its time is up."""
        if self.remaining_frames > 0:
            self.remaining_frames -= self._block_frames
            if self.remaining_frames <= 0:
                self.remaining_frames = 0
                self._target = 0.0
                self._events.emit(EventKind.BACKOFF_END, self._meter.leq_spl)
        red, target, step = self.reduction_db, self._target, self._ramp
        if red < target:
            self.reduction_db = min(target, red + step)
        elif red > target:
            self.reduction_db = max(target, red - step)
