"""Running the agent: take the data dir, bind 127.0.0.1, serve until SIGTERM/SIGINT, shut down cleanly."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import os
import signal
import socket
import time

from aiohttp import web

from agent import __version__, amounts
from agent.logs import setup_logging
from agent.server.app import create_app
from agent.server.keys import AGENT_ID, REVIEWER
from agent.settings import AgentSettings
from agent.store.errors import StoreError
from agent.store.files import atomic_write
from agent.store.store import Store

log = logging.getLogger("fathom.agent")


class PortInUse(Exception):
    pass


def bind_loopback(port: int) -> socket.socket:
    """Bind 127.0.0.1 only. A taken port is an error: probing other ports would let a squatter pose as us."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart quickly after TIME_WAIT
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise PortInUse(
                f"Port {port} on 127.0.0.1 is already in use. Another Fathom agent may be running "
                f"(`fathom status`), or another program holds it: choose another with --port N or FATHOM_PORT, "
                "and set the same port in the extension's options."
            ) from None
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


async def serve(settings: AgentSettings, *, ready_message: bool = True, pair_command: str = "fathom pair") -> None:
    layout = settings.layout
    # The people now, the interactions in the background: the first overlay does not wait for 100 MB.
    store = Store.open(settings.data_dir, role="agent", progressive=True)
    try:
        sock = bind_loopback(settings.port)
    except BaseException:
        store.close()
        raise
    setup_logging(layout.log)
    app = create_app(settings, store)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5)
    await runner.setup()
    site = web.SockSite(runner, sock)
    await site.start()
    atomic_write(
        layout.runtime,
        json.dumps(
            {
                "pid": os.getpid(),
                "port": settings.port,
                "version": __version__,
                "agent_id": app[AGENT_ID],
                "started": time.time(),
            }
        ).encode(),
    )
    people = len(store.people())
    log.info("agent %s listening on 127.0.0.1:%d (%d people)", __version__, settings.port, people)
    if ready_message:
        print(f"Fathom agent listening on http://127.0.0.1:{settings.port}", flush=True)
        print(f"Data: {settings.data_dir} ({amounts.people(people)})", flush=True)
        print(f"To pair a browser: run `{pair_command}`, type the code into the extension's options page.", flush=True)
    stop = asyncio.Event()
    damaged: list[StoreError] = []
    loading = asyncio.create_task(_report_loaded(store, stop, damaged))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - Windows
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
    try:
        await stop.wait()
    finally:
        loading.cancel()
        log.info("shutting down")
        await runner.cleanup()  # closes sockets, lets running handlers finish their writes
        store.close()  # waits for queued writes, compacts the journal
        app[REVIEWER].close()  # after the compaction: what it keeps is checked against the files as written
        layout.runtime.unlink(missing_ok=True)
        log.info("stopped")
    if damaged:
        raise damaged[0]  # the CLI prints it (file, newest backup) and exits non-zero


async def _report_loaded(store: Store, stop: asyncio.Event, damaged: list[StoreError]) -> None:
    """Log when the background load ends; a damaged shard found then stops the agent as one found at start."""
    started = time.perf_counter()
    try:
        await asyncio.to_thread(store.wait_loaded)
    except StoreError as exc:
        log.error("%s", exc)
        damaged.append(exc)
        stop.set()
        return
    people, interactions = store.counts()
    log.info("loaded %d people, %d interactions in %.1f s", people, interactions, time.perf_counter() - started)
