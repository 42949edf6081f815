"""django-oauth-toolkit's request validator (OAUTH2_VALIDATOR_CLASS), with Candid told
when a refresh token is used again."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from thirdparty.services import refresh_token_reuse_record


class CandidValidator(OAuth2Validator):
    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        valid = super().validate_refresh_token(refresh_token, client, request, *args, **kwargs)
        if not valid:
            refresh_token_reuse_record(secret=refresh_token)
        return valid
