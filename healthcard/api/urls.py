from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("status", views.StatusApi.as_view(), name="status"),
    path("record", views.RecordCreateApi.as_view(), name="record_create"),
    path("record/<uuid:record_id>", views.RecordDetailApi.as_view(), name="record_detail"),
    path("record/<uuid:record_id>/batch", views.BatchApi.as_view(), name="batch"),
    *[
        path(f"record/<uuid:record_id>/{part}", views.section_view(part), name=part)
        for part in views.SECTIONS
    ],
    *[
        pattern
        for part in views.COLLECTIONS
        for pattern in [
            path(f"record/<uuid:record_id>/{part}", views.list_view(part), name=part),
            path(
                f"record/<uuid:record_id>/{part}/<int:entry_id>",
                views.entry_view(part),
                name=f"{part}_entry",
            ),
            path(
                f"record/<uuid:record_id>/{part}/<int:entry_id>/entered-in-error",
                views.entered_in_error_view(part),
                name=f"{part}_entered_in_error",
            ),
        ]
    ],
    re_path(r"^", views.UnknownPathApi.as_view()),
]
