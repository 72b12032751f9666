"""The portal's writes: her sessions here, tied to her ID-porten session."""

from django.contrib.sessions.models import Session

from .models import IDPortenSession


def tie_to_idporten_session(*, sid: str, session_key: str) -> None:
    """Ties our new session to her ID-porten session; forgets ties to sessions now gone."""
    IDPortenSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    IDPortenSession.objects.update_or_create(session_key=session_key, defaults={"sid": sid})


def untie_from_idporten_session(*, session_key: str | None) -> None:
    if session_key:
        IDPortenSession.objects.filter(session_key=session_key).delete()


def end_idporten_session(*, sid: str) -> int:
    """ID-porten ended this session: every session of ours tied to it ends now."""
    keys = list(IDPortenSession.objects.filter(sid=sid).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    IDPortenSession.objects.filter(session_key__in=keys).delete()
    return len(keys)
