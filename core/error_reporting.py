"""Optional error reporting to Sentry (or a Sentry-compatible service such as GlitchTip),
started by settings only when SENTRY_DSN is set.

No personal data is sent by default (send_default_pii=False: no IP addresses, cookies,
user names or request bodies), since the reports leave the operator's own systems
(GDPR Art. 5(1)(c), data minimisation). Performance tracing is off unless
SENTRY_TRACES_SAMPLE_RATE is set.
"""

import os


def start_error_reporting(dsn: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        environment=os.environ.get("SENTRY_ENVIRONMENT") or None,
        release=os.environ.get("SENTRY_RELEASE") or None,
    )
