from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = "Varsler"

    def ready(self) -> None:
        from consent.erasure import Eraser, register

        from .services import erase_contact_details

        register(Eraser("notifications", erase_contact_details))
