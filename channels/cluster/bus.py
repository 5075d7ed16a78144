"""Connecting to NATS, and publishing from code that cannot wait.

The hub's outputs are carried out synchronously (:class:`channels.server.HubDriver`),
but nats-py publishes with coroutines: an `Outbox` takes messages at once, in order,
and publishes them in a task of its own at the next turn of the loop.
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
from typing import Final
from urllib.parse import urlsplit

from nats.aio.client import Client

log = logging.getLogger(__name__)

PASSWORD_VARIABLE: Final = "RSI_NATS_PASSWORD"
RECONNECT_WAIT_S: Final = 0.25
"""Between attempts to reach nats-server again after losing it; it keeps trying for ever."""
CONNECT_TIMEOUT_S: Final = 5.0
"""At start, how long the hub tries to reach nats-server before it gives up."""


async def connect(url: str, name: str) -> Client:
    """Connect to the nats-server at ``url`` (``nats://USER@HOST:PORT``; ``tls://`` for
    TLS), the password from the environment variable RSI_NATS_PASSWORD.

    A password in the URL works too, but every user of the machine can read it from the
    process list. Raises ValueError, saying what to do, when it cannot connect within
    CONNECT_TIMEOUT_S; once connected, it reconnects by itself for ever.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("nats", "tls") or not parts.hostname:
        raise ValueError(f"--nats {url!r}: give a URL like nats://hub@127.0.0.1:4222")
    user = password = None
    if parts.username and not parts.password:
        password = os.environ.get(PASSWORD_VARIABLE)
        if not password:
            raise ValueError(
                f"--nats names the user {parts.username!r}: set {PASSWORD_VARIABLE} to its "
                "password (docs/security.md)"
            )
        user = parts.username
        url = parts._replace(netloc=parts.netloc.split("@", 1)[1]).geturl()
    tls = ssl.create_default_context() if parts.scheme == "tls" else None

    errors: list[Exception] = []
    started = False
    where = f"the NATS server at {parts.hostname}:{parts.port}"

    async def error(exc: Exception) -> None:
        if not started and "authorization violation" in str(exc).lower():
            # At start, a refusal ends the attempt (raised out of `nats.connect`).
            raise ValueError(
                f"{where} refused user {parts.username!r}: set {PASSWORD_VARIABLE} to the "
                "password nats-server has for it"
            )
        errors.append(exc)
        log.warning("NATS: %s", exc)

    async def lost() -> None:
        log.warning("NATS: connection to %s lost; reconnecting", parts.hostname)

    async def back() -> None:
        log.info("NATS: connected again to %s", parts.hostname)

    client = Client()
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_S):
            await client.connect(
                url,
                name=name,
                allow_reconnect=True,
                max_reconnect_attempts=-1,
                reconnect_time_wait=RECONNECT_WAIT_S,  # type: ignore[arg-type]  # seconds
                error_cb=error,
                disconnected_cb=lost,
                reconnected_cb=back,
                user=user,
                password=password,
                tls=tls,
            )
    except TimeoutError:
        await client.close()
        why = errors[-1] if errors else "no answer"
        raise ValueError(
            f"cannot use {where} ({why}): is "
            f"nats-server running there, and are the user and {PASSWORD_VARIABLE} right?"
        ) from None
    except ValueError:
        await client.close()
        raise
    started = True
    return client


class Outbox:
    """Messages to publish, in order, from synchronous code."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._waiting: list[tuple[str, bytes]] = []
        self._task: asyncio.Task[None] | None = None

    def put(self, subject: str, data: bytes) -> None:
        self._waiting.append((subject, data))
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._publish())

    async def _publish(self) -> None:
        waiting, self._waiting = self._waiting, []
        self._task = None
        publish = self._client.publish
        try:
            for subject, data in waiting:
                await publish(subject, data)
        except Exception as exc:  # lost while reconnecting: what was said is gone
            log.warning("NATS: %d messages not published: %s", len(waiting), exc)
