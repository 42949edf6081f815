"""Report URLs, included at /transparency/ from web/urls.py."""

from django.urls import path

from transparency import views_reports

urlpatterns = [
    path(
        "reports/<str:kind>/<str:period>/",
        views_reports.report_page,
        name="transparency_report",
    ),
    path(
        "reports/<str:kind>/<str:period>.<str:fmt>",
        views_reports.report_file,
        name="transparency_report_file",
    ),
]
