from django.conf import settings
from rest_framework import permissions, throttling

from .claims import SCOPE_READ, SCOPE_WRITE


class HasScope(permissions.BasePermission):
    """Every call needs the API scope; a write needs the write scope too, and a token that
    names a health person (HPR number or name) to sign it."""

    message = "The token lacks the scope for this operation."

    def has_permission(self, request, view) -> bool:
        clinician = request.user
        if clinician is None or not getattr(clinician, "is_authenticated", False):
            return False
        writing = request.method not in permissions.SAFE_METHODS
        for needed in (SCOPE_READ, SCOPE_WRITE) if writing else (SCOPE_READ,):
            if not clinician.has_scope(needed):
                self.message = f"The token lacks the scope {needed}."
                return False
        if writing and not clinician.names_a_health_person:
            self.message = (
                "A write must be signed by a health person: the token names neither an "
                "HPR number nor a name."
            )
            return False
        return True


class AddressRateThrottle(throttling.SimpleRateThrottle):
    """A budget per address for requests without a valid token (probes, guessed tokens):
    charged by MaternityRecordApi.perform_authentication before the 401."""

    scope = "address"

    def get_rate(self) -> str:
        return settings.DHG_API_ANONYMOUS_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ClientRateThrottle(throttling.SimpleRateThrottle):
    """A request budget per calling client (record system installation)."""

    scope = "client"

    def get_rate(self) -> str:
        return settings.DHG_API_RATE

    def get_cache_key(self, request, view):
        clinician = request.user
        if clinician is None or not getattr(clinician, "is_authenticated", False):
            return None
        return self.cache_format % {
            "scope": self.scope,
            "ident": clinician.client_id or clinician.org_nr,
        }
