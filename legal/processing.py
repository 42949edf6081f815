"""What personal data Candid processes, why, on what legal basis and for how long: the
source of the privacy notice (GDPR Art. 13, /legal/privacy/).

Each entry names the models that hold the data. tests/legal/test_processing.py fails when a
model of Candid's own apps is in neither an entry nor `NOT_PERSONAL`, and when a model
listed as not personal has a field that usually holds personal data: a new model that
stores personal data cannot reach the notice undeclared.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CONTRACT = _("Art. 6(1)(b) GDPR: to provide the service you signed up for")
LEGAL_DUTY = _("Art. 6(1)(c) GDPR: a legal obligation")
INTEREST = _("Art. 6(1)(f) GDPR: our legitimate interest")
CONSENT = _("Art. 6(1)(a) GDPR: your consent, which you can withdraw at any time")


@dataclass(frozen=True)
class Processing:
    key: str
    title: str
    data: str
    purpose: str
    basis: tuple[str, ...]
    retention: str  # may name %(mail_days)s and the other `retention_values()`
    models: tuple[str, ...]


PROCESSING: tuple[Processing, ...] = (
    Processing(
        "account",
        _("Your account"),
        _(
            "User name, display name, e-mail address, password hash, biography, avatar, "
            "language, time zone, role, access tokens."
        ),
        _("To run your account, sign you in and write to you about it."),
        (CONTRACT,),
        _(
            "Until you delete your account (you can cancel within %(erasure_days)s days); "
            "revoked tokens are kept as a record of their use."
        ),
        ("accounts.User", "accounts.ApiToken", "accounts.TermsAcknowledgement"),
    ),
    Processing(
        "photos",
        _("Photos and their metadata"),
        _(
            "Your photos, titles, descriptions, tags, albums, licences and the metadata in "
            "the files (EXIF: camera, time taken, GPS position)."
        ),
        _(
            "To store and show your photos as you choose. The GPS position is removed from "
            "everything served unless you choose to show it; the original file is yours alone."
        ),
        (CONTRACT, CONSENT),
        _("Until you delete the photo or your account."),
        (
            "photos.Photo",
            "photos.Rendition",
            "photos.Album",
            "photos.AlbumPhoto",
            "photos.PhotoOrigin",
            "photos.ImportedComment",
        ),
    ),
    Processing(
        "social",
        _("Follows, favourites and comments"),
        _(
            "Whom you follow and whom you asked to, whom you blocked or muted, your choice "
            "of follow approval, which photos you mark as favourites, your comments."
        ),
        _(
            "To build your feed, to let only the followers you accept see your "
            "followers-only photos, and to show your activity as you choose."
        ),
        (CONTRACT,),
        _("Until you remove them or delete your account."),
        (
            "social.Follow",
            "social.Favourite",
            "social.Comment",
            "social.FollowRequest",
            "social.Block",
            "social.Mute",
            "social.AudienceSetting",
        ),
    ),
    Processing(
        "notifications",
        _("Notifications"),
        _(
            "What you were notified of (who followed you, favourited, commented on or "
            "mentioned you, moderation messages), when you read it, and your e-mail choices."
        ),
        _("To tell you what happens to you and your photos, on the site and by e-mail."),
        (CONTRACT,),
        _("Until you delete them by deleting your account, or the photo they are about."),
        ("notifications.Notification", "notifications.EmailPreference"),
    ),
    Processing(
        "sessions",
        _("Sessions and IP addresses"),
        _(
            "For each signed-in session: browser, IP address, sign-in time and last use. For "
            "staff also every sign-in attempt."
        ),
        _("To let you see and end your sessions, and to protect accounts from misuse."),
        (INTEREST,),
        _(
            "Until the session ends or you sign it out; staff sign-in attempts are kept in "
            "the audit log."
        ),
        ("accounts.SessionRecord",),
    ),
    Processing(
        "rate_limits",
        _("Rate limits"),
        _("Counters keyed by IP address or account name."),
        _("To stop floods of sign-in attempts, sign-ups, reports and uploads."),
        (INTEREST,),
        _("Only for the window the limit counts (a minute to an hour)."),
        (),
    ),
    Processing(
        "active_recipients",
        _("Counting active recipients"),
        _("A keyed hash of your account or IP address, once a day."),
        _("To count the average monthly active recipients the DSA asks for (Art. 24(2))."),
        (LEGAL_DUTY, INTEREST),
        _("Until the month closes; then only the month's total is kept and the key is deleted."),
        ("transparency.RecipientSeen", "transparency.RecipientSalt"),
    ),
    Processing(
        "notices",
        _("Notices (reports)"),
        _(
            "The notifier's name and e-mail address if given, the explanation, the item "
            "reported and its owner."
        ),
        _("To handle notices of illegal content and of rule breaches (DSA Art. 16)."),
        (LEGAL_DUTY,),
        _(
            "As long as the case and its appeal period last; the transparency reports count "
            "notices without personal data."
        ),
        ("moderation.Notice", "moderation.Case"),
    ),
    Processing(
        "statements",
        _("Decisions, statements of reasons, complaints and disputes"),
        _(
            "Moderation decisions about your content or account, the statements of reasons "
            "sent to you, your complaints and their outcome, strikes and measures against "
            "misuse."
        ),
        _(
            "To give reasons for every restriction (DSA Art. 17), handle complaints (Art. 20), "
            "out-of-court disputes (Art. 21) and misuse (Art. 23)."
        ),
        (LEGAL_DUTY,),
        _(
            "Strikes expire after 180 days; the decision record is kept as long as it can be "
            "contested; statements sent to the EU database hold no personal data."
        ),
        (
            "moderation.Decision",
            "moderation.StatementOfReasons",
            "moderation.Appeal",
            "moderation.Dispute",
            "moderation.Strike",
            "moderation.MisuseMeasure",
            "federation.DomainDecision",
        ),
    ),
    Processing(
        "evidence",
        _("Evidence of removed content"),
        _("A copy of removed content (image and text)."),
        _("To decide complaints about the removal and to be able to restore the content."),
        (LEGAL_DUTY, INTEREST),
        _("At least ten weeks and until the six-month complaint period has ended; then deleted."),
        ("moderation.Evidence",),
    ),
    Processing(
        "authorities",
        _("Notifications to law enforcement"),
        _(
            "Information on a suspected criminal offence involving a threat to the life or "
            "safety of persons, as sent to the authority."
        ),
        _("To inform the competent authorities as the DSA requires (Art. 18)."),
        (LEGAL_DUTY,),
        _("As long as the case record is kept."),
        ("legal.AuthorityNotification",),
    ),
    Processing(
        "consent",
        _("Consent records"),
        _(
            "Your choices on AI training and biometric analysis, per account and per photo, "
            "and their history."
        ),
        _(
            "To respect your choices, send them as machine-readable reservations and prove "
            "what was in force when."
        ),
        (CONSENT, LEGAL_DUTY),
        _("As long as your account exists; the hash-chained history is kept as proof."),
        (
            "consent.AccountConsent",
            "consent.PhotoConsent",
            "consent.ConsentChange",
            "consent.Propagation",
        ),
    ),
    Processing(
        "datasets",
        _("Research datasets and the dataset lookup"),
        _(
            "References to consenting photos in dataset releases with their attribution, "
            "licensees' contacts, lists of photos in external datasets, and requests from "
            "people depicted in a photo."
        ),
        _(
            "To release only consenting photos, pass withdrawals on to every licensee, let "
            "anyone check whether they are in a dataset, and handle requests from people "
            "depicted."
        ),
        (CONSENT, INTEREST),
        _(
            "As long as a release or an imported list is kept, so that withdrawals reach "
            "every licensee; requests until decided and documented."
        ),
        (
            "consent.Dataset",
            "consent.Release",
            "consent.ReleaseItem",
            "consent.Licensee",
            "consent.ReleaseDelivery",
            "consent.DeletionNotice",
            "consent.DeletionNoticeItem",
            "consent.ExternalDataset",
            "consent.ManifestRow",
            "consent.DepictedRequest",
        ),
    ),
    Processing(
        "exports",
        _("Exports, imports and erasure"),
        _("Archives of your data you asked for, archives you imported, your deletion request."),
        _("To give you your data (GDPR Arts. 15, 20) and delete it (Art. 17)."),
        (LEGAL_DUTY, CONTRACT),
        _(
            "Export archives are deleted after %(export_days)s days; the deletion request is "
            "kept as the record that your data was erased."
        ),
        (
            "rights.DataExport",
            "rights.ImportRun",
            "rights.ImportItem",
            "rights.ImportProblem",
            "rights.ImportLink",
            "rights.ImportUpload",
            "rights.ErasureRequest",
        ),
    ),
    Processing(
        "apps",
        _("Third-party apps"),
        _("Which apps you authorised, with which scopes, and each access they made."),
        _("To let you see and revoke what apps do with your account."),
        (CONTRACT,),
        _("The access log is kept %(access_log_days)s days; authorisations until revoked."),
        ("thirdparty.AppAuthorisation", "thirdparty.AccessLogEntry"),
    ),
    Processing(
        "mail",
        _("E-mail"),
        _("The messages Candid sends to your address."),
        _("To confirm notices, send statements of reasons and account messages."),
        (CONTRACT, LEGAL_DUTY),
        _("Sent messages are kept %(mail_days)s days."),
        ("core.OutgoingMail",),
    ),
    Processing(
        "logs",
        _("The event log and server logs"),
        _(
            "A record of every change (who did what, when); server logs with IP addresses "
            "and error reports without personal data."
        ),
        _(
            "Accountability: the moderation log is public and hash-chained without personal "
            "data; the rest is kept for security and troubleshooting."
        ),
        (LEGAL_DUTY, INTEREST),
        _(
            "The event log is permanent, but its personal part is blanked when you delete your "
            "account; server logs as long as the operator's log system keeps them."
        ),
        ("core.Event",),
    ),
    Processing(
        "federation",
        _("Other servers (federation)"),
        _(
            "When the operator turns federation on: the signing keys of your profile, whether "
            "you can be found from other servers, the accounts on other servers that follow "
            "you or that you interact with (their public profile as their server publishes "
            "it), the activities other servers deliver and those Candid sends to them."
        ),
        _(
            "To let people on Mastodon, Pixelfed and other servers follow you and see your "
            "public photos, as you choose in your settings."
        ),
        (CONTRACT, INTEREST),
        _(
            "Received activities are kept 30 days after they were processed, sent ones 7 "
            "days after delivery (those carrying out a moderation decision as long as its "
            "case); follows until they are undone; your keys until you delete your account."
        ),
        (
            "federation.LocalActor",
            "federation.RemoteActor",
            "federation.RemoteFollow",
            "federation.InboxMessage",
            "federation.Delivery",
            "federation.OutgoingFollow",
            "federation.RemotePost",
            "federation.RemoteLike",
            "federation.RemoteReply",
            "federation.OutgoingLike",
            "federation.CachedMedia",
            "federation.MemberRemoteBlock",
            "federation.MemberRemoteMute",
        ),
    ),
)

# Models without personal data, each with why.
NOT_PERSONAL: dict[str, str] = {
    "core.ChainHead": "the hash chain's head: a number and a hash",
    "core.Schedule": "the task scheduler's next runs",
    "core.WorkerBeat": "worker heartbeats",
    "accounts.PlanPolicy": "quota per plan",
    "photos.Tag": "tag names, shared by everyone",
    "moderation.ModerationPolicy": "policy figures",
    "moderation.RuleSet": "published community rules",
    "moderation.Rule": "published community rules",
    "transparency.MonthlyRecipients": "a monthly total",
    "transparency.FactValue": "words of the public log",
    "transparency.NoticeFact": "projection of the public log, which holds no personal data",
    "transparency.OutcomeFact": "projection of the public log",
    "transparency.DecisionFact": "projection of the public log",
    "transparency.LogFact": "projection of the public log",
    "transparency.FactsFolded": "a sequence number",
    "consent.CrawlerPolicy": "the instance's crawler setting",
    "consent.ServedDocument": "versions of robots.txt and tdmrep.json, the same for everyone",
    "transparency.SorSubmission": "puids and the EU database's answers, no personal data",
    "moderation.RuleText": "published community rules, per language",
    "federation.NodeStats": "NodeInfo's usage totals",
    "federation.DomainHealth": "delivery failures per server name",
    "federation.FederatedPhoto": "ids of photos sent to other servers",
    "federation.EventsFollowed": "a sequence number",
    "federation.InboxJournal": "how far each web process's journal is moved: a name, a number",
    "federation.DomainBlock": "the instance's measures on other servers, with public reasons",
    "moderation.StatementTemplate": "wording for statements of reasons, per rule",
    "photos.FavouriteTally": "a count of favourites per photo",
}


def retention_values() -> dict[str, int]:
    from rights.services.exports import EXPORT_DAYS

    return {
        "mail_days": settings.CANDID_MAIL_KEEP_DAYS,
        "access_log_days": settings.CANDID_ACCESS_LOG_DAYS,
        "erasure_days": settings.CANDID_ERASURE_GRACE_DAYS,
        "export_days": EXPORT_DAYS,
    }
