"""Test key pairs, made once per test session (RSA generation is slow)."""

from functools import cache

from federation.keys import key_pair_new


@cache
def remote_keys(name: str = "bob") -> tuple[str, str]:
    return key_pair_new()
