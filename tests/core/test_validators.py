"""core.validators: the one check for control characters and for text that shows nothing."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import (
    control_character_in,
    is_invisible,
    reject_control_characters,
    reject_invisible,
)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f"])
def test_every_c0_control_but_tab_newline_and_return_is_refused(char):
    with pytest.raises(ValidationError) as refused:
        reject_control_characters(f"a{char}b")
    assert f"U+{ord(char):04X}" in refused.value.messages[0]


@pytest.mark.parametrize(
    "text", ["line one\nline two", "a\tb", "windows\r\n", "Straße 東京 🙂", ""]
)
def test_ordinary_text_with_tab_newline_and_return_passes(text):
    reject_control_characters(text)
    assert control_character_in(text) is None


@pytest.mark.parametrize(
    "text",
    ["\u200b", "\u200b\u200c\u200d", "\u2060\ufeff", "\u3164", "\u2800", "\u00a0\u200b", "\u0301"],
)
def test_zero_width_blank_and_lone_combining_characters_count_as_invisible(text):
    assert is_invisible(text)
    with pytest.raises(ValidationError) as refused:
        reject_invisible(text)
    assert "invisible" in refused.value.messages[0]


@pytest.mark.parametrize("text", ["Harbour", "a\u200b", "\u0627\u0644", "é", "", "   "])
def test_text_with_anything_visible_or_left_to_required_passes(text):
    reject_invisible(text)
