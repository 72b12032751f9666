"""Benchmark of the clinician API against the production server configuration.

    scripts/bench-api            (wraps this in a throwaway PostgreSQL; not part of the tests)

It starts gunicorn with portal.settings.production (DEBUG off, all middleware, tokens checked
against a JWKS file), then measures, in one run:
  1. a whole pregnancy (the reference client's writes) posted one write per request,
  2. the same writes as one batch,
  3. GET record requests per second and latency with concurrent clients,
  4. queries per batch for batches of 1, 8 and 32 consultations (in-process).
"""

import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import django
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.local"
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from consent.services import give_consent  # noqa: E402
from healthcard.api import devkey  # noqa: E402
from healthcard.management.commands.epj_demo import normal_pregnancy  # noqa: E402
from portal.models import User  # noqa: E402
from portal.nin import with_check_digits  # noqa: E402

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}/api/maternity-record/v1/"
ROUNDS = 5
READ_SECONDS = 10
READ_CLIENTS = 8


def women(count: int) -> list[str]:
    """Consenting synthetic women for the runs."""
    nins = []
    individual = 100
    while len(nins) < count:
        nin = with_check_digits(f"0182{90 + individual % 10}{individual:03d}"[:9])
        individual += 1
        if nin and not User.objects.filter(national_id=nin).exists():
            user = User.objects.create(
                username=f"bench-{nin[-5:]}", national_id=nin, full_name="Bench Woman"
            )
            give_consent(citizen=user)
            nins.append(nin)
    return nins


def start_server(jwks_file: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DHG_IDPORTEN_ISSUER": "https://idporten.no",
        "DHG_IDPORTEN_CLIENT_ID": "bench",
        "DHG_IDPORTEN_CLIENT_SECRET": "bench",
        "DHG_API_ISSUER": devkey.settings.DHG_API_ISSUER,
        "DHG_API_JWKS_FILE": jwks_file,
        "DHG_ALLOW_SYNTHETIC_NIN": "1",
        "DHG_API_RATE": "1000000/min",
        "DHG_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--no-control-socket",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "portal.wsgi",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(60):
        try:
            requests.get(f"http://127.0.0.1:{PORT}/", timeout=10)
            return server
        except requests.RequestException:  # not listening, or still booting its workers
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not start")


class Session(requests.Session):
    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        return super().request(*args, **kwargs)


def session(token: str, nin: str) -> requests.Session:
    api = Session()
    api.headers.update(
        {"Authorization": f"Bearer {token}", "nhn-patient-nin": nin, "nhn-source-system": "bench"}
    )
    return api


def new_record(api: requests.Session) -> str:
    response = api.post(BASE + "record", json={})
    response.raise_for_status()
    return response.json()["metadata"]["recordId"]


def one_by_one(api: requests.Session, writes: list[dict]) -> float:
    record = new_record(api)
    started = time.perf_counter()
    for write in writes:
        headers = {"If-Match": write["ifMatch"]} if "ifMatch" in write else {}
        response = api.request(
            "PUT" if write["method"] == "PUT" else "POST",
            BASE + f"record/{record}/{write['path']}",
            json=write["body"],
            headers=headers,
        )
        response.raise_for_status()
    return time.perf_counter() - started


def as_one_batch(api: requests.Session, writes: list[dict]) -> float:
    record = new_record(api)
    started = time.perf_counter()
    response = api.post(BASE + f"record/{record}/batch", json={"operations": writes})
    response.raise_for_status()
    return time.perf_counter() - started


def read_load(token: str, nin: str, record: str) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + READ_SECONDS

    def client() -> None:
        nonlocal errors
        api = session(token, nin)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            ok = api.get(BASE + f"record/{record}").status_code == 200
            with lock:
                latencies.append(time.perf_counter() - started)
                errors += not ok

    threads = [threading.Thread(target=client) for _ in range(READ_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / READ_SECONDS, sorted(latencies), errors


def queries_per_batch(token: str, nin: str) -> dict[int, int]:
    client = Client(
        SERVER_NAME="localhost",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_NHN_PATIENT_NIN=nin,
        HTTP_NHN_SOURCE_SYSTEM="bench",
    )
    record = client.post(
        BASE.split(str(PORT))[1] + "record", "{}", content_type="application/json"
    ).json()["metadata"]["recordId"]
    visit = normal_pregnancy(datetime.date.today() - datetime.timedelta(weeks=41))[2]
    counts = {}
    for size in (1, 8, 32):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                BASE.split(str(PORT))[1] + f"record/{record}/batch",
                json.dumps({"operations": visit * size}),
                content_type="application/json",
            )
        assert response.status_code == 200, response.content
        counts[size] = len(queries)
    return counts


def main() -> None:
    writes = [
        w
        for visit in normal_pregnancy(datetime.date.today() - datetime.timedelta(weeks=41, days=1))
        for w in visit
    ]
    token = devkey.mint_token(exp=int(time.time()) + 3600)
    nins = women(2 * ROUNDS + 2)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as jwks:
        json.dump(devkey.public_jwks(), jwks)
    server = start_server(jwks.name)
    try:
        session(token, nins[0]).get(BASE + "status")  # warm up both workers
        singles = [one_by_one(session(token, nins[i]), writes) for i in range(ROUNDS)]
        batches = [as_one_batch(session(token, nins[ROUNDS + i]), writes) for i in range(ROUNDS)]
        reader = session(token, nins[0])
        record = reader.get(BASE + "status").json()["latestRecordId"]
        rps, latencies, errors = read_load(token, nins[0], record)
    finally:
        server.terminate()
        server.wait()
    counts = queries_per_batch(token, nins[-1])

    single, batch = statistics.median(singles), statistics.median(batches)
    print(f"Whole pregnancy: {len(writes)} writes, median of {ROUNDS} rounds")
    print(f"  one write per request : {single * 1000:8.1f} ms")
    print(
        f"  one batch request     : {batch * 1000:8.1f} ms   -> {single / batch:.1f}x faster "
        "(goal >= 8x)"
    )
    print(
        f"GET record ({READ_CLIENTS} concurrent clients, {READ_SECONDS} s, "
        f"{len(writes)}-write record)"
    )
    print(
        f"  {rps:.0f} requests/s, p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms, errors {errors}"
    )
    print(
        "Queries per batch (consultation + SF height per item): "
        + ", ".join(f"{size} items: {n}" for size, n in counts.items())
    )


if __name__ == "__main__":
    main()
