"""Hostile input to the API answers a clear 4xx with a `detail` and changes nothing:
a report link that is not a URL, a page offset or a photo id beyond a 64-bit integer."""

import pytest

from api.pagination import MAX_OFFSET
from core.models import Event
from moderation.models import Case, Notice
from photos.models import AlbumPhoto
from photos.services import album_create, album_set_photos

HUGE = 99999999999999999999  # 20 digits: more than a 64-bit key holds


def test_a_notice_link_that_is_not_a_url_is_refused_and_stores_nothing(api, photo):
    notice = {
        "target_url": "http://[::1",
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks a named neighbour again and again.",
        "notifier_name": "Dana Passer",
        "notifier_email": "dana@example.net",
    }
    response = api().post("/notices", notice)
    assert response.status_code == 400
    assert response.json()["detail"] == "That link does not point to Candid."
    assert not Notice.objects.exists() and not Case.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/photos",
        "/albums",
        "/users/alice/followers",
        "/users/alice/following",
        "/photos/{photo}/comments",
        "/me/statements",
        "/me/notices",
        "/me/consent/history",
        "/moderation/queue",
        "/moderation/appeals",
    ],
)
def test_an_offset_past_the_limit_answers_400_naming_the_cursor_on_every_list(
    api, mod, photo, path
):
    path = path.format(photo=photo.pk)
    for offset in (MAX_OFFSET + 1, HUGE):
        response = api(mod).get(path, offset=offset)
        assert response.status_code == 400
        assert "offset" in response.json()["detail"] and "cursor" in response.json()["detail"]
    largest = api(mod).get(path, offset=MAX_OFFSET)
    assert largest.status_code == 200 and largest.json()["items"] == []


@pytest.mark.parametrize("bad_id", [HUGE, 2**63, 0, -1])
def test_an_album_photo_id_out_of_range_answers_422_and_keeps_the_album(alice, api, photo, bad_id):
    album = album_create(owner=alice, title="Harbours")
    album_set_photos(actor=alice, album=album, photo_ids=[photo.pk])
    owner = api(alice)
    events = Event.objects.count()
    response = owner.put(f"/albums/{album.pk}/photos", {"photo_ids": [photo.pk, bad_id]})
    assert response.status_code == 422 and "photo_ids" in response.json()["detail"]
    assert list(AlbumPhoto.objects.values_list("album_id", "photo_id")) == [(album.pk, photo.pk)]
    assert Event.objects.count() == events


REPORT = {
    "ground": "rules",
    "rule": "harassment",
    "explanation": "The caption mocks a named neighbour again and again.",
    "notifier_name": "Dana Passer",
    "notifier_email": "dana@example.net",
}


@pytest.mark.parametrize(
    "who, path, body",
    [
        (None, "/notices", {**REPORT, "target_type": "photo", "target_id": HUGE}),
        (
            "mod",
            "/moderation/notices",
            {**REPORT, "target_type": "photo", "target_id": HUGE, "channel": "moderator"},
        ),
        ("mod", "/moderation/cases", {"target_type": "photo", "target_id": HUGE}),
        (
            "mod",
            "/moderation/decisions/bulk",
            {"action": "no_action", "facts": "Seen.", "cases": [{"case_id": HUGE, "version": 1}]},
        ),
    ],
)
def test_an_id_past_64_bits_in_a_request_body_is_a_clear_error_and_changes_nothing(
    api, mod, who, path, body
):
    caller = api(mod if who else None)
    events = Event.objects.count()
    response = caller.post(path, body)
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    assert not Notice.objects.exists() and not Case.objects.exists()
    assert Event.objects.count() == events
