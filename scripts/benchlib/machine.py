"""What machine the figures came from: CPU, cores, memory, Python, and the data dir's disk."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any


def machine_info(data_dir: Path) -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "disk": _disk(data_dir),
        "load_avg_1m_at_start": load_average(),
    }


def load_average() -> float | None:
    """The 1-minute load average: other work on the machine inflates every latency figure."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text("utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text("utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _disk(path: Path) -> dict[str, Any]:
    """The filesystem holding ``path`` (longest matching mount point) and whether its device spins."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text("utf-8").splitlines()]
    except OSError:
        return {"filesystem": "unknown"}
    resolved = str(path.resolve())
    best = max(
        (m for m in mounts if len(m) > 2 and (resolved == m[1] or resolved.startswith(m[1].rstrip("/") + "/"))),
        key=lambda m: len(m[1]),
        default=None,
    )
    if best is None:
        return {"filesystem": "unknown"}
    device, mount, fstype = best[0], best[1], best[2]
    info: dict[str, Any] = {"device": device, "mount": mount, "filesystem": fstype}
    rotational = Path(f"/sys/block/{Path(device).name}/queue/rotational")
    if rotational.exists():
        info["rotational"] = rotational.read_text("utf-8").strip() == "1"
    return info
