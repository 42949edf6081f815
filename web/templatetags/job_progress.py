"""The progress of a member's consent propagations (consent.services.propagation_runs) for
the pages that start them, which include templates/consent/_propagation_progress.html;
the partial refreshes the page while a run is under way. (The import page gets its runs
from its view.)"""

from django import template

from consent.selectors.propagation import propagations_shown_to

register = template.Library()


@register.simple_tag
def consent_propagations(user) -> list:
    return propagations_shown_to(user)


@register.filter
def any_live(jobs) -> bool:
    return any(job.state in ("queued", "running") for job in jobs)
