"""Reading an export in a worker process with a memory budget, so a hostile archive costs the agent nothing.

The readers are pure Python: run in a thread they would hold the GIL for seconds and stall every lookup, and a
ZIP that unpacks to gigabytes would grow the agent itself. In a worker process (its address space capped where
the OS allows) a bomb ends the worker, not the agent, and the overlay keeps being answered meanwhile. Only the
result, a plain ImportResult, comes back.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from agent.importers import READERS, ImportFormatError, ImportResult, detect

MEMORY_BUDGET = 3 << 30  # address space of the worker: the caps of export_files plus what parsing takes
CPU_SECONDS = 600  # a backstop: a 300,000-message export reads in seconds
PROGRESS_EVERY = 0.1  # seconds between progress messages from the worker

NOT_AN_EXPORT = (
    "This is neither a LinkedIn data export nor an X archive. Choose the ZIP that LinkedIn "
    "('Get a copy of your data') or X ('Download an archive') sent you."
)


def read_export(
    path: Path,
    network: str | None,
    me: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    memory_budget: int = MEMORY_BUDGET,
) -> tuple[str, ImportResult]:
    """(network, result) of the export at ``path``, read in a worker process; blocks, so call it off the loop.

    ``network`` None means recognise it. Raises ImportFormatError with what was wrong, also when the worker
    ran out of its memory or time budget.
    """
    context: Any = multiprocessing.get_context(_start_method())  # typeshed's BaseContext lacks Process
    if _start_method() == "forkserver":
        context.set_forkserver_preload(["agent.importers"])  # each worker forks with the readers loaded
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work, args=(sender, str(path), network, me, memory_budget), name="fathom-import", daemon=True
    )
    worker.start()
    sender.close()  # only the worker writes; its exit then reads as EOF here
    try:
        while True:
            try:
                message = receiver.recv()
            except EOFError:
                worker.join()
                raise ImportFormatError(_died(worker.exitcode, memory_budget)) from None
            if message[0] == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif message[0] == "done":
                return message[1], message[2]
            else:
                raise ImportFormatError(message[1], message[2], message[3])
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join()


def _start_method() -> str:
    # fork would copy the agent's threads' locks; forkserver forks a clean, preloaded process (POSIX only)
    return "forkserver" if sys.platform != "win32" else "spawn"


def _died(exitcode: int | None, budget: int) -> str:
    return (
        f"Reading this export was stopped: it needed more than {budget >> 20} MB of memory or {CPU_SECONDS} s "
        f"of work (worker exit {exitcode}), more than any real LinkedIn or X export. It may be an archive "
        "bomb; download the export again from the network itself."
    )


def _limit_resources(memory_budget: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the caps on file sizes still hold
        return
    for limit, value in ((resource.RLIMIT_AS, memory_budget), (resource.RLIMIT_CPU, CPU_SECONDS)):
        try:
            _, hard = resource.getrlimit(limit)
            cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(limit, (cap, hard))
        except (ValueError, OSError):  # macOS does not enforce RLIMIT_AS; keep going with the other caps
            continue


def _work(conn: Connection, path: str, network: str | None, me: str | None, memory_budget: int) -> None:
    """The worker: read, send the result (or the error) back, exit."""
    _limit_resources(memory_budget)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done >= total:
            last[0] = now
            conn.send(("progress", done, total))

    try:
        net = network or detect(Path(path))
        if net not in READERS:
            raise ImportFormatError(NOT_AN_EXPORT)
        kwargs: dict[str, Any] = {"progress": progress}
        if net == "linkedin" and me:
            kwargs["me"] = me
        result = READERS[net](Path(path), **kwargs)
        conn.send(("done", net, result))
    except ImportFormatError as exc:
        conn.send(("error", exc.message, exc.file, exc.line))
    except MemoryError:
        conn.send(("error", _died(None, memory_budget), None, None))
    except Exception as exc:  # a reader bug must still end in a message, not a worker that just vanished
        conn.send(("error", f"Fathom could not read this export ({type(exc).__name__}: {exc}).", None, None))
    finally:
        conn.close()
