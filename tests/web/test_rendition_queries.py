"""Serving a rendition is the busiest path: the visibility check, the rendition and the
photo's consent for every purpose in a fixed handful of queries."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consent.services.consent import consent_set, photo_consent_set


def test_a_rendition_costs_a_fixed_handful_of_queries(alice, upload):
    photo = upload(alice)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    photo_consent_set(actor=alice, photo=photo, purpose="biometric", allowed=True)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/r/{photo.pk}/small.jpg")
    assert response.status_code == 200 and response["tdm-reservation"] == "1"
    assert len(queries) <= 6, [q["sql"] for q in queries]
