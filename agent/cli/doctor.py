"""fathom doctor: each check says ok or what is wrong and how to fix it; the exit status says if all is well."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from agent.amounts import people_and_interactions
from agent.cli.backend import running_agent
from agent.paths import DataDirLayout
from agent.server.runner import PortInUse, bind_loopback
from agent.settings import resolve_port
from agent.store.errors import DataDirLocked, StoreCorrupt, StoreError
from agent.store.store import Store

MIN_CHROME = 116
MIN_FIREFOX = 142  # the manifest's gecko strict_min_version (its data_collection_permissions key needs 142)


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def run_checks(data_dir: Path, port: int | None, *, out: Callable[[str], None] = print) -> int:
    checks = list(collect(data_dir, resolve_port(port)))
    for c in checks:
        out(f"[{'ok' if c.ok else '!!'}] {c.name}: {c.detail}")
        if not c.ok and c.fix:
            out(f"     fix: {c.fix}")
    bad = [c for c in checks if not c.ok]
    out("All is well." if not bad else "1 problem found." if len(bad) == 1 else f"{len(bad)} problems found.")
    return 0 if not bad else 1


def collect(data_dir: Path, port: int) -> list[Check]:
    layout = DataDirLayout(data_dir)
    checks: list[Check] = []
    client = running_agent(data_dir)
    if client is not None:
        checks.append(Check("agent", True, f"running on 127.0.0.1:{client.port}"))
        status = client.call("/v1/status")
        counts = people_and_interactions(status["people"], status["interactions"], ", ")
        checks.append(Check("store", True, counts))
        if client.port != port:
            checks.append(
                Check(
                    "port",
                    False,
                    f"the agent uses {client.port}, but {port} is configured here",
                    "Set the same port in FATHOM_PORT and in the extension's options.",
                )
            )
        clients = client.call("/v1/admin/clients")["clients"]
        checks.append(_pairings(clients))
        checks.append(_last_seen(clients))
    else:
        checks.append(
            Check(
                "agent",
                False,
                "not running for this data dir",
                "Start it with `fathom serve`, and `fathom autostart install` to start it at login.",
            )
        )
        checks.append(_port_free(port))
        checks.append(_store(data_dir))
        clients = _clients_file(layout)
        checks.append(_pairings(clients))
    checks.append(_autostart(data_dir))
    checks.extend(_browsers())
    return checks


def _port_free(port: int) -> Check:
    """Bound as the agent binds it: connections of a stopped agent still in TIME_WAIT do not stop it."""
    try:
        bind_loopback(port).close()
    except (PortInUse, OSError):
        return Check(
            "port",
            False,
            f"127.0.0.1:{port} is taken by another program",
            "Stop that program, or run the agent with --port N and set N in the extension's options.",
        )
    return Check("port", True, f"127.0.0.1:{port} is free for the agent")


def _store(data_dir: Path) -> Check:
    try:
        store = Store.open(data_dir, role="doctor")
    except DataDirLocked as exc:
        return Check("store", False, str(exc), "Wait for the other fathom command to finish.")
    except StoreCorrupt as exc:
        return Check("store", False, f"{exc.path} is damaged ({exc.detail}); Fathom changed nothing", exc.fix)
    except StoreError as exc:
        return Check("store", False, str(exc), "Restore the newest backup with `fathom restore FILE`.")
    people, interactions = store.counts()
    store.close()
    return Check("store", True, f"opens cleanly: {people_and_interactions(people, interactions, ', ')}")


def _clients_file(layout: DataDirLayout) -> list[dict]:
    try:
        return list(json.loads(layout.clients.read_text("utf-8")).get("clients", []))
    except (OSError, ValueError):
        return []


def _pairings(clients: list[dict]) -> Check:
    if not clients:
        return Check(
            "pairing",
            False,
            "no browser is paired",
            "Run `fathom pair`, then enter the code in the extension's options page.",
        )
    return Check("pairing", True, "1 browser paired" if len(clients) == 1 else f"{len(clients)} browsers paired")


def _last_seen(clients: list[dict]) -> Check:
    seen = [c["last_seen"] for c in clients if c.get("last_seen")]
    if not seen:
        return Check(
            "extension",
            False,
            "no paired browser has connected yet",
            "Open the browser with the Fathom extension; check its popup says Connected.",
        )
    last = max(seen)
    age = datetime.now(UTC) - datetime.fromisoformat(last)
    return Check("extension", True, f"last connected {last} ({age.days} days ago)")


def _autostart(data_dir: Path) -> Check:
    try:
        from agent.autostart import AutostartOptions, Outcome, detect_context, status
        from agent.autostart.commands import run_command

        result = status(AutostartOptions(detect_context(data_dir), run_command, dry_run=True))
    except Exception as exc:  # a platform quirk must not hide the other checks
        return Check("autostart", False, f"could not be checked ({exc})")
    if result.outcome == Outcome.INSTALLED:
        return Check("autostart", True, f"starts at login ({result.method})")
    return Check(
        "autostart",
        False,
        f"{result.outcome} ({result.method})",
        "Run `fathom autostart install` so the agent is there whenever you browse.",
    )


def _browsers() -> list[Check]:
    found: list[Check] = []
    for exe, minimum, label in (
        ("chromium", MIN_CHROME, "Chromium"),
        ("google-chrome", MIN_CHROME, "Chrome"),
        ("firefox", MIN_FIREFOX, "Firefox"),
        ("firefox-esr", MIN_FIREFOX, "Firefox ESR"),
    ):
        path = shutil.which(exe)
        if not path:
            continue
        major = _major_version(path)
        if major is None:
            continue
        if major < minimum:
            found.append(
                Check(
                    label, False, f"version {major} is too old for the extension (needs {minimum}+)", f"Update {label}."
                )
            )
        else:
            found.append(Check(label, True, f"version {major}"))
    return found


def _major_version(path: str) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for word in out.split():
        head = word.split(".")[0]
        if head.isdigit() and "." in word:
            return int(head)
    return None
