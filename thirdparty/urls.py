"""Settings pages for third-party apps (the OAuth endpoints are in oauth_urls.py)."""

from django.urls import path

from thirdparty import views

urlpatterns = [
    path("settings/apps/", views.apps, name="apps"),
    path("settings/apps/new/", views.app_new, name="app_new"),
    path("settings/apps/<id:app_id>/log/", views.app_log, name="app_log"),
    path("settings/apps/<id:app_id>/revoke/", views.app_revoke, name="app_revoke"),
]
