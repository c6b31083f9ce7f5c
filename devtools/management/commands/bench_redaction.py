"""Benchmark the redaction engine: `manage.py bench_redaction [--pages 30]`.

Generates a scanned immigration-judge decision (image-only pages) and a text decision of
about `--pages` pages, then times each step of the workbench pipeline on the scan - render
(page images for the workbench), OCR, detect, build (the derivative, with its own OCR of the
redacted images), check (the gate on the derivative) - and the check alone on the text PDF.
Prints wall seconds, pages per second and seconds per page for each step, and the CPU
seconds spent (this process and its OCR subprocesses): on a shared, overloaded machine the
wall time mostly measures the queue for the CPU. Nothing is stored.
"""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand

from documents.samples import SampleParties, decision_pdf
from redaction.engine import ocr
from redaction.engine.derivative import build_redacted_pdf
from redaction.engine.detect import propose
from redaction.engine.gate import check_pdf
from redaction.engine.identifiers import guess_identifier
from redaction.engine.pages import page_count, render_page_png
from redaction.engine.samples import scanned_decision_pdf
from redaction.engine.text import page_texts
from redaction.engine.types import Identifier


class Command(BaseCommand):
    help = "Time render, OCR, detect, build and check on a scanned decision (pages/second)."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=30)
        parser.add_argument("--width-px", type=int, default=1275, help="workbench page width")

    def handle(self, *args, **options):
        parties = SampleParties()
        identifiers = [Identifier("name", name) for name in parties.family]
        self.stdout.write(f"OCR engine: {ocr.engine_name() or 'none'}")
        scan = _scanned_of(parties, options["pages"])
        pages = page_count(scan)
        self.stdout.write(f"Scanned decision: {pages} pages, {len(scan) // 1024} KiB")

        steps: list[tuple[str, float, float, int]] = []

        def timed(name, run, count=pages):
            start, cpu = time.perf_counter(), _cpu()
            result = run()
            steps.append((name, time.perf_counter() - start, _cpu() - cpu, count))
            return result

        timed("render", lambda: [render_page_png(scan, i, width_px=options["width_px"])
                                 for i in range(pages)])  # fmt: skip
        texts = timed("ocr", lambda: page_texts(scan))
        proposals = timed("detect", lambda: propose(texts, identifiers))
        derivative = timed("build", lambda: build_redacted_pdf(scan, [p.box for p in proposals]))
        gate_ids = [guess_identifier(value) for value in parties.identifiers]
        report = timed("check", lambda: check_pdf(derivative, gate_ids))
        total = sum(step[1] for step in steps)
        total_cpu = sum(step[2] for step in steps)

        self.stdout.write(
            f"{'step':<10}{'wall s':>10}{'pages/s':>10}{'s/page':>10}"
            f"{'CPU s':>10}{'CPU s/page':>12}"
        )
        for name, seconds, cpu, count in [*steps, ("total", total, total_cpu, pages)]:
            self.stdout.write(
                f"{name:<10}{seconds:>10.2f}{count / seconds:>10.2f}{seconds / count:>10.2f}"
                f"{cpu:>10.2f}{cpu / count:>12.2f}"
            )
        self.stdout.write(
            f"proposals: {len(proposals)}; derivative {len(derivative) // 1024} KiB; "
            f"check passed: {report.passed} ({', '.join(f.code for f in report.findings)})"
        )

        text_pdf = _text_of(parties, options["pages"])
        text_pages = page_count(text_pdf)
        start, cpu = time.perf_counter(), _cpu()
        check_pdf(text_pdf, gate_ids)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
        self.stdout.write(
            f"check alone, {text_pages}-page text decision: {seconds:.2f} s wall "
            f"({text_pages / seconds:.1f} pages/s), {cpu:.2f} s CPU"
        )


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _pages_for(make, parties, wanted: int) -> bytes:
    """`make(parties, pages=n)` with n tuned so the file has at least `wanted` pages."""
    asked = wanted
    data = make(parties, pages=asked)
    while page_count(data) < wanted:
        asked += max(1, wanted - page_count(data))
        data = make(parties, pages=asked)
    return data


def _scanned_of(parties, wanted):
    return _pages_for(lambda p, pages: scanned_decision_pdf(p, pages=pages), parties, wanted)


def _text_of(parties, wanted):
    return _pages_for(lambda p, pages: decision_pdf(p, pages=pages), parties, wanted)
