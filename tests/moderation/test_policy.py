"""The moderation policy changes only through policy_update: validated, saved and logged."""

import pytest

from core.errors import ServiceError
from core.models import Event
from moderation.models import ModerationPolicy
from moderation.services.policy import policy_update


def test_a_change_is_saved_and_logged_with_who_made_it(db, mod3):
    policy = policy_update(changes={"strike_expiry_days": 365, "suspension_days": 14}, actor=mod3)
    assert ModerationPolicy.current().strike_expiry_days == 365 == policy.strike_expiry_days
    event = Event.objects.get(kind="moderation.policy_changed")
    assert event.actor == mod3 and event.data == {"strike_expiry_days": 365, "suspension_days": 14}
    assert event.chain_seq is not None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"strikes_for_suspension": 9}, "must not decrease: strikes_for_warning = 1"),
        ({"misuse_warning_after": 6}, "must not decrease: misuse_warning_after = 6"),
        ({"strike_expiry_days": -1}, "greater than or equal to 0"),
        ({"no_such_field": 3}, "Unknown policy fields ['no_such_field']"),
    ],
)
def test_a_bad_change_is_refused_and_changes_nothing(db, changes, message):
    before = ModerationPolicy.current()
    with pytest.raises(ServiceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        policy_update(changes=changes)
    after = ModerationPolicy.current()
    assert [getattr(after, f) for f in changes if hasattr(after, f)] == [
        getattr(before, f) for f in changes if hasattr(before, f)
    ]
    assert not Event.objects.filter(kind="moderation.policy_changed").exists()
