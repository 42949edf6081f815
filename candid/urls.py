from django.urls import include, path

import core.converters  # noqa: F401  (registers <id:...> before the app URLs use it)
from api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("federation.urls")),
    path("", include("web.urls")),
]

handler400 = "web.views.errors.bad_request"
