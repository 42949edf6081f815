"""Signal receivers: django-oauth-toolkit tells us when it issues a token."""

from thirdparty.services import authorisation_record


def record_authorisation(sender, request, token, **kwargs) -> None:
    """Every token issued for a user (authorization code or refresh) keeps the user's
    authorisation record current: scopes and "still authorised"."""
    if token.user_id is None:
        return
    authorisation_record(user=token.user, application=token.application, scopes=token.scope)
