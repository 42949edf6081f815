"""The sections of a member's settings, in one list: the settings page (/settings/) shows
each with a summary and a link, and the side list of every settings page
(templates/settings/_nav.html) links them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    summary: Promise
    url_name: str
    # Other pages of the section: the side list marks the section current on them too.
    also: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def holds(self, url_name: str | None) -> bool:
        return url_name == self.url_name or url_name in self.also


SECTIONS = (
    Section(
        "profile",
        _("Profile"),
        _(
            "Your display name, picture and biography, your language and time zone, and "
            "whether search engines are asked to leave your pages out."
        ),
        url_name="profile_settings",
    ),
    Section(
        "account",
        _("Account"),
        _("Your password and e-mail address, the second factor, and where you are signed in."),
        url_name="account_settings",
        also=("sessions", "second_factor", "recovery_codes_renew"),
    ),
    Section(
        "defaults",
        _("Defaults"),
        _("What your new photos start with: licence, visibility and whether the location shows."),
        url_name="upload_defaults",
    ),
    Section(
        "notifications",
        _("Notifications"),
        _("What Candid tells you about, on the site and by e-mail, at once or once a day."),
        url_name="notification_settings",
    ),
    Section(
        "privacy",
        pgettext_lazy("settings section", "Privacy"),
        _("Whether people need your approval to follow you, and the accounts you block or mute."),
        url_name="privacy_settings",
    ),
    Section(
        "federation",
        _("Other servers"),
        _("Whether people on Mastodon, Pixelfed and other servers can find and follow you."),
        url_name="federation_settings",
    ),
    Section(
        "consent",
        _("Consent and AI"),
        _(
            "Whether your photos may be used to train AI, for biometric analysis or in research "
            "datasets: not allowed until you allow it."
        ),
        url_name="consent_settings",
    ),
    Section(
        "data",
        _("Your data"),
        _("Download everything Candid holds about you, import an archive, or delete your account."),
        url_name="your_data",
        also=("imports",),
    ),
    Section(
        "apps",
        _("Apps and tokens"),
        _("Personal access tokens for the API, and the apps you allowed to act for you."),
        url_name="tokens",
        also=("apps", "app_new", "app_log"),
    ),
)
