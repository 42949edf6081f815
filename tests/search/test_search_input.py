"""Hostile and odd searches: a clear empty result or a 400 with a message, never a 500,
on the page and in the API. The words reach the database only as quoted terms."""

import pytest

from photos.search import photo_search, search_terms
from photos.search_match import SearchRefused

ODD = [
    "",
    "   ",
    "& | ! :*",
    ":*",
    "!",
    "'",
    '"',
    '"unclosed',
    "*",
    "^",
    "title:sunset",
    "col:*",
    "( )",
    "(((",
    "-",
    "-sunset",
    "NEAR",
    "NEAR(sun set)",
    "OR",
    "sun OR set",
    "AND NOT",
    "\\",
    "%_%",
    "🌅🌅",
    "a" * 200,
]


@pytest.mark.parametrize("query", ODD)
def test_odd_searches_answer_without_error_on_the_page(client, alice, shoot, query):
    shoot(alice, "Sunset over the sea")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Search" in response.content.decode()


@pytest.mark.parametrize("query", ODD)
def test_odd_searches_answer_without_error_in_the_api(api, alice, shoot, query):
    shoot(alice, "Sunset over the sea")
    response = api().get("/photos", q=query)
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


@pytest.mark.parametrize("query", ["& | ! :*", '" * ^', "( ) -", ": :* ^", "\x00"])
def test_an_operator_only_search_finds_nothing(alice, shoot, query):
    shoot(alice, "Sunset")
    assert search_terms(query) == []
    assert photo_search(query, alice).items == []


@pytest.mark.parametrize("query", ["sun\x00set", "\x00"])
def test_a_search_with_a_control_character_is_refused_naming_the_field(client, api, query):
    """The one control-character check (core/validators.py, issue 13) answers before the
    search: a 400 that names `q`, on the page and in the API."""
    page = client.get("/search/", {"q": query})
    assert page.status_code == 400
    assert "q:" in page.content.decode()
    answer = api().get("/photos", q=query)
    assert answer.status_code == 400
    assert "q" in answer.json()["detail"]


def test_operators_between_words_are_not_query_syntax(alice, shoot):
    shoot(alice, "Sunset over the sea")
    shoot(alice, "Sunrise")
    assert [p.title for p in photo_search("sunset | sunrise", alice).items] == []
    assert [p.title for p in photo_search("!sunrise", alice).items] == ["Sunrise"]
    assert [p.title for p in photo_search("sun\x00set", alice).items] == []
    assert [p.title for p in photo_search('"sunset" -sea', alice).items] == ["Sunset over the sea"]


def test_a_thousand_character_search_is_refused_with_a_message(client, api, alice):
    long = "sunset " * 143  # 1,001 characters
    with pytest.raises(SearchRefused):
        search_terms(long)
    page = client.get("/search/", {"q": long})
    assert page.status_code == 400
    assert "at most 200 characters" in page.content.decode()
    answer = api().get("/photos", q=long)
    assert answer.status_code == 400
    assert "at most 200 characters" in answer.json()["detail"]


@pytest.mark.parametrize("cursor", ["x", "!!!", "MTIz", "bm90fGF8Y3Vyc29y", "a" * 500])
def test_a_damaged_cursor_is_refused_with_a_message(client, api, alice, shoot, cursor):
    shoot(alice, "Sunset")
    page = client.get("/search/", {"q": "sunset", "after": cursor})
    assert page.status_code == 400
    assert "not valid" in page.content.decode()
    answer = api().get("/photos", q="sunset", cursor=cursor)
    assert answer.status_code == 400
    assert "not valid" in answer.json()["detail"]
