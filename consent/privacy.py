"""Consent's part of a user's export, import and erasure (see rights/registry.py): the
account-wide choices, per-photo overrides, the full history with each receipt's hash, and
the depicted-person requests the user filed."""

from consent.models import (
    AccountConsent,
    ConsentChange,
    DepictedRequest,
    PhotoConsent,
    Propagation,
    Purpose,
    ReleaseItem,
)
from consent.services.consent import consent_set, photo_consent_set, withdrawal_propagate
from consent.services.releases import attribution_erased
from core.events import events_scrub_private
from photos.models import Photo

SECTION = "consent"
README = """\
### consent/

- `settings.json`: your account-wide choices for AI/ML training, generative-AI training,
  biometric analysis and research datasets (`account`), and your per-photo overrides
  (`photos`: photo id, purpose, allowed).
- `history.json`: every change (when, which photo or all, purpose, old and new value, who,
  reason) with the `hash` of its receipt and the `prev_hash` it is chained to.
- `depicted_requests.json`: the requests you filed, signed in, as a person shown in a
  photo ("I am in this photo"): the photo id, the name, e-mail address, relation and
  statement you gave, what you asked for, the deadline, and the decision with its reasons.
"""
CHUNK = 1000
DEPICTED_FIELDS = (
    "created_at",
    "photo_id",
    "name",
    "email",
    "relation",
    "wants_exclusion",
    "wants_removal",
    "statement",
    "state",
    "deadline",
    "decided_at",
    "reasons",
)


def export(user, writer) -> None:
    account = dict(AccountConsent.objects.filter(user=user).values_list("purpose", "allowed"))
    overrides = (
        PhotoConsent.objects.filter(photo__owner=user)
        .order_by("id")
        .values("photo_id", "purpose", "allowed")
    )
    writer.write_json(
        "consent/settings.json",
        {
            "account": {purpose: account.get(purpose, False) for purpose in Purpose.values},
            "photos": list(overrides.iterator(chunk_size=CHUNK)),
        },
    )
    with writer.json_array("consent/history.json") as out:
        rows = (
            ConsentChange.objects.filter(user=user)
            .order_by("id")
            .values(
                "changed_at",
                "photo_ref",
                "purpose",
                "old_value",
                "new_value",
                "changed_by__username",
                "reason",
                "prev_hash",
                "hash",
            )
        )
        for row in rows.iterator(chunk_size=CHUNK):
            out.append(row)
    with writer.json_array("consent/depicted_requests.json") as out:
        filed = DepictedRequest.objects.filter(requester=user).order_by("id")
        for row in filed.values(*DEPICTED_FIELDS).iterator(chunk_size=CHUNK):
            out.append(row)


def import_archive(user, reader, report: dict) -> None:
    """Consent choices carry over; the new instance's history starts with the import."""
    settings = reader.json("consent/settings.json", {}) or {}
    for purpose, allowed in (settings.get("account") or {}).items():
        if purpose in Purpose.values:
            consent_set(user=user, purpose=purpose, allowed=bool(allowed))
    photo_map = report.get("photo_id_map", {})
    overrides = 0
    for row in settings.get("photos") or []:
        photo = Photo.objects.filter(pk=photo_map.get(row.get("photo_id")), owner=user).first()
        if photo is not None and row.get("purpose") in Purpose.values:
            photo_consent_set(
                actor=user, photo=photo, purpose=row["purpose"], allowed=bool(row.get("allowed"))
            )
            overrides += 1
    report.update(consent_overrides=overrides)


def erase(user, *, holds) -> dict[str, int]:
    """Per-photo overrides go with the photos; the account's choices and history go here.

    Frozen release rows of the user's photos keep their ids and hashes, which deletion
    notices are matched by, but lose the attribution naming the user and the photo's
    title. Their licensees are told to delete the rows once the photos are gone (GDPR
    Art. 17(2), 19). Depicted-person requests the user filed stay, with their decision,
    for the record, but lose the name, e-mail address, statement and account link, and
    the events about them their personal part."""
    account, _ = AccountConsent.objects.filter(user=user).delete()
    history, _ = ConsentChange.objects.filter(user=user).delete()
    released = ReleaseItem.objects.filter(owner_ref=user.pk)
    refs = sorted(set(released.values_list("photo_ref", flat=True)))
    attributions = released.update(attribution=attribution_erased())
    withdrawal_propagate(photo_ids=refs, purposes=list(Purpose.values))
    unnamed = Propagation.objects.filter(user=user).update(user=None)  # they run on
    filed = list(DepictedRequest.objects.filter(requester=user).values_list("pk", flat=True))
    DepictedRequest.objects.filter(pk__in=filed).update(
        requester=None, name="", email="", statement=""
    )
    events_scrub_private("consent.depictedrequest", filed)
    return {
        "consent_settings_deleted": account,
        "consent_history_deleted": history,
        "release_attributions_anonymised": attributions,
        "depicted_requests_anonymised": len(filed),
        "propagations_unnamed": unnamed,
    }
