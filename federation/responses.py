import json

from django.http import HttpResponse

from federation.negotiation import ACTIVITY_JSON


def activity_response(document: dict, *, status: int = 200, cache_seconds: int = 0) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False),
        status=status,
        content_type=f"{ACTIVITY_JSON}; charset=utf-8",
    )
    response["Vary"] = "Accept"
    if cache_seconds:
        response["Cache-Control"] = f"public, max-age={cache_seconds}"
    return response


def json_response(document: dict, *, content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(json.dumps(document), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response
