"""Benchmark: import a 100,000-row worker ledger (dry run, real import, re-import).

    .venv/bin/python bench/ledger.py [--rows 100000] [--postgres URL]

Each database runs in a child process of its own, so the peak memory printed (ru_maxrss) is
that run's alone. SQLite is a temporary file built with the migrations; PostgreSQL
(``DATABASE_URL``, else the local test server) gets a throwaway schema, dropped afterwards,
and is skipped with a message when unreachable. Target (issue 4): ≤ 30 s, ≤ 1 GiB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import bench_app, postgres_url  # noqa: E402
from bench.ledger_data import build  # noqa: E402
from jobs_app.extensions import db  # noqa: E402
from jobs_app.services.access import Actor  # noqa: E402
from jobs_app.services.ledger import import_workers  # noqa: E402

OUT = ROOT / "bench" / "out"


def main() -> None:
    options = _options()
    started = time.perf_counter()
    ledger = build(OUT, options.rows)
    print(f"ledger: {ledger} ({ledger.stat().st_size / 2**20:.1f} MiB, "
          f"{time.perf_counter() - started:.1f} s to build or find)")  # fmt: skip
    if options.engine:
        _run(options.engine, options.url, ledger, options.rows)
        return
    _child(["sqlite"], ledger, options.rows)
    url = postgres_url(options.postgres)
    if url:
        _child(["postgresql", "--url", url], ledger, options.rows)


def _options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", help="PostgreSQL URL (default DATABASE_URL or local)")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    return parser.parse_args()


def _child(arguments: list[str], ledger: Path, rows: int) -> None:
    command = [sys.executable, __file__, "--rows", str(rows), "--engine", *arguments]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - our own script


def _run(engine: str, url: str | None, ledger: Path, rows: int) -> None:
    with bench_app(engine, url):
        for step, dry_run in (("dry run", True), ("import", False), ("re-import", False)):
            _timed(engine, step, ledger, rows, dry_run)


def _timed(engine: str, step: str, ledger: Path, rows: int, dry_run: bool) -> None:
    started = time.perf_counter()
    report = import_workers(db.session, actor=Actor.system(), path_or_stream=str(ledger),
                            dry_run=dry_run)  # fmt: skip
    db.session.commit()
    seconds = time.perf_counter() - started
    peak = _peak_mib()
    print(f"{engine:10} {step:9}  {seconds:6.1f} s  {rows / seconds:8,.0f} rows/s  "
          f"peak {peak:6.0f} MiB  created {report.created} updated {report.updated} "
          f"unchanged {report.unchanged} bad {len(report.errors)}", flush=True)  # fmt: skip


def _peak_mib() -> float:
    """This process's peak resident memory. Linux's VmHWM, because ru_maxrss survives exec
    and would report the parent's peak (building the ledger takes ~800 MiB)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    return int(kib) / 1024


if __name__ == "__main__":
    main()
