"""The API photo list asks for the photos themselves, filtered, newest first: not for the
photos whose id is IN a subquery of every match. Wrapped, PostgreSQL first collected and
sorted every visible photo with the tag (a signed-in `?tag=` list at 200,000 photos: 194
ms against 57 at 10,000, bench/scale.py); unwrapped, it can walk the newest photos and
stop after a page, as the web tag page does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _list_query(client, **params) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/photos", **params)
    assert response.status_code == 200
    return next(q["sql"] for q in queries if "ORDER BY" in q["sql"] and "photos_photo" in q["sql"])


def test_a_tag_list_reads_the_photos_not_a_list_of_their_ids(alice, bob, api, upload):
    harbour = upload(alice, title="Harbour", tags="sea")
    upload(alice, title="Forest", tags="trees")
    signed_in = api(bob)
    assert [item["id"] for item in signed_in.get("/photos", tag="sea").json()["items"]] == [
        harbour.pk
    ]
    sql = _list_query(signed_in, tag="sea")
    assert '"photos_photo"."id" IN (SELECT' not in sql
