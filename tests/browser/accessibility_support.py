"""What the accessibility tests share: axe-core run in a page, signing a browser in
without the log-in form, and a small community with an open case, a decision and an appeal.

axe-core comes from the PyPI package axe-playwright-python (pinned in requirements-dev.txt,
its file hashes in requirements-dev.lock): the wheel ships axe.min.js (axe-core 4.12.1,
MPL-2.0), so the JavaScript is installed and verified like every other test dependency.
Only that file is used; the result is read here.
"""

from dataclasses import dataclass
from functools import cache

from django.test import Client
from django.utils import timezone

from accounts.models import User
from moderation.default_rules import DEFAULT_RULES
from moderation.models import Rule, RuleSet
from moderation.services.appeals import appeal_submit
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos
from social.services import comment_post, favourite_add
from tests.moderation_fixtures import REMOVAL, staff_login

# WCAG 2.0, 2.1 and 2.2, levels A and AA: the success criteria axe can test automatically.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# And axe's rules for page structure (tagged best-practice, not WCAG): one main landmark,
# everything inside a landmark, a first-level heading and no skipped heading levels.
STRUCTURE = [
    "landmark-one-main",
    "landmark-no-duplicate-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
    "skip-link",
]


@cache
def axe_source() -> str:
    from importlib.resources import files

    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, within: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.2 AA and page-structure violations on the page as it is now (or
    WCAG ones only in the part of it the CSS selector `within` names)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """([within, tags, rules]) => axe.run(within || document, {
              runOnly: {type: "tag", values: tags},
              rules: Object.fromEntries(rules.map(id => [id, {enabled: true}])),
              resultTypes: ["violations"]})""",
        [within, WCAG_AA, [] if within else STRUCTURE],
    )
    return result["violations"]


def describe(url: str, violations: list[dict]) -> list[str]:
    """One line a violated rule: the page, the rule, how many elements, the first ones."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        summary = v["nodes"][0].get("failureSummary", "").replace("\n", " ")[:200]
        lines.append(f"{url}: {v['id']} ({len(v['nodes'])}×) {targets} — {summary}")
    return lines


def sign_in(context, live_server_url: str, user: User, *, confirmed: bool = True) -> None:
    """Gives the browser context a signed-in session cookie (staff: confirmed by the second
    factor, as tests.moderation_fixtures.staff_login does, unless `confirmed` is False),
    skipping the log-in form."""
    client = Client()
    if user.has_staff_role and confirmed:
        staff_login(client, user)
    else:
        client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server_url}])


def install_rules() -> None:
    """Rules v1 as the data migration installs it (transactional tests flush it)."""
    if not RuleSet.objects.exists():
        now = timezone.now()
        ruleset = RuleSet.objects.create(version=1, published_at=now, effective_at=now)
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)


@dataclass
class Community:
    alice: User
    bob: User
    mod: User
    mod2: User  # a moderator without an authenticator yet
    photo: object  # public, tagged, in an album, commented and favourited
    reported: object  # reported: its case is open in the queue
    album: object
    bobs: object  # a photo of bob's
    open_case: object
    appealed: object  # a decision alice appealed
    appealable: object  # a decision alice may still appeal


def community(make_user, upload) -> Community:
    install_rules()
    alice = make_user("alice", display_name="Alice Example")
    bob = make_user("bob", display_name="Bob Example")
    mod = make_user("mod1", role="moderator", display_name="Mia Moderator")
    other_mod = make_user("mod2", role="moderator")
    photo = upload(
        alice,
        sample_jpeg(900, 600, seed=21),
        title="Harbour at night",
        description="Boats moored at the pier",
        tags="harbour night",
    )
    reported = upload(alice, sample_jpeg(600, 900, seed=22), title="Market", tags="harbour")
    removed = [upload(alice, sample_jpeg(640, 480, seed=s), title=f"Street {s}") for s in (23, 24)]
    bobs = upload(bob, sample_jpeg(800, 600, seed=25), title="Pier", description="A wooden pier")
    album = album_create(owner=alice, title="Summer by the sea", description="Boats and piers")
    album_set_photos(actor=alice, album=album, photo_ids=[photo.pk, reported.pk])
    comment_post(author=bob, photo_id=photo.pk, body="Lovely light on the water.")
    favourite_add(user=bob, photo_id=photo.pk)
    open_case = _report(reported, bob).case
    decisions = [_remove(_report(p, bob).case, other_mod) for p in removed]
    appeal_submit(
        decision=decisions[0], appellant=alice, explanation="My own street photo; no one is named."
    )
    return Community(
        alice=alice,
        bob=bob,
        mod=mod,
        mod2=other_mod,
        photo=photo,
        reported=reported,
        album=album,
        bobs=bobs,
        open_case=open_case,
        appealed=decisions[0],
        appealable=decisions[1],
    )


def _report(photo, notifier):
    return notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="The caption mocks my neighbour by name.",
        notifier=notifier,
    )


def _remove(case, moderator):
    case.refresh_from_db()
    return decision_issue(
        case=case, moderator=moderator, data=DecisionInput(**REMOVAL), expected_version=case.version
    )
