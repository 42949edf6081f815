from django.test import Client


def test_stylesheet_is_served_by_candid_itself_without_a_web_server_in_front(db, settings):
    """WhiteNoise serves static files from the same process (the embedded default)."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    response = client.get("/static/css/candid.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content).strip()
    assert client.get("/static/css/missing.css").status_code == 404
