"""Writes for the licensee registry: registering an organisation (admins only: its token
downloads personal data of consenting photographers), granting datasets, and recording
every manifest download, which is what later deletion notices are addressed by."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import hash_token
from consent.models import Dataset, Licensee, Release, ReleaseDelivery
from consent.selectors.licensees import TOKEN_PREFIX
from consent.services.propagation import propagate_release
from consent.services.releases import ensure_admin
from core.errors import NotFound, ServiceError
from core.events import event_record

FORMATS = ("jsonl", "json")


def licensee_add(
    *,
    actor: User | None,
    organisation: str,
    contact_email: str,
    terms: str,
    datasets: list[Dataset] = (),
) -> tuple[Licensee, str]:
    """Returns the licensee and its API token, which is stored only as a hash and shown
    once. `actor` None is the operator's command line."""
    if actor is not None:
        ensure_admin(actor)
    organisation, terms = organisation.strip(), terms.strip()
    if not organisation or len(organisation) > 200:
        raise ServiceError(_("A licensee needs an organisation name of at most 200 characters."))
    if not terms:
        raise ServiceError(_("Record the terms the licensee agreed to."))
    try:
        validate_email(contact_email)
    except ValidationError:
        raise ServiceError(
            _("“%(email)s” is not an email address.") % {"email": contact_email}
        ) from None
    if Licensee.objects.filter(organisation__iexact=organisation).exists():
        raise ServiceError(
            _("A licensee named “%(name)s” exists already.") % {"name": organisation}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        licensee = Licensee.objects.create(
            organisation=organisation,
            contact_email=contact_email,
            terms=terms,
            terms_agreed_at=now,
            token_prefix=secret[:10],
            token_hash=hash_token(secret),
            created_at=now,
        )
        licensee.datasets.set(datasets)
        event_record(
            kind="licensee.added",
            actor=actor,
            subject=licensee,
            data={"datasets": sorted(d.pk for d in datasets)},
            private={"organisation": organisation, "contact": contact_email},
        )
    return licensee, secret


def release_deliver(*, licensee: Licensee, release: Release | None, format: str) -> ReleaseDelivery:
    """Records that `licensee` downloaded `release` (looked up with
    `release_for_licensee`, so None when not published or not covered by its terms)."""
    if format not in FORMATS:
        raise ServiceError(
            _("Unknown format “%(format)s”. Choose one of: %(known)s.")
            % {"format": format, "known": ", ".join(FORMATS)}
        )
    if release is None:
        raise NotFound(_("No such release among those your agreement covers."))
    with transaction.atomic():
        delivery = ReleaseDelivery.objects.create(
            release=release, licensee=licensee, format=format, delivered_at=timezone.now()
        )
        event_record(
            kind="release.delivered",
            subject=release,
            data={"licensee": licensee.pk, "format": format},
        )
        # A first download after a withdrawal leaves those rows out
        # (releases_selectors.manifest_rows_deliverable); the licensee is told why.
        transaction.on_commit(lambda: propagate_release(release))
    return delivery
