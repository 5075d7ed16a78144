"""The protection's event ring (audio/protection/events.py)."""

from __future__ import annotations

from audio.protection import EventKind, ProtectionEvent
from audio.protection.events import EVENT_CAPACITY, EventRing


def test_events_come_out_once_oldest_first_stamped_with_their_block() -> None:
    ring = EventRing()
    ring.frame = 480
    ring.emit(EventKind.SHOCK, 95.0)
    ring.frame = 960
    ring.emit(EventKind.HOWL_START, 2800.0)
    assert ring.poll() == [
        ProtectionEvent(EventKind.SHOCK, 480, 95.0),
        ProtectionEvent(EventKind.HOWL_START, 960, 2800.0),
    ]
    assert ring.poll() == []


def test_a_full_ring_keeps_the_latest_and_counts_the_rest() -> None:
    ring = EventRing()
    for i in range(300):
        ring.frame = i
        ring.emit(EventKind.SHOCK if i % 3 else EventKind.SUSTAINED_START, float(i))
    events = ring.poll()
    assert len(events) == EVENT_CAPACITY
    assert [e.frame for e in events] == list(range(300 - EVENT_CAPACITY, 300))
    assert ring.dropped == 300 - EVENT_CAPACITY
    assert ring.count(EventKind.SHOCK) == 200 and ring.count(EventKind.SUSTAINED_START) == 100
    assert ring.count(EventKind.HOWL_END) == 0
