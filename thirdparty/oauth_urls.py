"""The OAuth 2 endpoints, mounted at /oauth/ in the namespace "oauth2_provider".

Only django-oauth-toolkit's protocol endpoints (authorise, token, revoke, introspect) are
exposed: its own application and token management pages would write rows without our
services and event log, so apps are registered and revoked on /settings/apps/ instead.
"""

from django.urls import path
from oauth2_provider import views as oauth

from thirdparty.views import AuthorisePage

app_name = "oauth2_provider"

urlpatterns = [
    path("authorize/", AuthorisePage.as_view(), name="authorize"),
    path("token/", oauth.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth.IntrospectTokenView.as_view(), name="introspect"),
]
