"""gunicorn settings for production: sync workers, logs without ID numbers or phones.

DATABASE_URL=postgresql://… SECRET_KEY=… gunicorn -c deploy/gunicorn.conf.py "jobs_app:create_app()"
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# A request spends about half its time waiting on PostgreSQL, so sync workers beyond the core
# count keep the CPU busy: on 2 cores 8 workers served 45 % more than 4 (bench/load.py).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 4))
# Import once in the master and fork: workers start at once and share the imported code.
# No database connection is opened before the fork (engines connect lazily).
preload_app = True
timeout = 60
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
