"""Web pages of dataset releases, licensees and withdrawals (included by consent.urls)."""

from django.urls import path

from web.views import consent_datasets as views

urlpatterns = [
    path("consent/datasets/", views.datasets, name="consent_datasets"),
    path("consent/datasets/<id:dataset_id>/", views.dataset_page, name="consent_dataset"),
    path("consent/datasets/<id:dataset_id>/build/", views.dataset_build, name="consent_build"),
    path("consent/releases/<id:release_id>/", views.release_page, name="consent_release"),
    path(
        "consent/releases/<id:release_id>/<str:action>/",
        views.release_move,
        name="consent_release_move",
    ),
    path("consent/licensees/", views.licensees, name="consent_licensees"),
    path("consent/withdrawals/", views.withdrawals, name="consent_withdrawals"),
    path(
        "consent/deletion-notices/ack/<str:token>/",
        views.notice_ack,
        name="deletion_notice_ack",
    ),
]
