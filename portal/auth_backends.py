"""allauth's authentication backend, with the logged-in user loaded in hand-written SQL
(portal.db): every logged-in request loads her, and the ORM's query building cost more than
the query."""

from allauth.account import auth_backends
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from .db import fetch_instance


class AuthenticationBackend(auth_backends.AuthenticationBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        columns = ", ".join(field.column for field in model._meta.concrete_fields)
        user = fetch_instance(
            model, f"SELECT {columns} FROM {model._meta.db_table} WHERE id = %s", [pk]
        )
        return user if user is not None and self.user_can_authenticate(user) else None
