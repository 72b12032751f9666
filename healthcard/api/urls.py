from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("status", views.StatusApi.as_view(), name="status"),
    path("record", views.RecordCreateApi.as_view(), name="record_create"),
    path("record/<uuid:record_id>", views.RecordDetailApi.as_view(), name="record_detail"),
    path(
        "record/<uuid:record_id>/<str:collection>/<int:entry_id>/entered-in-error",
        views.EnteredInErrorApi.as_view(),
        name="entered_in_error",
    ),
    path("record/<uuid:record_id>/batch", views.BatchApi.as_view(), name="batch"),
    path(
        "record/<uuid:record_id>/<str:part>/<int:entry_id>", views.EntryApi.as_view(), name="entry"
    ),
    path("record/<uuid:record_id>/<str:part>", views.RecordPartApi.as_view(), name="record_part"),
]
