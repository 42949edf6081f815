"""Due process in a real browser: a visitor reports a photo without an account, a moderator
removes it from the case page, the owner reads the statement of reasons on "My notices" and
appeals, a second moderator reverses, and the photo is back on its page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from moderation.default_rules import DEFAULT_RULES
from moderation.models import Appeal, Decision, Notice, Rule, RuleSet, StatementOfReasons
from photos.models import Photo
from photos.samples import sample_jpeg
from tests.moderation_fixtures import current_code, staff_device

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"  # the make_user fixture's password


@pytest.fixture(autouse=True)
def rules(transactional_db):
    """Rules v1 as the data migration installs it (transactional tests flush it)."""
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(
            version=1, published_at=timezone.now(), effective_at=timezone.now()
        )
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)


@pytest.fixture
def people(make_user):
    return {
        "alice": make_user("alice", display_name="Alice Example"),
        "mod1": make_user("mod1", role="moderator"),
        "mod2": make_user("mod2", role="moderator"),
    }


def log_in(page, username: str):
    user = User.objects.get(username=username)
    device = staff_device(user) if user.has_staff_role else None
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if device is not None:  # moderators confirm with their authenticator's code
        page.get_by_label("Code", exact=True).fill(current_code(device))
        page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.locator(".menu summary")).to_be_visible()


def loaded(image):
    """Wait until the image has really arrived and decoded (not just the element)."""
    expect(image).to_be_visible()
    image.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )


def report_signed_out(page, photo_id: int, artifacts) -> str:
    page.goto(f"/photos/{photo_id}/")
    page.get_by_role("link", name="Report this photo").click()
    page.get_by_label("Breaks the community rules").check()
    expect(page.get_by_label("Law or offence")).to_be_hidden()  # the other ground's fields
    page.get_by_label("Rule", exact=True).select_option("harassment")
    page.get_by_label("Explanation", exact=True).fill("The caption mocks my neighbour by name.")
    page.get_by_label("Your name").fill("Eve Example")
    page.get_by_label("Your email").fill("eve@example.org")
    page.screenshot(path=str(artifacts / "report-form.png"), full_page=True)
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you, we received your report")).to_be_visible()
    return page.locator(".reference").inner_text()


def remove_from_case_page(page, artifacts):
    page.get_by_role("link", name="Moderation", exact=True).click()
    loaded(page.locator("img.preview").first)
    page.screenshot(path=str(artifacts / "moderation-queue.png"), full_page=True)
    page.get_by_role("link", name=re.compile(r"^Open case \d+")).first.click()
    expect(page.get_by_text("The caption mocks my neighbour by name.")).to_be_visible()
    loaded(page.locator("img.case-image"))
    page.get_by_label("Decision", exact=True).select_option("remove")
    page.get_by_label("Breaks the community rules").check()
    page.get_by_label("Community rule", exact=True).select_option("harassment")
    page.get_by_label("How it breaks the rule").fill("The caption names and mocks a person.")
    page.get_by_label("Facts and circumstances relied on").fill(
        "Reported by a visitor; the caption names a private person."
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "moderation-case.png"), full_page=True)
    page.get_by_role("button", name="Issue decision").click()
    expect(page.get_by_text("The decision is saved.")).to_be_visible()
    loaded(page.locator("img.case-image"))
    page.screenshot(path=str(artifacts / "moderation-case-decided.png"), full_page=True)


def appeal_as_owner(page, artifacts):
    page.locator(".menu summary", has_text="Alice Example").click()
    page.get_by_role("link", name="My notices").click()
    statement = page.locator("article.statement")
    expect(statement.get_by_text("Remove content").first).to_be_visible()
    expect(statement.get_by_text("The caption names and mocks a person.")).to_be_visible()
    loaded(statement.get_by_alt_text("The item as it was when decided"))
    page.screenshot(path=str(artifacts / "moderation-my-notices.png"), full_page=True)
    page.get_by_role("link", name="Appeal this decision").click()
    page.get_by_label("Why the decision should change").fill(
        "This is my own harbour photo; the caption names nobody."
    )
    page.get_by_role("button", name="Send appeal").click()
    expect(page.get_by_text(re.compile(r"Your appeal A-\d{4}-\w+ is received"))).to_be_visible()


def reverse_as_second_moderator(page):
    page.get_by_role("link", name="Moderation", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Appeal A-")).click()
    page.get_by_label("Decision reversed").check()
    page.get_by_label("Reasons", exact=True).fill("The caption names nobody; the report erred.")
    page.get_by_role("button", name="Decide appeal").click()
    expect(page.get_by_text("The appeal is decided")).to_be_visible()


def test_report_remove_appeal_reverse_restores_the_photo(
    new_page, people, upload, artifacts, django_capture_on_commit_callbacks
):
    photo = upload(
        people["alice"],
        sample_jpeg(1200, 800, seed=11),
        title="Harbour at night",
        description="Boats moored at the pier",
    )

    visitor = new_page()
    reference = report_signed_out(visitor, photo.pk, artifacts)
    notice = Notice.objects.get()
    assert notice.reference == reference and notice.notifier is None

    moderator = new_page()
    log_in(moderator, "mod1")
    remove_from_case_page(moderator, artifacts)
    assert Photo.objects.get(pk=photo.pk).removed_at is not None
    visitor.goto(f"/photos/{photo.pk}/")
    expect(visitor.get_by_role("heading", name="Not found")).to_be_visible()
    assert StatementOfReasons.objects.get().recipient == people["alice"]

    owner = new_page()
    log_in(owner, "alice")
    appeal_as_owner(owner, artifacts)
    assert Appeal.objects.get().role == "affected"

    second = new_page()
    log_in(second, "mod2")
    reverse_as_second_moderator(second)
    appeal = Appeal.objects.get()
    assert appeal.outcome == "reversed" and appeal.decided_by == people["mod2"]
    assert Decision.objects.get().state == "reversed"

    visitor.goto(f"/photos/{photo.pk}/")
    expect(visitor.get_by_role("heading", name="Harbour at night")).to_be_visible()
    loaded(visitor.get_by_alt_text("Boats moored at the pier"))


def test_sensitive_photo_is_blurred_until_the_viewer_chooses_to_see_it(
    new_page, make_user, upload, artifacts
):
    from moderation.services.decisions import DecisionInput, decision_issue
    from moderation.services.notices import notice_submit
    from moderation.services.targets import Target

    owner, moderator = make_user("owner"), make_user("mod1", role="moderator")
    photo = upload(owner, sample_jpeg(900, 600, seed=5), title="Operating theatre")
    case = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="sensitive-label",
        explanation="An unlabelled photo of surgery.",
        notifier_name="Eve",
        notifier_email="eve@example.org",
    ).case
    decision_issue(
        case=case,
        moderator=moderator,
        data=DecisionInput(
            action="label_sensitive",
            ground="rules",
            rule_code="sensitive-label",
            rule_explanation="Shows an open wound without a label.",
            facts="The photo shows surgery; it was not labelled.",
        ),
        expected_version=case.version,
    )
    page = new_page()
    page.goto(f"/photos/{photo.pk}/")
    image = page.locator(".stage img")
    loaded(image)
    assert "blur" in image.evaluate("img => getComputedStyle(img).filter")
    page.screenshot(path=str(artifacts / "sensitive-photo.png"))
    page.get_by_text("Sensitive content — show").click()
    expect(page.get_by_text("Hide sensitive content")).to_be_visible()
    assert image.evaluate("img => getComputedStyle(img).filter") == "none"
    page.goto("/explore/")
    tile = page.locator(".photo-grid li.sensitive img")
    loaded(tile)
    assert "blur" in tile.evaluate("img => getComputedStyle(img).filter")
