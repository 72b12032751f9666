from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("", views.consent_settings, name="settings"),
    path("gi/", views.consent_give, name="give"),
    path("trekk/", views.consent_withdraw, name="withdraw"),
    path("tekst/<str:version>/", views.consent_text_version, name="text"),
    path("kvittering/<uuid:event_id>/", views.consent_receipt, name="receipt"),
]
