from django.urls import path

from web.views import health, media

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("r/<int:photo_id>/<str:size>.jpg", media.rendition, name="rendition"),
    path("photos/<int:photo_id>/original", media.original, name="original"),
]
