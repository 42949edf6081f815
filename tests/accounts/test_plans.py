"""Plans and quotas: over quota only pauses new uploads. Nothing is deleted or hidden,
viewing, originals and export keep working, a downgrade keeps every photo, and
enforcement does not depend on the plan."""

import io
import pathlib

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Plan, PlanPolicy
from accounts.plans import QuotaReached, plan_quota_set, plan_set, quota_of, quota_status
from accounts.services import token_create
from core.models import Event
from photos.models import Photo
from photos.samples import sample_jpeg
from photos.services import photo_upload
from tests.api.conftest import ApiClient


def send(owner, seed: int = 7):
    data = sample_jpeg(320, 240, seed=seed)
    return photo_upload(
        owner=owner, file=io.BytesIO(data), filename="p.jpg", size=len(data), title="New"
    )


@pytest.fixture
def small_quotas(db):
    plan_quota_set(plan="free", photo_quota=2)
    plan_quota_set(plan="paid", photo_quota=4)


@pytest.fixture
def full_alice(alice, upload, small_quotas):
    """Alice on the free plan holding exactly her quota of 2 photos (one private)."""
    upload(alice, title="One")
    upload(alice, title="Two", visibility="private")
    return alice


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_default_quotas_are_a_thousand_free_and_a_hundred_thousand_paid(alice):
    assert quota_of("free") == 1_000 and quota_of("paid") == 100_000
    PlanPolicy.objects.all().delete()
    assert quota_of("free") == 1_000 and quota_of("paid") == 100_000
    assert alice.plan == Plan.FREE


@pytest.mark.django_db
def test_an_upload_over_quota_is_refused_with_a_clear_message_and_stores_nothing(
    full_alice, media_dir
):
    files_before = sorted(pathlib.Path(media_dir).rglob("*"))
    with pytest.raises(QuotaReached) as refused:
        send(full_alice)
    message = refused.value.message
    assert "Your free plan holds 2 photos; you have 2" in message
    assert "Uploads are paused" in message and "Nothing is deleted" in message
    assert refused.value.status == 403
    assert Photo.objects.filter(owner=full_alice).count() == 2
    assert sorted(pathlib.Path(media_dir).rglob("*")) == files_before


@pytest.mark.django_db
def test_the_web_upload_page_shows_the_quota_message(full_alice, uploaded_file):
    """Refused as the API refuses it (403), with the message on the page."""
    page = signed_in(full_alice).post(
        "/upload/",
        {"files": uploaded_file(), "licence": "arr", "visibility": "public", "title": "x"},
    )
    assert page.status_code == 403 and "Uploads are paused" in page.content.decode()
    assert Photo.objects.filter(owner=full_alice).count() == 2


@pytest.mark.django_db
def test_the_api_answers_403_with_the_quota_message(full_alice, uploaded_file):
    api = ApiClient(token_create(user=full_alice, name="t", scopes=["read", "write"])[1])
    answer = api.upload({"file": uploaded_file(), "title": "x"})
    assert answer.status_code == 403 and "Your free plan holds 2" in answer.json()["detail"]


@pytest.mark.django_db
def test_over_quota_photos_stay_visible_downloadable_and_listed(full_alice, bob, make_user):
    plan_quota_set(plan="free", photo_quota=1)  # now over quota
    public = Photo.objects.get(owner=full_alice, title="One")
    private = Photo.objects.get(owner=full_alice, title="Two")
    assert quota_status(full_alice).over
    assert Client().get(f"/photos/{public.pk}/").status_code == 200
    assert Client().get(f"/r/{public.pk}/small.jpg").status_code == 200
    owner = signed_in(full_alice)
    assert owner.get(f"/photos/{private.pk}/").status_code == 200
    original = owner.get(f"/photos/{public.pk}/original")
    assert original.status_code == 200 and b"".join(original.streaming_content)
    listed = ApiClient().get("/photos", user="alice").json()["items"]
    assert [item["id"] for item in listed] == [public.pk]
    assert Photo.objects.filter(owner=full_alice, removed_at__isnull=True).count() == 2


@pytest.mark.django_db
def test_over_quota_the_user_can_still_edit_delete_and_comment(full_alice, bob, upload):
    from photos.services import photo_delete
    from social.services import comment_post

    plan_quota_set(plan="free", photo_quota=0)
    photo = Photo.objects.get(owner=full_alice, title="One")
    comment_post(author=full_alice, photo_id=photo.pk, body="Still here")
    photo_delete(actor=full_alice, photo=photo)
    assert Photo.objects.filter(owner=full_alice).count() == 1


@pytest.mark.django_db
def test_over_quota_the_user_can_still_export_everything(full_alice):
    exports = pytest.importorskip("rights.services.exports")
    plan_quota_set(plan="free", photo_quota=0)
    export = exports.export_request(actor=full_alice, user=full_alice)
    built = exports.export_build(export_id=export.pk)
    assert built.state == "ready"


@pytest.mark.django_db
def test_a_downgrade_keeps_every_photo_and_only_pauses_uploads(alice, upload, small_quotas):
    plan_set(user=alice, plan="paid")
    photos = [upload(alice, title=f"P{i}") for i in range(3)]
    plan_set(user=alice, plan="free")
    alice.refresh_from_db()
    assert alice.plan == "free"
    assert set(Photo.objects.filter(owner=alice, removed_at__isnull=True)) == set(photos)
    assert all(Client().get(f"/photos/{p.pk}/").status_code == 200 for p in photos)
    with pytest.raises(QuotaReached):
        send(alice)
    event = Event.objects.filter(kind="account.plan_changed", subject_id=alice.pk).last()
    assert event.data == {"from": "paid", "to": "free"}
    plan_set(user=alice, plan="paid")
    assert send(alice).pk


@pytest.mark.django_db
def test_upgrading_resumes_uploads(full_alice):
    call_command("set_plan", "alice", "paid", stdout=io.StringIO())
    full_alice.refresh_from_db()
    assert full_alice.plan == "paid" and send(full_alice).pk


@pytest.mark.django_db
def test_plan_commands_set_plans_and_quotas(alice):
    out = io.StringIO()
    call_command("plan_quota", "free=5", "paid=50", stdout=out)
    assert "free=5" in out.getvalue() and quota_of("paid") == 50
    assert Event.objects.filter(kind="plan.quota_changed").count() == 2
    call_command("set_plan", "alice", "paid", stdout=out)
    alice.refresh_from_db()
    assert alice.plan == "paid"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (("set_plan", "nobody", "paid"), "no user"),
        (("set_plan", "alice", "gold"), "no plan"),
        (("plan_quota", "free=lots"), "PLAN=NUMBER"),
        (("plan_quota", "gold=5"), "PLAN=NUMBER"),
        (("plan_quota", "free=-1"), "PLAN=NUMBER"),
    ],
)
def test_plan_commands_refuse_bad_input_and_change_nothing(alice, args, message):
    with pytest.raises(CommandError) as refused:
        call_command(*args, stdout=io.StringIO())
    assert message in str(refused.value)
    alice.refresh_from_db()
    assert alice.plan == "free" and quota_of("free") == 1_000
    assert not Event.objects.filter(kind__in=["account.plan_changed", "plan.quota_changed"])
