"""What the instance's measures on other servers mean for a given server (issue #20).

A measure on a domain covers its subdomains too, as Mastodon's do (a list blocking
`example.com` means `media.example.com` as well); the most specific measure wins. These
selectors are what the rest of Candid asks: intake and delivery (`blocked`), follows and
public lists (`limited`), media fetching and the media proxy (`media_rejected`), report
intake (`reports_rejected`). The decisions themselves are made in
federation/domain_measures.py."""

from urllib.parse import urlsplit

from django.db.models import QuerySet

from federation.models import DomainBlock

BLOCK, LIMIT, REJECT_MEDIA = DomainBlock.Kind.BLOCK, DomainBlock.Kind.LIMIT, "reject_media"


def domain_of(uri: str) -> str:
    return (urlsplit(uri).hostname or "").lower()


def measures_among(domains: set[str]) -> dict[str, DomainBlock]:
    """The measure in force for each of `domains` that has one (its own, else its nearest
    parent domain's): one query for any number of domains."""
    wanted = {d.lower().rstrip(".") for d in domains if d}
    candidates = {c: d for d in wanted for c in domain_parents(d)}
    if not candidates:
        return {}
    rows = {b.domain: b for b in DomainBlock.objects.filter(domain__in=set(candidates))}
    found = {}
    for domain in wanted:
        nearest = next((rows[c] for c in domain_parents(domain) if c in rows), None)
        if nearest is not None:
            found[domain] = nearest
    return found


def measure_for(domain: str) -> DomainBlock | None:
    return measures_among({domain}).get(domain.lower().rstrip("."))


def blocked(domain: str) -> bool:
    """Nothing is accepted from the server, nothing is sent to it."""
    return bool(blocked_among({domain}))


def blocked_among(domains: set[str]) -> set[str]:
    return {d for d, m in measures_among(domains).items() if m.kind == BLOCK}


def limited(domain: str) -> bool:
    """Its accounts are not shown in public lists here and need approval to follow (a
    blocked server is all the more)."""
    return bool(limited_among({domain}))


def limited_among(domains: set[str]) -> set[str]:
    return {d for d, m in measures_among(domains).items() if m.kind in (LIMIT, BLOCK)}


def media_rejected(domain: str) -> bool:
    """Its images are neither fetched nor shown (nor proxied)."""
    return bool(media_rejected_among({domain}))


def media_rejected_among(domains: set[str]) -> set[str]:
    return {
        d
        for d, m in measures_among(domains).items()
        if m.kind in (BLOCK, REJECT_MEDIA) or m.reject_media
    }


def reports_rejected(domain: str) -> bool:
    """Reports (`Flag`s) from it are not taken in (Mastodon's `reject_reports`)."""
    found = measure_for(domain)
    return found is not None and (found.kind == BLOCK or found.reject_reports)


def domain_parents(domain: str) -> list[str]:
    """`a.b.example.com`, `b.example.com`, `example.com`, `com`: most specific first. An IP
    address is only itself."""
    if domain.replace(".", "").isdigit() or ":" in domain:
        return [domain]
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


def without_limited(queryset: QuerySet, field: str = "author__domain") -> QuerySet:
    """`queryset` without the rows from limited or blocked servers, for lists anyone can
    see (replies from other servers on a photo page): one small query for the servers in
    it, then the exclusion."""
    hidden = limited_among(set(queryset.order_by().values_list(field, flat=True).distinct()))
    return queryset.exclude(**{f"{field}__in": hidden}) if hidden else queryset
