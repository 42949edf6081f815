"""The OAuth 2 server django-oauth-toolkit builds (OAUTH2_SERVER_CLASS): oauthlib's, with
the PKCE method "S256" only."""

from oauthlib.oauth2 import Server
from oauthlib.oauth2.rfc6749 import errors
from oauthlib.oauth2.rfc6749.grant_types import AuthorizationCodeGrant
from oauthlib.oauth2.rfc6749.grant_types.authorization_code import code_challenge_method_s256

S256_ONLY = 'PKCE needs code_challenge_method "S256"; "plain" (or no method) is not accepted.'


class S256OnlyGrant(AuthorizationCodeGrant):
    """RFC 9700 §2.1.1: the "plain" PKCE method sends the verifier itself in the
    authorisation request, where anyone who sees that request can redeem the code.

    oauthlib accepts "plain" (and assumes it when an app sends no method at all), and
    django-oauth-toolkit refuses it only after the user has consented. With "S256" as the
    only method the request is refused while it is validated, after the client and its
    redirect URI are checked: the app gets `invalid_request` with a reason before the
    user is asked anything, and no code is ever issued.
    """

    _code_challenge_methods = {"S256": code_challenge_method_s256}

    def validate_authorization_request(self, request):
        try:
            return super().validate_authorization_request(request)
        except errors.UnsupportedCodeChallengeMethodError as error:
            error.description = S256_ONLY
            raise


class S256OnlyServer(Server):
    def __init__(self, request_validator, *args, **kwargs) -> None:
        super().__init__(request_validator, *args, **kwargs)
        self.auth_grant = S256OnlyGrant(request_validator)
        self._response_types.update(code=self.auth_grant, none=self.auth_grant)
        self._grant_types["authorization_code"] = self.auth_grant
