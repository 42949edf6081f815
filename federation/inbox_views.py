"""The inboxes: a member's and the shared one. Both take the same activities; the shared
one saves a server from delivering one activity once per follower."""

import math

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from federation.intake import Refused, activity_receive, log
from federation.selectors import federated_member
from federation.views import federating, not_found
from web.open_web import absolute_url


@csrf_exempt
@require_POST
@federating
def shared_inbox(request):
    return _receive(request)


@csrf_exempt
@require_POST
@federating
def member_inbox(request, username: str):
    if federated_member(username) is None:
        return not_found()
    return _receive(request)


def _receive(request):
    try:
        message = activity_receive(
            method=request.method,
            url=absolute_url(request.get_full_path()),
            headers=request.headers,
            body=request.body,
        )
    except Refused as refusal:
        log.info("inbox refused %s: %s", refusal.status, refusal.reason)
        response = JsonResponse({"error": refusal.reason}, status=refusal.status)
        if refusal.retry_after:
            response["Retry-After"] = str(math.ceil(refusal.retry_after))
        return response
    log.info("inbox accepted %s %s", message.activity_type, message.actor_uri)
    return HttpResponse(status=202)
