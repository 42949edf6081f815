"""The public transparency page and moderation log in German (issue 15)."""

import pytest

from tests.language_reset import back_to_the_default_language  # noqa: F401
from tests.transparency.test_public_log import moderated  # noqa: F401  (fixture)

DE = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}


def test_the_transparency_page_speaks_german(client, moderated):  # noqa: F811
    html = client.get("/transparency/", **DE).content.decode()
    assert '<html lang="de"' in html
    assert "Ein Protokoll, das sich nicht unbemerkt kürzen lässt" in html
    assert "Aktueller Kettenkopf" in html and "Prüfen Sie selbst" in html
    assert f"{moderated.updated_at.day}. " in html and "UTC</time>" in html
    assert "NetzDG-Bericht" in html and "DSA-Transparenzbericht" in html
    assert "NetzDG-Bericht Januar–Juni 2024 (historisch)" in html
    assert "seit dem 14. Mai 2024 keine gesetzliche Pflicht mehr" in html
    assert "mindestens 2 Millionen registrierten Nutzern in Deutschland" in html


@pytest.mark.django_db
def test_the_public_log_speaks_german(client):
    empty = client.get("/transparency/log/", **DE).content.decode()
    assert '<html lang="de"' in empty and "Keine Moderationsereignisse." in empty
    assert "Öffentliches Moderationsprotokoll" in empty
    assert "So prüfen Sie die Kette" in empty


def test_the_public_log_lists_events_under_german_headings(client, moderated):  # noqa: F811
    html = client.get("/transparency/log/", **DE).content.decode()
    assert '<th scope="col">Zeit (UTC)</th>' in html and "Öffentliche Daten" in html
    assert f'id="event-{moderated.seq}"' in html
