"""Which duties bind this operator, for the compliance page (/legal/compliance/).

From the operator profile (legal/profile.py) and the law as of December 2026
(../shared/reference/law-2026.md): DSA Arts. 11–18 bind every hosting service; Art. 15(2)
exempts micro and small enterprises from transparency reports and Art. 19 from Arts.
20–28 except Art. 24(3); § 5 NetzDG asks for an agent for service unless another member
state is the country of establishment; NetzDG §§ 2–3 were repealed on 14 May 2024.
Candid performs the exempt duties anyway: they are listed as voluntary, never hidden.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from legal.profile import GERMANY, OperatorProfile

BINDING, VOLUNTARY, NOT_APPLICABLE = "binding", "voluntary", "not_applicable"


@dataclass(frozen=True)
class Demand:
    """A setting the duty needs, and whether it is set."""

    setting: str
    present: bool


@dataclass(frozen=True)
class Duty:
    key: str
    article: str
    title: str
    status: str
    where: str
    link: str = ""  # a URL name
    note: str = ""
    demands: tuple[Demand, ...] = field(default_factory=tuple)

    @property
    def missing(self) -> list[str]:
        return [d.setting for d in self.demands if not d.present]


def duties_for(p: OperatorProfile) -> list[Duty]:
    return [*_identity(p), *_hosting(), *_reports(p), *_platform(p), *_netzdg(p)]


def _exempt(p: OperatorProfile, article: str) -> tuple[str, str]:
    """Binding, or voluntary for a micro or small enterprise."""
    if p.micro_or_small:
        return VOLUNTARY, _("voluntary (%s DSA)") % article
    return BINDING, ""


def _identity(p: OperatorProfile) -> list[Duty]:
    impressum = (
        "§ 5 DDG"
        if p.country == GERMANY or not p.in_eu
        else _("Art. 5 Directive 2000/31/EC (law of %s)") % p.country
    )
    duties = [
        Duty(
            "impressum",
            impressum,
            _("Legal notice (Impressum)"),
            BINDING,
            _("Legal notice page, from the operator profile"),
            "legal_notice",
            demands=_demand(
                impressum=p.name and p.address and p.email, contact=p.phone or p.other_contact
            ),
        ),
        Duty(
            "art11",
            "Art. 11 DSA",
            _("Point of contact for authorities"),
            BINDING,
            _("Points of contact page"),
            "legal_contact",
            demands=_demand(**{"contact.authorities": _reachable(p.authorities)}),
        ),
        Duty(
            "art12",
            "Art. 12 DSA",
            _("Point of contact for users"),
            BINDING,
            _("Points of contact page; the report form"),
            "legal_contact",
            demands=_demand(**{"contact.users": _reachable(p.users)}),
        ),
    ]
    if p.needs_legal_representative:
        duties.append(
            Duty(
                "art13",
                "Art. 13 DSA",
                _("Legal representative in the EU"),
                BINDING,
                _("Points of contact page"),
                "legal_contact",
                demands=_demand(legal_representative=p.legal_representative),
            )
        )
    else:
        duties.append(
            Duty(
                "art13",
                "Art. 13 DSA",
                _("Legal representative in the EU"),
                NOT_APPLICABLE,
                _("Established in the EU: no representative needed."),
            )
        )
    duties += [
        Duty(
            "art14",
            "Art. 14 DSA",
            _("Terms and conditions"),
            BINDING,
            _("Terms of service and the community rules"),
            "legal_terms",
        ),
        Duty(
            "gdpr13",
            "Art. 13 GDPR",
            _("Privacy notice"),
            BINDING,
            _("Privacy notice, generated from what Candid processes"),
            "legal_privacy",
        ),
    ]
    return duties


def _hosting() -> list[Duty]:
    return [
        Duty(
            "art16",
            "Art. 16 DSA",
            _("Notice and action"),
            BINDING,
            _("The report form on every item; the moderation queue"),
            "report",
        ),
        Duty(
            "art17",
            "Art. 17 DSA",
            _("Statements of reasons"),
            BINDING,
            _("Every decision sends one; members read them under My notices"),
            "moderation_mine",
        ),
        Duty(
            "art18",
            "Art. 18 DSA",
            _("Notifying suspected crimes threatening life or safety"),
            BINDING,
            _("The case page: Notify the authorities"),
            "moderation_queue",
        ),
    ]


def _reports(p: OperatorProfile) -> list[Duty]:
    """Art. 15(2) exempts a micro or small enterprise from the report, Art. 19 from the
    Art. 24 parts of it and from the submission (Art. 24(5)); both stay on offer."""
    status, note = _exempt(p, "Art. 15(2) / Art. 19")
    submitting = bool(settings.CANDID_DSA_DB_TOKEN)
    db_demands: tuple[Demand, ...] = ()
    if not p.micro_or_small:
        db_demands = _demand(CANDID_DSA_DB_TOKEN=submitting)
    return [
        Duty(
            "art15",
            "Art. 15 DSA",
            _("Transparency report"),
            status,
            _("Transparency pages: the DSA report, published (on by default)"),
            "transparency",
            note=note or _("yearly, in the templates of Regulation 2024/2835"),
        ),
        Duty(
            "art24_5",
            "Art. 24(5) DSA",
            _("Statements of reasons to the EU database"),
            status,
            _("Submission is on") if submitting else _("Submission is off (by default)"),
            note=note,
            demands=db_demands,
        ),
    ]


def _platform(p: OperatorProfile) -> list[Duty]:
    rows = [
        (
            "art20",
            "Art. 20 DSA",
            _("Internal complaint-handling system"),
            _("Appeals on every statement, decided by another moderator"),
            "moderation_mine",
        ),
        (
            "art21",
            "Art. 21 DSA",
            _("Out-of-court dispute settlement"),
            _("Statements and appeal outcomes name the certified bodies; disputes are recorded"),
            "",
        ),
        (
            "art22",
            "Art. 22 DSA",
            _("Trusted flaggers"),
            _("Notices from trusted flaggers go first in the queue"),
            "moderation_queue",
        ),
        (
            "art23",
            "Art. 23 DSA",
            _("Measures against misuse"),
            _("Warnings and suspensions after repeated misuse, each with a statement"),
            "",
        ),
        (
            "art24_1",
            "Art. 24(1)–(2) DSA",
            _("Platform figures and active recipients"),
            _("In the DSA report: disputes, suspensions, average monthly active recipients"),
            "transparency",
        ),
        (
            "art25_28",
            "Arts. 25–28 DSA",
            _("Interface design, advertising, recommender systems, minors"),
            _("Candid shows no advertising; review the rest for your instance yourself"),
            "",
        ),
    ]
    status, note = _exempt(p, "Art. 19")
    duties = [Duty(k, a, t, status, w, link, note=note) for k, a, t, w, link in rows]
    duties.append(
        Duty(
            "art24_3",
            "Art. 24(3) DSA",
            _("Active recipients on request"),
            BINDING,
            _("In the DSA report, table 10"),
            "transparency",
            note=_("binding for every size (exception in Art. 19)"),
        )
    )
    return duties


def _netzdg(p: OperatorProfile) -> list[Duty]:
    if p.needs_agent:
        agent = Duty(
            "netzdg5",
            "§ 5 NetzDG",
            _("Agent for service in Germany"),
            BINDING,
            _("Points of contact page and legal notice"),
            "legal_contact",
            demands=_demand(agent=p.agent_shown),
        )
    else:
        agent = Duty(
            "netzdg5",
            "§ 5 NetzDG",
            _("Agent for service in Germany"),
            NOT_APPLICABLE,
            _("Another member state is the country of establishment."),
        )
    history = Duty(
        "netzdg2_3",
        "§§ 2–3 NetzDG",
        _("NetzDG report and complaint deadlines"),
        NOT_APPLICABLE,
        _(
            "Repealed on 14 May 2024; Candid keeps 24 h / 7 days as its own targets "
            "and the NetzDG report as a historical view"
        ),
        "transparency",
    )
    return [agent, history]


def _demand(**settings_present) -> tuple[Demand, ...]:
    return tuple(Demand(name, bool(value)) for name, value in settings_present.items())


def _reachable(contact) -> bool:
    return bool((contact.email or contact.url or contact.phone) and contact.languages)
