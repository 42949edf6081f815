"""Progress of a member's background jobs, for the pages that started them: the
propagation of a consent withdrawal (consent.services.propagation_runs) and archive
imports (rights.services.imports). The partials refresh the page while a job runs."""

from django import template

from consent.selectors.propagation import propagations_shown_to

register = template.Library()


@register.simple_tag
def consent_propagations(user) -> list:
    return propagations_shown_to(user)


@register.filter
def any_live(jobs) -> bool:
    return any(job.state in ("queued", "running") for job in jobs)
