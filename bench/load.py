"""Benchmark: district peak traffic against gunicorn on PostgreSQL, load generator included.

    .venv/bin/pip install -e ".[bench]"   # locust
    .venv/bin/python bench/load.py [--seconds 30] [--users 40] [--gunicorn-workers N] [--threads N]
                                   [--scenarios mix,matches,bare,pk,rank] [--calm-users 12]

Builds a throwaway PostgreSQL schema (bench/databases.py) with the district generator's 5,000
openings and 100,000 workers (the 2,000 the desk's requests name seek work in its township),
starts gunicorn on loopback (as many workers and threads as deploy/gunicorn.conf.py gives this
machine: cores + 1 sync workers; app preloaded), and runs locust headless, bounded in time: the
mix (desks searching, opening workers, matching, referring; employers reading), the matches
endpoint alone, each also with fewer users (a few per worker, so requests queue less), and,
when wrk is installed, each once more from wrk (bench/wrk.lua), whose own cost is small.
Then, as calibration, the issue's three reference apps (bench/bare.py: bare JSON, one
primary-key query, ranking 50 of 5,000 openings by sparse cosine) under the same gunicorn and
locust: what this machine gives for the work the issue's reference figures were taken on.
Prints requests/s, p50, p95, p99 and errors for each, and for the wrk rows the CPU each request
cost gunicorn's and PostgreSQL's processes (from /proc; on a machine of its own). Targets
(issue 7): ≥ 500 requests/s for the mix; matches alone ≥ 300 requests/s with p95 ≤ 100 ms;
0 errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import runpy
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bench.databases import bench_app, postgres_url  # noqa: E402
from bench.http_matching import _fill  # noqa: E402
from jobs_app import clock  # noqa: E402
from jobs_app.extensions import db  # noqa: E402
from jobs_app.identity import make_id_number  # noqa: E402
from jobs_app.models import (  # noqa: E402
    Household,
    Opening,
    Referral,
    ReferralStatus,
    Role,
    TokenKind,
    Township,
    Worker,
)
from jobs_app.services import users  # noqa: E402
from jobs_app.services.access import Actor  # noqa: E402

# Referrals to the load's employer made before the peak (see _candidates).
CANDIDATES = 60
# The desk's township holds 2,000 of the district's workers; the rest live in the others.
DESK_WORKERS, DISTRICT_WORKERS = 2_000, 100_000
# The issue's reference apps (bench/bare.py), measured here under the same harness.
REFERENCES = ("bare", "pk", "rank")
# wrk (Debian's package), when installed, asks the same again: what the service does when the
# load generator costs next to nothing (locust, in Python, spends about a millisecond of a
# core per request, on the cores the service runs on).
WRK = shutil.which("wrk")
# bench/locustfile.py's weights: desks (4 of 5 users) search 3, open 2, match 4, refer 1;
# employers list referrals 1, openings 1.
WRK_MIXES = {
    "mix": "search:24,open:16,matches:32,refer:8,referrals:10,openings:10",
    "matches": "matches:1", "bare": "bare:1", "pk": "pk:1", "rank": "rank:1",
}  # fmt: skip


def main() -> None:
    options = _options()
    with peak_world() as world:
        environment, database = world.environment, world.database
        with _gunicorn(database, options.gunicorn_workers, options.threads) as server:
            port = server.port
            # Warm-up, not reported: every gunicorn worker builds its opening index once.
            _locust("matches", port, environment, options, seconds=15, report=False)
            for scenario in ("mix", "matches"):
                if scenario in options.scenarios:
                    _locust(scenario, port, environment, options)
                    # Again with fewer users, so requests queue less: closer to the latency
                    # a desk sees (at 40 users, most of a request's time is its wait in line).
                    if options.calm_users:
                        _locust(scenario, port, environment, options, users=options.calm_users)
                    if WRK:
                        _wrk(scenario, server, environment, options)
        references = [name for name in REFERENCES if name in options.scenarios]
        if references:
            with _gunicorn(database, options.gunicorn_workers, options.threads,
                           "bench.bare:app") as server:  # fmt: skip
                port = server.port
                for name in references:
                    _locust(name, port, environment, options, locustfile="locust_bare.py")
                    if WRK:
                        _wrk(name, server, environment, options)


@dataclass(frozen=True)
class PeakWorld:
    app: Flask
    environment: dict[str, str]  # what locust's users read: bearer tokens and ids
    database: str  # the URL a server process uses to reach this world's schema


@contextmanager
def peak_world() -> Iterator[PeakWorld]:
    """The app on a throwaway PostgreSQL schema with the district's 5,000 openings and
    100,000 workers, 2,000 of them seeking in the desk's township; exits quietly when
    PostgreSQL does not answer (``postgres_url`` says so)."""
    url = postgres_url()
    if url is None:
        raise SystemExit(0)
    with bench_app("postgresql", url) as app:
        _fill(DESK_WORKERS)
        environment = _tokens_and_ids()
        _rest_of_district(DISTRICT_WORKERS - DESK_WORKERS)
        # A district's database in service has planner statistics (autovacuum keeps them);
        # a freshly filled one has none, and PostgreSQL picks nested loops over 2,000 rows.
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        schema = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"].split("=")[1]
        database = f"{url}?options={quote('-csearch_path=' + schema)}"
        yield PeakWorld(app, environment, database)


def _options():
    # The server as deployed: its worker count and threads come from the production settings.
    deployed = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--gunicorn-workers", type=int, default=deployed["workers"])
    parser.add_argument("--calm-users", type=int, default=12,
                        help="users of a second run of each scenario (0: none)")  # fmt: skip
    parser.add_argument("--threads", type=int, default=deployed.get("threads", 1),
                        help="threads per worker (> 1: gthread workers; 1: sync)")  # fmt: skip
    parser.add_argument("--scenarios", default="mix,matches,bare,pk,rank",
                        help="comma-separated, of mix, matches and the reference apps "
                             "bare, pk and rank (calibration)")  # fmt: skip
    return parser.parse_args()


def _tokens_and_ids() -> dict[str, str]:
    """A desk of the township holding the workers, an employer, and the ids they will use."""
    township_id = db.session.scalar(db.select(Worker.township_id).limit(1))
    code = db.session.get(Township, township_id).code
    db.session.execute(db.update(Worker).values(township_id=township_id))
    # The busiest employer: the most openings, so the longest lists.
    employer_id = db.session.scalar(db.select(Opening.employer_id).group_by(Opening.employer_id)
                                    .order_by(db.func.count().desc()).limit(1))  # fmt: skip
    admin = Actor(None, Role.admin)
    desk = users.create(
        db.session,
        actor=admin,
        username="load_desk",
        password=secrets.token_urlsafe(12),
        role=Role.desk,
        township_code=code,
    )
    boss = users.create(db.session, actor=admin, username="load_employer",
                        password=secrets.token_urlsafe(12), role=Role.employer,
                        employer_id=employer_id)  # fmt: skip
    _candidates(employer_id, count=CANDIDATES)
    environment = {
        "LOAD_DESK_TOKEN": users.issue_token(db.session, user=desk, kind=TokenKind.bearer),
        "LOAD_EMPLOYER_TOKEN": users.issue_token(db.session, user=boss, kind=TokenKind.bearer),
        "LOAD_WORKER_IDS": json.dumps(list(db.session.scalars(db.select(Worker.id)))),
        "LOAD_OPENING_IDS": json.dumps(list(db.session.scalars(
            db.select(Opening.id).where(Opening.township_id.isnot(None)).limit(500)))),
    }  # fmt: skip
    db.session.commit()
    return environment


def _rest_of_district(count: int) -> None:
    """The district's other workers, one household each, over the other townships: a desk's
    lists and searches pick its township's workers out of all of them, as in service (a plan
    PostgreSQL kept for a prepared search once walked every worker of the district)."""
    desk_township = db.session.scalar(db.select(Worker.township_id).limit(1))
    townships = [t for t in db.session.scalars(db.select(Township.id)) if t != desk_township]
    today = clock.today()
    for start in range(0, count, 10_000):
        numbers = range(start, min(start + 10_000, count))
        homes = db.session.execute(
            db.insert(Household).returning(Household.id, Household.township_id,
                                           sort_by_parameter_order=True),
            [{"township_id": townships[n % len(townships)], "category": "registered_poor",
              "dibao": False, "tekun": False} for n in numbers],
        ).all()  # fmt: skip
        db.session.execute(db.insert(Worker), [
            _other_worker(DESK_WORKERS + n + 1, home, today)
            for n, home in zip(numbers, homes, strict=True)])  # fmt: skip
    db.session.commit()


def _other_worker(number: int, home, today) -> dict:
    birth = date(1960, 1, 1) + timedelta(days=number % 16_000)
    return {
        "household_id": home.id, "township_id": home.township_id, "name": f"工人{number}",
        # Born elsewhere (500102), so no number repeats one of the desk's workers'.
        "id_number": make_id_number("500102", birth, number // 16_000), "sex": "male",
        "birth_date": birth, "ability": "ordinary", "skills": [], "wish_scope": "anywhere",
        "wish_provinces": [], "status": "seeking", "status_since": today, "health": "healthy",
    }  # fmt: skip


def _candidates(employer_id: int, count: int) -> None:
    """Workers referred to the employer's openings before the peak: its referral list is
    more than one page, so every read of it counts them too."""
    own = list(db.session.scalars(db.select(Opening.id).where(Opening.employer_id == employer_id)))
    workers = db.session.scalars(db.select(Worker.id).limit(count))
    db.session.execute(db.insert(Referral), [
        {"worker_id": worker, "opening_id": own[n % len(own)], "status": ReferralStatus.referred,
         "referred_on": clock.today()} for n, worker in enumerate(workers)])  # fmt: skip


class _gunicorn:
    def __init__(self, database: str, workers: int, threads: int = 1, app="jobs_app:create_app()"):
        self.database, self.workers, self.threads, self.app = database, workers, threads, app

    def __enter__(self) -> _gunicorn:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        environment = {**os.environ, "DATABASE_URL": self.database,
                       "SECRET_KEY": secrets.token_hex(32)}  # fmt: skip
        command = [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(self.workers),
                   "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "--preload",
                   "--threads", str(self.threads), self.app]  # fmt: skip
        self.process = subprocess.Popen(command, env=environment, cwd=ROOT)  # noqa: S603
        _wait_for(self.port)
        return self

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server: the master and its workers."""
        return _cpu_seconds([self.process.pid, *_processes(parent=self.process.pid)])

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on port {port}")


def _locust(scenario, port, environment, options, seconds=None, report=True,
            locustfile="locustfile.py", users=None) -> None:  # fmt: skip
    seconds, users = seconds or options.seconds, users or options.users
    label = scenario if users == options.users else f"{scenario}@{users}"
    with tempfile.TemporaryDirectory() as out:
        prefix = Path(out) / scenario
        command = [str(Path(sys.executable).parent / "locust"), "-f",
                   str(ROOT / "bench" / locustfile), "--headless", "--tags", scenario,
                   "-u", str(users), "-r", str(users),
                   "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
                   "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]  # fmt: skip
        subprocess.run(command, env={**os.environ, **environment}, check=False,  # noqa: S603
                       capture_output=True, timeout=seconds + 60)  # fmt: skip
        if report:
            _print(label, prefix.with_name(f"{scenario}_stats.csv"))


def _wrk(scenario, server, environment, options) -> None:
    """The scenario from wrk, with as many connections as the calm run has users, and what
    each request cost the server's and PostgreSQL's processes in CPU (from /proc)."""
    connections = options.calm_users or options.users
    command = [WRK, "-t1", f"-c{connections}", f"-d{options.seconds}s", "-s",
               str(ROOT / "bench" / "wrk.lua"), f"http://127.0.0.1:{server.port}"]  # fmt: skip
    database = _processes(command="postgres")
    before = server.cpu_seconds(), _cpu_seconds(database)
    answer = subprocess.run(command, env={**os.environ, **environment,  # noqa: S603
                                          "MIX": WRK_MIXES[scenario]},
                            capture_output=True, text=True, timeout=options.seconds + 60,
                            check=False)  # fmt: skip
    after = server.cpu_seconds(), _cpu_seconds(database)
    result = next((line.split()[1:] for line in answer.stdout.splitlines()
                   if line.startswith("RESULT")), None)  # fmt: skip
    if result is None:
        print(f"wrk:{scenario} failed: {answer.stderr.strip()[:200]}")
        return
    requests, rate, p50, p95, p99, _longest, errors = result
    app, postgres = ((end - start) * 1000 / max(int(requests), 1)
                     for start, end in zip(before, after, strict=True))  # fmt: skip
    label = f"wrk:{scenario}@{connections}"
    print(f"{label:10} {'(all requests)':40} {float(rate):8.1f} req/s  p50 {p50:>5} ms  "
          f"p95 {p95:>5} ms  p99 {p99:>5} ms  errors {errors}  "
          f"CPU per request: server {app:.2f} ms, PostgreSQL {postgres:.2f} ms")  # fmt: skip


def _processes(*, command: str | None = None, parent: int | None = None) -> list[int]:
    """Pids of the running processes of a command name, or of a parent."""
    found = []
    for entry in Path("/proc").iterdir():
        stat = _stat(entry.name) if entry.name.isdigit() else None
        if stat is None:
            continue
        name, fields = stat
        if (command is None or name == command) and (parent is None or fields[1] == str(parent)):
            found.append(int(entry.name))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the processes still running (utime + stime)."""
    ticks = 0
    for stat in filter(None, map(_stat, pids)):
        ticks += int(stat[1][11]) + int(stat[1][12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _stat(pid) -> tuple[str, list[str]] | None:
    """A process's command name and the fields of /proc/<pid>/stat after it (state, ppid,
    …), or None once it has ended. The name may hold spaces, so it is cut at its parentheses."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    head, _, tail = text.rpartition(")")
    return head.partition("(")[2], tail.split()


def _print(scenario: str, stats: Path) -> None:
    with stats.open() as handle:
        rows = {f"{row['Type']} {row['Name']}".strip(): row for row in csv.DictReader(handle)}
    for name, row in rows.items():
        print(f"{scenario:10} {name:40} {float(row['Requests/s']):8.1f} req/s  "
              f"p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms  p99 {row['99%']:>5} ms  "
              f"errors {row['Failure Count']}")  # fmt: skip


if __name__ == "__main__":
    main()
