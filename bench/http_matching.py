"""Benchmark: ranked openings for one worker over 5,000 openings, in-process and over HTTP.

    .venv/bin/python bench/http_matching.py [--requests 300] [--engine sqlite|postgresql]

Loads the district generator's 5,000 openings and 2,000 of its workers into a throwaway
database (bench/databases.py), then times ``GET /api/v1/workers/<id>/matches?limit=20``
against a real HTTP server on loopback (werkzeug, threaded; one keep-alive client) and the
same service call in-process. The opening index is built once and reused while no opening
changes, as in production; the first request pays for building it and is reported apart.
Target (issue 3): in-process p95 ≤ 10 ms.
"""

from __future__ import annotations

import argparse
import http.client
import logging
import random
import secrets
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from bench import district  # noqa: E402
from bench.databases import bench_app, postgres_url  # noqa: E402
from jobs_app import clock  # noqa: E402
from jobs_app.extensions import db  # noqa: E402
from jobs_app.identity import make_id_number  # noqa: E402
from jobs_app.models import Employer, Household, Opening, Role, TokenKind, Township, Worker  # noqa: E402
from jobs_app.services import matching, users  # noqa: E402
from jobs_app.services.access import Actor  # noqa: E402


def main() -> None:
    options = _options()
    url = postgres_url() if options.engine == "postgresql" else None
    if options.engine == "postgresql" and url is None:
        return
    with bench_app(options.engine, url) as app:
        worker_ids = _fill(options.workers)
        token = _token()
        _in_process(worker_ids, options.requests)
        _over_http(app, token, worker_ids, options.requests)


def _options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2_000)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    return parser.parse_args()


def _fill(n_workers: int) -> list[int]:
    world = district.generate(n_workers=n_workers, n_openings=5_000)
    places = {t.code: t.id for t in db.session.scalars(db.select(Township))}
    shift = clock.today() - world.today
    # The generator's 300 employers, one row per employer and kind: a district's employers
    # post a few openings each (the first version put all 5,000 under four employers, so
    # one employer's lists counted 2,000 openings).
    owners = sorted({(o.employer_id, o.employer_kind) for o in world.openings})
    created = db.session.scalars(
        db.insert(Employer).returning(Employer.id, sort_by_parameter_order=True),
        [{"name": f"基准{kind}{number}", "kind": kind, "province": "重庆市", "city": "万州区",
          "township_id": next(iter(places.values()))} for number, kind in owners],
    )  # fmt: skip
    employers = dict(zip(owners, created, strict=True))
    db.session.execute(db.insert(Opening), [_opening(o, employers, places, shift)
                                            for o in world.openings])  # fmt: skip
    ids = []
    for n, profile in enumerate(world.workers, start=1):
        home = Household(township_id=places[profile.township_code], category=profile.category,
                         dibao=profile.dibao, tekun=profile.tekun)  # fmt: skip
        db.session.add(home)
        db.session.flush()
        worker = _worker(n, profile, home)
        db.session.add(worker)
        db.session.flush()
        ids.append(worker.id)
    db.session.commit()
    return ids


def _opening(o, employers, places, shift) -> dict:
    return {
        "employer_id": employers[o.employer_id, o.employer_kind], "title": o.title,
        "skills": list(o.skills),
        "description": o.description, "headcount": max(1, o.free_headcount), "hired_count": 0,
        "wage_min": o.wage_min, "wage_max": o.wage_max, "province": o.province, "city": o.city,
        "township_id": places.get(o.township_code) if o.township_code else None,
        "age_min": max(16, o.age_min), "age_max": max(o.age_max, max(16, o.age_min)),
        "board": o.board, "lodging": o.lodging, "social_insurance": o.social_insurance,
        "start_date": o.start_date + shift, "status": "open",
    }  # fmt: skip


def _worker(n, profile, home) -> Worker:
    birth = clock.today() - timedelta(days=365 * profile.age + 100 + n % 200)
    return Worker(
        household_id=home.id, township_id=home.township_id,
        id_number=make_id_number("500101", birth, n % 997), name=f"工人{n}", sex="male",
        birth_date=birth, ability=profile.ability, skills=list(profile.skills),
        skills_note=profile.skill_text, wish_scope=profile.scope,
        wish_provinces=list(profile.provinces), wish_min_wage=profile.min_wage,
        cares_for_children=profile.cares_for_children, status="seeking",
        status_since=clock.today() - timedelta(days=30 * profile.months_unemployed),
        health=profile.health,
    )  # fmt: skip


def _token() -> str:
    password = secrets.token_urlsafe(12)
    user = users.create(db.session, actor=Actor(None, Role.admin), username="bench",
                        password=password, role=Role.bureau)  # fmt: skip
    token = users.issue_token(db.session, user=user, kind=TokenKind.bearer)
    db.session.commit()
    return token


def _in_process(worker_ids: list[int], requests: int) -> None:
    started = time.perf_counter()
    matching.matches_for_worker(db.session, actor=Actor.system(), worker_id=worker_ids[0],
                                limit=20)  # fmt: skip
    print(f"index build (first call): {1000 * (time.perf_counter() - started):.0f} ms")
    rng = random.Random(1)
    times = []
    for _ in range(requests):
        worker_id = rng.choice(worker_ids)
        started = time.perf_counter()
        matching.matches_for_worker(db.session, actor=Actor.system(), worker_id=worker_id,
                                    limit=20)  # fmt: skip
        times.append(1000 * (time.perf_counter() - started))
    _report("in-process (service call, incl. DB reads)", times)


def _over_http(app, token: str, worker_ids: list[int], requests: int) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = http.client.HTTPConnection("127.0.0.1", server.server_port)
        headers = {"Authorization": f"Bearer {token}"}
        rng = random.Random(2)
        times = []
        for _ in range(requests):
            path = f"/api/v1/workers/{rng.choice(worker_ids)}/matches?limit=20"
            started = time.perf_counter()
            client.request("GET", path, headers=headers)
            answer = client.getresponse()
            answer.read()
            times.append(1000 * (time.perf_counter() - started))
            if answer.status != 200:
                raise SystemExit(f"HTTP {answer.status} for {path}")
        _report("over HTTP (loopback, werkzeug)", times)
    finally:
        server.shutdown()


def _report(label: str, times: list[float]) -> None:
    cuts = statistics.quantiles(times, n=100)
    print(f"{label}: n={len(times)} p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, "
          f"max {max(times):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
