"""The rig that tests and benchmarks share, each part defined once; not installed with the product.

Import it as ``from tests.rig.wsclient import WsClient``, from tests and from bench alike.

- :mod:`~tests.rig.meetings`: the test meetings;
- :mod:`~tests.rig.hubkit`: the hub's rules without sockets, in virtual time;
  :mod:`~tests.rig.relaykit`: relay graphs and snapshots; :mod:`~tests.rig.fuzzrig` and
  :mod:`~tests.rig.fuzzgen`: the hub's fuzzing harness and its inputs;
- :mod:`~tests.rig.wsclient`: the rsi.v1 test client on loopback, a meeting served in
  this process; :mod:`~tests.rig.loadclient`: thousands of cheap clients, for load;
- :mod:`~tests.rig.hubprocess`: the hub in a process of its own (:mod:`~tests.rig.hubserver`
  is the benchmarks' instrumented one; :mod:`~tests.rig.child`: talking to such processes);
- :mod:`~tests.rig.engineport`: a clocked port, test signals and an event tap for engines;
  :mod:`~tests.rig.chain`: the whole audio chain without the engine's thread;
- :mod:`~tests.rig.dspkit`: DSP signals, a reference filter, an allocation probe;
- :mod:`~tests.rig.consolekit`, :mod:`~tests.rig.coordkit`, :mod:`~tests.rig.qtaccess`,
  :mod:`~tests.rig.hostile`: the console's windows on a real meeting, their keyboard and
  screen-reader checks, and hostile text for them to show as text;
- :mod:`~tests.rig.tlskit`: certificates and a LAN address; :mod:`~tests.rig.pulse`: a
  private PulseAudio server (the ``pulse`` fixture).
- :mod:`~tests.rig.mumble`: a real Mumble server (murmurd) with its own ini and database,
  and what one of our Mumble clients says and hears; :mod:`~tests.rig.janus`: a real Janus
  with its own configuration, its AudioBridge rooms and a moderator's requests, and a
  participant's timed tone bursts; :mod:`~tests.rig.gatewaykit`: a listener on the hub
  that keeps each frame's arrival, for what a gateway delivers (``rsi-gateway`` itself:
  :mod:`~tests.rig.hubprocess`).

Fixtures that tests of several modules share are in the conftest.py of their folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[2]
"""The checkout: the packages, scripts/, docs/."""
