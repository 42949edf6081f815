"""Candid's JSON API v1, mounted at /api/v1/ (OpenAPI document: /api/v1/openapi.json).

Endpoints are thin: authenticate (api.auth), fetch through selectors (api.lookups), call
one service, present the result (api.schemas). Errors: api.errors.
"""

from api.base import CandidNinjaAPI
from api.errors import install_error_handlers
from api.routers import (
    albums,
    audience,
    consent_datasets,
    consent_lookup,
    consent_settings,
    consent_withdraw,
    federation,
    feed,
    me_settings,
    moderated_servers,
    moderation,
    notices,
    notifications,
    photo_neighbours,
    photos,
    rights_data,
    search,
    social,
    trainers,
    users,
)
from api.routers import photos_bulk as organiser_router

api = CandidNinjaAPI(
    title="Candid API",
    version="1",
    description=(
        "The Candid photo community. Send a personal access token as "
        "`Authorization: Bearer <token>`; tokens carry the scopes `read` and `write`. "
        "Public data can be read without a token. Every error answers JSON with a "
        "`detail` in plain words: 422 when the request does not match this document, 400 "
        "when it does but a rule of the service refuses it (or a text holds a control "
        "character), 403 or 404 when it acts on what is not yours."
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", notifications.router)
# Before the photos router, whose /photos/{photo_id} would otherwise take /photos/bulk.
api.add_router("", organiser_router.router)
# federation first: its `/users/{name}@{server}/…` routes would otherwise be read as a
# local username by the users and social routers.
for module in (
    federation,
    feed,
    users,
    photos,
    photo_neighbours,
    search,
    albums,
    social,
    audience,
    notices,
    me_settings,
):
    api.add_router("", module.router)
for module in (moderation, moderated_servers, rights_data):
    api.add_router("", module.router)
for module in (consent_datasets, consent_settings, consent_withdraw, trainers, consent_lookup):
    api.add_router("", module.router)
