from django.conf import settings as django_settings

from consent.services.consent import consent_set, consent_withdraw, photo_consent_set
from tests.api.conftest import ApiClient
from tests.consent.releases_support import PURPOSE


def check(items, purpose=PURPOSE):
    return ApiClient().post("/trainers/check", {"purpose": purpose, "items": items})


def test_the_check_answers_urls_and_pdq_hashes_with_decision_signal_and_time(alice, bob, upload):
    allowed, refused = upload(alice), upload(bob)
    consent_set(user=alice, purpose=PURPOSE, allowed=True)
    items = [
        f"{django_settings.SITE_URL}/r/{allowed.pk}/large.jpg?v=1",
        f"/photos/{refused.pk}/",
        allowed.pdq_hash.upper(),
        "https://elsewhere.example/r/1/large.jpg",
        "f" * 64,
    ]
    results = check(items).json()["results"]
    assert [(r["decision"], r["signal"]) for r in results] == [
        ("allowed", "account"),
        ("refused", "default"),
        ("allowed", "account"),
        ("unknown", "not_candid"),
        ("unknown", "no_match"),
    ]
    assert results[0]["since"] is not None and results[0]["photo_ids"] == [allowed.pk]


def test_a_photo_that_is_not_public_is_refused_without_revealing_its_settings(alice, upload):
    private = upload(alice, visibility="private")
    consent_set(user=alice, purpose=PURPOSE, allowed=True)
    (answer,) = check([f"/r/{private.pk}/small.jpg"]).json()["results"]
    assert (answer["decision"], answer["signal"], answer["since"]) == (
        "refused",
        "not_public",
        None,
    )


def test_more_than_ten_thousand_items_answer_413_and_a_bad_purpose_400(db):
    too_many = check(["/photos/1/"] * 10_001)
    assert too_many.status_code == 413 and "at most 10,000" in too_many.json()["detail"]
    bad = check(["/photos/1/"], purpose="surveillance")
    assert bad.status_code == 400 and "Unknown purpose" in bad.json()["detail"]


def test_ten_thousand_items_cost_a_constant_number_of_queries(
    alice, upload, django_assert_max_num_queries
):
    photo = upload(alice)
    items = [f"/r/{photo.pk + i}/large.jpg" for i in range(9_999)] + [photo.pdq_hash]
    with django_assert_max_num_queries(8):
        response = check(items)
    assert response.status_code == 200 and len(response.json()["results"]) == 10_000


def test_the_check_is_rate_limited_per_address(db, settings):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_TRAINER_RATE = "2/m"
    assert [check([]).status_code for _ in range(3)] == [200, 200, 429]


def test_the_change_feed_pages_with_a_cursor_and_expands_account_changes(alice, bob, upload):
    photos = [upload(alice) for _ in range(3)]
    other = upload(bob)
    consent_set(user=alice, purpose=PURPOSE, allowed=True)  # account: 3 items
    photo_consent_set(actor=bob, photo=other, purpose=PURPOSE, allowed=True)  # photo: 1 item
    client = ApiClient()
    first = client.get("/trainers/changes", limit=2).json()
    second = client.get("/trainers/changes", cursor=first["next_cursor"], limit=5).json()
    seen = [(i["photo_id"], i["scope"]) for i in first["items"] + second["items"]]
    assert seen == [(p.pk, "account") for p in photos] + [(other.pk, "photo")]
    assert all(i["decision"] == "allowed" for i in first["items"] + second["items"])
    idle = client.get("/trainers/changes", cursor=second["next_cursor"]).json()
    assert idle["items"] == [] and idle["next_cursor"] == second["next_cursor"]
    consent_withdraw(actor=bob, photos=[other], purposes=[PURPOSE])
    later = client.get("/trainers/changes", cursor=second["next_cursor"]).json()["items"]
    assert [(i["photo_id"], i["decision"]) for i in later] == [(other.pk, "refused")]


def test_a_bad_cursor_is_refused_clearly(db):
    response = ApiClient().get("/trainers/changes", cursor="yesterday")
    assert response.status_code == 400 and "not a cursor" in response.json()["detail"]


def test_the_openapi_document_describes_the_trainer_and_licensee_operations(db):
    paths = ApiClient().get("/openapi.json").json()["paths"]
    check_op = paths["/api/v1/trainers/check"]["post"]
    assert "10,000" in check_op["description"]
    assert "cursor" in paths["/api/v1/trainers/changes"]["get"]["description"]
    assert "/api/v1/licensee/deletion-notices/{notice_id}/acknowledge" in paths
