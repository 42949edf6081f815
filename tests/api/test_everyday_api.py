"""Issue 17's everyday features through the API: a photo's neighbours in the list it was
opened from, upload defaults, e-mail notification settings, and the moderators' queue
filters, claims and next case. Each: it works, the scope is checked, what is not the
caller's is refused, and bad input is refused with a message and changes nothing."""

import pytest

from core.models import Event
from moderation.models import Case, Decision, StatementOfReasons
from notifications.selectors import email_choices
from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos


@pytest.fixture
def three(alice, upload):
    """alice's photos, oldest first: public, private, public."""
    return [
        upload(alice, sample_jpeg(60, 40, seed=1), title="first", tags="harbour"),
        upload(alice, sample_jpeg(60, 40, seed=2), title="hidden", visibility="private"),
        upload(alice, sample_jpeg(60, 40, seed=3), title="third", tags="harbour"),
    ]


# Neighbours


def test_neighbours_in_a_photostream_skip_a_photo_the_caller_may_not_see(api, alice, bob, three):
    answer = api(bob, "read").get(f"/photos/{three[0].pk}/neighbours", **{"in": "user:alice"})
    assert answer.status_code == 200, answer.json()
    assert answer.json() == {"in": "user:alice", "previous": three[2].pk, "next": None}
    own = api(alice, "read").get(f"/photos/{three[0].pk}/neighbours", **{"in": "user:alice"})
    assert own.json()["previous"] == three[1].pk
    anonymous = api().get(f"/photos/{three[2].pk}/neighbours", **{"in": "tag:harbour"})
    assert anonymous.json() == {"in": "tag:harbour", "previous": None, "next": three[0].pk}


def test_neighbours_in_an_album_follow_the_albums_order(api, alice, bob, three):
    album = album_create(owner=alice, title="Quay")
    album_set_photos(actor=alice, album=album, photo_ids=[three[2].pk, three[1].pk, three[0].pk])
    answer = api(bob, "read").get(
        f"/photos/{three[2].pk}/neighbours", **{"in": f"album:{album.pk}"}
    )
    assert answer.json()["next"] == three[0].pk
    assert answer.json()["previous"] is None


def test_neighbours_refuse_a_photo_or_list_the_caller_may_not_see(api, alice, bob, three):
    hidden = api(bob, "read").get(f"/photos/{three[1].pk}/neighbours", **{"in": "user:alice"})
    assert hidden.status_code == 404
    private_album = album_create(owner=alice, title="Mine", visibility="private")
    context = f"album:{private_album.pk}"
    album = api(bob, "read").get(f"/photos/{three[0].pk}/neighbours", **{"in": context})
    assert album.status_code == 404
    assert "names no list you can see" in album.json()["detail"]
    feed = api().get(f"/photos/{three[0].pk}/neighbours", **{"in": "feed"})
    assert feed.status_code == 404


def test_neighbours_refuse_an_unknown_kind_of_list_and_a_missing_one(api, bob, three):
    unknown = api(bob, "read").get(f"/photos/{three[0].pk}/neighbours", **{"in": "colour:red"})
    assert unknown.status_code == 400
    assert "user, album, tag" in unknown.json()["detail"]
    missing = api(bob, "read").get(f"/photos/{three[0].pk}/neighbours")
    assert missing.status_code == 422
    assert "in" in missing.json()["detail"]


def test_neighbours_need_the_read_scope_when_a_token_is_sent(api, bob, three):
    answer = api(bob, "write").get(f"/photos/{three[0].pk}/neighbours", **{"in": "explore"})
    assert answer.status_code == 403
    assert "read" in answer.json()["detail"]


def test_neighbours_error_is_german_for_a_german_caller(api, bob, three):
    bob.language = "de"
    bob.save(update_fields=["language"])
    answer = api(bob, "read").get(f"/photos/{three[0].pk}/neighbours", **{"in": "colour:red"})
    assert "bezeichnet keine Art von Liste" in answer.json()["detail"]


# Upload defaults

DEFAULTS = {"licence": "cc-by", "visibility": "followers", "show_location": True}


def test_defaults_are_read_and_set_and_the_change_is_logged(api, alice):
    assert api(alice, "read").get("/me/defaults").json() == {
        "licence": "arr",
        "visibility": "public",
        "show_location": False,
    }
    answer = api(alice, "write").put("/me/defaults", DEFAULTS)
    assert answer.status_code == 200, answer.json()
    assert answer.json() == DEFAULTS
    alice.refresh_from_db()
    assert (alice.default_licence, alice.default_visibility) == ("cc-by", "followers")
    assert alice.default_show_location is True
    assert Event.objects.filter(kind="account.upload_defaults_set", actor=alice).exists()


def test_defaults_need_the_write_scope_to_change(api, alice):
    answer = api(alice, "read").put("/me/defaults", DEFAULTS)
    assert answer.status_code == 403
    alice.refresh_from_db()
    assert alice.default_licence == "arr"


@pytest.mark.parametrize(
    "body",
    [
        {**DEFAULTS, "licence": "cc-nope"},
        {**DEFAULTS, "visibility": "everyone"},
        {"licence": "cc-by", "visibility": "public"},
        {**DEFAULTS, "show_location": "yes"},
    ],
)
def test_bad_defaults_are_refused_and_change_nothing(api, alice, body):
    answer = api(alice, "write").put("/me/defaults", body)
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("The request is not valid")
    alice.refresh_from_db()
    assert (alice.default_licence, alice.default_visibility) == ("arr", "public")
    assert not Event.objects.filter(kind="account.upload_defaults_set").exists()


def test_defaults_are_only_ever_the_callers_own(api, alice, bob):
    api(bob, "write").put("/me/defaults", DEFAULTS)
    alice.refresh_from_db()
    assert alice.default_licence == "arr"
    assert api(alice, "read").get("/me/defaults").json()["licence"] == "arr"


# E-mail notification settings


def test_notification_settings_are_read_and_changed_kind_by_kind(api, alice):
    before = api(alice, "read").get("/me/notification-settings").json()["email"]
    assert before == email_choices(alice)
    assert "moderation" not in before
    answer = api(alice, "write").put(
        "/me/notification-settings", {"email": {"favourite": "off", "comment": "digest"}}
    )
    assert answer.status_code == 200, answer.json()
    after = answer.json()["email"]
    assert after == {**before, "favourite": "off", "comment": "digest"}
    assert email_choices(alice) == after
    event = Event.objects.get(kind="notifications.email_preferences_set", actor=alice)
    assert event.data["via"] == "api"


@pytest.mark.parametrize(
    "body",
    [
        {"email": {"moderation": "off"}},
        {"email": {"favourite": "weekly"}},
        {"email": "off"},
        {},
    ],
)
def test_bad_notification_settings_are_refused_and_change_nothing(api, alice, body):
    before = email_choices(alice)
    answer = api(alice, "write").put("/me/notification-settings", body)
    assert answer.status_code == 422
    assert answer.json()["detail"]
    assert email_choices(alice) == before
    assert not Event.objects.filter(kind="notifications.email_preferences_set").exists()


def test_notification_settings_need_the_write_scope_to_change(api, alice, bob):
    before = email_choices(alice)
    answer = api(alice, "read").put("/me/notification-settings", {"email": {"follow": "off"}})
    assert answer.status_code == 403
    api(bob, "write").put("/me/notification-settings", {"email": {"follow": "off"}})
    assert email_choices(alice) == before


# Moderators at speed

ILLEGAL = dict(ground="illegal", country="DE", law="StGB §130", good_faith=True)


@pytest.fixture
def two_cases(alice, upload, report):
    """A rules case about a photo titled "Harbour", an illegal-content one from DE."""
    rules = report(upload(alice, sample_jpeg(60, 40, seed=5), title="Harbour")).case
    illegal = report(
        upload(alice, sample_jpeg(60, 40, seed=6), title="Market"),
        explanation="Incites hatred against a group.",
        **ILLEGAL,
    ).case
    return rules, illegal


def ids(answer) -> list[int]:
    assert answer.status_code == 200, answer.json()
    return [item["id"] for item in answer.json()["items"]]


def test_queue_filters_by_ground_law_country_channel_and_words(api, mod, two_cases):
    rules, illegal = two_cases
    queue = api(mod, "read")
    assert set(ids(queue.get("/moderation/queue"))) == {rules.pk, illegal.pk}
    assert ids(queue.get("/moderation/queue", ground="illegal")) == [illegal.pk]
    assert ids(queue.get("/moderation/queue", law="stgb")) == [illegal.pk]
    assert ids(queue.get("/moderation/queue", country="de")) == [illegal.pk]
    assert ids(queue.get("/moderation/queue", q="harbour")) == [rules.pk]
    assert ids(queue.get("/moderation/queue", channel="authority")) == []
    assert ids(queue.get("/moderation/queue", trusted="true")) == []
    assert ids(queue.get("/moderation/queue", appealed="true")) == []
    assert set(ids(queue.get("/moderation/queue", deadline="on_time"))) == {rules.pk, illegal.pk}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"ground": "rude"}, "ground"),
        ({"deadline": "late"}, "deadline"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_queue_refuses_an_unknown_filter_value_instead_of_showing_everything(
    api, mod, two_cases, params, field
):
    answer = api(mod, "read").get("/moderation/queue", **params)
    assert answer.status_code == 422
    assert field in answer.json()["detail"]


def test_queue_refuses_a_country_that_is_not_two_letters(api, mod, two_cases):
    answer = api(mod, "read").get("/moderation/queue", country="1X")
    assert answer.status_code == 400
    assert answer.json()["detail"] == "Give a two-letter country code such as DE."


def test_claiming_a_case_keeps_it_out_of_another_moderators_next_case(api, mod, mod2, two_cases):
    rules, illegal = two_cases
    claimed = api(mod, "write").post(f"/moderation/cases/{illegal.pk}/claim")
    assert claimed.status_code == 200, claimed.json()
    assert claimed.json()["claimed_by"]["username"] == mod.username
    assert claimed.json()["claimed_until"]
    following = api(mod2, "read").get("/moderation/next-case")
    assert following.status_code == 200
    assert following.json()["id"] == rules.pk
    mine = api(mod, "read").get("/moderation/queue", claim="mine")
    assert ids(mine) == [illegal.pk]


def test_next_case_skips_the_one_just_decided_and_answers_204_when_none_is_left(
    api, mod, two_cases
):
    rules, illegal = two_cases
    only = api(mod, "read").get("/moderation/next-case", ground="illegal")
    assert only.json()["id"] == illegal.pk
    assert "notices" in only.json()
    none_left = api(mod, "read").get("/moderation/next-case", ground="illegal", after=illegal.pk)
    assert none_left.status_code == 204


def test_another_moderators_claim_is_refused_and_cannot_be_released(api, mod, mod2, two_cases):
    case = two_cases[0]
    api(mod, "write").post(f"/moderation/cases/{case.pk}/claim")
    taken = api(mod2, "write").post(f"/moderation/cases/{case.pk}/claim")
    assert taken.status_code == 400
    assert mod.username in taken.json()["detail"]
    release = api(mod2, "write").delete(f"/moderation/cases/{case.pk}/claim")
    assert release.status_code == 400
    case.refresh_from_db()
    assert case.claimed_by_id == mod.pk
    released = api(mod, "write").delete(f"/moderation/cases/{case.pk}/claim")
    assert released.json() == {"case_id": case.pk, "claimed_by": None, "claimed_until": None}


def test_claims_and_next_case_are_for_moderators_with_the_right_scope(
    api, alice, bob, mod, two_cases
):
    case = two_cases[0]
    assert api(bob).post(f"/moderation/cases/{case.pk}/claim").status_code == 403
    assert api(bob).get("/moderation/next-case").status_code == 403
    assert api(mod, "read").post(f"/moderation/cases/{case.pk}/claim").status_code == 403
    assert api(mod, "write").get("/moderation/next-case").status_code == 403
    assert api(mod, "write").post("/moderation/cases/999999/claim").status_code == 404
    assert not Case.objects.filter(claimed_by__isnull=False).exists()


def test_a_claim_message_is_german_for_a_german_moderator(api, mod, mod2, two_cases):
    case = two_cases[0]
    api(mod, "write").post(f"/moderation/cases/{case.pk}/claim")
    mod2.language = "de"
    mod2.save(update_fields=["language"])
    release = api(mod2, "write").delete(f"/moderation/cases/{case.pk}/claim")
    assert release.status_code == 400
    assert "Fall" in release.json()["detail"]


# Account secrets stay off the API (README, API)


def test_no_token_can_change_the_password_or_the_e_mail_address(api, alice):
    document = api().get("/openapi.json").json()
    writes = [
        (path, method)
        for path, operations in document["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete") and path.startswith("/api/v1/me")
    ]
    assert writes and not [w for w in writes if "password" in w[0] or "email" in w[0]]
    for method in ("PUT", "PATCH"):
        answer = api(alice, "write").send(method, "/me", {"email": "thief@example.org"})
        assert answer.status_code in (404, 405)
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"


# One decision for several cases

REMOVAL = {
    "action": "remove",
    "ground": "rules",
    "rule_code": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the same photo was uploaded twice.",
}


def versions(*cases) -> list[dict]:
    for case in cases:
        case.refresh_from_db()
    return [{"case_id": case.pk, "version": case.version} for case in cases]


def test_one_decision_for_several_cases_gives_each_its_own(api, mod, two_cases):
    rules, illegal = two_cases
    answer = api(mod, "write").post(
        "/moderation/decisions/bulk", {**REMOVAL, "cases": versions(rules, illegal)}
    )
    assert answer.status_code == 201, answer.json()
    assert [d["case_id"] for d in answer.json()] == [rules.pk, illegal.pk]
    assert Decision.objects.filter(case__in=two_cases).count() == 2
    assert StatementOfReasons.objects.filter(decision__case__in=two_cases).count() == 2


def test_a_stale_version_in_a_bulk_decision_decides_nothing(api, mod, two_cases):
    stale = versions(*two_cases)
    stale[1]["version"] -= 1
    answer = api(mod, "write").post("/moderation/decisions/bulk", {**REMOVAL, "cases": stale})
    assert answer.status_code == 409
    assert str(two_cases[1].pk) in answer.json()["detail"]
    assert not Decision.objects.exists()


@pytest.mark.parametrize("cases", [[], None])
def test_a_bulk_decision_without_cases_is_refused(api, mod, two_cases, cases):
    body = {**REMOVAL} if cases is None else {**REMOVAL, "cases": cases}
    answer = api(mod, "write").post("/moderation/decisions/bulk", body)
    assert answer.status_code == 422
    assert "cases" in answer.json()["detail"]
    assert not Decision.objects.exists()


def test_bulk_decisions_are_for_moderators_with_the_write_scope(api, bob, mod, two_cases):
    body = {**REMOVAL, "cases": versions(*two_cases)}
    assert api(bob).post("/moderation/decisions/bulk", body).status_code == 403
    assert api(mod, "read").post("/moderation/decisions/bulk", body).status_code == 403
    missing = {**REMOVAL, "cases": [*versions(two_cases[0]), {"case_id": 999999, "version": 1}]}
    assert api(mod, "write").post("/moderation/decisions/bulk", missing).status_code == 404
    assert not Decision.objects.exists()
