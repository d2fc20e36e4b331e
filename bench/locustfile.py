"""District peak traffic for ``bench/load.py``: desks search, match and refer; employers read.

Bearer tokens and ids come from the environment that bench/load.py sets. A refusal the
service is meant to give (409 already referred, 422 not referable) is a correct answer, not
an error; only transport failures and 5xx count as errors.
"""

from __future__ import annotations

import json
import os
import random
from typing import ClassVar

from locust import FastHttpUser, between, tag, task

WORKERS = json.loads(os.environ.get("LOAD_WORKER_IDS", "[]"))
OPENINGS = json.loads(os.environ.get("LOAD_OPENING_IDS", "[]"))
NAMES = ("王", "李", "张", "刘", "陈", "工人1", "工人2")
FINE = {200, 201, 404, 409, 422}


class Desk(FastHttpUser):
    wait_time = between(0, 0.01)
    weight = 4

    default_headers: ClassVar[dict[str, str]] = {
        "Authorization": f"Bearer {os.environ.get('LOAD_DESK_TOKEN', '')}"
    }

    @tag("mix")
    @task(3)
    def search(self):
        self.client.get(f"/api/v1/workers?q={random.choice(NAMES)}&per_page=20",
                        name="/api/v1/workers?q=")  # fmt: skip

    @tag("mix")
    @task(2)
    def open_worker(self):
        self.client.get(f"/api/v1/workers/{random.choice(WORKERS)}", name="/api/v1/workers/<id>")

    @tag("mix", "matches")
    @task(4)
    def matches(self):
        self.client.get(f"/api/v1/workers/{random.choice(WORKERS)}/matches?limit=20",
                        name="/api/v1/workers/<id>/matches")  # fmt: skip

    @tag("mix")
    @task(1)
    def refer(self):
        body = {"worker_id": random.choice(WORKERS), "opening_id": random.choice(OPENINGS)}
        with self.client.post("/api/v1/referrals", json=body, name="/api/v1/referrals",
                              catch_response=True) as answer:  # fmt: skip
            if answer.status_code in FINE:
                answer.success()


class Employer(FastHttpUser):
    wait_time = between(0, 0.01)
    weight = 1

    default_headers: ClassVar[dict[str, str]] = {
        "Authorization": f"Bearer {os.environ.get('LOAD_EMPLOYER_TOKEN', '')}"
    }

    @tag("mix")
    @task
    def referrals(self):
        self.client.get("/api/v1/referrals?per_page=20", name="/api/v1/referrals")

    @tag("mix")
    @task
    def openings(self):
        self.client.get("/api/v1/openings?per_page=20", name="/api/v1/openings")
