from django.urls import include, path

from api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("web.urls")),
]
