from django.urls import include, path

from web.views import (
    accounts,
    albums,
    feed,
    health,
    interactions,
    media,
    metrics,
    moderation_appeals,
    moderation_case,
    moderation_mine,
    moderation_queue,
    moderation_report,
    photos,
    profiles,
    settings,
    upload,
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("r/<id:photo_id>/<str:size>.jpg", media.rendition, name="rendition"),
    path("photos/<id:photo_id>/original", media.original, name="original"),
    # Lists
    path("", feed.home, name="home"),
    path("explore/", feed.explore, name="explore"),
    path("search/", feed.search, name="search"),
    path("tags/<str:name>/", feed.tag, name="tag"),
    # Accounts
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", accounts.login, name="login"),
    path("accounts/logout/", accounts.logout, name="logout"),
    path("accounts/password-reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
    # Profiles and settings
    path("u/<str:username>/", profiles.profile, name="profile"),
    path("u/<str:username>/favourites/", profiles.favourites, name="favourites"),
    path("u/<str:username>/follow/", profiles.follow, name="follow"),
    path("u/<str:username>/unfollow/", profiles.unfollow, name="unfollow"),
    path("avatars/<id:user_id>.jpg", profiles.avatar, name="avatar"),
    path("settings/profile/", settings.profile_settings, name="profile_settings"),
    path("settings/tokens/", settings.tokens, name="tokens"),
    path("settings/tokens/<id:token_id>/revoke/", settings.token_revoke_view, name="token_revoke"),
    # Photos
    path("upload/", upload.upload, name="upload"),
    path("photos/<id:photo_id>/", photos.photo_page, name="photo"),
    path("photos/<id:photo_id>/edit/", photos.photo_edit, name="photo_edit"),
    path("photos/<id:photo_id>/delete/", photos.photo_delete_view, name="photo_delete"),
    path("photos/<id:photo_id>/favourite/", interactions.favourite, name="favourite"),
    path("photos/<id:photo_id>/unfavourite/", interactions.unfavourite, name="unfavourite"),
    path("photos/<id:photo_id>/comments/", interactions.comment, name="comment"),
    path(
        "photos/<id:photo_id>/comments/<id:comment_id>/delete/",
        interactions.comment_remove,
        name="comment_delete",
    ),
    # Albums
    path("albums/new/", albums.album_new, name="album_new"),
    path("albums/<id:album_id>/", albums.album_page, name="album"),
    path("albums/<id:album_id>/edit/", albums.album_edit, name="album_edit"),
    path("albums/<id:album_id>/delete/", albums.album_delete_view, name="album_delete"),
    # Reports and community rules (public)
    path("report/", moderation_report.report, name="report"),
    path("report/sent/", moderation_report.report_sent, name="report_sent"),
    path("rules/", moderation_report.rules, name="rules"),
    path("rules/v<id:version>/", moderation_report.rules_version, name="rules_version"),
    # Moderation: the affected people (the paths the moderation emails link to)
    path("moderation/mine/", moderation_mine.mine, name="moderation_mine"),
    path(
        "moderation/decisions/<id:decision_id>/appeal/",
        moderation_appeals.appeal_new,
        name="appeal_new",
    ),
    path(
        "moderation/decisions/<id:decision_id>/evidence.jpg",
        moderation_mine.evidence_image,
        name="evidence_image",
    ),
    # Moderation: moderators only
    path("moderation/", moderation_queue.queue, name="moderation_queue"),
    path("moderation/audit/", moderation_queue.audit, name="moderation_audit"),
    path("moderation/cases/<id:case_id>/", moderation_case.case_page, name="moderation_case"),
    path(
        "moderation/cases/<id:case_id>/image/<str:size>.jpg",
        moderation_queue.case_image,
        name="case_image",
    ),
    path(
        "moderation/decisions/<id:decision_id>/approve/",
        moderation_case.approve,
        name="decision_approve",
    ),
    path(
        "moderation/decisions/<id:decision_id>/reject/",
        moderation_case.reject,
        name="decision_reject",
    ),
    path(
        "moderation/appeals/<id:appeal_id>/",
        moderation_appeals.appeal_page,
        name="moderation_appeal",
    ),
    path(
        "moderation/appeals/<id:appeal_id>/attachment",
        moderation_appeals.appeal_attachment,
        name="appeal_attachment",
    ),
    path("transparency/", include("transparency.urls_public")),
    path("transparency/", include("transparency.urls_reports")),
    path("oauth/", include("thirdparty.oauth_urls", namespace="oauth2_provider")),
    path("", include("thirdparty.urls")),
    path("", include("rights.urls")),
    path("", include("consent.urls")),
]
