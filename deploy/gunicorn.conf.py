"""gunicorn settings for production: sync workers, logs without ID numbers or phones.

DATABASE_URL=postgresql://… SECRET_KEY=… gunicorn -c deploy/gunicorn.conf.py "jobs_app:create_app()"
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# A request is CPU-bound Python (a few ms) around short waits on PostgreSQL, so threads
# within a worker mostly queue for the GIL, and a kept-alive connection stays on the worker
# that took it while another may idle. On 2 cores (bench/load.py, locust at 40 users on the
# same cores, alternating runs) 3 sync workers served the district's peak mix at 474-520
# req/s in most runs, p95 84-95 ms, where 4 workers x 3 threads served 333-444, p95 210-290
# ms; 8 sync workers served less (processes contending for the cores). A sync worker
# serves one request at a time and closes each connection: put a proxy that buffers requests
# and answers (nginx does by default) in front, so a slow client never holds a worker.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Import once in the master and fork: workers start at once and share the imported code.
# No database connection is opened before the fork (engines connect lazily).
preload_app = True
# A sync worker silent this long is restarted: the longest requests (a 100,000-row import
# through the API, planning 2,000 passengers' buses) take ~25 s.
timeout = 120
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then; each rebuilds its matching index lazily
max_requests_jitter = 500
accesslog = "-"
# The access log's URLs never carry a full ID number or phone: jobs_app.security masks them.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask": {"()": "jobs_app.security.MaskPersonalData"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
