"""Calibration for ``bench/load.py``: the issue's three reference apps, rebuilt to run here.

The issue's targets come with figures from another machine: a bare Flask app under gunicorn
answered 5,200 JSON requests/s, 1,460/s with one primary-key query, and 890/s ranking 50 of
5,000 openings by sparse cosine. ``bench/load.py`` runs these three under the same gunicorn
and locust settings as the service, so the service's figures can be read against what this
machine gives for the same reference work:

- ``/bare``: a small JSON answer;
- ``/pk/<id>``: one primary-key query (psycopg 3, one autocommit connection per process,
  on the benchmark's PostgreSQL schema, ``DATABASE_URL`` as the service gets it);
- ``/rank``: TF-IDF (character 2–3-grams) of a random worker's skill text against the
  district generator's 5,000 opening texts, the best 50 by cosine.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import numpy as np
from flask import Flask, jsonify
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import district
from matching.text import opening_document, worker_document

app = Flask(__name__)

_WORLD = district.generate(n_workers=1_000, n_openings=5_000)
_VECTORIZER = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
_OPENINGS_T = _VECTORIZER.fit_transform([opening_document(o) for o in _WORLD.openings]).T.tocsr()
_WORKER_TEXTS = [worker_document(w) for w in _WORLD.workers]
_connection = None


@app.get("/bare")
def bare():
    return jsonify(status="ok")


@app.get("/pk/<int:worker_id>")
def primary_key(worker_id: int):
    row = _database().execute("SELECT id, name FROM worker WHERE id = %s", (worker_id,)).fetchone()
    return jsonify(id=row[0], name=row[1]) if row else (jsonify(error="not found"), 404)


@app.get("/rank")
def rank():
    worker = _VECTORIZER.transform([random.choice(_WORKER_TEXTS)])
    cosine = (worker @ _OPENINGS_T).toarray()[0]
    best = np.argpartition(cosine, -50)[-50:]
    best = best[np.argsort(-cosine[best])]
    return jsonify(items=[{"opening": int(i), "score": float(cosine[i])} for i in best])


def _database():
    """One connection per gunicorn worker, opened after the fork."""
    global _connection
    if _connection is None:
        import psycopg

        url = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://", 1)
        _connection = psycopg.connect(url, autocommit=True)
    return _connection
