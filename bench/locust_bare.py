"""Calibration for ``bench/load.py``: locust's users asking the reference apps (bench/bare.py)."""

import json
import os
import random

from locust import FastHttpUser, between, tag, task

WORKERS = json.loads(os.environ.get("LOAD_WORKER_IDS", "[]"))


class Reference(FastHttpUser):
    wait_time = between(0, 0.01)

    @tag("bare")
    @task
    def bare(self):
        self.client.get("/bare")

    @tag("pk")
    @task
    def primary_key(self):
        self.client.get(f"/pk/{random.choice(WORKERS)}", name="/pk/<id>")

    @tag("rank")
    @task
    def rank(self):
        self.client.get("/rank")
