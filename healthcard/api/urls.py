from django.urls import path, re_path

from .. import parts
from . import views

app_name = "api"

urlpatterns = [
    path("status", views.StatusApi.as_view(), name="status"),
    path("record", views.RecordCreateApi.as_view(), name="record_create"),
    path("record/<uuid:record_id>", views.RecordDetailApi.as_view(), name="record_detail"),
    path("record/<uuid:record_id>/batch", views.BatchApi.as_view(), name="batch"),
    path("record/<uuid:record_id>/handover", views.HandoverApi.as_view(), name="handover"),
    path(
        "record/<uuid:record_id>/recordStatus",
        views.RecordStatusApi.as_view(),
        name="record_status",
    ),
    path(
        "record/<uuid:record_id>/clinicalAlerts/<str:alert_id>/acknowledgement",
        views.AlertAcknowledgementApi.as_view(),
        name="acknowledge_alert",
    ),
    *[
        path(
            f"record/<uuid:record_id>/{part.name}",
            views.SectionApi.as_view(part=part),
            name=part.name,
        )
        for part in parts.WRITABLE_SECTIONS.values()
    ],
    *[
        pattern
        for part in parts.WRITABLE_LISTS.values()
        for pattern in [
            path(
                f"record/<uuid:record_id>/{part.name}",
                views.ListApi.as_view(part=part),
                name=part.name,
            ),
            path(
                f"record/<uuid:record_id>/{part.name}/<int:entry_id>",
                views.EntryApi.as_view(part=part),
                name=f"{part.name}_entry",
            ),
            path(
                f"record/<uuid:record_id>/{part.name}/<int:entry_id>/entered-in-error",
                views.EnteredInErrorApi.as_view(part=part),
                name=f"{part.name}_entered_in_error",
            ),
        ]
    ],
    *[
        re_path(
            rf"^record/[0-9a-f-]{{36}}/{part.name}(/.*)?$", views.WrittenByHerApi.as_view(part=part)
        )
        for part in parts.PARTS
        if part.body is None
    ],
    re_path(r"^", views.UnknownPathApi.as_view()),
]
