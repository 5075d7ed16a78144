"""Relay: who interprets from whom, and which source a booth should take.

Pure functions and a sans-I/O state machine over the meeting snapshot, shared by
the interpreter's console, the coordinator's window and ``rsi-bot``:

* :mod:`relay.snapshot`: the wire snapshot, parsed and checked;
* :mod:`relay.graph`: relay chains, steps and quality (floor, +, minus), loops;
* :mod:`relay.source`: the best source for a booth, and why (data and English);
* :mod:`relay.auto`: auto-relay, which follows the best source unless the
  interpreter chooses one.
"""
