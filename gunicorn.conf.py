"""gunicorn settings for the portal; each can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# The busy pages come from the cache, so a worker mostly computes: one per core, and one more
# to use the time others wait for PostgreSQL (measured with bench/load.py).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a large answer PDF takes seconds, not minutes
graceful_timeout = 30
max_requests = 20000  # recycle workers now and then, so a slow leak never grows
max_requests_jitter = 2000
preload_app = True  # load Django once in the master: a recycled worker starts in milliseconds
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
