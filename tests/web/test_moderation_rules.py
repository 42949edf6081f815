"""The public community rules page (DSA Art. 14): versioned, each rule anchored by its
code, changes announced before they apply, earlier versions kept readable."""

from datetime import timedelta

from django.utils import timezone

from moderation.services.rules import ruleset_publish

NEW_RULES = [
    {
        "code": "harassment",
        "title": "No harassment, threats or doxxing",
        "text": "Do not threaten, stalk or dox a person.",
        "examples": "Posting someone's home address.",
    },
    {"code": "spam", "title": "No spam", "text": "Do not post repetitive commercial content."},
]


def test_rules_page_shows_each_rule_in_force_with_its_anchor_and_examples(client, db):
    page = client.get("/rules/").content.decode()
    assert "Version 1" in page and "in force since" in page
    assert 'id="harassment"' in page and "No harassment or threats" in page
    assert "Posting someone&#x27;s home address" in page
    assert "conduct, never viewpoints" in page


def test_upcoming_version_is_announced_before_it_applies(client, mod):
    effective = timezone.now() + timedelta(days=20)
    ruleset_publish(actor=mod, rules=NEW_RULES, summary="Doxxing named.", effective_at=effective)
    page = client.get("/rules/").content.decode()
    assert "Version 1</strong> —\n  in force since" in page  # v1 still applies today
    assert f"Version 2 applies from {effective:%-d %B %Y}" in page
    assert "Doxxing named." in page and 'href="/rules/v2/"' in page
    v2 = client.get("/rules/v2/").content.decode()
    assert "No harassment, threats or doxxing" in v2 and "applies from" in v2


def test_earlier_version_stays_readable_and_says_it_no_longer_applies(client, mod, time_machine):
    ruleset_publish(
        actor=mod,
        rules=NEW_RULES,
        summary="Doxxing named.",
        effective_at=timezone.now() + timedelta(days=15),
    )
    time_machine.move_to(timezone.now() + timedelta(days=16))
    current = client.get("/rules/").content.decode()
    assert "Version 2</strong>" in current and "No harassment, threats or doxxing" in current
    assert 'href="/rules/v1/"' in current
    old = client.get("/rules/v1/").content.decode()
    assert "no longer in force" in old and "No harassment or threats" in old


def test_unknown_rules_version_is_404(client, db):
    assert client.get("/rules/v99/").status_code == 404
