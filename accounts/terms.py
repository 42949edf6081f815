"""Which terms of service and privacy notice a new member acknowledges at sign-up.

The texts are the pages /legal/terms/ and /legal/privacy/. TERMS_VERSION names the
version of both that sign-up shows; change it whenever either text changes in substance,
so each member's acknowledgement (accounts.models.TermsAcknowledgement) says which text
they saw.
"""

TERMS_VERSION = "2026-12"
TERMS_PATH = "/legal/terms/"
PRIVACY_PATH = "/legal/privacy/"
