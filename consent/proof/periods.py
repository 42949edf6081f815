"""A photo's reservation signals over time, replayed from the consent history.

The history (consent.models.ConsentChange) records every change of an account-wide
setting, a photo's own choice and a depicted person's veto, in order and hash-chained per
member. Replaying it gives the consent in force at any moment; the signals served for
that consent come from the same functions that build the rendition headers and XMP
(consent.signals_http.consent_headers, consent.metadata.ConsentState), so this record and
what was served cannot disagree.
"""

from dataclasses import dataclass, field
from datetime import datetime

from consent.metadata import VOCAB, ConsentState
from consent.models import ConsentChange, Purpose
from consent.signals_http import consent_headers

REFUSED, ALLOWED, INHERIT = "refused", "allowed", "inherit"


@dataclass
class Replay:
    """The consent in force after the changes applied so far."""

    account: dict[str, bool] = field(default_factory=dict)
    photo: dict[str, bool] = field(default_factory=dict)
    vetoed: bool = False

    def apply(self, change: ConsentChange) -> None:
        if change.photo_ref is None:
            self.account[change.purpose] = change.new_value == ALLOWED
        elif change.reason == "depicted_person":
            self.vetoed = True
        elif change.new_value == INHERIT:
            self.photo.pop(change.purpose, None)
        else:
            self.photo[change.purpose] = change.new_value == ALLOWED

    def state(self) -> ConsentState:
        if self.vetoed:
            return ConsentState(dict.fromkeys(Purpose.values, False))
        return ConsentState(
            {p: self.photo.get(p, self.account.get(p, False)) for p in Purpose.values}
        )


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime
    state: ConsentState
    last_change: ConsentChange | None  # the newest change in force (None: the default)

    def signals(self, *, policy_url: str) -> dict[str, str]:
        headers = consent_headers(self.state, policy_url=policy_url)
        return {**headers, "plus:DataMining": VOCAB + self.state.data_mining}


def photo_periods(*, owner, photo_id: int | None, start: datetime, end: datetime) -> list[Period]:
    """The periods in [start, end] with one consent each, for a photo of `owner` (or, with
    `photo_id` None, for the account's own setting: what a photo without choices of its
    own carries)."""
    replay, periods, last, since = Replay(), [], None, start
    for change in _history(owner, photo_id, end):
        if change.changed_at > since:
            periods.append(Period(since, change.changed_at, replay.state(), last))
            since = change.changed_at
        replay.apply(change)
        last = change
    periods.append(Period(since, end, replay.state(), last))
    return _merged(periods)


def _history(owner, photo_id: int | None, end: datetime):
    changes = ConsentChange.objects.filter(user=owner, changed_at__lte=end)
    if photo_id is None:
        changes = changes.filter(photo_ref=None)
    else:
        changes = changes.filter(photo_ref=None) | changes.filter(photo_ref=photo_id)
    return changes.order_by("changed_at", "id").iterator(chunk_size=2000)


def _merged(periods: list[Period]) -> list[Period]:
    """Neighbouring periods with the same consent are one period (several purposes changed
    at one moment are several history rows)."""
    merged: list[Period] = []
    for period in periods:
        if merged and merged[-1].state == period.state:
            previous = merged[-1]
            merged[-1] = Period(previous.start, period.end, period.state, period.last_change)
        else:
            merged.append(period)
    return merged
