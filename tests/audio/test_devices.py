"""Sound cards through PortAudio: listing, choosing by name, DevicePort's streams and recovery.

Everything runs against the private PulseAudio server of tests/rig/pulse.py: its
null sink ``vsink`` plays in real time into nothing and its monitor records
what was played, so a tone sent to the output comes back on the input.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from audio import devices
from audio.deviceport import POLL_S, CaptureCallback, DevicePort, PlaybackCallback
from audio.devices import (
    SYSTEM_DEFAULT,
    DeviceError,
    DeviceInfo,
    choose,
    find_device,
    list_devices,
)
from audio.format import SAMPLE_RATE
from audio.ring import BlockRing
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, alloc_probe
from tests.rig.pulse import PulseServer

pytestmark = pytest.mark.usefixtures("pulse")

LEFT_HZ, RIGHT_HZ, AMPLITUDE = 1000.0, 1500.0, 0.25


def tone_amplitude(x: np.ndarray, freq: float) -> float:
    """Amplitude of the ``freq`` sinusoid in ``x`` (least squares on sine and cosine)."""
    t = np.arange(len(x)) / SAMPLE_RATE
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    coefficients, *_ = np.linalg.lstsq(basis, x.astype(np.float64), rcond=None)
    return float(np.hypot(*coefficients))


def strongest_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / SAMPLE_RATE)[np.argmax(spectrum)])


class Engine:
    """Stands in for the engine: keeps ``playback`` fed with a stereo tone, drains ``capture``."""

    def __init__(self, port: DevicePort) -> None:
        self.port = port
        self.received: list[tuple[float, np.ndarray]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="test engine")

    def __enter__(self) -> Engine:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        frames = self.port.frames
        assert self.port.playback is not None and self.port.capture is not None
        n = 0
        out = np.empty((frames, 2), np.float32)
        block = np.empty((frames, 1), np.float32)
        while not self._stop.wait(0.003):
            while len(self.port.playback) < 12:  # 120 ms ahead: a busy machine must not starve it
                t = (np.arange(frames) + n * frames) / SAMPLE_RATE
                out[:, 0] = AMPLITUDE * np.sin(2 * np.pi * LEFT_HZ * t)
                out[:, 1] = AMPLITUDE * np.sin(2 * np.pi * RIGHT_HZ * t)
                self.port.playback.push(out)
                n += 1
            while self.port.capture.pop_into(block):
                self.received.append((time.monotonic(), block[:, 0].copy()))

    def recorded_since(self, since: float) -> np.ndarray:
        blocks = [b for at, b in list(self.received) if at >= since]
        return np.concatenate(blocks) if blocks else np.zeros(0, np.float32)

    def wait_for_tone(
        self, since: float, seconds: float = 0.5, timeout: float = 10.0
    ) -> np.ndarray:
        """``seconds`` of loud capture received after ``since`` (fails after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            x = self.recorded_since(since)
            loud = np.flatnonzero(np.abs(x) > AMPLITUDE / 4)
            if len(loud) and len(x) - loud[0] >= seconds * SAMPLE_RATE + SAMPLE_RATE // 10:
                start = loud[0] + SAMPLE_RATE // 10  # past the fade-in of the first blocks
                return x[start : start + round(seconds * SAMPLE_RATE)]
            time.sleep(0.05)
        raise AssertionError(f"no tone came back within {timeout} s: {self.port.status()}")


@pytest.fixture
def port_factory() -> Iterator[Callable[..., DevicePort]]:
    made: list[DevicePort] = []

    def make(*args: object, **kwargs: object) -> DevicePort:
        port = DevicePort(*args, **kwargs)  # type: ignore[arg-type]
        made.append(port)
        return port

    yield make
    for port in made:
        port.stop()
    assert devices.rescan(), "a stream was left open"


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.02)
    return time.monotonic() - start


# -- listing and choosing ---------------------------------------------------


def test_the_pulse_devices_are_listed_with_their_properties():
    found = {d.name: d for d in list_devices()}
    assert {"pulse", "default"} <= set(found)
    for device in found.values():
        assert device.host_api == "ALSA"
        assert device.input_channels > 0 and device.output_channels > 0
        assert device.default_rate > 0
    assert found["default"].is_default_input and found["default"].is_default_output
    assert not found["pulse"].is_default_input and not found["pulse"].is_default_output


@pytest.mark.parametrize("name", ["pulse", "PULSE", "puls", "Uls"])
def test_a_device_is_found_by_exact_name_case_or_substring(name):
    assert find_device(name, "output").name == "pulse"
    assert find_device(name, "input").name == "pulse"


def test_the_empty_name_is_the_system_default():
    assert find_device(SYSTEM_DEFAULT, "output").name == "default"


def test_an_ambiguous_name_names_the_candidates():
    with pytest.raises(DeviceError) as caught:
        find_device("ul", "output")
    message = str(caught.value)
    assert "'ul' matches 2 output devices" in message
    assert "'pulse' (ALSA)" in message and "'default' (ALSA)" in message


def test_a_missing_name_lists_what_exists():
    with pytest.raises(DeviceError) as caught:
        find_device("USB Headset", "input")
    message = str(caught.value)
    assert "no input device matches 'USB Headset'" in message
    assert "'pulse' (ALSA), 'default' (ALSA)" in message


def test_the_host_api_narrows_the_search():
    assert find_device("pulse", "output", host_api="alsa").name == "pulse"
    with pytest.raises(DeviceError, match="no output device on host API 'JACK' at all"):
        find_device("pulse", "output", host_api="JACK")


def device(name: str, api: str = "ALSA", index: int = 0, **kw: object) -> DeviceInfo:
    fields: dict[str, object] = {
        "input_channels": 2,
        "output_channels": 2,
        "default_rate": 48000.0,
        "is_default_input": False,
        "is_default_output": False,
        **kw,
    }
    return DeviceInfo(index, name, api, **fields)  # type: ignore[arg-type]


def test_an_exact_name_wins_over_a_name_that_only_contains_it():
    found = [device("USB Audio Headset", index=0), device("USB Audio", index=1)]
    assert choose(found, "USB Audio", "input").index == 1
    assert choose(found, "usb audio", "input").index == 1  # equal ignoring case, still first
    assert choose(found, "Headset", "input").index == 0


def test_the_same_card_under_several_host_apis_is_taken_from_the_default_one():
    found = [
        device("Speakers (Realtek)", "MME", 0),
        device("Speakers (Realtek)", "Windows DirectSound", 1),
        device("Speakers (Realtek)", "Windows WASAPI", 2),
    ]
    assert choose(found, "speakers", "output", default_host_api="MME").index == 0
    assert choose(found, "speakers", "output", host_api="wasapi").index == 2
    with pytest.raises(DeviceError, match="matches 3 output devices"):
        choose(found, "speakers", "output")  # no default host API to settle it


def test_only_devices_of_the_wanted_direction_are_candidates():
    found = [
        device("Headset Mic", input_channels=1, output_channels=0),
        device("Headset Speakers", input_channels=0),
    ]
    assert choose(found, "headset", "input").name == "Headset Mic"
    assert choose(found, "headset", "output").name == "Headset Speakers"
    with pytest.raises(DeviceError, match="no output device matches 'Mic'; the output devices are"):
        choose(found, "Mic", "output")


def test_no_default_device_is_said_so():
    with pytest.raises(
        DeviceError, match="there is no default input device; the input devices are 'Mic'"
    ):
        choose([device("Mic")], SYSTEM_DEFAULT, "input")


# -- the callbacks, called directly -----------------------------------------


def flags(value: int) -> object:
    return devices.portaudio().CallbackFlags(value)


NO_FLAGS = 0
INPUT_OVERFLOW, OUTPUT_UNDERFLOW = 2, 4  # paInputOverflow, paOutputUnderflow


def test_capture_takes_the_first_channel_of_a_device_that_cannot_record_mono():
    ring = BlockRing(4, 8)
    callback = CaptureCallback(ring)
    callback.channels = 2
    indata = np.stack([np.arange(8), -np.arange(8)], axis=1).astype(np.float32)
    callback(indata, 8, None, flags(INPUT_OVERFLOW))
    out = np.empty(8, np.float32)
    assert ring.pop_into(out)
    assert out.tolist() == list(range(8))
    assert callback.calls == 1 and callback.overflows == 1


def test_playback_to_stereo_is_a_copy_and_underruns_fade_to_silence():
    ring = BlockRing(4, 8, channels=2)
    block = np.stack([np.ones(8), -np.ones(8)], axis=1).astype(np.float32)
    ring.push(block)
    callback = PlaybackCallback(ring)
    outdata = np.full((8, 2), 7.0, np.float32)
    callback(outdata, 8, None, flags(NO_FLAGS))
    assert np.array_equal(outdata, block)
    callback(outdata, 8, None, flags(OUTPUT_UNDERFLOW))
    # The engine was late: from the last sample down to zero, no step (audio.ring.play_into).
    assert np.all(np.diff(outdata[:, 0]) < 0) and 0 < outdata[0, 0] < 1 and outdata[-1, 0] < 0.1
    assert np.array_equal(outdata[:, 1], -outdata[:, 0])
    callback(outdata, 8, None, flags(OUTPUT_UNDERFLOW))
    assert not outdata.any()
    assert ring.underruns == 2 and callback.underflows == 2 and callback.calls == 3


def test_playback_to_a_mono_device_averages_left_and_right():
    ring = BlockRing(4, 8, channels=2)
    ring.push(np.stack([np.full(8, 0.5), np.full(8, 0.1)], axis=1).astype(np.float32))
    callback = PlaybackCallback(ring)
    callback.channels = 1
    outdata = np.empty((8, 1), np.float32)
    callback(outdata, 8, None, flags(NO_FLAGS))
    assert np.allclose(outdata, 0.3)


def test_playback_to_a_surround_device_uses_the_first_two_channels():
    ring = BlockRing(4, 8, channels=2)
    ring.push(np.stack([np.full(8, 0.5), np.full(8, -0.5)], axis=1).astype(np.float32))
    callback = PlaybackCallback(ring)
    callback.channels = 6
    outdata = np.full((8, 6), 9.0, np.float32)
    callback(outdata, 8, None, flags(NO_FLAGS))
    assert np.all(outdata[:, 0] == 0.5) and np.all(outdata[:, 1] == -0.5)
    assert not outdata[:, 2:].any()


@pytest.mark.parametrize("channels", [1, 2, 6])
def test_the_callbacks_allocate_no_sample_memory(channels):
    frames = 480
    capture, playback = BlockRing(4, frames), BlockRing(4, frames, channels=2)
    on_input, on_output = CaptureCallback(capture), PlaybackCallback(playback)
    on_input.channels, on_output.channels = min(channels, 2), channels
    indata = np.zeros((frames, min(channels, 2)), np.float32)
    outdata = np.zeros((frames, channels), np.float32)
    block = np.zeros((frames, 2), np.float32)
    sink = np.zeros((frames, 1), np.float32)
    status = flags(NO_FLAGS)

    def step() -> None:
        on_input(indata, frames, None, status)
        capture.pop_into(sink)
        playback.push(block)
        on_output(outdata, frames, None, status)

    held, peak = alloc_probe(step)
    assert held < ALLOC_HELD_LIMIT and peak < ALLOC_PEAK_LIMIT


# -- real streams through the null sink -------------------------------------


def test_a_tone_played_comes_back_at_its_frequencies_and_level(port_factory):
    # Input through ALSA's "default" (which pulse.conf routes to PulseAudio),
    # output through the "pulse" device.
    port = port_factory(SYSTEM_DEFAULT, "pulse")
    port.start()
    with Engine(port) as engine:
        recorded = engine.wait_for_tone(since=0.0, seconds=1.25)
    # Five windows of 250 ms, judged by the median one: on a loaded machine the
    # sound server itself may miss a deadline, and one glitch must not hide
    # whether the level is right.
    windows = recorded.reshape(5, -1)
    x = windows[np.argsort([tone_amplitude(w, LEFT_HZ) for w in windows])[2]]
    # The null sink is mono: PulseAudio mixes the two channels down to (L + R) / 2.
    assert tone_amplitude(x, LEFT_HZ) == pytest.approx(AMPLITUDE / 2, rel=0.06)  # +-0.5 dB
    assert tone_amplitude(x, RIGHT_HZ) == pytest.approx(AMPLITUDE / 2, rel=0.06)
    rest = x - np.mean(x)
    for freq in (LEFT_HZ, RIGHT_HZ):
        t = np.arange(len(x)) / SAMPLE_RATE
        basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
        rest = rest - basis @ np.linalg.lstsq(basis, rest, rcond=None)[0]
    assert np.sqrt(np.mean(rest**2)) < 0.01 * AMPLITUDE  # nothing but the two tones
    status = port.status()
    assert status.running and status.problem is None
    assert status.name == "'default' (ALSA) / 'pulse' (ALSA)"
    opened = port.devices()
    assert opened["input"] is not None and opened["input"].name == "default"
    assert opened["output"] is not None and opened["output"].name == "pulse"
    assert status.input_latency_ms is not None and 0 < status.input_latency_ms <= 100
    assert status.output_latency_ms is not None and 0 < status.output_latency_ms <= 100
    stats = port.stats()
    assert stats.capture_callbacks > 50 and stats.playback_callbacks > 50


def test_blocks_of_20_ms_run_at_50_callbacks_a_second(port_factory):
    port = port_factory("pulse", "pulse", frames=960)
    port.start()
    time.sleep(0.2)
    before, start = port.stats(), time.monotonic()
    time.sleep(1.0)
    after, elapsed = port.stats(), time.monotonic() - start
    for was, now in (
        (before.capture_callbacks, after.capture_callbacks),
        (before.playback_callbacks, after.playback_callbacks),
    ):
        assert (now - was) / elapsed == pytest.approx(50, abs=6)


def test_starting_on_a_missing_device_says_which_and_leaves_nothing_open(port_factory):
    port = port_factory("pulse", "Focusrite")
    with pytest.raises(DeviceError, match="no output device matches 'Focusrite'"):
        port.start()
    assert not port.status().running


def test_a_port_needs_at_least_one_side():
    with pytest.raises(ValueError, match="input device, an output device or both"):
        DevicePort(None, None)


def test_a_port_without_output_has_no_playback_ring(port_factory):
    port = port_factory("pulse", None)
    assert port.playback is None and port.capture is not None
    port.start()
    wait_until(lambda: port.stats().capture_callbacks > 10, 3.0, "capture callbacks")
    assert port.status().output_latency_ms is None


# -- losing the device and getting it back -----------------------------------


def test_a_sound_server_that_dies_is_reported_and_picked_up_again(pulse: PulseServer, port_factory):
    """The PulseAudio server going away removes 'pulse' from PortAudio's device list
    (a re-scan no longer finds it) until it is back: a device unplugged and plugged in."""
    port = port_factory("pulse", "pulse", retry_s=0.5)
    port.start()
    with Engine(port) as engine:
        engine.wait_for_tone(since=0.0, seconds=0.2)
        pulse.stop()
        wait_until(lambda: port.status().problem is not None, 3.0, "the loss is reported")
        status = port.status()
        assert not status.running
        assert "The input device 'pulse' (ALSA) stopped" in (status.problem or "")
        wait_until(lambda: port.devices() == {"input": None, "output": None}, 3.0, "both lost")
        wait_until(
            lambda: "Last attempt: PortAudio finds no" in (port.status().problem or ""),
            5.0,
            "a re-scan that finds no device",
        )
        back = time.monotonic()
        pulse.start()
        wait_until(lambda: port.status().problem is None, 10.0, "the devices come back")
        x = engine.wait_for_tone(since=back, seconds=0.2)
    assert tone_amplitude(x, LEFT_HZ) == pytest.approx(AMPLITUDE / 2, rel=0.06)
    assert port.status().running
    stats = port.stats()
    assert stats.losses >= 2 and stats.reopens >= 2


def test_an_unloaded_sink_is_reported_and_reopened_when_it_returns(
    pulse: PulseServer, port_factory
):
    port = port_factory("pulse", "pulse", retry_s=0.5)
    port.start()
    with Engine(port) as engine:
        engine.wait_for_tone(since=0.0, seconds=0.2)
        pulse.unload_sink()
        wait_until(lambda: port.status().problem is not None, 3.0, "the loss is reported")
        problem = port.status().problem or ""
        assert "The output device 'pulse' (ALSA) stopped (it was disconnected or failed)" in problem
        assert "trying to reopen it every 0.5 s" in problem
        wait_until(lambda: "Last attempt:" in (port.status().problem or ""), 3.0, "a failed reopen")
        back = time.monotonic()
        pulse.load_sink()
        wait_until(lambda: port.status().problem is None, 10.0, "the sink comes back")
        engine.wait_for_tone(since=back, seconds=0.2)
    assert port.status().running


def test_a_device_that_stops_calling_back_is_reopened(pulse: PulseServer, port_factory):
    """A suspended sink keeps the stream open but its monitor delivers nothing: a stall."""
    port = port_factory("pulse", "pulse", stall_s=0.3, retry_s=0.5)
    port.start()
    with Engine(port) as engine:
        engine.wait_for_tone(since=0.0, seconds=0.2)
        pulse.pactl("suspend-sink", "vsink", "1")
        try:
            wait_until(lambda: port.status().problem is not None, 3.0, "the stall is reported")
            assert "The input device 'pulse' (ALSA) stopped (no audio for" in (
                port.status().problem or ""
            )
        finally:
            back = time.monotonic()
            pulse.pactl("suspend-sink", "vsink", "0")
        wait_until(lambda: port.status().problem is None, 10.0, "the input comes back")
        engine.wait_for_tone(since=back, seconds=0.2)
    assert port.stats().losses >= 1


def test_a_supervisor_stuck_in_portaudio_bounds_stop_and_says_where(port_factory, caplog):
    """A driver call that never returns, played by holding the lock every PortAudio call takes."""
    port = port_factory("pulse", "pulse", stop_s=0.3)
    port.start()
    wait_until(lambda: port.stats().playback_callbacks > 0, 3.0, "playback callbacks")
    with devices.PORTAUDIO_LOCK:
        time.sleep(2 * POLL_S)  # the supervisor's next look at a stream now waits for the lock
        started = time.monotonic()
        with pytest.raises(DeviceError) as caught:
            port.stop()
        waited = time.monotonic() - started
    assert 0.3 <= waited < 1.5
    assert str(caught.value).startswith(
        "The sound card's driver has not returned for 0.3 s while checking the input device "
        "'pulse' (ALSA), so its streams could not be closed"
    )
    assert "Restart the program" in str(caught.value)
    assert "the supervisor thread is still checking the input device" in caplog.text
    assert ", in _watch\n" in caplog.text  # its stack says where
    assert not port.status().running
    port.stop()  # the call returned: this time the supervisor ends and the streams close
    assert port.devices() == {"input": None, "output": None}
