"""Consent's part of a user's export, import and erasure (see rights/registry.py): the
account-wide choices, per-photo overrides, and the full history with each receipt's hash."""

from consent.models import AccountConsent, ConsentChange, PhotoConsent, Purpose
from consent.services import consent_set, photo_consent_set
from photos.models import Photo

SECTION = "consent"
README = """\
### consent/

- `settings.json`: your account-wide choices for AI/ML training, generative-AI training,
  biometric analysis and research datasets (`account`), and your per-photo overrides
  (`photos`: photo id, purpose, allowed).
- `history.json`: every change (when, which photo or all, purpose, old and new value, who,
  reason) with the `hash` of its receipt and the `prev_hash` it is chained to.
"""
CHUNK = 1000


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
    """Per-photo overrides go with the photos; the account's choices and history go here."""
    account, _ = AccountConsent.objects.filter(user=user).delete()
    history, _ = ConsentChange.objects.filter(user=user).delete()
    return {"consent_settings_deleted": account, "consent_history_deleted": history}
