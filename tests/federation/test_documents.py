"""Actors and photos as other servers see them, negotiated on the pages' own URLs."""

import pytest
from django.utils import timezone

from federation.documents import AS_PUBLIC
from federation.jsonld import expanded
from federation.services import findable_set

pytestmark = pytest.mark.django_db
AS = "https://www.w3.org/ns/activitystreams#"


def test_profile_url_answers_a_person_to_activitypub_clients(federating, ap_get, alice):
    response = ap_get("/u/alice/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/activity+json")
    actor = response.json()
    assert actor["id"] == "https://candid.test/u/alice/"
    assert actor["type"] == "Person"
    assert actor["preferredUsername"] == "alice"
    assert actor["name"] == "Alice Example"
    assert actor["inbox"] == "https://candid.test/u/alice/ap/inbox/"
    assert actor["endpoints"]["sharedInbox"] == "https://candid.test/inbox/"
    assert actor["publicKey"]["id"] == "https://candid.test/u/alice/#main-key"
    assert actor["publicKey"]["owner"] == actor["id"]
    assert actor["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert actor["indexable"] is False  # AI training is off by default


def test_ld_json_with_the_activitystreams_profile_is_negotiated_too(federating, ap_get, alice):
    accept = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    assert ap_get("/u/alice/", accept=accept).json()["type"] == "Person"


def test_a_browser_still_gets_the_page(federating, ap_get, alice):
    response = ap_get("/u/alice/", accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response["Content-Type"].startswith("text/html")


def test_the_key_pair_is_made_once_and_kept(federating, ap_get, alice):
    first = ap_get("/u/alice/").json()["publicKey"]["publicKeyPem"]
    assert ap_get("/u/alice/").json()["publicKey"]["publicKeyPem"] == first


def test_unfindable_unknown_and_terminated_members(federating, ap_get, alice, bob, make_user):
    findable_set(user=bob, findable=False)
    carol = make_user("carol", terminated_at=timezone.now())
    assert ap_get("/u/bob/").status_code == 404
    assert ap_get("/u/nobody/").status_code == 404
    gone = ap_get(f"/u/{carol.username}/")
    assert gone.status_code == 410
    assert gone.json()["type"] == "Tombstone"


def test_instance_actor_is_an_application(federating, ap_get):
    actor = ap_get("/actor/").json()
    assert actor["type"] == "Application"
    assert actor["id"] == "https://candid.test/actor/"
    assert actor["publicKey"]["id"] == "https://candid.test/actor/#main-key"


def test_all_rights_reserved_names_no_licence(federating, ap_get, alice, upload):
    photo = upload(alice, visibility="public", licence="arr")
    assert "license" not in ap_get(f"/photos/{photo.pk}/").json()


def test_a_public_photo_is_a_note_with_an_image(federating, ap_get, alice, upload):
    photo = upload(
        alice, visibility="public", title="Harbour", alt_text="Boats at dusk", licence="cc-by"
    )
    note = ap_get(f"/photos/{photo.pk}/").json()
    assert note["type"] == "Note"
    assert note["attributedTo"] == "https://candid.test/u/alice/"
    assert note["to"] == [AS_PUBLIC]
    assert "Harbour" in note["content"]
    image = note["attachment"][0]
    assert image["type"] == "Image"
    assert image["name"] == "Boats at dusk"
    assert image["url"].startswith("https://candid.test/r/")
    assert image["width"] == 640 and image["height"] == 480
    assert note["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert note["dataMining"].endswith("DMI-PROHIBITED")  # every purpose refused by default
    assert note["consent"]["ai_training"] is False


def test_a_sensitive_photo_carries_its_warning_and_its_tags_as_hashtags(
    federating, ap_get, alice, upload
):
    from photos.models import Tag

    photo = upload(alice, visibility="public", title="Storm damage")
    type(photo).objects.filter(pk=photo.pk).update(sensitive=True)
    photo.tags.add(Tag.objects.create(name="harbour"))
    note = ap_get(f"/photos/{photo.pk}/").json()
    assert note["sensitive"] is True and note["summary"] == "Storm damage"
    assert note["tag"] == [
        {"type": "Hashtag", "name": "#harbour", "href": "https://candid.test/tags/harbour/"}
    ]


def test_a_member_who_allows_ai_training_is_indexable(federating, ap_get, alice):
    from consent.services.consent import account_consents_update

    assert ap_get("/u/alice/").json()["indexable"] is False
    account_consents_update(user=alice, choices={"ai_training": True})
    person = ap_get("/u/alice/").json()
    assert person["indexable"] is True and person["discoverable"] is True


@pytest.mark.parametrize(
    "change",
    [
        {"visibility": "private"},
        {"visibility": "followers"},
        {"withheld_in": ",DE,"},
        {"demoted": True},
        {"removed_at": timezone.now()},
    ],
)
def test_only_public_photos_federate(federating, ap_get, alice, upload, change):
    photo = upload(alice, visibility="public")
    type(photo).objects.filter(pk=photo.pk).update(**change)
    assert ap_get(f"/photos/{photo.pk}/").status_code == 404


def test_outbox_pages_the_members_public_photos(federating, ap_get, alice, upload):
    public = [upload(alice, visibility="public", title=f"P{i}") for i in range(3)]
    upload(alice, visibility="private", title="secret")
    outbox = ap_get("/u/alice/ap/outbox/").json()
    page = ap_get(outbox["first"].removeprefix("https://candid.test")).json()
    objects = [item["object"]["id"] for item in page["orderedItems"]]
    assert objects == [f"https://candid.test/photos/{p.pk}/" for p in reversed(public)]
    assert all(item["type"] == "Create" for item in page["orderedItems"])


def test_an_outbox_page_costs_the_same_for_two_photos_as_for_six(federating, ap_get, alice, upload):
    """Consent, tags and the owner are read once per page, not once per photo."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert len(ap_get("/u/alice/ap/outbox/?page=").json()["orderedItems"]) == count
        return len(queries)

    for count in (2, 6):
        while len(list(alice.photos.all())) < count:
            upload(alice, visibility="public", tags="sea")
        if count == 2:
            few = page_queries()
    assert page_queries() == few


def test_followers_collection_gives_the_count_only(federating, ap_get, alice, bob):
    from social.services import follow_create

    follow_create(follower=bob, followee=alice)
    collection = ap_get("/u/alice/ap/followers/").json()
    assert collection["totalItems"] == 1
    assert "orderedItems" not in collection and "first" not in collection


def test_documents_expand_as_activitystreams(federating, ap_get, alice, upload):
    photo = upload(alice, visibility="public", title="Harbour", tags="sea")
    actor = expanded(ap_get("/u/alice/").json())[0]
    assert actor["@type"] == [AS + "Person"]
    assert (
        actor["http://www.w3.org/ns/ldp#inbox"][0]["@id"] == "https://candid.test/u/alice/ap/inbox/"
    )
    assert "https://w3id.org/security#publicKey" in actor
    note = expanded(ap_get(f"/photos/{photo.pk}/").json())[0]
    assert note["@type"] == [AS + "Note"]
    assert note[AS + "attachment"][0]["@type"] == [AS + "Image"]
    assert note["http://ns.useplus.org/ldf/xmp/1.0/DataMining"][0]["@id"].startswith(
        "http://ns.useplus.org/ldf/vocab/DMI-"
    )
