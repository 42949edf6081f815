"""The public list of moderated servers, the moderators' page for measures on other
servers, and the API list (issue #20)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from federation.domain_measures import MeasureEntry, domain_measure_set
from federation.models import DomainBlock, DomainDecision, RemoteActor, RemoteReply
from tests.federation.conftest import federating  # noqa: F401  (fixture)
from tests.language_reset import back_to_the_default_language  # noqa: F401
from tests.moderation_fixtures import staff_login

pytestmark = pytest.mark.django_db
HEAD = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate"


def measure(mod, domain, kind="block", reason="Spam waves", **kw):
    entry = MeasureEntry(domain=domain, kind=kind, public_reason=reason, **kw)
    return domain_measure_set(moderator=mod, entry=entry, source="web")


def test_the_public_list_shows_kind_reason_and_date_and_masks_obfuscated_names(client, mod):
    measure(mod, "spam.example")
    measure(mod, "hidden.example", kind="limit", reason="Harassment", obfuscate=True)

    html = client.get(reverse("moderated_servers")).content.decode()

    assert "spam.example" in html and "Spam waves" in html and "Block" in html
    assert "h*d*e*.example" in html and "hidden.example" not in html
    assert "Harassment" in html and "Limit" in html
    block = DomainBlock.objects.get(domain="spam.example")
    assert f'datetime="{block.decided_at.isoformat()}' in html
    index = client.get(reverse("transparency")).content.decode()
    assert reverse("moderated_servers") in index


def test_the_public_list_in_german(client, mod):
    measure(mod, "spam.example")
    html = client.get(reverse("moderated_servers"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Moderierte Server" in html and "Begründung" in html


def test_the_public_list_is_keyset_paged(client, mod):
    DomainBlock.objects.bulk_create(
        [
            DomainBlock(domain=f"s{i:03}.example", kind="block", public_reason="x")
            for i in range(101)
        ]
    )
    first = client.get(reverse("moderated_servers"))
    html = first.content.decode()
    assert "s099.example" in html and "s100.example" not in html
    cursor = first.context["page"].older
    second = client.get(reverse("moderated_servers"), {"cursor": cursor}).content.decode()
    assert "s100.example" in second and "s099.example" not in second
    assert client.get(reverse("moderated_servers"), {"cursor": "forged"}).status_code == 400


def test_a_moderator_imposes_and_lifts_a_measure_with_reasons(client, mod):
    staff_login(client, mod)
    page = client.get(reverse("moderation_servers"))
    assert page.status_code == 200

    response = client.post(
        reverse("moderation_servers"),
        {"domain": "spam.example", "kind": "limit", "public_reason": "Unmoderated sign-ups"},
    )

    assert response.status_code == 302
    block = DomainBlock.objects.get()
    assert (block.domain, block.kind, block.public_reason) == (
        "spam.example",
        "limit",
        "Unmoderated sign-ups",
    )
    refused = client.post(reverse("moderation_server_lift", args=[block.pk]), {})
    assert refused.status_code == 302 and DomainBlock.objects.exists()
    client.post(
        reverse("moderation_server_lift", args=[block.pk]),
        {"public_reason": "They hired moderators"},
    )
    assert not DomainBlock.objects.exists()
    lifted = DomainDecision.objects.first()
    assert (lifted.action, lifted.moderator, lifted.public_reason) == (
        "lift",
        mod,
        "They hired moderators",
    )
    history = client.get(reverse("moderation_server_decisions")).content.decode()
    assert "They hired moderators" in history and "Unmoderated sign-ups" in history


def test_a_bad_measure_form_shows_the_error_and_changes_nothing(client, mod):
    staff_login(client, mod)
    response = client.post(
        reverse("moderation_servers"),
        {"domain": "not a server", "kind": "block", "public_reason": "Spam"},
    )
    assert response.status_code == 200
    assert "is not a server name" in response.content.decode()
    assert not DomainBlock.objects.exists()


def test_members_cannot_reach_the_moderators_page(client, alice):
    client.force_login(alice)
    assert client.get(reverse("moderation_servers")).status_code == 403
    response = client.post(
        reverse("moderation_servers"),
        {"domain": "spam.example", "kind": "block", "public_reason": "Spam"},
    )
    assert response.status_code == 403 and not DomainBlock.objects.exists()
    assert client.get(reverse("moderation_servers_export")).status_code == 403


def test_importing_a_list_on_the_page_names_bad_rows_or_records_each(client, mod):
    staff_login(client, mod)
    bad = f"{HEAD}\nok.example,suspend,,,Spam,\nbad row,suspend,,,Spam,\n".encode()
    response = client.post(
        reverse("moderation_servers_import"),
        {"file": SimpleUploadedFile("blocks.csv", bad, "text/csv")},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Zeile 3:" in html and "kein Servername" in html
    assert not DomainBlock.objects.exists()

    good = f"{HEAD}\nok.example,suspend,,,Spam,\nquiet.example,noop,false,,Noted,\n".encode()
    response = client.post(
        reverse("moderation_servers_import"),
        {"file": SimpleUploadedFile("blocks.csv", good, "text/csv")},
        follow=True,
    )
    html = response.content.decode()
    assert "1 decision recorded from the list." in html and "1 row asked for no measure" in html
    assert DomainDecision.objects.get().moderator == mod

    exported = client.get(reverse("moderation_servers_export"))
    assert exported["Content-Type"].startswith("text/csv")
    assert exported.content.decode().splitlines() == [
        HEAD.replace("#", "#"),
        "ok.example,suspend,true,true,Spam,false",
    ]


def test_the_api_lists_moderated_servers_by_name(client, mod):
    measure(mod, "spam.example")
    measure(mod, "gory.example", kind="reject_media", reason="Gore")
    measure(mod, "hidden.example", kind="limit", reason="Harassment", obfuscate=True)

    data = client.get("/api/v1/moderated-servers", {"limit": 2}).json()

    assert [i["domain"] for i in data["items"]] == ["gory.example", "h*d*e*.example"]
    assert data["items"][0]["kind"] == "reject_media" and data["items"][0]["reject_media"]
    assert data["items"][1]["public_reason"] == "Harassment"
    rest = client.get(data["next"]).json()
    assert [i["domain"] for i in rest["items"]] == ["spam.example"] and rest["next"] is None


def test_replies_from_a_limited_server_leave_the_public_photo_page_and_api(
    federating, client, alice, mod, upload, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    for domain, text in (("loud.example", "Buy followers"), ("fine.example", "What a view")):
        author = RemoteActor.objects.create(
            uri=f"https://{domain}/users/bob",
            domain=domain,
            username="bob",
            inbox=f"https://{domain}/users/bob/inbox",
            fetched_at="2026-01-01T00:00:00Z",
        )
        RemoteReply.objects.create(
            uri=f"https://{domain}/r/1",
            author=author,
            photo=photo,
            text=text,
            published="2026-01-02T00:00:00Z",
        )
    url = reverse("photo", args=[photo.pk])
    assert "Buy followers" in client.get(url).content.decode()  # and now cached

    with django_capture_on_commit_callbacks(execute=True):  # as the commit does
        measure(mod, "loud.example", kind="limit", reason="Spam replies")

    html = client.get(url).content.decode()
    assert "What a view" in html and "Buy followers" not in html
    api = client.get(f"/api/v1/photos/{photo.pk}/remote-replies").json()
    assert [r["text"] for r in api["items"]] == ["What a view"]
