"""The JSON-LD documents Candid serves and sends: actors and photos, in the shape Mastodon
and Pixelfed read (a photo is a `Note` with `Image` attachments, as Pixelfed sends one).

Consent travels with each photo (issue: "consent travels"): `dataMining` is IPTC PLUS's
`plus:DataMining` value for the photo (the same URI Candid embeds in the served images and
that consent/metadata.py documents), `tdmReservation` TDMRep's reservation, and `consent`
the photo's effective choice per purpose under Candid's own terms. A remote server that
ignores them still gets a copy: the consent settings page says so before a member opts in.
"""

from django.urls import reverse
from django.utils.html import escape, linebreaks

from accounts.models import User
from consent.metadata import ConsentState
from consent.models import Purpose
from consent.selectors.consent import account_consents, consent_state
from federation import addresses
from federation.models import LocalActor
from photos.licences import LICENCES
from photos.models import Photo
from web.open_web import absolute_url
from web.templatetags.candid import avatar_url, rendition_height, rendition_url, rendition_width

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT = "https://w3id.org/security/v1"
CANDID_TERMS = {
    "toot": "http://joinmastodon.org/ns#",
    "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
    "sensitive": "as:sensitive",
    "Hashtag": "as:Hashtag",
    "discoverable": "toot:discoverable",
    "indexable": "toot:indexable",
    "blurhash": "toot:blurhash",
    "schema": "http://schema.org#",
    "license": "schema:license",
    "dataMining": {"@id": "http://ns.useplus.org/ldf/xmp/1.0/DataMining", "@type": "@id"},
    "tdmReservation": "http://www.w3.org/ns/tdmrep#reservation",
    "consent": {"@id": "urn:candid:consent", "@container": "@index"},
}
CONTEXT = [AS_CONTEXT, SECURITY_CONTEXT, CANDID_TERMS]
LARGE = "large"


def actor_document(user: User, actor: LocalActor, *, approves_followers: bool) -> dict:
    """The member as a `Person`. Not `indexable` when they refused AI training or asked
    search engines not to index them: Mastodon's full-text search honours the flag."""
    username = user.username
    document = {
        "@context": CONTEXT,
        "id": addresses.actor_id(username),
        "type": "Person",
        "preferredUsername": username,
        "name": user.display_name or username,
        "summary": linebreaks(escape(user.bio)) if user.bio else "",
        "url": addresses.actor_id(username),
        "inbox": addresses.inbox(username),
        "outbox": addresses.outbox(username),
        "followers": addresses.followers(username),
        "following": addresses.following(username),
        "endpoints": {"sharedInbox": addresses.shared_inbox()},
        "publicKey": _public_key(addresses.key_id(username), addresses.actor_id(username), actor),
        "manuallyApprovesFollowers": approves_followers,
        "discoverable": not user.search_noindex,
        "indexable": not user.search_noindex
        and account_consents(user).get(Purpose.AI_TRAINING.value, False),
        "published": _instant(user.date_joined),
    }
    if user.avatar:
        document["icon"] = {
            "type": "Image",
            "mediaType": "image/jpeg",
            "url": absolute_url(avatar_url(user)),
        }
    return document


def instance_actor_document(actor: LocalActor) -> dict:
    """The instance's own `Application` actor: it signs Candid's fetches (servers with
    authorized fetch refuse unsigned ones) and instance-level activities."""
    actor_id = addresses.instance_actor_id()
    return {
        "@context": CONTEXT,
        "id": actor_id,
        "type": "Application",
        "preferredUsername": addresses.domain(),
        "name": "Candid",
        "inbox": addresses.shared_inbox(),
        "outbox": actor_id + "outbox/",
        "endpoints": {"sharedInbox": addresses.shared_inbox()},
        "publicKey": _public_key(actor_id + "#main-key", actor_id, actor),
        "manuallyApprovesFollowers": True,
        "discoverable": False,
        "indexable": False,
    }


def _public_key(key_id: str, owner: str, actor: LocalActor) -> dict:
    return {"id": key_id, "owner": owner, "publicKeyPem": actor.public_key_pem}


def photo_object(photo: Photo, allowed: dict[str, bool] | None = None) -> dict:
    """A public photo as a `Note` with one `Image` attachment (the 2000 px rendition).
    `allowed`: its consent state when the caller read a page of them at once."""
    username = photo.owner.username
    licence = LICENCES.get(photo.licence)
    state = ConsentState(allowed if allowed is not None else consent_state(photo))
    note = {
        "@context": CONTEXT,
        "id": addresses.photo_id(photo.pk),
        "type": "Note",
        "attributedTo": addresses.actor_id(username),
        "url": addresses.photo_id(photo.pk),
        "published": _instant(photo.created_at),
        "to": [AS_PUBLIC],
        "cc": [addresses.followers(username)],
        "content": _content(photo),
        "sensitive": photo.sensitive,
        "attachment": [_image(photo)],
        "tag": [_hashtag(tag.name) for tag in photo.tags.all()],
        "dataMining": state.data_mining_uri,
        "tdmReservation": 1 if state.any_refused else 0,
        "consent": {purpose: state.allowed.get(purpose, False) for purpose in Purpose.values},
    }
    if licence is not None and licence.url:
        note["license"] = licence.url
    if photo.sensitive:
        note["summary"] = photo.title or ""
    return note


def _content(photo: Photo) -> str:
    title = f"<p><strong>{escape(photo.title)}</strong></p>" if photo.title else ""
    return title + (linebreaks(escape(photo.description)) if photo.description else "")


def _image(photo: Photo) -> dict:
    """`blurhash` once made (federation/sync.py makes it before the photo is first sent)."""
    image = {
        "type": "Image",
        "mediaType": "image/jpeg",
        "url": absolute_url(rendition_url(photo, LARGE)),
        "width": rendition_width(photo, LARGE),
        "height": rendition_height(photo, LARGE),
        "name": photo.image_alt,
    }
    if photo.blurhash:
        image["blurhash"] = photo.blurhash
    return image


def _hashtag(name: str) -> dict:
    return {
        "type": "Hashtag",
        "name": f"#{name}",
        "href": absolute_url(reverse("tag", args=[name])),
    }


def _instant(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None
