"""gunicorn settings for production: threaded workers, logs without ID numbers or phones.

DATABASE_URL=postgresql://… SECRET_KEY=… gunicorn -c deploy/gunicorn.conf.py "jobs_app:create_app()"
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Threaded workers keep connections alive (a sync worker closes each one) and overlap a
# request's waits on PostgreSQL with another's work. On 2 cores (bench/load.py, locust on the
# same cores) 4 workers x 3 threads served matches at 420-430 req/s where 8 sync workers
# served 260 and 6 x 2 or 4 x 4 threads 345-400; the mix 255-280 against 210.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", 3))
keepalive = 5
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
