"""Benchmark: what one request of the district's peak mix costs the service, in-process.

    .venv/bin/python bench/request_cost.py [--requests 1000]

On PostgreSQL (``DATABASE_URL`` or the local test database), the same data and requests as
bench/load.py (5,000 openings, 100,000 workers, the desk's township's 2,000 seeking; a desk
searching, opening workers, matching and referring; an employer listing its
referrals and openings), sent through Flask's test client, so no server, network or load
generator is counted. Prints, per request: CPU milliseconds of this process (``process_time``
over the run, after a warm-up) and the SQL statements it sent. With PostgreSQL's own share
(~1.0 ms per mix request, see the README) this is what bounds requests/s per core.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from bench.load import peak_world  # noqa: E402
from jobs_app.extensions import db  # noqa: E402

# Name fragments, as desks type them (bench/locustfile.py's NAMES): a surname, which finds
# few of the generator's workers, and 工人1, which fills every page (and so is counted).
SEARCHES = {"a surname": "%E7%8E%8B", "工人1, pages full": "%E5%B7%A5%E4%BA%BA1"}


def main() -> None:
    options = _options()
    with peak_world() as world:
        statements = []
        event.listen(db.engine, "before_cursor_execute",
                     lambda *_: statements.append(1))  # fmt: skip
        requests = _requests(world.app.test_client(), world.environment)
        # On a thread of its own, outside this app context: each request then gets its own
        # context and session, as under gunicorn (inside, they would share one).
        with ThreadPoolExecutor(1) as thread:
            thread.submit(_measure, requests, statements, options.requests).result()


def _measure(requests: dict, statements: list, count: int) -> None:
    print(f"{'request':42} {'CPU ms':>7} {'statements':>10}")
    for name, send in requests.items():
        for _ in range(30):  # the opening index, prepared statements, the token cache
            send()
        statements.clear()
        started = time.process_time()
        for _ in range(count):
            send()
        cpu = (time.process_time() - started) * 1000 / count
        print(f"{name:42} {cpu:7.2f} {len(statements) / count:10.1f}")


def _requests(client, environment) -> dict:
    desk = {"Authorization": f"Bearer {environment['LOAD_DESK_TOKEN']}"}
    boss = {"Authorization": f"Bearer {environment['LOAD_EMPLOYER_TOKEN']}"}
    workers = json.loads(environment["LOAD_WORKER_IDS"])
    openings = json.loads(environment["LOAD_OPENING_IDS"])

    def refer():
        body = {"worker_id": random.choice(workers), "opening_id": random.choice(openings)}
        return client.post("/api/v1/referrals", json=body, headers=desk)

    return {
        **{f"desk: search workers ({name})": functools.partial(
            client.get, f"/api/v1/workers?q={fragment}&per_page=20", headers=desk)
           for name, fragment in SEARCHES.items()},
        "desk: open a worker": lambda: client.get(
            f"/api/v1/workers/{random.choice(workers)}", headers=desk),
        "desk: matches of a worker": lambda: client.get(
            f"/api/v1/workers/{random.choice(workers)}/matches?limit=20", headers=desk),
        "desk: refer (most refused: 409/422)": refer,
        "employer: referrals": lambda: client.get("/api/v1/referrals?per_page=20", headers=boss),
        "employer: openings": lambda: client.get("/api/v1/openings?per_page=20", headers=boss),
        "desk: a worker not found (the floor)": lambda: client.get(
            "/api/v1/workers/2000000000", headers=desk),
    }  # fmt: skip


def _options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000)
    return parser.parse_args()


if __name__ == "__main__":
    main()
