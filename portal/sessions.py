"""Django's database sessions, loaded in hand-written SQL (portal.db): every logged-in
request loads its session, and the ORM's query building cost more than the query. Saving,
expiry and flushing at logout are Django's own database backend."""

from django.contrib.sessions.backends import db
from django.utils import timezone

from .db import fetch_instance


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        session = fetch_instance(
            self.model,
            f"SELECT session_key, session_data, expire_date FROM {self.model._meta.db_table}"
            " WHERE session_key = %s AND expire_date > %s",
            [self.session_key, timezone.now()],
        )
        if session is None:
            self._session_key = None  # unknown or expired: a new session, as Django does
        return session
