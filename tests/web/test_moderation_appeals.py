"""Appeals on the web (DSA Art. 20): the affected user and notifiers (also anonymous ones,
with the token from their email) appeal within six months; strangers and late appeals are
refused with a clear message and nothing changes; another moderator decides."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from moderation.models import Appeal
from moderation.services.appeals import appeal_submit
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from photos.samples import sample_jpeg
from tests.moderation_fixtures import staff_login

EXPLANATION = {"explanation": "This is my own harbour photo and nobody is named in it."}


def test_owner_appeals_from_my_notices_with_an_attachment(
    client, removed, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    url = f"/moderation/decisions/{removed.pk}/appeal/"
    assert "Appeal a decision" in client.get(url).content.decode()
    attachment = SimpleUploadedFile("proof.jpg", sample_jpeg(64, 48, seed=3), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**EXPLANATION, "attachment": attachment}, follow=True)
    appeal = Appeal.objects.get()
    assert (appeal.appellant, appeal.role, appeal.state) == (alice, "affected", "submitted")
    assert appeal.attachment
    assert response.redirect_chain[-1][0] == "/moderation/mine/"
    page = response.content.decode()
    assert f"Your appeal {appeal.reference} is received" in page and "being reviewed" in page
    assert f'href="{url}"' not in page  # no second appeal while one is open
    assert alice.email in [m.to[0] for m in mail.outbox]


def test_appeal_after_six_months_is_refused_and_changes_nothing(
    client, removed, alice, time_machine
):
    time_machine.move_to(removed.statement.sent_at + relativedelta(months=6, days=1))
    client.force_login(alice)
    response = client.post(f"/moderation/decisions/{removed.pk}/appeal/", EXPLANATION)
    assert response.status_code == 400
    assert "The six-month period to appeal this decision has ended." in response.text
    removed.case.refresh_from_db()
    assert not Appeal.objects.exists() and removed.case.state == "decided"
    assert "Appeal this decision" not in client.get("/moderation/mine/").content.decode()


def test_appeal_by_someone_who_is_not_a_party_is_refused(client, removed, make_user):
    client.force_login(make_user("carol"))
    response = client.post(f"/moderation/decisions/{removed.pk}/appeal/", EXPLANATION)
    assert response.status_code == 403
    assert "Only the person affected by this decision or someone who reported" in response.text
    assert not Appeal.objects.exists()


def test_appeal_without_sign_in_or_token_asks_to_log_in(client, removed):
    response = client.post(f"/moderation/decisions/{removed.pk}/appeal/", EXPLANATION)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Appeal.objects.exists()


def test_appeal_with_a_wrong_token_is_refused(client, removed):
    url = f"/moderation/decisions/{removed.pk}/appeal/?token=guess"
    response = client.post(url, {**EXPLANATION, "token": "guess"})
    assert response.status_code == 403 and not Appeal.objects.exists()


def test_anonymous_notifier_appeals_a_no_action_decision_with_the_token(
    client, photo, decide, django_capture_on_commit_callbacks
):
    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="spam",
        explanation="Advertising in every caption.",
        notifier_name="Eve",
        notifier_email="eve@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(notice.case, action="no_action", ground="", rule_code="")
    decided_mail = next(
        m for m in mail.outbox if m.to == ["eve@example.org"] and "decision" in m.subject
    )
    url = f"/moderation/decisions/{decision.pk}/appeal/?token={notice.appeal_token}"
    assert url in decided_mail.body
    form = client.get(url).content.decode()
    assert f'value="{notice.appeal_token}"' in form
    response = client.post(url, {**EXPLANATION, "token": notice.appeal_token})
    assert response.status_code == 200 and "We received your appeal" in response.text
    appeal = Appeal.objects.get()
    assert appeal.role == "notifier" and appeal.appellant_email == "eve@example.org"


def test_bad_appeal_inputs_are_refused(client, removed, alice):
    client.force_login(alice)
    url = f"/moderation/decisions/{removed.pk}/appeal/"
    assert "Please explain why" in client.post(url, {"explanation": ""}).text
    text_file = SimpleUploadedFile("notes.txt", b"just some words", "text/plain")
    refused = client.post(url, {**EXPLANATION, "attachment": text_file})
    assert refused.status_code == 400 and "Attach a PDF, JPEG or PNG file." in refused.text
    assert not Appeal.objects.exists()


def test_a_different_moderator_reverses_and_the_photo_is_back(
    client, removed, photo, alice, bob, mod, mod2, django_capture_on_commit_callbacks
):
    appeal = appeal_submit(decision=removed, appellant=alice, explanation="Nobody is named.")
    url = f"/moderation/appeals/{appeal.pk}/"
    staff_login(client, mod)
    own = client.get(url).content.decode()
    assert "You took part in this decision" in own and "Decide appeal" not in own
    refused = client.post(url, {"outcome": "reversed", "reasons": "I was wrong after all."})
    assert refused.status_code == 403 and "took no part" in refused.content.decode()

    staff_login(client, mod2)
    page = client.get(url).content.decode()
    assert "Nobody is named." in page and "Decide appeal" in page
    assert f"/moderation/decisions/{removed.pk}/evidence.jpg" in page
    empty = client.post(url, {"outcome": "reversed", "reasons": ""})
    assert empty.status_code == 400 and Appeal.objects.get().state == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"outcome": "reversed", "reasons": "The caption names nobody."})
    appeal.refresh_from_db()
    photo.refresh_from_db()
    assert appeal.outcome == "reversed" and appeal.decided_by == mod2
    assert photo.removed_at is None
    client.force_login(bob)
    assert client.get(f"/photos/{photo.pk}/").status_code == 200
    client.force_login(alice)
    mine = client.get("/moderation/mine/").content.decode()
    assert "Reversed on appeal" in mine and "The caption names nobody." in mine


def test_notifier_sees_the_outcome_of_their_report_on_my_notices(client, removed, bob):
    client.force_login(bob)
    page = client.get("/moderation/mine/").content.decode()
    notice = removed.case.notices.get()
    assert notice.reference in page and "Action taken" in page and "Remove content" in page
    assert f"/moderation/decisions/{removed.pk}/appeal/" in page


def test_appeal_attachment_is_for_moderators_only(client, removed, alice, bob, mod2):
    attachment = SimpleUploadedFile("proof.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32, "image/png")
    appeal = appeal_submit(
        decision=removed,
        appellant=alice,
        explanation="My licence is attached.",
        attachment=attachment,
    )
    url = f"/moderation/appeals/{appeal.pk}/attachment"
    client.force_login(bob)
    assert client.get(url).status_code == 403
    staff_login(client, mod2)
    assert f'href="{url}"' in client.get(f"/moderation/appeals/{appeal.pk}/").content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert f"{appeal.reference}.png" in response["Content-Disposition"]


def test_modified_outcome_on_the_web_replaces_removal_with_a_label(
    client, removed, photo, alice, mod2
):
    from moderation.models import Decision

    appeal = appeal_submit(decision=removed, appellant=alice, explanation="A label would do.")
    staff_login(client, mod2)
    url = f"/moderation/appeals/{appeal.pk}/"
    verdict = {"outcome": "modified", "reasons": "A sensitive label is enough here."}
    incomplete = client.post(url, {**verdict, "new-action": "label_sensitive"})
    assert incomplete.status_code == 400 and Appeal.objects.get().state == "submitted"
    client.post(
        url,
        {
            **verdict,
            "new-action": "label_sensitive",
            "new-ground": "rules",
            "new-rule": "sensitive-label",
            "new-rule_explanation": "Graphic content needs a label, not removal.",
            "new-facts": "The photo shows an injury in a documentary context.",
            "new-automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        },
    )
    photo.refresh_from_db()
    assert photo.removed_at is None and photo.sensitive
    assert Decision.objects.get(appeal_of=appeal).moderator == mod2


@pytest.mark.parametrize("who", ["stranger", "wrong token"])
def test_the_appeal_page_shows_nothing_of_the_decision_to_a_non_party(
    client, removed, make_user, who
):
    url = f"/moderation/decisions/{removed.pk}/appeal/"
    if who == "stranger":
        client.force_login(make_user("carol"))
    else:
        url += "?token=guess"
    response = client.get(url)
    assert response.status_code == 403
    assert "Only the person affected" in response.text
    assert f"Decision {removed.pk}" not in response.text and "Remove" not in response.text
