"""Calibration for ``bench/load.py``: locust's users asking the bare Flask app."""

from locust import FastHttpUser, between, task


class Bare(FastHttpUser):
    wait_time = between(0, 0.01)

    @task
    def bare(self):
        self.client.get("/bare")
