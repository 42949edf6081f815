from consent.demo.releases import build_consent_demo
from consent.selectors.licensees import withdrawals_of


def test_the_demo_has_a_downloaded_release_and_a_pending_acknowledgement(
    alice, bob, make_user, django_capture_on_commit_callbacks
):
    admin = make_user("ada", role="admin")
    with django_capture_on_commit_callbacks(execute=True):
        made = build_consent_demo({"alice": alice, "bob": bob}, {"ada": admin})
    assert made["release"].state == "published" and made["release"].row_count == 3
    assert made["licensee"].deliveries.count() == 1
    (notice,) = made["licensee"].notices.all()
    assert notice.state == "sent" and notice.items.count() == 1
    states = [
        lic["notice"]["state"]
        for photo in withdrawals_of(alice)
        for held in photo["releases"]
        for lic in held["licensees"]
        if lic["notice"]
    ]
    assert states == ["sent"]
