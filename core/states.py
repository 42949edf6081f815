"""Declared state graphs (after Takahē's stator): every lifecycle lists its states and the
moves allowed between them in one place, and `StateGraph.check` refuses any other move."""

from core.errors import ServiceError


class IllegalTransition(ServiceError):
    status = 409


class StateGraph:
    def __init__(self, name: str, transitions: dict[str, set[str]]):
        self.name = name
        self.transitions = transitions
        self.states = set(transitions) | {s for targets in transitions.values() for s in targets}

    def check(self, current: str, target: str) -> None:
        if target not in self.transitions.get(current, set()):
            raise IllegalTransition(f"A {self.name} cannot go from “{current}” to “{target}”.")

    def choices(self) -> list[tuple[str, str]]:
        return [(state, state.replace("_", " ")) for state in sorted(self.states)]
