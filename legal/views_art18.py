"""DSA Art. 18 from the case page: the form is part of every case page
(moderation/_art18.html, legal/templatetags/legal.py); this records what was sent."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from legal.forms import AuthorityNotificationForm
from legal.services import authorities_notify
from moderation.selectors import case_detail
from web.views.moderation_common import moderator_required


@require_POST
@moderator_required
def notify_authorities(request, case_id: int):
    case = case_detail(case_id)
    if case is None:
        raise Http404("No such case.")
    form = AuthorityNotificationForm(request.POST)
    if form.is_valid():
        try:
            authorities_notify(case=case, moderator=request.user, data=form.notification_input())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The notification of the authorities is recorded."))
            return redirect("moderation_case", case_id=case_id)
    context = {"case": case, "form": form}
    return render(request, "legal/art18_form.html", context, status=400)
