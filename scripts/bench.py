"""The benchmark: the production server configuration against the goals of
PERFORMANCE.md (at least 500 card views/s with p99 at most 50 ms at 16 connections), with each
optimisation switched off in the same run, so that only those the goals need are kept.

    scripts/bench                   (wraps this in a throwaway PostgreSQL; not a test)
    scripts/bench <git revision>    also measures that revision's code, for a before/after

It loads the demo data, gives Kari (the week-30 demo woman) 40 consultations, and starts
granian (2 workers, one request in flight per worker: PERFORMANCE.md) with
portal.settings.production: DEBUG off, every middleware, sessions and tokens checked, TLS
ended at a proxy (X-Forwarded-Proto). One server runs with the caches, one with every cache
switched off (DHG_CACHES_OFF), and one per revision given. Then, with wrk at 16 connections
(2 s warm-up, 6 s measured; five times each, in turns, the median reported), it measures:
  1. /bench/hello/: a plain response through the full middleware, for scale,
  2. Kari's card page with her session, on each server,
  3. the clinician API's GET record of her card, with a signed token, on each server,
and, one request at a time, her card as a PDF, and a whole pregnancy (the reference client's
writes) posted one write per request against the same writes as one batch.
"""

import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import django
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-" + "k" * 60  # the server's too: her session is signed with it
os.environ.update(DJANGO_SETTINGS_MODULE="portal.settings.local", DJANGO_SECRET_KEY=SECRET)
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from consent.services import give_consent  # noqa: E402
from healthcard.api import devkey  # noqa: E402
from healthcard.demo import MIDWIFE  # noqa: E402
from healthcard.management.commands.epj_demo import normal_pregnancy  # noqa: E402
from healthcard.models import Card, Consultation  # noqa: E402
from healthcard.services import EntryWrite, write_batch  # noqa: E402
from portal.demo import DEMO_WOMEN  # noqa: E402
from portal.models import User  # noqa: E402
from portal.nin import with_check_digits  # noqa: E402

PORT = 8765
SERVER = f"http://127.0.0.1:{PORT}"
API = f"{SERVER}/api/maternity-record/v1/"
PROXY = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front of it says
CONNECTIONS = 16
WARM_UP, MEASURE = 2, 6
ROUNDS = 9
REPEATS = 5
CONSULTATIONS = 40


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def seed() -> tuple[User, str, str]:
    """The demo, Kari's card grown to 40 consultations."""
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    kari = User.objects.get(national_id=DEMO_WOMEN[1].nin)
    card = Card.objects.get(woman=kari, status=Card.Status.ACTIVE)
    first = Consultation.objects.filter(card=card).order_by("date").first()
    missing = CONSULTATIONS - card.consultations.count()
    visits = [
        EntryWrite(
            Consultation,
            {
                "date": first.date + datetime.timedelta(days=day),
                "weeks": first.weeks + day // 7,
                "days": day % 7,
                "weight_kg": first.weight_kg,
                "systolic": 112 + day % 9,
                "diastolic": 70 + day % 7,
                "urine_protein": "T008",
            },
            [{"fetus": 1, "heart_rate": 140 + day % 10, "movements_felt": True}],
        )
        for day in range(1, missing + 1)
    ]
    write_batch(card=card, actor=MIDWIFE, sections=[], entries=visits)
    return kari, kari.national_id, str(card.pk)


def her_cookies(kari: User, backend: str) -> str:
    """Her browser's cookies (session and CSRF), her session naming the backend that loads
    her: a revision measured may have had a backend of its own."""
    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(kari)
    browser.get("/helsekort/")  # as her browser would have: the CSRF cookie too
    session = SessionStore(browser.cookies["sessionid"].value)
    session[BACKEND_SESSION_KEY] = backend
    session.save()
    return "; ".join(f"{name}={browser.cookies[name].value}" for name in ("sessionid", "csrftoken"))


def backend_of(tree: Path) -> str:
    """The first authentication backend a revision's settings name."""
    settings_text = (tree / "portal/settings/base.py").read_text()
    return re.search(r"AUTHENTICATION_BACKENDS = \[\s*\"([^\"]+)\"", settings_text).group(1)


@dataclass
class Server:
    label: str
    port: int
    tree: Path = ROOT
    env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def checkout(revision: str) -> Path:
    """The code of another revision, for a before/after in the same run."""
    tree = Path(tempfile.mkdtemp(prefix="dhg-bench-"))
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), revision], check=True, cwd=ROOT
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.local"}
    for command in (["compilemessages", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        python = str(ROOT / ".venv/bin/python")
        subprocess.run([python, "manage.py", *command], check=True, cwd=tree, env=env)
    return tree


def consenting_women(count: int) -> list[str]:
    nins, individual = [], 100
    while len(nins) < count:
        nin = with_check_digits(f"0182{90 + individual % 10}{individual:03d}"[:9])
        individual += 1
        if nin and not User.objects.filter(national_id=nin).exists():
            woman = User.objects.create(username=f"bench-{nin[-5:]}", national_id=nin)
            give_consent(woman=woman)
            nins.append(nin)
    return nins


def start_server(server: Server, jwks_file: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_BEHIND_TLS_PROXY": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CONN_MAX_AGE": "600",
        "DHG_IDPORTEN_ISSUER": "https://idporten.no",
        "DHG_IDPORTEN_CLIENT_ID": "bench",
        "DHG_IDPORTEN_CLIENT_SECRET": "bench",
        "DHG_API_ISSUER": devkey.settings.DHG_API_ISSUER,
        "DHG_API_JWKS_FILE": jwks_file,
        "DHG_ALLOW_SYNTHETIC_NIN": "1",
        "DHG_API_RATE": "100000000/min",
        "DHG_BENCH_REFERENCE": "1",
        "DHG_LOG_LEVEL": "WARNING",
        **server.env,
    }
    command = [
        str(ROOT / ".venv/bin/granian"),
        *("--interface", "wsgi", "--workers", "2", "--blocking-threads", "1"),
        *("--backpressure", "32", "--host", "127.0.0.1", "--port", str(server.port)),
        *("--log-level", "warning", "--no-ws", "portal.wsgi:application"),
    ]
    process = subprocess.Popen(command, cwd=server.tree, env=env)
    for _ in range(60):
        try:
            if requests.get(f"{server.url}/bench/hello/", headers=PROXY, timeout=5).ok:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.5)
    process.kill()
    raise SystemExit(f"granian did not start: {server.label}")


def wrk(url: str, headers: dict[str, str]) -> Load:
    flags = [f"--header={name}: {value}" for name, value in {**PROXY, **headers}.items()]
    base = ["wrk", "-t1", f"-c{CONNECTIONS}", *flags]
    subprocess.run([*base, f"-d{WARM_UP}s", url], check=True, capture_output=True)
    out = subprocess.run(
        [*base, f"-d{MEASURE}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        p99_ms=_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        errors=sum(
            int(n)
            for n in re.findall(
                r"(?:Non-2xx or 3xx responses|errors: connect|read|write|timeout)"
                r"\s*:?\s*(\d+)",
                out,
            )
        ),
    )


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def api_session(token: str, nin: str) -> requests.Session:
    api = requests.Session()
    api.headers.update(
        {
            **PROXY,
            "Authorization": f"Bearer {token}",
            "nhn-patient-nin": nin,
            "nhn-source-system": "bench",
        }
    )
    return api


def new_record(api: requests.Session) -> str:
    response = api.post(API + "record", json={}, timeout=30)
    response.raise_for_status()
    return response.json()["metadata"]["recordId"]


def one_by_one(api: requests.Session, writes: list[dict]) -> float:
    record = new_record(api)
    started = time.perf_counter()
    for write in writes:
        response = api.request(
            write["method"],
            API + f"record/{record}/{write['path']}",
            json=write["body"],
            headers={"If-Match": write["ifMatch"]} if "ifMatch" in write else {},
            timeout=30,
        )
        response.raise_for_status()
    return time.perf_counter() - started


def as_one_batch(api: requests.Session, writes: list[dict]) -> float:
    record = new_record(api)
    started = time.perf_counter()
    response = api.post(API + f"record/{record}/batch", json={"operations": writes}, timeout=30)
    response.raise_for_status()
    return time.perf_counter() - started


def main() -> None:
    kari, kari_nin, kari_record = seed()
    writes = [
        write
        for visit in normal_pregnancy(datetime.date.today() - datetime.timedelta(weeks=41, days=1))
        for write in visit
    ]
    nins = consenting_women(2 * ROUNDS)
    token = devkey.mint_token(exp=int(time.time()) + 3600)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as jwks:
        json.dump(devkey.public_jwks(), jwks)
    servers = [
        Server("caches on", PORT),
        Server("every cache off", PORT + 1, env={"DHG_CACHES_OFF": "1"}),
        *(
            Server(f"revision {revision}", PORT + 2 + i, tree=checkout(revision))
            for i, revision in enumerate(sys.argv[1:])
        ),
    ]
    processes = [start_server(server, jwks.name) for server in servers]
    try:
        api_headers = {
            "Authorization": f"Bearer {token}",
            "nhn-patient-nin": kari_nin,
            "nhn-source-system": "bench",
        }
        targets = {"hello-world (for scale)": (f"{SERVER}/bench/hello/", {})}
        for server in servers:
            cookie = her_cookies(kari, backend_of(server.tree))
            targets[f"card page, {server.label}"] = (f"{server.url}/helsekort/", {"Cookie": cookie})
        for server in servers:
            record = f"{server.url}/api/maternity-record/v1/record/{kari_record}"
            targets[f"GET record, {server.label}"] = (record, api_headers)
        # Taken in turns, so that a slow spell of this shared machine weighs on every
        # endpoint (and on both ways of writing) alike; the median of the repeats is reported.
        runs: dict[str, list[Load]] = {name: [] for name in targets}
        for _ in range(REPEATS):
            for name, (url, headers) in targets.items():
                runs[name].append(wrk(url, headers))
        pdf_url = f"{SERVER}/helsekort/{kari_record}/helsekort.pdf"
        pdf = pdf_seconds(pdf_url, targets["card page, caches on"][1])
        singles, batches = [], []
        for i in range(ROUNDS):
            singles.append(one_by_one(api_session(token, nins[i]), writes))
            batches.append(as_one_batch(api_session(token, nins[ROUNDS + i]), writes))
    finally:
        for process in processes:
            process.terminate()
            process.wait()
        for server in servers[2:]:
            subprocess.run(["git", "worktree", "remove", "--force", str(server.tree)], cwd=ROOT)
    report(runs, statistics.median(singles), statistics.median(batches), len(writes), pdf)


def pdf_seconds(url: str, headers: dict[str, str]) -> float:
    """Her card as a PDF, one request at a time: the median of the repeats."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = requests.get(url, headers={**headers, **PROXY}, timeout=60)
        times.append(time.perf_counter() - start)
        assert response.headers["Content-Type"] == "application/pdf", response.status_code
    return statistics.median(times)


def median(loads: list[Load]) -> Load:
    return Load(
        rps=statistics.median(load.rps for load in loads),
        p50_ms=statistics.median(load.p50_ms for load in loads),
        p99_ms=statistics.median(load.p99_ms for load in loads),
        errors=sum(load.errors for load in loads),
    )


def report(
    runs: dict[str, list[Load]], single: float, batch: float, writes: int, pdf: float
) -> None:
    loads = {name: median(repeats) for name, repeats in runs.items()}
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        "?",
    )
    print(f"\nDHG benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} × {cpu}")
    print(
        f"granian 2 workers, production settings, {CONSULTATIONS} consultations on her card; "
        f"wrk -t1 -c{CONNECTIONS} -d{MEASURE}s, median of {REPEATS} (req/s range in brackets)\n"
    )
    print(f"{'':40} {'req/s':>8} {'':>13} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, load in loads.items():
        low, high = min(r.rps for r in runs[name]), max(r.rps for r in runs[name])
        print(
            f"{name:40} {load.rps:8.0f} {f'[{low:.0f}–{high:.0f}]':>13} {load.p50_ms:8.1f} "
            f"{load.p99_ms:8.1f} {load.errors:7d}"
        )
    card, record = loads["card page, caches on"], loads["GET record, caches on"]
    print(f"\nWhole pregnancy, {writes} writes, median of {ROUNDS} rounds:")
    print(f"  one write per request {single * 1000:8.1f} ms")
    print(f"  one batch             {batch * 1000:8.1f} ms  = {single / batch:.1f}× faster")
    print(f"\nHer card as a PDF ({CONSULTATIONS} consultations), one at a time: {pdf:.2f} s")
    print("\nGoals (PERFORMANCE.md), with the caches on:")
    goals = [
        ("card page >= 500 views/s at 16 connections", card.rps >= 500),
        ("card page p99 <= 50 ms at 16 connections", card.p99_ms <= 50),
        ("GET record p99 <= 50 ms at 16 connections", record.p99_ms <= 50),
        ("0 errors", all(load.errors == 0 for load in loads.values())),
        ("batch >= 8× one by one", single / batch >= 8),
    ]
    for goal, met in goals:
        print(f"  [{'met' if met else 'NOT MET'}] {goal}")


if __name__ == "__main__":
    main()
