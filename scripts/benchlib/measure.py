"""Percentiles and latency summaries. Pure: numbers in, numbers out."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation between closest ranks (numpy's default).

    Raises ValueError on an empty sequence or a ``q`` outside 0-100.
    """
    if not values:
        raise ValueError("percentile of no values: the measurement produced no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(samples_ms: Sequence[float]) -> dict[str, Any]:
    """p50/p95/p99/max/mean of latencies in milliseconds, rounded for reading."""
    return {
        "n": len(samples_ms),
        "p50_ms": round(percentile(samples_ms, 50), 3),
        "p95_ms": round(percentile(samples_ms, 95), 3),
        "p99_ms": round(percentile(samples_ms, 99), 3),
        "max_ms": round(max(samples_ms), 3),
        "mean_ms": round(sum(samples_ms) / len(samples_ms), 3),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator/denominator rounded to 0.01; None when the denominator is zero (nothing to compare to)."""
    return round(numerator / denominator, 2) if denominator > 0 else None


def time_calls(call: Callable[[], object], repeat: int, warmup: int = 0) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls of ``call`` after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        call()
    samples: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples
