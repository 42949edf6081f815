"""Public transparency URLs under /transparency/ (included from web/urls.py). No app
namespace: the reports' URLs are included at the same prefix."""

from django.urls import path

from transparency import views_public, views_submissions

urlpatterns = [
    path("", views_public.index, name="transparency"),
    path("events.jsonl", views_public.events_jsonl, name="transparency_events"),
    path("log/", views_public.log, name="transparency_log"),
    path(
        "staff/sor-submissions/",
        views_submissions.submissions,
        name="transparency_sor_submissions",
    ),
]
