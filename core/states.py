"""Declared state graphs (after Takahē's stator): every lifecycle lists its states and the
moves allowed between them in one place, and `StateGraph.check` refuses any other move."""

from collections.abc import Mapping

from django.utils.translation import gettext, pgettext

from core.errors import ServiceError


class IllegalTransition(ServiceError):
    status = 409


class StateGraph:
    """`name` and `labels` are what people read in a refused move (translatable, lazy);
    a state without a label is looked up as `pgettext("state", state)`."""

    def __init__(
        self,
        name: str,
        transitions: dict[str, set[str]],
        labels: Mapping[str, str] | None = None,
    ):
        self.name = name
        self.transitions = transitions
        self.labels = labels or {}
        self.states = set(transitions) | {s for targets in transitions.values() for s in targets}

    def label(self, state: str) -> str:
        return str(self.labels.get(state) or pgettext("state", state))

    def check(self, current: str, target: str) -> None:
        if target not in self.transitions.get(current, set()):
            raise IllegalTransition(
                gettext("%(name)s: cannot go from “%(current)s” to “%(target)s”.")
                % {"name": self.name, "current": self.label(current), "target": self.label(target)}
            )

    def choices(self) -> list[tuple[str, str]]:
        return [(state, state.replace("_", " ")) for state in sorted(self.states)]
