"""Serve a real OpenID Connect provider on loopback that stands in for ID-porten.

It is oidc-provider-mock (a development dependency) with the demo women as one-click users,
each carrying ID-porten's `pid` and `acr` claims. Development and demo only.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import DEMO_WOMEN


class Command(BaseCommand):
    help = "Run the local ID-porten stand-in (OpenID Connect) for the demo."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=9400)

    def handle(self, *args, port: int, **options) -> None:
        if not settings.DHG_ALLOW_SYNTHETIC_NIN:
            raise CommandError("The ID-porten stand-in is for development only.")
        try:
            import werkzeug.serving
            from oidc_provider_mock import User, app
        except ImportError as error:
            raise CommandError(f"Install the development dependencies first: {error}") from None
        users = [User(sub=w.sub, claims=w.claims(settings.IDPORTEN_ACR)) for w in DEMO_WOMEN]
        self.stdout.write(f"ID-porten stand-in on http://127.0.0.1:{port}")
        werkzeug.serving.run_simple("127.0.0.1", port, app(user_claims=users), threaded=True)
