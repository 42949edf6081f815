"""URLs of the consent app (web pages)."""

urlpatterns: list = []
