"""Issue 15, done when "a German visitor can report, sign up, upload, appeal and moderate
entirely in German": the whole journey with Accept-Language: de, every page and every mail
checked for <html lang="de"> and for English UI text left untranslated (german_text.py).
Runs on SQLite and on PostgreSQL (scripts/with-postgres.sh)."""

import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import User
from accounts.terms import TERMS_VERSION
from moderation.models import Appeal, Notice, StatementOfReasons
from photos.models import Photo
from photos.samples import sample_jpeg
from tests.i18n.german_text import (
    assert_german_mail,
    assert_german_page,
    english_in,
    visible_text,
)
from tests.moderation_fixtures import mod, mod2, staff_login  # noqa: F401

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}
PASSWORD = "ein langes ungewöhnliches Passwort"


class Journey:
    """A German browser; every page it reads and every new mail is checked."""

    def __init__(self, capture):
        self.client = Client(**GERMAN)
        self.capture = capture
        self.mails_seen = len(mail.outbox)

    def get(self, path: str) -> str:
        return assert_german_page(self.client.get(path, follow=True))

    def post(self, path: str, data: dict) -> str:
        with self.capture(execute=True):
            response = self.client.post(path, data, follow=True)
        return assert_german_page(response)

    def refused(self, path: str, data: dict) -> str:
        """Bad input: refused (400) with its reasons in German."""
        return assert_german_page(self.client.post(path, data), status=400)

    def new_mails(self) -> list:
        fresh = mail.outbox[self.mails_seen :]
        self.mails_seen = len(mail.outbox)
        for message in fresh:
            assert_german_mail(message)
        return fresh


def test_report_sign_up_upload_moderate_and_appeal_all_in_german(
    db,
    mod,
    mod2,
    django_capture_on_commit_callbacks,  # noqa: F811
):
    capture = django_capture_on_commit_callbacks
    # German moderators chose German in their settings: mail reaches staff in their saved
    # language, else in the instance's (CANDID_LANGUAGE, English here).
    User.objects.filter(pk__in=[mod.pk, mod2.pk]).update(language="de")
    # Sign up, with the terms box, and confirm the address from the mail.
    member = Journey(capture)
    member.get("/accounts/signup/")
    page = member.post(
        "/accounts/signup/",
        {
            "username": "greta",
            "email": "greta@example.org",
            "password": PASSWORD,
            "accept_terms": "on",
            "terms_version": TERMS_VERSION,
        },
    )
    assert "Willkommen bei Candid" in page
    (confirmation,) = member.new_mails()
    link = re.search(r"https?://[^/\s]+(/accounts/verify/[^\s]+/)", confirmation.body).group(1)
    member.get(link)
    greta = User.objects.get(username="greta")
    assert not greta.email_unverified

    # Upload a photo.
    member.get("/upload/")
    jpeg = SimpleUploadedFile("hafen.jpg", sample_jpeg(640, 480, seed=15), "image/jpeg")
    page = member.post(
        "/upload/",
        {
            "files": jpeg,
            "title": "Hafen bei Nacht",
            "alt_text": "Boote am Steg im Licht der Laternen",
            "description": "Die Boote liegen still am Steg.",
            "tags": "hafen nacht",
            "licence": "cc-by",
            "visibility": "public",
        },
    )
    photo = Photo.objects.get(owner=greta)
    assert "Foto hochgeladen" in page and "Hafen bei Nacht" in page

    # A visitor reports it, then a member.
    visitor = Journey(capture)
    visitor.get(f"/photos/{photo.pk}/")
    visitor.get(f"/report/?type=photo&id={photo.pk}")
    refusal = visitor.refused("/report/", {"target_type": "photo", "target_id": photo.pk})
    assert "Bitte" in refusal and not Notice.objects.exists()
    report = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "Die Bildunterschrift verspottet meinen Nachbarn mit Namen.",
    }
    page = visitor.post(
        "/report/", {**report, "name": "Erika Muster", "email": "erika@example.org"}
    )
    notice = Notice.objects.get(notifier_email="erika@example.org")
    assert notice.reference in page
    assert [m.to for m in visitor.new_mails()] == [["erika@example.org"]]

    reporter = Journey(capture)
    reporter.client.force_login(User.objects.create_user("hans", "hans@example.org", PASSWORD))
    reporter.get(f"/report/?type=photo&id={photo.pk}")
    reporter.post("/report/", report)
    assert Notice.objects.filter(notifier__username="hans").exists()
    assert [m.to for m in reporter.new_mails()] == [["hans@example.org"]]

    # A moderator opens the queue and the case and removes the photo with a statement.
    moderator = Journey(capture)
    staff_login(moderator.client, mod)
    moderator.get("/moderation/")
    case = notice.case
    moderator.get(f"/moderation/cases/{case.pk}/")
    case.refresh_from_db()
    moderator.post(
        f"/moderation/cases/{case.pk}/",
        {
            "action": "remove",
            "ground": "rules",
            "rule": "harassment",
            "rule_explanation": "Die Bildunterschrift verspottet eine Privatperson mit Namen.",
            "facts": "Zwei Meldungen; die Bildunterschrift nennt eine Privatperson.",
            "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
            "expected_version": case.version,
        },
    )
    statement = StatementOfReasons.objects.get(decision__case=case)
    assert statement.recipient == greta
    told = {m.to[0] for m in moderator.new_mails()}
    assert told >= {"greta@example.org", "erika@example.org", "hans@example.org"}

    # The member reads the statement and appeals.
    page = member.get("/moderation/mine/")
    assert "Die Bildunterschrift verspottet eine Privatperson mit Namen." in page
    decision = statement.decision
    member.get(f"/moderation/decisions/{decision.pk}/appeal/")
    member.refused(f"/moderation/decisions/{decision.pk}/appeal/", {"explanation": ""})
    member.post(
        f"/moderation/decisions/{decision.pk}/appeal/",
        {"explanation": "Auf dem Foto ist niemand zu erkennen, und niemand wird genannt."},
    )
    appeal = Appeal.objects.get()
    member.new_mails()

    # Another moderator decides the appeal; both sides read the outcome.
    second = Journey(capture)
    staff_login(second.client, mod2)
    second.get("/moderation/")
    second.get(f"/moderation/appeals/{appeal.pk}/")
    second.post(
        f"/moderation/appeals/{appeal.pk}/",
        {"outcome": "reversed", "reasons": "Die Bildunterschrift nennt niemanden."},
    )
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == ("reversed", mod2)
    assert {m.to[0] for m in second.new_mails()} >= {"greta@example.org"}
    page = member.get("/moderation/mine/")
    assert "Die Bildunterschrift nennt niemanden." in page
    reporter.get("/moderation/mine/")


def test_the_check_finds_english_ui_text(client, db):
    """The journey's check is not vacuous: the same form in English is caught."""
    lang, text = visible_text(client.get("/accounts/signup/").content.decode())
    assert lang == "en"
    assert english_in(text) != []
    with_german = visible_text(client.get("/accounts/signup/", **GERMAN).content.decode())[1]
    assert english_in(with_german) == []


def test_signing_up_in_german_keeps_german_for_later_mail(db, django_capture_on_commit_callbacks):
    """Statements of reasons reach a member when they are not looking, in their saved
    language: signing up on a German page saves German (English, the instance's own
    language, stays "no preference")."""
    for username, language, saved in [("greta", "de", "de"), ("grace", "en", "")]:
        with django_capture_on_commit_callbacks(execute=True):
            Client(HTTP_ACCEPT_LANGUAGE=language).post(
                "/accounts/signup/",
                {
                    "username": username,
                    "email": f"{username}@example.org",
                    "password": PASSWORD,
                    "accept_terms": "on",
                    "terms_version": TERMS_VERSION,
                },
            )
        assert User.objects.get(username=username).language == saved
