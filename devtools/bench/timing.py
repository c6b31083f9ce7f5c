"""Percentiles of timings, for the benchmark commands (one way of computing them)."""

from __future__ import annotations

import statistics


def percentile(values: list[float], pct: int) -> float:
    """The `pct`th percentile (1–99) of `values`, interpolated; 0.0 for no values."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def p50_p95(values: list[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 95)
