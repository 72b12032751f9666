from django.conf import settings
from rest_framework import permissions, throttling

from .authentication import SCOPE_READ, SCOPE_WRITE


class HasScope(permissions.BasePermission):
    """Reading needs the API scope; writing needs the write scope too."""

    message = "The token lacks the scope for this operation."

    def has_permission(self, request, view) -> bool:
        clinician = request.user
        if clinician is None or not getattr(clinician, "is_authenticated", False):
            return False
        needed = SCOPE_READ if request.method in permissions.SAFE_METHODS else SCOPE_WRITE
        if not clinician.has_scope(needed):
            self.message = f"The token lacks the scope {needed}."
            return False
        return True


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
