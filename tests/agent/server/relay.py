"""A hostile relay: listens on its own loopback port and forwards every connection to the agent, rewriting
the Host header so the agent's Host gate sees its own address (the attack of issue 16, item 10)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

HEADERS_END = b"\r\n\r\n"


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


def _rewrite_host(head: bytes, agent_port: int) -> bytes:
    lines = head.split(b"\r\n")
    return b"\r\n".join(
        f"Host: 127.0.0.1:{agent_port}".encode() if line.lower().startswith(b"host:") else line for line in lines
    )


@contextlib.asynccontextmanager
async def host_rewriting_relay(agent_port: int) -> AsyncIterator[int]:
    """Yields the relay's port."""
    tasks: set[asyncio.Task[None]] = set()

    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        head = await client_reader.readuntil(HEADERS_END)
        agent_reader, agent_writer = await asyncio.open_connection("127.0.0.1", agent_port)
        agent_writer.write(_rewrite_host(head, agent_port))
        await agent_writer.drain()
        await asyncio.gather(_pipe(client_reader, agent_writer), _pipe(agent_reader, client_writer))

    def start(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.ensure_future(handle(reader, writer))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    server = await asyncio.start_server(start, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
