"""A bare Flask app answering small JSON: the ceiling of gunicorn plus locust on this machine.

``bench/load.py`` runs it under the same gunicorn and locust settings as the service, so the
service's figures can be read against what the machine gives with no work at all.
"""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/bare")
def bare():
    return jsonify(status="ok")
