"""Gunicorn settings for production (systemd unit deploy/systemd/techtransfer-web.service).

Every value can be overridden from the environment (GUNICORN_*), so the unit stays the same on any machine.
"""

import multiprocessing
import os

# nginx proxies to this socket/port; never expose gunicorn directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the app is database-bound; 2 × cores + 1 is gunicorn's rule of thumb.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Certificates (WeasyPrint) and exports take a few seconds; nothing legitimate takes a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak (fonts, caches) can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app before forking: workers share memory pages and a broken deploy fails at once, not per worker.
preload_app = True
# nginx in front sets X-Forwarded-Proto; only trust it from the loopback.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
wsgi_app = "config.wsgi:application"


def post_worker_init(worker):
    # Load WeasyPrint and the certificate font in each worker before it serves, not in the first registration.
    from registration.certificates import certificate_fonts_warm

    try:
        certificate_fonts_warm()
    except OSError:  # a missing font library must not stop the site; the first certificate will say why
        worker.log.exception("certificate fonts could not be warmed")
