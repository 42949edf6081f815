"""Every 4xx is JSON with a plain-words `detail`; bad bodies change nothing."""

import json

from core.models import Event
from photos.models import Album


def test_malformed_json_body_answers_400_with_detail_and_changes_nothing(alice, api):
    response = api(alice).post("/albums", raw='{"title": "Trip",')
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."
    assert not Album.objects.exists()
    assert not Event.objects.filter(kind="album.created").exists()


def test_malformed_json_patch_leaves_photo_unchanged(alice, api, upload):
    photo = upload(alice, title="Before")
    response = api(alice).patch(f"/photos/{photo.pk}", raw="{title: 'After'}")
    assert response.status_code == 400
    assert response.json()["detail"]
    photo.refresh_from_db()
    assert photo.title == "Before"


def test_validation_error_has_plain_detail_and_structured_errors(alice, api):
    response = api(alice).post("/albums", {"title": "x" * 201, "visibility": "secret"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("The request is not valid: ")
    assert "title: String should have at most 200 characters" in body["detail"]
    assert "visibility: Input should be" in body["detail"]
    assert {tuple(e["loc"])[-1] for e in body["errors"]} == {"title", "visibility"}
    assert not Album.objects.exists()


def test_json_array_instead_of_object_is_refused(alice, api):
    response = api(alice).post("/albums", raw='["Trip"]')
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str)
    assert not Album.objects.exists()


def test_bad_query_parameter_answers_422_with_detail(db, api):
    response = api().get("/photos", limit=1000)
    assert response.status_code == 422
    assert "limit: Input should be less than or equal to 100" in response.json()["detail"]


def test_non_numeric_path_id_answers_json(db, api):
    response = api().get("/photos/abc")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_unsupported_method_answers_json_405(db, api):
    response = api().put("/photos", {})
    assert response.status_code == 405
    assert "not allowed" in response.json()["detail"]
    assert "GET" in response["Allow"]


def test_unknown_endpoint_answers_json_404(db, api):
    response = api().get("/nothing/here")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no API endpoint at /api/v1/nothing/here."


def test_openapi_document_lists_every_resource(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    paths = document["paths"]
    for expected in [
        "/api/v1/photos",
        "/api/v1/photos/{photo_id}",
        "/api/v1/users/{username}",
        "/api/v1/me",
        "/api/v1/albums",
        "/api/v1/albums/{album_id}/photos",
        "/api/v1/users/{username}/follow",
        "/api/v1/users/{username}/followers",
        "/api/v1/users/{username}/following",
        "/api/v1/photos/{photo_id}/favourite",
        "/api/v1/photos/{photo_id}/comments",
        "/api/v1/comments/{comment_id}",
    ]:
        assert expected in paths
    assert set(paths["/api/v1/photos"]) == {"get", "post"}
    upload = paths["/api/v1/photos"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert "file" in json.dumps(upload)
    assert "PhotoOut" in document["components"]["schemas"]
    assert document["components"]["securitySchemes"]["PersonalToken"]["scheme"] == "bearer"
    assert {} in paths["/api/v1/photos"]["get"]["security"]


def test_docs_page_is_served(client, db):
    assert client.get("/api/v1/docs").status_code == 200


def test_api_root_points_to_the_openapi_document(db, api):
    body = api().get("/").json()
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert body["docs"] == "http://testserver/api/v1/docs"
