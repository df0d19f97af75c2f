"""Load test: gunicorn (several workers) on PostgreSQL (+ OpenSearch when SEARCH_URL is set), mixed traffic.

Bounded and loopback only: it creates a throw-away database ``<DATABASE_URL's name>_load`` (dropped first),
migrates it, loads the demo listings, seeds enterprise users with API tokens and submitted contracts, starts
gunicorn on 127.0.0.1, and runs ``--users`` concurrent users for ``--duration`` seconds (or ``--max-requests``,
whichever comes first). Each user loops over a weighted mix:

    listing 30 % (GET /achievements/?page=N) · search 25 % (GET /api/v1/search/?q=…) ·
    match 20 % (GET /api/v1/needs/{id}/matches/) · need submission 15 % (POST /api/v1/needs/, submit) ·
    contract registration 10 % (POST /api/v1/registration/contracts/{id}/register/, certificate included)

It prints throughput and p50/p95 per endpoint and exits 1 on any error (a non-2xx answer or a failed connection).

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/techtransfer SEARCH_URL=http://127.0.0.1:9250 \\
        .venv/bin/python benchmarks/load_test.py --users 50 --duration 120 --workers 4
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["石墨烯", "碳化钨", "锂电池", "传感器", "复合材料", "催化剂", "芯片", "储能", "涂层", "检测"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load_database_url(base_url: str) -> str:
    parsed = urlparse(base_url)
    if parsed.scheme not in ("postgres", "postgresql"):
        sys.exit("load_test needs PostgreSQL: set DATABASE_URL=postgres://…")
    return parsed._replace(path=parsed.path.rstrip("/") + "_load").geturl()


def _recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def seed(*, users: int, contracts: int) -> dict:
    """Runs inside this process against the load database (DATABASE_URL already points there)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from marketplace.models import TechnologyNeed
    from taxonomy.models import TechnicalField
    from tests.factories import OrganisationFactory, UserFactory
    from tests.registration.factories import city_registry, submitted

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0)
    field = TechnicalField.objects.get(code="materials")
    registrar = UserFactory(username="load_registrar", role=User.Role.REGISTRAR)
    city_registry(registrar)
    buyer = OrganisationFactory(name="负载测试买方")
    tokens, needs = [], []
    for i in range(users):
        org = OrganisationFactory(name=f"负载测试企业{i:03d}")
        user = UserFactory(username=f"load_ent_{i:03d}", role=User.Role.ENTERPRISE_MEMBER, organisation=org)
        tokens.append(Token.objects.create(user=user).key)
        need = TechnologyNeed.objects.create(
            enterprise=org,
            created_by=user,
            title=f"超细碳化钨粉制备技术{i}",
            problem="需要石墨烯导热膜与碳化钨粉的制备工艺。",
            technical_field=field,
            status=TechnologyNeed.Status.PUBLISHED,
        )
        needs.append(need.pk)
    seller = UserFactory(
        username="load_seller", role=User.Role.ENTERPRISE_MEMBER, organisation=OrganisationFactory(name="负载测试卖方")
    )
    contract_ids = [submitted(seller, buyer, project_name=f"负载合同{i}").pk for i in range(contracts)]
    if os.environ.get("SEARCH_URL"):
        call_command("search_index", "--rebuild", verbosity=0)
    return {
        "tokens": tokens,
        "needs": needs,
        "contracts": contract_ids,
        "registrar_token": Token.objects.create(user=registrar).key,
    }


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.total = 0

    def add(self, endpoint: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.total += 1
            self.times[endpoint].append(seconds)
            if error:
                self.errors[endpoint].append(error)


def run_traffic(*, port: int, data: dict, users: int, duration: float, max_requests: int) -> tuple[Recorder, float]:
    recorder = Recorder()
    contracts = list(data["contracts"])
    contracts_lock = threading.Lock()
    deadline = time.monotonic() + duration
    stop = threading.Event()

    def request(conn, method, path, token=None, body=None):
        headers = {"Accept-Language": "zh-hans"}
        if token:
            headers["Authorization"] = f"Token {token}"
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        content = response.read()
        return response.status, content

    def user_loop(index: int):
        rng = random.Random(index)
        token = data["tokens"][index % len(data["tokens"])]
        need = data["needs"][index % len(data["needs"])]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        n = 0
        while not stop.is_set() and time.monotonic() < deadline:
            roll = rng.random()
            if roll < 0.30:
                endpoint, method, path, who, body = (
                    "listing",
                    "GET",
                    f"/achievements/?page={rng.randint(1, 5)}",
                    None,
                    None,
                )
            elif roll < 0.55:
                endpoint, method, path, who, body = (
                    "search",
                    "GET",
                    f"/api/v1/search/?q={quote(rng.choice(QUERIES))}",
                    None,
                    None,
                )
            elif roll < 0.75:
                endpoint, method, path, who, body = "match", "GET", f"/api/v1/needs/{need}/matches/", token, None
            elif roll < 0.90:
                n += 1
                body = {
                    "title": f"负载需求{index}-{n}",
                    "problem": "需要提高锂电池正极材料的循环寿命。",
                    "technical_field": "energy",
                    "submit": True,
                }
                endpoint, method, path, who = "need_submit", "POST", "/api/v1/needs/", token
            else:
                with contracts_lock:
                    contract = contracts.pop() if contracts else None
                if contract is None:
                    continue
                endpoint, method, path, who, body = (
                    "register",
                    "POST",
                    f"/api/v1/registration/contracts/{contract}/register/",
                    data["registrar_token"],
                    {"explanation": ""},
                )
            started = time.perf_counter()
            error = None
            try:
                status, content = request(conn, method, path, who, body)
                if not 200 <= status < 300:
                    error = f"{status} {path}: {content[:200]!r}"
            except (OSError, http.client.HTTPException) as exc:
                error = f"{type(exc).__name__} {path}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            recorder.add(endpoint, time.perf_counter() - started, error)
            if recorder.total >= max_requests:
                stop.set()
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=user_loop, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    return recorder, time.monotonic() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(recorder: Recorder, elapsed: float) -> int:
    print(f"\n{'endpoint':<14}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for endpoint in ["listing", "search", "match", "need_submit", "register"]:
        times = recorder.times.get(endpoint, [])
        if not times:
            continue
        print(
            f"{endpoint:<14}{len(times):>10}{len(recorder.errors.get(endpoint, [])):>8}{len(times) / elapsed:>9.1f}"
            f"{statistics.median(times) * 1000:>9.1f}{_percentile(times, 0.95) * 1000:>9.1f}"
        )
    errors = sum(len(v) for v in recorder.errors.values())
    print(f"{'all':<14}{recorder.total:>10}{errors:>8}{recorder.total / elapsed:>9.1f}   in {elapsed:.1f} s")
    for endpoint, messages in recorder.errors.items():
        for message in messages[:3]:
            print(f"  error {endpoint}: {message}")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of traffic")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--contracts", type=int, default=400, help="submitted contracts to register")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from benchmarks.engine_node import warn_if_started_for_tests

    warn_if_started_for_tests(os.environ.get("SEARCH_URL", ""))
    base_url = os.environ.get("DATABASE_URL", "")
    load_url = _load_database_url(base_url)
    _recreate_database(load_url)
    os.environ["DATABASE_URL"] = load_url
    print(f"seeding {load_url} …", flush=True)
    data = seed(users=args.users, contracts=args.contracts)

    static_root = Path(tempfile.mkdtemp(prefix="load-static-"))
    media_root = Path(tempfile.mkdtemp(prefix="load-media-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_MEDIA_ROOT": str(media_root),
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    port = _free_port()
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            python,
            "-m",
            "gunicorn",
            "--config",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(120):
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
            finally:
                probe.close()
        else:
            print("gunicorn did not start", file=sys.stderr)
            return 2
        print(
            f"gunicorn: {args.workers} workers on 127.0.0.1:{port}; {args.users} users × {args.duration:.0f} s "
            f"(engine: {os.environ.get('SEARCH_URL') or 'none, database matcher'})",
            flush=True,
        )
        recorder, elapsed = run_traffic(
            port=port, data=data, users=args.users, duration=args.duration, max_requests=args.max_requests
        )
        return report(recorder, elapsed)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
