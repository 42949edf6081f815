"""Measures on other servers as logged, reasoned decisions (issue #20).

Each imposed, changed or lifted measure is a `DomainDecision` row with its moderator and
public reason, and a `moderation.server_measure` event in the hash-chained public log in
the same transaction: the DSA report counts these as the platform's own-initiative
measures on other servers (transparency/reports/dsa_servers.py). A block ends every
follow with the server both ways; the members who lose followers or follows are told
which servers and why (notifications/server_measures.py).

`domain_measures_apply` takes many entries in one transaction (a list import: one query
per step for all of them, one lock of the chain head for all the events)."""

import re
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import ServiceError
from core.events import events_record
from federation import addresses
from federation.domain_severing import follows_sever
from federation.intake_cache import blocks_forget
from federation.models import DomainBlock, DomainDecision

EVENT = "moderation.server_measure"
KINDS = tuple(DomainBlock.Kind.values)
MAX_REASON = 5000
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class MeasureEntry:
    """One decision to make: `kind` a DomainBlock.Kind, or DomainDecision.LIFT."""

    domain: str
    kind: str
    public_reason: str
    reject_media: bool = False
    reject_reports: bool = False
    obfuscate: bool = False
    private_note: str = ""


def domain_clean(raw: str) -> str:
    """The server's name as stored: lower case, internationalised names in their ASCII
    (punycode) form, no trailing dot. Refused with a message saying why otherwise."""
    domain = (raw or "").strip().lower().rstrip(".")
    if "*" in domain:
        raise ServiceError(
            _("“%(domain)s” is obfuscated: a measure needs the server’s full name.")
            % {"domain": raw}
        )
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    labels = domain.split(".")
    if not domain or len(domain) > 253 or not all(_LABEL.match(label) for label in labels):
        raise ServiceError(_("“%(domain)s” is not a server name.") % {"domain": raw})
    if domain == addresses.domain():  # with a port it is a test setup sharing one host
        raise ServiceError(_("This is Candid’s own server."))
    return domain


def entry_clean(entry: MeasureEntry) -> MeasureEntry:
    if entry.kind not in (*KINDS, DomainDecision.LIFT):
        raise ServiceError(_("Choose limit, block or reject media."))
    reason = (entry.public_reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the public reason for the decision."))
    if len(reason) > MAX_REASON:
        raise ServiceError(
            _("The reason may be at most %(count)s characters long.") % {"count": MAX_REASON}
        )
    return replace(entry, domain=domain_clean(entry.domain), public_reason=reason)


def domain_measure_set(*, moderator: User | None, entry: MeasureEntry, source: str):
    """Imposes or changes one measure (`moderator` None: the operator at the command line)."""
    return domain_measures_apply(moderator=moderator, entries=[entry], source=source)[0]


def domain_measure_lift(
    *, moderator: User | None, domain: str, public_reason: str, source: str
) -> DomainDecision:
    entry = MeasureEntry(domain=domain, kind=DomainDecision.LIFT, public_reason=public_reason)
    return domain_measures_apply(moderator=moderator, entries=[entry], source=source)[0]


@transaction.atomic
def domain_measures_apply(
    *, moderator: User | None, entries: list[MeasureEntry], source: str
) -> list[DomainDecision]:
    """Makes every decision in `entries` or, if any is refused, none."""
    if moderator is not None:
        ensure_moderator(moderator)
    entries = [entry_clean(e) for e in entries]
    if len({e.domain for e in entries}) != len(entries):
        raise ServiceError(_("Each server may appear only once."))
    now = timezone.now()
    existing = {
        b.domain: b
        for b in DomainBlock.objects.select_for_update().filter(
            domain__in=[e.domain for e in entries]
        )
    }
    _store(entries, existing, now)
    blocks = [e.domain for e in entries if e.kind == DomainBlock.Kind.BLOCK]
    ended = follows_sever(domains=blocks, reasons={e.domain: e.public_reason for e in entries})
    decisions = DomainDecision.objects.bulk_create(
        [_decision(e, moderator, source, ended.get(e.domain, 0), now) for e in entries]
    )
    events_record(
        [_event(d, e, existing, moderator) for d, e in zip(decisions, entries, strict=True)]
    )
    return decisions


def _store(entries: list[MeasureEntry], existing: dict, now) -> None:
    lifted = [e.domain for e in entries if e.kind == DomainDecision.LIFT]
    missing = [d for d in lifted if d not in existing]
    if missing:
        raise ServiceError(
            _("There is no measure on %(domain)s to lift.") % {"domain": ", ".join(missing)}
        )
    DomainBlock.objects.filter(domain__in=lifted).delete()
    new, changed = [], []
    for e in entries:
        if e.kind == DomainDecision.LIFT:
            continue
        fields = {
            "kind": e.kind,
            "reject_media": e.reject_media,
            "reject_reports": e.reject_reports,
            "obfuscate": e.obfuscate,
            "public_reason": e.public_reason,
            "decided_at": now,
        }
        if e.domain in existing:
            block = existing[e.domain]
            for name, value in fields.items():
                setattr(block, name, value)
            changed.append(block)
        else:
            new.append(DomainBlock(domain=e.domain, **fields))
    DomainBlock.objects.bulk_create(new)
    if changed:
        DomainBlock.objects.bulk_update(changed, [*fields])
    blocks_forget()  # now, for this transaction, and again once others can see it
    transaction.on_commit(blocks_forget)


def _decision(entry: MeasureEntry, moderator, source: str, ended: int, now) -> DomainDecision:
    return DomainDecision(
        domain=entry.domain,
        action=entry.kind,
        reject_media=entry.reject_media,
        reject_reports=entry.reject_reports,
        obfuscate=entry.obfuscate,
        public_reason=entry.public_reason,
        private_note=entry.private_note,
        moderator=moderator,
        source=source,
        follows_ended=ended,
        created_at=now,
    )


def _event(decision: DomainDecision, entry: MeasureEntry, existing: dict, moderator) -> dict:
    """The public log names the server as the public page does (obfuscated if asked); the
    reason, free text, stays in `private` and on the public page."""
    if entry.kind == DomainDecision.LIFT:
        level = "lifted"
    else:
        level = "changed" if entry.domain in existing else "imposed"
    obfuscate = entry.obfuscate or (level == "lifted" and existing[entry.domain].obfuscate)
    return {
        "kind": EVENT,
        "actor": moderator,
        "subject": decision,
        "data": {
            "domain": domain_obfuscated(entry.domain) if obfuscate else entry.domain,
            "kind": entry.kind,
            "level": level,
            "reject_media": entry.reject_media,
            "reject_reports": entry.reject_reports,
            "source": decision.source,
            "follows_ended": decision.follows_ended,
            "own_initiative": True,
        },
        "private": {"public_reason": entry.public_reason, "private_note": entry.private_note},
    }


def domain_obfuscated(domain: str) -> str:
    """As Mastodon publishes an obfuscated block: every second character of the name
    before the last label replaced, `example.com` → `e*a*p*e.com`."""
    head, dot, tail = domain.rpartition(".")
    if not dot:
        head, tail = domain, ""
    masked = "".join("*" if i % 2 and c != "." else c for i, c in enumerate(head))
    return f"{masked}{dot}{tail}"
