"""schemathesis over the whole API (the document /api/v1/openapi.json serves), in process
through WSGI, on whichever database the suite runs on: `make test` runs it on SQLite and
on PostgreSQL. Issue 13: fuzzing in CI.

The caller is a moderator who also owns photos, an album, a follower, a comment and a
decided report, so lists and details answer real rows. Every operation gets EXAMPLES
examples, valid and invalid, from a fixed seed (derandomized: the same requests every
run). The run fails on any server error, any status, header, content type or body the
document does not describe, any request the document calls invalid that is accepted,
and any request the document calls valid that is refused as malformed (422).

Two decisions, written down here because the checks are configured by them:
- 400 answers a request that has the documented shape but breaks a rule of the service
  (an unknown rule code, a notice naming no item, a cursor from elsewhere); every
  operation documents it, and the `detail` says which rule. The valid-data check accepts
  it; a 422 (the document and the validation disagree) fails it.
- Multipart form fields travel as text, so a "wrongly typed" form value (the number 0
  for a boolean) cannot be told from a right one: the invalid-data check is left out for
  multipart operations.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from accounts.services import token_create
from api.urls import api
from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos
from social.services import comment_post, follow_create

EXAMPLES = 25

# Built without a request, because collection may not touch the database; it is the
# document the API serves (tests/api/test_openapi_document.py reads the served one).
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = get_wsgi_application()
schema.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx",
    "400",
    "401",
    "403",
    "404",
    "409",
    "429",
]


@schema.hook
def filter_body(context, body) -> bool:
    """Werkzeug (the WSGI client schemathesis drives) encodes an empty file part without the
    line break before the next boundary, which Django reads as no file at all; such a
    request tests the client, not Candid (sent by any HTTP client, an empty file answers
    400 "The file is empty.")."""
    if not isinstance(body, dict):
        return True
    return all(getattr(value, "data", value) != b"" for value in body.values())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_request_as_its_document_says(case, fuzz_token):
    multipart = (case.media_type or "").startswith("multipart/")
    case.call_and_validate(
        headers={"Authorization": f"Bearer {fuzz_token}"},
        excluded_checks=[negative_data_rejection] if multipart else None,
    )


@pytest.fixture
def connection_kept():
    """Django closes the database connection after each request it serves through WSGI;
    inside the test's transaction that would end it (PostgreSQL). Django's own test
    client holds these signals back the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(connection_kept, make_user, upload, report, decide):
    caller = make_user("moana", role="moderator", display_name="Moana")
    friend = make_user("tavita")
    small = sample_jpeg(160, 120, seed=7)
    photos = [
        upload(caller, small, title="Reef", tags="sea reef"),
        upload(friend, small, title="Lagoon"),
    ]
    album = album_create(owner=caller, title="Islands")
    album_set_photos(actor=caller, album=album, photo_ids=[photos[0].pk])
    comment_post(author=friend, photo_id=photos[0].pk, body="Lovely colours")
    follow_create(follower=friend, followee=caller)
    decide(report(photos[1]).case)
    return token_create(user=caller, name="fuzz", scopes=["read", "write"])[1]
