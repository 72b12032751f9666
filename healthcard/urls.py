from django.urls import path

from . import views

app_name = "healthcard"

urlpatterns = [
    path("", views.card_detail, name="card_detail"),
    path("alle/", views.card_list, name="card_list"),
    path("innsyn/", views.access_log, name="access_log"),
    path("<uuid:card_id>/", views.card_detail, name="card_by_id"),
    path("<uuid:card_id>/prover/", views.card_tests, name="card_tests"),
    path("<uuid:card_id>/helse/", views.card_health, name="card_health"),
    path("<uuid:card_id>/onsker/", views.birth_wishes, name="birth_wishes"),
    path("<uuid:card_id>/sporsmal/", views.questions, name="questions"),
    *[
        pattern
        for page, her in views.HER_PAGES.items()
        for pattern in (
            path(f"<uuid:card_id>/{her.path}/", views.her_entries, {"page": page}, name=page),
            path(
                f"<uuid:card_id>/{her.path}/<int:entry_id>/feil/",
                views.retract_her_own,
                {"page": page},
                name=f"{page}_retract",
            ),
        )
    ],
    path("<uuid:card_id>/sporreskjema/", views.questionnaire_list, name="questionnaires"),
    path(
        "<uuid:card_id>/sporreskjema/<slug:code>/",
        views.questionnaire_answer,
        name="questionnaire",
    ),
    path("<uuid:card_id>/utskrift/", views.card_print, name="card_print"),
    path("<uuid:card_id>/helsekort.json", views.card_download, name="card_download"),
    path("<uuid:card_id>/helsekort.pdf", views.card_pdf, name="card_pdf"),
]
