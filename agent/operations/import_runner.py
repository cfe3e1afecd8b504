"""Running imports: read in a worker process (overlays keep answering, a bomb costs the agent nothing), apply
as one transaction, report progress to whoever listens (the agent's push channel, or the CLI's progress bar)."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

from agent.importers import ImportFormatError
from agent.operations.context import Publish
from agent.service.errors import Invalid
from agent.service.import_reading import read_export
from agent.service.importing import new_import_id, plan_import
from agent.store.store import Store

log = logging.getLogger("fathom.import")


class ImportRunner:
    def __init__(self, store: Store, publish: Publish) -> None:
        self.store = store
        self.publish = publish
        self.running: dict[str, asyncio.Task[dict[str, Any]]] = {}

    def start(
        self, path: Path, network: str | None, me: str | None, *, cleanup: bool = False, label: str | None = None
    ) -> str:
        """Start reading ``path``; ``label`` is what the user knows the file as (an upload's own name), shown in
        `import list` and in errors instead of the path it was saved under."""
        import_id = new_import_id()
        task = asyncio.get_running_loop().create_task(
            self._run(import_id, path, network, me, cleanup, label or path.name)
        )
        self.running[import_id] = task
        task.add_done_callback(lambda t: self._finished(import_id, t))
        return import_id

    def _finished(self, import_id: str, task: asyncio.Task[dict[str, Any]]) -> None:
        self.running.pop(import_id, None)
        if not task.cancelled() and task.exception() is not None:
            # already reported to clients through import.finished; the log keeps the detail
            log.info("import %s failed: %s", import_id, task.exception())

    async def wait(self, import_id: str) -> dict[str, Any]:
        return await self.running[import_id]

    async def _run(
        self, import_id: str, path: Path, network: str | None, me: str | None, cleanup: bool, label: str
    ) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] < 0.2 and done < total:
                return
            last[0] = now
            data = {"import_id": import_id, "stage": "reading", "done": done, "total": total}
            asyncio.run_coroutine_threadsafe(self.publish("import.progress", None, data), loop)

        try:
            try:
                _, result = await loop.run_in_executor(None, lambda: read_export(path, network, me, progress))
            except ImportFormatError as exc:
                if cleanup and exc.file == str(path):
                    exc.file = label  # the upload's saved path means nothing to the user; its own name does
                raise Invalid(str(exc), "bad_export") from None
            await self.publish(
                "import.progress",
                None,
                {"import_id": import_id, "stage": "saving", "done": 0, "total": len(result.interactions)},
            )
            summary = await self.store.write_async(lambda s: plan_import(s, result, import_id=import_id, label=label))
            body = summary.to_json()
            await self.publish("import.finished", None, {"import_id": import_id, "ok": True, "summary": body})
            log.info("import %s: %d interactions added", import_id, summary.added)
            return body
        except Exception as exc:
            message = getattr(exc, "message", None) or str(exc)
            await self.publish("import.finished", None, {"import_id": import_id, "ok": False, "error": message})
            raise
        finally:
            if cleanup:
                path.unlink(missing_ok=True)
