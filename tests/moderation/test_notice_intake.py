"""Notice intake's case upsert and its receipt email (moderation/services/notices.py)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from core.models import Event
from moderation.models import Case, Notice
from moderation.services.notices import notice_submit
from moderation.services.targets import Target


class Abandoned(Exception):
    pass


def test_receipt_is_mailed_after_commit_not_before(
    photo, report, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = report(photo)
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [[bob.email]]
    assert notice.reference in mail.outbox[0].subject and notice.reference in mail.outbox[0].body


def test_no_receipt_when_the_surrounding_transaction_rolls_back(
    photo, report, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture, pytest.raises(Abandoned), transaction.atomic():
        report(photo)
        raise Abandoned
    assert mail.outbox == [] and Notice.objects.count() == 0 and Case.objects.count() == 0


def test_a_decided_case_is_not_joined_a_new_one_opens(photo, report):
    first = report(photo)
    Case.objects.filter(pk=first.case_id).update(state="decided")
    second = report(photo, explanation="It is back, and it still targets her.")
    assert second.case_id != first.case_id
    assert Event.objects.filter(kind="moderation.case_opened").count() == 2


def test_a_case_awaiting_approval_is_joined_and_its_version_moves(photo, report, make_user):
    first = report(photo)
    Case.objects.filter(pk=first.case_id).update(state="awaiting_approval")
    version = Case.objects.get().version
    second = report(photo, notifier=make_user("flagger"), notifier_type="trusted_flagger")
    case = Case.objects.get()
    assert second.case_id == first.case_id and case.version == version + 1
    assert case.state == "awaiting_approval" and case.priority == Notice.Priority.HIGH
    assert Event.objects.filter(kind="moderation.case_opened").count() == 1


def test_a_later_deadline_does_not_move_the_case_deadline(photo, report):
    now = timezone.now()
    manifest = dict(ground="illegal", country="DE", law="StGB §130", good_faith=True)
    early = report(photo, netzdg_manifest=True, now=now, **manifest)
    report(photo, now=now)
    case = Case.objects.get()
    assert case.deadline_at == early.deadline_at == now + timedelta(hours=24)
    assert case.notices.count() == 2 and case.opened_at == now


def test_the_returned_notice_reads_its_case_fields(photo, report):
    notice = report(photo)
    assert notice.case.target_owner == photo.owner and notice.case.state == "open"
    assert Notice.objects.get(pk=notice.pk).case_id == notice.case.pk


@pytest.mark.django_db(transaction=True)
def test_simultaneous_notices_about_a_new_item_join_one_case(alice, upload, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent upserts are exercised on PostgreSQL; SQLite serialises writers")
    people = [make_user(f"n{i}") for i in range(4)]
    for round_ in range(3):
        target = Target("photo", upload(alice, title=f"race {round_}"))
        assert _file_at_once(target, people) == []
        case = Case.objects.get(target_id=target.id)
        manifest = case.notices.get(netzdg_manifest=True)
        assert case.notices.count() == len(people)
        assert (
            case.deadline_at
            == manifest.deadline_at
            == min(n.deadline_at for n in case.notices.all())
        )
    assert Event.objects.filter(kind="moderation.case_opened").count() == 3


def _file_at_once(target: Target, people: list) -> list[Exception]:
    """Each person files an illegal-content notice at the same moment, the first one under
    NetzDG's 24 hours; returns what went wrong."""
    barrier, errors = threading.Barrier(len(people)), []

    def file(person, manifest: bool) -> None:
        barrier.wait()
        try:
            notice_submit(
                target=target,
                ground="illegal",
                country="DE",
                law="StGB §130",
                good_faith=True,
                explanation="Reported at the same moment as others.",
                notifier=person,
                netzdg_manifest=manifest,
            )
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(p, i == 0)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
