"""The fault test: PostgreSQL is stopped and restarted while a record system sends whole
pregnancies, and afterwards every acknowledged entry is there exactly once.

    scripts/fault        (needs root or the postgres user)

tests/test_fault.py runs a short form of it (DHG_FAULT_WOMEN=2) in the suite.

It makes its own PostgreSQL cluster with full durability (fsync and synchronous commit on,
unlike the test clusters), starts granian with the production settings, and sends
WOMEN whole normal pregnancies, one batch per visit, each with an Idempotency-Key and
retried on any failure the way a record system should (503: wait Retry-After; a lost
connection: wait a little). After a third of the batches it kills PostgreSQL (pg_ctl
-m immediate, as a crash) and starts it again DOWN_SECONDS later. It then reads every record
back and checks that each acknowledged write is there exactly once, that the server
answered 503 with Retry-After while the database was away, and never 500.
"""

import datetime
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


WOMEN = int(os.environ.get("DHG_FAULT_WOMEN", "6"))
DOWN_SECONDS = 4
SERVER_PORT = free_port()
API = f"http://127.0.0.1:{SERVER_PORT}/api/maternity-record/v1/"
PROXY = {"X-Forwarded-Proto": "https"}
SECRET = "fault-" + "k" * 60


class Cluster:
    """A PostgreSQL cluster of its own, run as the postgres user."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            raise SystemExit("fault: no PostgreSQL server found; run scripts/setup")
        self.bin = bins[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="dhg-fault-"))
        self.port = free_port()
        if os.geteuid() == 0:
            subprocess.run(["chown", "postgres:postgres", str(self.dir)], check=True)
        self.run(
            "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "dhg")

    @property
    def data(self) -> str:
        return str(self.dir / "data")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/dhg"

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir}"
        self.run(
            "pg_ctl", "-D", self.data, "-l", str(self.dir / "log"), "-w", "-o", options, "start"
        )

    def crash(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        try:
            self.crash()
        except subprocess.CalledProcessError:
            pass
        subprocess.run(["rm", "-rf", str(self.dir)], check=False)


def start_server(database_url: str, jwks_file: str, token_issuer: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_BEHIND_TLS_PROXY": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DHG_IDPORTEN_ISSUER": "https://idporten.no",
        "DHG_IDPORTEN_CLIENT_ID": "fault",
        "DHG_IDPORTEN_CLIENT_SECRET": "fault",
        "DHG_API_ISSUER": token_issuer,
        "DHG_API_JWKS_FILE": jwks_file,
        "DHG_ALLOW_SYNTHETIC_NIN": "1",
        "DHG_API_RATE": "100000000/min",
        "DHG_LOG_LEVEL": "WARNING",  # the outage is logged as errors: that is expected
    }
    command = [
        str(ROOT / ".venv/bin/granian"),
        *("--interface", "wsgi", "--workers", "2", "--blocking-threads", "1"),
        *("--host", "127.0.0.1", "--port", str(SERVER_PORT), "--log-level", "error"),
        *("--no-ws", "portal.wsgi:application"),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(60):
        try:
            requests.get(API + "status", headers=PROXY, timeout=5)
            return server
        except requests.RequestException:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("granian did not start")


class RecordSystem:
    """Sends with retries, as a record system should, and counts what it was answered."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.answers: Counter = Counter()
        self.retry_after_missing = 0

    def send(self, nin: str, method: str, path: str, key: str, body) -> dict:
        headers = {
            **PROXY,
            "Authorization": f"Bearer {self.token}",
            "nhn-patient-nin": nin,
            "nhn-source-system": "fault",
            "Idempotency-Key": key,
        }
        while True:
            try:
                response = requests.request(
                    method, API + path, json=body, headers=headers, timeout=30
                )
            except requests.RequestException:
                self.answers["no answer"] += 1
                time.sleep(0.5)
                continue
            self.answers[response.status_code] += 1
            if response.status_code == 503:
                if "Retry-After" not in response.headers:
                    self.retry_after_missing += 1
                time.sleep(0.5)  # a real client waits Retry-After (30 s); the run is short
                continue
            if response.status_code >= 500:
                return {}
            response.raise_for_status()
            return response.json()


def main() -> None:
    cluster = Cluster()
    server = None
    try:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="portal.settings.local",
            DJANGO_SECRET_KEY=SECRET,
            DATABASE_URL=cluster.url,
        )
        import django

        django.setup()
        from django.core.management import call_command

        from consent.services import give_consent
        from healthcard.api import devkey
        from healthcard.management.commands.epj_demo import normal_pregnancy
        from portal.models import User
        from portal.nin import with_check_digits

        call_command("migrate", verbosity=0)
        nins = []
        for individual in range(200, 300):
            nin = with_check_digits(f"0282{90 + individual % 10}{individual:03d}"[:9])
            if nin and len(nins) < WOMEN:
                give_consent(woman=User.objects.create(username=f"f-{nin}", national_id=nin))
                nins.append(nin)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as jwks:
            import json

            json.dump(devkey.public_jwks(), jwks)
        server = start_server(cluster.url, jwks.name, devkey.settings.DHG_API_ISSUER)
        from django.db import connections

        connections.close_all()  # this process holds no connection across the crash

        client = RecordSystem(devkey.mint_token(exp=int(time.time()) + 3600))
        last_period = datetime.date.today() - datetime.timedelta(weeks=41, days=1)
        visits = normal_pregnancy(last_period)
        total = WOMEN * len(visits)
        sent = {"batches": 0}
        acknowledged: dict[str, Counter] = {}

        def send_all() -> None:
            for w, nin in enumerate(nins):
                record = client.send(nin, "POST", "record", f"record-{w}", {})["metadata"]
                acknowledged[record["recordId"]] = Counter()
                for v, visit in enumerate(visits):
                    answer = client.send(
                        nin,
                        "POST",
                        f"record/{record['recordId']}/batch",
                        f"visit-{w}-{v}",
                        {"operations": visit},
                    )
                    if answer:
                        for operation in visit:
                            acknowledged[record["recordId"]][operation["path"]] += 1
                    sent["batches"] += 1

        sender = threading.Thread(target=send_all)
        started = time.perf_counter()
        sender.start()
        while sent["batches"] < total // 3:
            time.sleep(0.05)
        print(f"fault: {sent['batches']} of {total} batches sent; killing PostgreSQL")
        cluster.crash()
        time.sleep(DOWN_SECONDS)
        cluster.start()
        print(f"fault: PostgreSQL is back after {DOWN_SECONDS} s")
        sender.join()
        elapsed = time.perf_counter() - started

        lists = {"antenatalAppointments", "symphysisFundalHeights", "clinicalTests", "ultrasounds"}
        wrong = []
        for w, (record, sent_paths) in enumerate(acknowledged.items()):
            document = client.send(nins[w], "GET", f"record/{record}", f"read-{w}", None)
            for path in lists:
                stored, expected = len(document.get(path) or []), sent_paths[path]
                if stored != expected:
                    wrong.append(f"record {w}: {path} {stored} stored, {expected} acknowledged")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        cluster.remove()

    answers = dict(sorted(client.answers.items(), key=str))
    print(f"\nfault: {WOMEN} pregnancies, {total} batches in {elapsed:.1f} s; answers: {answers}")
    checks = [
        ("the server answered 503 while the database was away", client.answers[503] > 0),
        ("every 503 carried Retry-After", client.retry_after_missing == 0),
        ("no 500", not any(code == 500 for code in client.answers)),
        ("every acknowledged entry is stored exactly once", not wrong),
    ]
    for check, held in checks:
        print(f"  [{'held' if held else 'FAILED'}] {check}")
    for line in wrong:
        print(f"    {line}")
    sys.exit(0 if all(held for _, held in checks) else 1)


if __name__ == "__main__":
    main()
