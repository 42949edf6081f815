"""URLs of the rights app (web pages)."""

urlpatterns: list = []
