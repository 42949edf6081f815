"""URLs of the rights app's web pages ("Your data")."""

from django.urls import path

from web.views import move_in, move_in_chunks, rights_data, rights_imports

urlpatterns = [
    path("settings/data/", rights_data.your_data, name="your_data"),
    path("settings/data/exports/", rights_data.export_new, name="export_new"),
    path(
        "settings/data/exports/<str:token>/download",
        rights_data.export_download,
        name="export_download",
    ),
    path("settings/data/imports/", rights_imports.imports, name="imports"),
    path("settings/move-in/", move_in.move_in, name="move_in"),
    path("settings/move-in/uploads/", move_in_chunks.uploads, name="move_in_uploads"),
    path("settings/move-in/uploads/<str:token>/", move_in_chunks.upload, name="move_in_upload"),
    path("settings/move-in/start/", move_in_chunks.start, name="move_in_start"),
    path("settings/data/erasure/", rights_data.erasure_new, name="erasure_new"),
    path(
        "settings/data/erasure/<id:request_id>/cancel/",
        rights_data.erasure_cancel_view,
        name="erasure_cancel",
    ),
]
