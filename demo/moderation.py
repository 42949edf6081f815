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
    photos = {p.title: p for p in Photo.objects.exclude(owner__username="dmitri")}
    _open_notices(users, photos)
    _decided_and_appealed(users, staff, photos)


def _open_notices(users, photos) -> None:
    notice_submit(
        target=Target("photo", photos["Backsteinmauer"]),
        ground="illegal",
        country="DE",
        law="UrhG §97 (copyright)",
        category="STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        explanation="Das ist eine Textur aus unserer kostenpflichtigen Bibliothek.",
        notifier_name="Jana Example",
        notifier_email="jana@example.org",
        good_faith=True,
    )
    notice_submit(
        target=Target("photo", photos["Zeit im Vorbeigehen"]),
        ground="rules",
        rule_code="own-work",
        explanation="Das ist mein Foto von 2019; bob hat es noch einmal hochgeladen.",
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
        target=Target("photo", photos["Gras nach dem Regen"]),
        ground="rules",
        rule_code="spam",
        explanation="Looks like an advert to me, really.",
        notifier=users["bob"],
    )
    decide_case(
        dew.case,
        staff["moana"],
        DecisionInput(
            action="no_action", facts="The photo shows blades of grass; no advertising anywhere."
        ),
    )
    coffee = notice_submit(
        target=Target("photo", photos["Cappuccino"]),
        ground="rules",
        rule_code="own-work",
        notifier=users["alice"],
        explanation="I saw this exact coffee photo on another site.",
    )
    decision = decide_case(
        coffee.case,
        staff["moana"],
        DecisionInput(
            action="remove",
            ground="rules",
            rule_code="own-work",
            rule_explanation="An identical image was published earlier by another photographer.",
            facts="A reverse image search found the photo in a software library's sample images.",
        ),
    )
    appeal_submit(
        decision=decision,
        appellant=users["carol"],
        explanation=(
            "Das Foto steht unter CC0, und ich habe die Fotografin, Rachel Michetti, genannt. "
            "Teilen ist ausdrücklich erlaubt."
        ),
    )


def decide_case(case, moderator, data):
    case.refresh_from_db()
    return decision_issue(case=case, moderator=moderator, data=data, expected_version=case.version)
