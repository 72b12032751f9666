"""The suite's short form of scripts/fault: a real PostgreSQL of its own (fsync on) is
killed mid-run (pg_ctl -m immediate, as a crash, with commits in flight) and refuses
connections for four seconds, while a record system sends two whole pregnancies through
granian with the production settings, retrying as it should. Every acknowledged entry is
then there exactly once, the outage answered 503 with Retry-After, and nothing 500."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(os.geteuid() != 0, reason="starts PostgreSQL as the postgres user")
def test_a_database_crash_loses_no_acknowledged_write():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DHG_", "PG"))}
    result = subprocess.run(
        [sys.executable, "scripts/fault.py"],
        cwd=ROOT,
        env={**clean, "DHG_FAULT_WOMEN": "2"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "killing PostgreSQL" in result.stdout
    for check in (
        "the server answered 503 while the database was away",
        "every 503 carried Retry-After",
        "no 500",
        "every acknowledged entry is stored exactly once",
    ):
        assert f"[held] {check}" in result.stdout
