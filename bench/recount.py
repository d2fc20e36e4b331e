"""Benchmark: the monthly recount of 150,000 workers on SQLite and PostgreSQL.

    .venv/bin/python bench/recount.py [--workers 150000] [--postgres URL]

Fills a throwaway database (bench/databases.py) with households, workers and two years of
status history by bulk inserts, then times a recount of last month (snapshot + commit), its
figures, and a second run of the same month (replace). Targets (issue 4): PostgreSQL ≤ 5 s,
SQLite ≤ 10 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import bench_app, postgres_url  # noqa: E402
from jobs_app import clock  # noqa: E402
from jobs_app.extensions import db  # noqa: E402
from jobs_app.identity import make_id_number  # noqa: E402
from jobs_app.models import Household, Township, Worker, WorkerStatusChange  # noqa: E402
from jobs_app.services import periods, recount_figures, recounts  # noqa: E402
from jobs_app.services.access import Actor  # noqa: E402

STATUSES = ("seeking", "employed_local", "employed_province", "employed_out", "public_post",
            "self_employed", "not_seeking")  # fmt: skip
CHUNK = 10_000


def main() -> None:
    options = _options()
    _run("sqlite", None, options.workers)
    url = postgres_url(options.postgres)
    if url:
        _run("postgresql", url, options.workers)


def _options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=150_000)
    parser.add_argument("--postgres", help="PostgreSQL URL (default DATABASE_URL or local)")
    return parser.parse_args()


def _run(engine: str, url: str | None, n_workers: int) -> None:
    with bench_app(engine, url):
        started = time.perf_counter()
        _fill(n_workers)
        print(f"{engine:10} filled {n_workers:,} workers in {time.perf_counter() - started:.1f} s")
        period = periods.shift(periods.of(clock.today()), -1)
        for label in ("recount", "again"):
            started = time.perf_counter()
            recount = recounts.run(db.session, actor=Actor.system(), period=period)
            db.session.commit()
            snapshot = time.perf_counter() - started
            figures = recount_figures.figures(db.session, recount)
            total = time.perf_counter() - started
            print(f"{engine:10} {label:8} {period}: snapshot {snapshot:5.2f} s, with figures "
                  f"{total:5.2f} s; {figures['summary']['workers']:,} workers, "
                  f"{figures['summary']['seeking']:,} seeking", flush=True)  # fmt: skip


def _fill(n_workers: int) -> None:
    """Households of 1–3 workers over all townships; each worker seeks, then may change."""
    rng = random.Random(150_000)
    townships = [t.id for t in db.session.scalars(db.select(Township))]
    today = clock.today()
    next_household, made = 1, 0
    while made < n_workers:
        size = min(CHUNK, n_workers - made)
        households, workers, changes = [], [], []
        for offset in range(size):
            number = made + offset + 1
            if offset == 0 or rng.random() < 0.6:
                households.append(_household(next_household, rng.choice(townships), rng))
                next_household += 1
            home = households[-1]
            workers.append(_worker(number, home, rng, today))
            changes += _history(number, rng, today)
        for model, rows in ((Household, households), (Worker, workers),
                            (WorkerStatusChange, changes)):  # fmt: skip
            db.session.execute(db.insert(model), rows)
        db.session.commit()
        made += size


def _household(household_id: int, township_id: int, rng: random.Random) -> dict:
    category = rng.choice(("registered_poor", "lifted", "lifted", "monitored", "marginal"))
    return {"id": household_id, "township_id": township_id, "category": category,
            "dibao": rng.random() < 0.15, "tekun": False}  # fmt: skip


def _worker(number: int, home: dict, rng: random.Random, today: date) -> dict:
    birth = date(1960, 1, 1) + timedelta(days=number % 16_000)
    return {
        "id": number, "household_id": home["id"], "township_id": home["township_id"],
        "id_number": make_id_number("500101", birth, number // 16_000 % 1000),
        "name": f"工人{number}", "sex": "male", "birth_date": birth, "ability": "ordinary",
        "skills": [], "wish_scope": "anywhere", "wish_provinces": [], "status": "seeking",
        "status_since": today, "health": "healthy",
    }  # fmt: skip


def _history(number: int, rng: random.Random, today: date) -> list[dict]:
    begin = today - timedelta(days=rng.randint(400, 730))
    rows = [{"worker_id": number, "status": "seeking", "since": begin}]
    if rng.random() < 0.7:
        later = begin + timedelta(days=rng.randint(10, 380))
        rows.append({"worker_id": number, "status": rng.choice(STATUSES), "since": later})
    return rows


if __name__ == "__main__":
    main()
