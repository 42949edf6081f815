"""The NinjaAPI subclass behind /api/v1/."""

from django.http import JsonResponse
from django.urls import path
from ninja import NinjaAPI

from api.errors import json_method_not_allowed, unknown_endpoint


class CandidNinjaAPI(NinjaAPI):
    """Answers JSON also for 405, the API root and unknown paths; operation ids in the
    OpenAPI document are the function names."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if pattern.name == "api-root":
                pattern.callback = api_root
            pattern.callback = json_method_not_allowed(pattern.callback)
        patterns.append(path("<path:rest>", unknown_endpoint))
        return patterns

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__


def api_root(request) -> JsonResponse:
    return JsonResponse(
        {
            "name": "Candid API",
            "version": "1",
            "openapi": request.build_absolute_uri("openapi.json"),
            "docs": request.build_absolute_uri("docs"),
        }
    )
