"""Mumble: a small asyncio client of our own, over TLS, voice in the TCP tunnel.

- :mod:`.client`: :class:`~.client.MumbleClient`, what a gateway uses (TLS,
  certificate pinning, Opus in and out, figures);
- :mod:`.core`: the rules of one connection, sans-I/O, and its events;
- :mod:`.messages`, :mod:`.protobuf`, :mod:`.voice`: the control messages,
  their wire format and the voice packets;
- :mod:`.figures`: loss, lateness and counts;
- :mod:`.options`: the command-line options of a Mumble gateway;
- :mod:`.gateway`: ``rsi-gateway mumble``, the gateway's side of a Mumble
  server (:class:`~.gateway.MumbleSide`);
- :mod:`.floor`: the floor as a Mumble client hears it, mixed and paced
  (sans-I/O).

docs/gateways.md says what was tested against which server.
"""
