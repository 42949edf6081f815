"""The operator profile: who runs this Candid instance and what the law asks of them.

One settings block, `settings.CANDID_OPERATOR` (read from the TOML file named by
CANDID_OPERATOR_FILE; deploy/operator.example.toml explains every field). It fills the
legal notice (§ 5 DDG), the points of contact (DSA Arts. 11, 12), the NetzDG § 5 agent for
service, the DSA Art. 13 legal representative and the compliance page. legal/checks.py
validates it at start-up.
"""

from dataclasses import dataclass, field, fields

from django.conf import settings

from legal.countries import EU_MEMBER_STATES

SIZES = ("micro_or_small", "other")
GERMANY = "DE"
TOP_LEVEL = {
    "size",
    "country",
    "demo",
    "impressum",
    "contact",
    "agent",
    "legal_representative",
    "data_protection_officer",
}


@dataclass(frozen=True)
class Contact:
    """A point of contact (DSA Art. 11 for authorities, Art. 12 for users)."""

    email: str = ""
    phone: str = ""
    url: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Party:
    """Someone acting for the operator: the NetzDG § 5 agent, the DSA Art. 13 representative."""

    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    country: str = ""


@dataclass(frozen=True)
class OperatorProfile:
    size: str = ""
    country: str = ""
    demo: bool = False
    # § 5 DDG (Impressum)
    name: str = ""
    legal_form: str = ""
    representative: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    other_contact: str = ""
    register: str = ""
    register_number: str = ""
    vat_id: str = ""
    supervisory_authority: str = ""
    authorities: Contact = field(default_factory=Contact)
    users: Contact = field(default_factory=Contact)
    agent: Party | None = None
    agent_is_operator: bool = False
    legal_representative: Party | None = None
    data_protection_officer: Party | None = None  # GDPR Art. 13(1)(b), where one is appointed

    @property
    def micro_or_small(self) -> bool:
        return self.size == "micro_or_small"

    @property
    def in_eu(self) -> bool:
        return self.country in EU_MEMBER_STATES

    @property
    def needs_agent(self) -> bool:
        """§ 5 NetzDG: unless another member state is the country of establishment."""
        return bool(self.country) and (self.country == GERMANY or not self.in_eu)

    @property
    def needs_legal_representative(self) -> bool:
        """DSA Art. 13: only a provider established outside the Union."""
        return bool(self.country) and not self.in_eu

    @property
    def agent_shown(self) -> Party | None:
        """The agent as published: the operator itself when it named itself."""
        if self.agent_is_operator:
            return Party(self.name, self.address, self.email, self.phone, self.country)
        return self.agent


def operator_profile() -> OperatorProfile:
    return parse_profile(getattr(settings, "CANDID_OPERATOR", {}))[0]


def parse_profile(data: dict) -> tuple[OperatorProfile, list[str]]:
    """The profile, and what in `data` could not be read (unknown keys, wrong types)."""
    errors: list[str] = []
    impressum_keys = _strings(OperatorProfile) - {"size", "country"}
    values = _take(data, TOP_LEVEL, "", errors)
    impressum = _take(values.get("impressum", {}), impressum_keys, "impressum.", errors)
    contact = _take(values.get("contact", {}), {"authorities", "users"}, "contact.", errors)
    agent_data = _take(values.get("agent", {}), _strings(Party) | {"is_operator"}, "agent.", errors)
    is_operator = agent_data.pop("is_operator", False)
    if not isinstance(is_operator, bool):
        errors.append("agent.is_operator must be true or false.")
        is_operator = False
    profile = OperatorProfile(
        size=_text(values, "size", "", errors),
        country=_text(values, "country", "", errors).upper(),
        demo=values.get("demo") is True,
        **{key: _text(impressum, key, "impressum.", errors) for key in impressum_keys},
        authorities=_contact(contact.get("authorities", {}), "contact.authorities.", errors),
        users=_contact(contact.get("users", {}), "contact.users.", errors),
        agent=_party(agent_data, "agent.", errors),
        agent_is_operator=is_operator,
        legal_representative=_table_party(values, "legal_representative", errors),
        data_protection_officer=_table_party(values, "data_protection_officer", errors),
    )
    return profile, errors


def _strings(cls) -> set[str]:
    return {f.name for f in fields(cls) if f.type in (str, "str")}


def _take(data, allowed: set[str], prefix: str, errors: list[str]) -> dict:
    if not isinstance(data, dict):
        errors.append(f"{prefix.rstrip('.')} must be a table.")
        return {}
    errors.extend(f"unknown setting {prefix}{key}" for key in sorted(data.keys() - allowed))
    return {key: value for key, value in data.items() if key in allowed}


def _text(data: dict, key: str, prefix: str, errors: list[str]) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        errors.append(f"{prefix}{key} must be text.")
        return ""
    return value.strip()


def _contact(data, prefix: str, errors: list[str]) -> Contact:
    values = _take(data, _strings(Contact) | {"languages"}, prefix, errors)
    languages = values.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        errors.append(f"{prefix}languages must be a list of language codes.")
        languages = []
    texts = {key: _text(values, key, prefix, errors) for key in _strings(Contact)}
    return Contact(**texts, languages=tuple(x.strip().lower() for x in languages))


def _table_party(values: dict, key: str, errors: list[str]) -> Party | None:
    prefix = f"{key}."
    return _party(_take(values.get(key, {}), _strings(Party), prefix, errors), prefix, errors)


def _party(values: dict, prefix: str, errors: list[str]) -> Party | None:
    texts = {key: _text(values, key, prefix, errors) for key in _strings(Party)}
    if not any(texts.values()):
        return None
    texts["country"] = texts["country"].upper()
    return Party(**texts)
