"""The report form, open to everyone (DSA Art. 16; NetzDG §3), and the public community
rules (DSA Art. 14)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.preferences import is_supported_language
from core.errors import ServiceError
from moderation.models import Notice
from moderation.models.rules import SOURCE_LANGUAGE
from moderation.rule_wording import languages_of, rules_worded
from moderation.selectors import (
    rules_in_force,
    rules_of,
    ruleset_by_version,
    ruleset_in_force,
    ruleset_upcoming,
    rulesets_published,
)
from moderation.services.forwarding import notice_submit_forwarding
from moderation.services.targets import HIDDEN, NotCandidContent, Target, target_for_notifier
from web.forms_moderation import ReportForm
from web.ratelimits import TOO_MANY_NOTICES, limit_posts

SESSION_KEY = "candid_report_sent"


def _target(viewer, kind: str, pk, url: str) -> Target:
    """The item the form names; its hidden item fields win over a typed link."""
    if kind and pk:
        return target_for_notifier(viewer, target_type=kind, target_id=pk)
    return target_for_notifier(viewer, url=url)


def _target_from_query(request) -> Target | None:
    kind, pk, url = (request.GET.get(k, "") for k in ("type", "id", "url"))
    if not (kind and pk) and not url:
        return None
    try:
        return _target(request.user, kind, int(pk) if pk else None, url)
    except (ServiceError, ValueError) as exc:
        raise Http404(str(HIDDEN)) from exc


@limit_posts("notices", "CANDID_NOTICE_RATE", message=TOO_MANY_NOTICES)  # budget shared with API
@require_http_methods(["GET", "POST"])
def report(request):
    user = request.user if request.user.is_authenticated else None
    target = _target_from_query(request) if request.method == "GET" else None
    initial = {"target_type": target.type, "target_id": target.id} if target else {}
    if user is not None:
        initial.update(name=user.name, email=user.email)
    form = ReportForm(
        request.POST or None, initial=initial, rules=rules_in_force(), anonymous=not user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = _target(request.user, data["target_type"], data["target_id"], data["url"])
            notice = _submit(target, data, user)
        except NotCandidContent as error:
            form.add_error("url", error.message)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            request.session[SESSION_KEY] = {
                "reference": notice.reference,
                "deadline_at": notice.deadline_at.isoformat(),
                "email": notice.notifier_email,
            }
            return redirect("report_sent")
    elif request.method == "POST" and form.data.get("target_id"):
        target = _reported_item(request.user, form.data)
    context = {"form": form, "target": target}
    return render(request, "moderation/report.html", context, status=400 if form.errors else 200)


def _reported_item(viewer, data) -> Target | None:
    """Show again which item a refused report was about."""
    try:
        return _target(viewer, data.get("target_type", ""), int(data.get("target_id")), "")
    except (ServiceError, ValueError):
        return None


def _submit(target: Target, data: dict, user) -> Notice:
    return notice_submit_forwarding(
        target=target,
        send_to_server=bool(data.get("send_to_server")),
        share_identity=bool(data.get("share_identity")),
        ground=data["ground"],
        explanation=data["explanation"],
        channel=Notice.Channel.WEB,
        notifier=user,
        notifier_name=data["name"],
        notifier_email=data["email"],
        country=data["country"],
        law=data["law"],
        netzdg_manifest=data["netzdg_manifest"],
        category=data["category"],
        rule_code=data["rule"],
        good_faith=data["good_faith"],
        language=translation.get_language(),
    )


@require_GET
def report_sent(request):
    sent = request.session.get(SESSION_KEY)
    if not sent:
        return redirect("report")
    sent = {**sent, "deadline_at": parse_datetime(sent["deadline_at"])}
    return render(request, "moderation/report_sent.html", {"sent": sent})


@require_GET
def rules(request):
    in_force = ruleset_in_force()
    return _rules_page(request, in_force, in_force)


@require_GET
def rules_version(request, version: int):
    ruleset = ruleset_by_version(version)
    if ruleset is None:
        raise Http404(_("No such version of the rules."))
    return _rules_page(request, ruleset, ruleset_in_force())


def _rules_page(request, ruleset, in_force):
    """The version in the reader's language (`?lang=` picks another), with links to the
    languages it is published in (issue 15: the rules are versioned per language)."""
    rules = list(rules_of(ruleset)) if ruleset else []
    wanted = _reading_language(request)
    published = languages_of(rules)
    shown = wanted if wanted in published else SOURCE_LANGUAGE
    context = {
        "ruleset": ruleset,
        "rules": rules_worded(rules, shown),
        "rules_language": shown,
        "wanted_language": wanted if rules else shown,
        "other_languages": [(c, n) for c, n in settings.LANGUAGES if c in published and c != shown],
        "status": _status(ruleset, in_force),
        "upcoming": ruleset_upcoming(),
        "versions": list(rulesets_published()),
    }
    return render(request, "moderation/rules.html", context)


def _reading_language(request) -> str:
    asked = request.GET.get("lang", "")
    return asked if is_supported_language(asked) else translation.get_language()


def _status(ruleset, in_force) -> str:
    if ruleset is None:
        return ""
    if in_force is not None and ruleset.pk == in_force.pk:
        return "in_force"
    return "earlier" if in_force and ruleset.version < in_force.version else "upcoming"
