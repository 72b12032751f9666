"""Running writers at the same moment, each in a thread of its own with its own database
connection (so each is a separate PostgreSQL session, as two app servers would be)."""

import copy
import threading
from collections.abc import Callable

from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from healthcard.api.devkey import mint_token


def race(*writers: Callable[[], object], timeout: float = 30) -> list:
    """Start every writer at once; what each returned, or the exception it raised."""
    start = threading.Barrier(len(writers))
    results: list = [None] * len(writers)

    def run(index: int, writer) -> None:
        try:
            start.wait(timeout)
            results[index] = writer()
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a writer hung: a lock is never released"
    return results


def epj(nin: str, **claims) -> APIClient:
    """A record system's client calling about the woman with this number."""
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token(**claims)}",
        HTTP_NHN_PATIENT_NIN=nin,
        HTTP_NHN_SOURCE_SYSTEM="Race EPJ",
    )
    return client


def same_session(client: Client) -> Client:
    """Another browser with the same session cookie: the same person in a second tab."""
    other = Client()
    other.cookies = copy.deepcopy(client.cookies)
    return other
