"""A German request leaves German active in the test thread (LocaleMiddleware activates a
language and nothing deactivates it after the response), so a later test in the same
process would see German messages. Modules that send German requests import this
autouse fixture."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    yield
    translation.deactivate()
