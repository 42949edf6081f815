"""URLs of the dataset lookup and depicted-person requests (included by consent.urls)."""

from django.urls import path

from web.views import consent_lookup as views

urlpatterns = [
    path("dataset-check/", views.dataset_check, name="dataset_check"),
    path("dataset-check/image/", views.dataset_check_image, name="dataset_check_image"),
    path("photos/<id:photo_id>/depicted/", views.depicted_new, name="depicted_new"),
    path("dataset-check/requests/", views.depicted_list, name="depicted_list"),
    path(
        "dataset-check/requests/<id:request_id>/",
        views.depicted_detail,
        name="depicted_detail",
    ),
]
