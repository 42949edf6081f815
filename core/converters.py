"""The `<id:...>` path converter for object ids in URLs, registered on import.

Django's `<int:...>` matches any number of digits, so a huge id reached the database and
failed there (OverflowError on SQLite, bigint out of range on PostgreSQL): a 500. Ids of
at most 18 digits always fit a 64-bit key; a longer one matches no URL and answers 404.
candid/urls.py imports this module before any app's URLs are loaded.
"""

from django.urls import register_converter


class BoundedInt:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(BoundedInt, "id")
