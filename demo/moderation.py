"""Demo moderation: staff accounts, open notices of both kinds, decided cases, an appeal."""

from accounts.models import User
from accounts.services import user_role_set, user_signup
from demo.community import DEMO_PASSWORD
from demo.staff_devices import demo_device_create
from moderation.services.appeals import appeal_submit
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from photos.models import Photo
from social.models import Comment

STAFF = [
    ("moana", User.Role.MODERATOR),
    ("maximilian", User.Role.MODERATOR),
    ("ada", User.Role.ADMIN),
]


def create_staff() -> dict[str, User]:
    staff = {}
    for username, role in STAFF:
        user = user_signup(
            username=username, email=f"{username}@demo.candid.invalid", password=DEMO_PASSWORD
        )
        user_role_set(user=user, role=role)
        demo_device_create(user)
        staff[username] = user
    return staff


def build_moderation(users: dict[str, User], staff: dict[str, User]) -> None:
    """Today's work: open notices of both kinds, decided cases and an open appeal."""
    photos = {p.title: p for p in Photo.objects.all()}
    _open_notices(users, photos)
    _decided_and_appealed(users, staff, photos)


def _open_notices(users, photos) -> None:
    notice_submit(
        target=Target("photo", photos["Market day"]),
        ground="illegal",
        country="DE",
        law="KUG §22 (right to one's own image)",
        category="STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
        explanation="I am the woman in the centre and never agreed to this photo.",
        notifier_name="Jana Example",
        notifier_email="jana@example.org",
        good_faith=True,
    )
    notice_submit(
        target=Target("photo", photos["Rooftops"]),
        ground="rules",
        rule_code="own-work",
        explanation="This is my photo from 2019; bob re-uploaded it.",
        notifier=users["carol"],
    )
    comment = Comment.objects.first()
    notice_submit(
        target=Target("comment", comment),
        ground="illegal",
        country="DE",
        law="StGB §185",
        netzdg_manifest=True,
        good_faith=True,
        explanation="The comment insults a named person.",
        channel="web",
        notifier_name="Complaints office",
        notifier_email="office@example.org",
        notifier_type="complaint_body",
    )


def _decided_and_appealed(users, staff, photos) -> None:
    dew = notice_submit(
        target=Target("photo", photos["Dew"]),
        ground="rules",
        rule_code="spam",
        explanation="Looks like an advert to me, really.",
        notifier=users["bob"],
    )
    decide_case(
        dew.case,
        staff["moana"],
        DecisionInput(
            action="no_action", facts="The photo shows dew on a web; no advertising anywhere."
        ),
    )
    whiskers = notice_submit(
        target=Target("photo", photos["Whiskers"]),
        ground="rules",
        rule_code="own-work",
        notifier=users["alice"],
        explanation="I saw this exact cat photo on another site.",
    )
    decision = decide_case(
        whiskers.case,
        staff["moana"],
        DecisionInput(
            action="remove",
            ground="rules",
            rule_code="own-work",
            rule_explanation="An identical image was published earlier by another photographer.",
            facts="A reverse image search found the photo on a stock site dated 2021.",
        ),
    )
    appeal_submit(
        decision=decision,
        appellant=users["carol"],
        explanation="Miso is my cat; the stock site copied my photo, not the reverse.",
    )


def decide_case(case, moderator, data):
    case.refresh_from_db()
    return decision_issue(case=case, moderator=moderator, data=data, expected_version=case.version)
