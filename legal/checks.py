"""The operator profile, checked at start-up (a Django system check, run by `migrate`,
`check` and `runserver`) and on every page for staff while DEBUG is off (the banner of
legal/context_processors.py).

Errors are contradictions: a profile that cannot be true (an Art. 13 representative for an
operator established in the Union, an invalid country code). Warnings are missing values
the law asks for: the § 5 DDG identity, the DSA Art. 11/12 points of contact, the NetzDG
§ 5 agent, the Art. 13 representative.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.validators import validate_email
from django.forms import ValidationError
from django.utils.translation import gettext as _

from legal.countries import EU_LANGUAGES
from legal.profile import GERMANY, SIZES, OperatorProfile, parse_profile

ERROR, WARNING = "error", "warning"
COUNTRY = re.compile(r"^[A-Z]{2}$")
LANGUAGE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Problem:
    level: str
    code: str
    message: str


@checks.register("legal")
def operator_profile_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    kinds = {ERROR: checks.Error, WARNING: checks.Warning}
    hint = "See deploy/operator.example.toml and README.md (Legal pages)."
    return [kinds[p.level](p.message, hint=hint, id=f"legal.{p.code}") for p in current_problems()]


def current_problems() -> list[Problem]:
    profile, unreadable = parse_profile(getattr(settings, "CANDID_OPERATOR", {}))
    return profile_problems(profile, unreadable, debug=settings.DEBUG)


def profile_problems(
    profile: OperatorProfile, unreadable: list[str] = (), *, debug: bool = False
) -> list[Problem]:
    problems = [Problem(ERROR, "E001", _("Operator profile: %s") % text) for text in unreadable]
    problems += _contradictions(profile)
    problems += _missing(profile)
    if profile.demo and not debug:
        problems.append(
            Problem(
                WARNING,
                "W009",
                _("The operator profile holds the demo's values: replace them with yours."),
            )
        )
    return problems


def _contradictions(p: OperatorProfile) -> list[Problem]:
    found = []
    if p.size and p.size not in SIZES:
        found.append(_error("E002", _("Operator size must be micro_or_small or other.")))
    for label, code in (("country", p.country), *_party_countries(p)):
        if code and not COUNTRY.match(code):
            found.append(
                _error(
                    "E003",
                    _("%(field)s: %(code)s is not a two-letter country code.")
                    % {"field": label, "code": code},
                )
            )
    if p.legal_representative and p.country and p.in_eu:
        found.append(
            _error(
                "E004",
                _(
                    "A legal representative (DSA Art. 13) is only for operators established "
                    "outside the EU, but the country of establishment is %s."
                )
                % p.country,
            )
        )
    if p.agent_is_operator and p.agent:
        found.append(
            _error("E005", _("Name the agent for service or the operator itself, not both."))
        )
    if p.agent_is_operator and p.country and p.country != GERMANY:
        found.append(
            _error(
                "E006",
                _(
                    "Only an operator established in Germany can be its own agent for "
                    "service (§ 5 NetzDG): the agent must be in Germany."
                ),
            )
        )
    if p.agent and p.agent.country and p.agent.country != GERMANY:
        found.append(
            _error(
                "E010",
                _("The agent for service (§ 5 NetzDG) must be in Germany, not in %s.")
                % p.agent.country,
            )
        )
    found += _format_errors(p)
    return found


def _party_countries(p: OperatorProfile):
    for label, party in (
        ("agent.country", p.agent),
        ("legal_representative.country", p.legal_representative),
    ):
        if party:
            yield label, party.country


def _format_errors(p: OperatorProfile) -> list[Problem]:
    found = []
    emails = [
        ("impressum.email", p.email),
        ("contact.authorities.email", p.authorities.email),
        ("contact.users.email", p.users.email),
    ]
    emails += [
        (f"{label}.email", party.email)
        for label, party in (
            ("agent", p.agent),
            ("legal_representative", p.legal_representative),
            ("data_protection_officer", p.data_protection_officer),
        )
        if party
    ]
    for label, value in emails:
        if value and not _is_email(value):
            found.append(
                _error(
                    "E007",
                    _("%(field)s: %(value)s is not an e-mail address.")
                    % {"field": label, "value": value},
                )
            )
    for label, contact in (("contact.authorities", p.authorities), ("contact.users", p.users)):
        if contact.url and not contact.url.startswith(("https://", "http://")):
            found.append(
                _error(
                    "E009",
                    _("%(field)s.url must start with https:// or http://.") % {"field": label},
                )
            )
        wrong = [code for code in contact.languages if not LANGUAGE.match(code)]
        if wrong:
            found.append(
                _error(
                    "E008",
                    _(
                        "%(field)s.languages: %(codes)s are not two-letter "
                        "language codes (ISO 639-1)."
                    )
                    % {"field": label, "codes": ", ".join(wrong)},
                )
            )
    return found


def _missing(p: OperatorProfile) -> list[Problem]:
    found = []
    if not p.size:
        found.append(_warning("W001", _("Operator size is not set (micro_or_small or other).")))
    if not p.country:
        found.append(_warning("W002", _("The country of establishment is not set.")))
    identity = {"name": p.name, "address": p.address, "email": p.email}
    lacking = [key for key, value in identity.items() if not value]
    if lacking:
        found.append(
            _warning(
                "W003",
                _("The legal notice (§ 5 DDG) lacks the operator's %s.") % ", ".join(lacking),
            )
        )
    if not (p.phone or p.other_contact):
        found.append(
            _warning(
                "W004",
                _(
                    "The legal notice (§ 5 DDG) needs a second fast way to "
                    "reach the operator besides e-mail (phone or other)."
                ),
            )
        )
    if p.legal_form and not p.representative:
        found.append(
            _warning(
                "W005",
                _("A legal person's legal notice names its authorised representative (§ 5 DDG)."),
            )
        )
    found += _missing_contacts(p)
    if p.agent and not (p.agent.name and p.agent.address):
        found.append(
            _warning(
                "W012", _("The agent for service needs a name and a postal address in Germany.")
            )
        )
    if p.needs_agent and not p.agent_shown:
        found.append(
            _warning(
                "W007",
                _(
                    "An agent for service in Germany (§ 5 NetzDG) is "
                    "required for this country of establishment."
                ),
            )
        )
    if p.needs_legal_representative and not p.legal_representative:
        found.append(
            _warning(
                "W008",
                _(
                    "An operator established outside the EU must name a "
                    "legal representative in the EU (DSA Art. 13)."
                ),
            )
        )
    return found


def _missing_contacts(p: OperatorProfile) -> list[Problem]:
    found = []
    for code, article, contact in (("W006", "11", p.authorities), ("W006", "12", p.users)):
        if not (contact.email or contact.url or contact.phone):
            found.append(
                _warning(
                    code,
                    _(
                        "The point of contact under DSA Art. %s has no e-mail "
                        "address, phone number or web address."
                    )
                    % article,
                )
            )
        elif not contact.languages:
            found.append(
                _warning(
                    "W010", _("The point of contact under DSA Art. %s names no language.") % article
                )
            )
    official = EU_LANGUAGES.get(p.country, ())
    spoken = p.authorities.languages
    if official and spoken and not set(official) & set(spoken):
        found.append(
            _warning(
                "W011",
                _(
                    "The point of contact for authorities (DSA Art. 11(3)) "
                    "must speak an official language of %s."
                )
                % p.country,
            )
        )
    return found


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _error(code: str, message: str) -> Problem:
    return Problem(ERROR, code, message)


def _warning(code: str, message: str) -> Problem:
    return Problem(WARNING, code, message)
