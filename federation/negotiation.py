"""Which answer a request asks for: an ActivityPub document or the HTML page."""

ACTIVITY_JSON = "application/activity+json"
LD_JSON = "application/ld+json"
AS_PROFILE = "https://www.w3.org/ns/activitystreams"


def wants_activity_json(accept: str) -> bool:
    """True for `application/activity+json` and for `application/ld+json` with the
    ActivityStreams profile (both are what Mastodon and Pixelfed send), when they are
    preferred to HTML (a browser's Accept names text/html first)."""
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        if media == "text/html":
            return False
        if media == ACTIVITY_JSON or (media == LD_JSON and AS_PROFILE in params):
            return True
    return False
