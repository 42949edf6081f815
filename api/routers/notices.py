"""Reporting content (open to anyone), the community rules, and what affected users and
notifiers are owed: their statements of reasons, their notices, and appeals."""

from functools import partial

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_READ, USER_WRITE, WRITE, auth_for, user_of
from api.pagination import Page, PageParams, page_of
from api.ratelimits import caller_account, enforce_limit
from api.schemas.common import ERRORS, ErrorOut
from api.schemas.notices import (
    NOT_NOTICE_FIELDS,
    AppealIn,
    AppealOut,
    MyNoticeOut,
    NoticeIn,
    NoticeReceiptOut,
    RulesOut,
    StatementOut,
    present_appeal,
    present_my_notice,
    present_receipt,
    present_ruleset,
    present_statement,
)
from core.errors import NotFound
from moderation.models import Notice
from moderation.selectors import (
    decision_detail,
    notices_filed_by,
    ruleset_in_force,
    ruleset_upcoming,
    statements_for,
)
from moderation.services.appeals import appeal_submit
from moderation.services.forwarding import notice_submit_forwarding
from moderation.services.targets import Target, target_for_notifier
from web.ratelimits import TOO_MANY_APPEALS, TOO_MANY_NOTICES

router = Router(tags=["notices"])


def reported_item(viewer, notice: NoticeIn) -> Target:
    """The item named by link or by type and id, as the caller may see it."""
    return target_for_notifier(
        viewer,
        url=notice.target_url,
        target_type=notice.target_type,
        target_id=notice.target_id,
    )


@router.post(
    "/notices",
    response={201: NoticeReceiptOut, 429: ErrorOut, **ERRORS},
    auth=auth_for(WRITE, anonymous=True),
    openapi_extra=PUBLIC_OPENAPI,
)
def notice_new(request: HttpRequest, notice: NoticeIn):
    """Report a photo, comment, album or profile as illegal (DSA Art. 16, NetzDG) or as
    breaking the community rules. Open to anyone: without a token, `notifier_name` and
    `notifier_email` are required. Scope `write` when a token is sent. Limited per
    client address (429 when exceeded)."""
    enforce_limit(request, "notices", "CANDID_NOTICE_RATE", TOO_MANY_NOTICES, method="POST")
    caller = user_of(request)
    target = reported_item(caller, notice)
    filed = notice_submit_forwarding(
        target=target,
        channel=Notice.Channel.API,
        notifier=caller if caller.is_authenticated else None,
        rule_code=notice.rule,
        send_to_server=notice.send_to_server,
        share_identity=notice.share_identity,
        **notice.model_dump(exclude=NOT_NOTICE_FIELDS),
    )
    return 201, present_receipt(filed)


@router.get(
    "/rules",
    response={200: RulesOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def rules(request: HttpRequest):
    """The community rules in force, and the next version if one has been announced."""
    in_force = ruleset_in_force()
    if in_force is None:
        raise NotFound(_("No community rules have been published yet."))
    upcoming = ruleset_upcoming()
    return {
        **present_ruleset(in_force),
        "upcoming": present_ruleset(upcoming) if upcoming else None,
    }


@router.get("/me/statements", response={200: Page[StatementOut], **ERRORS}, auth=USER_READ)
def my_statements(request: HttpRequest, page: Query[PageParams]):
    """Statements of reasons about your content or account (DSA Art. 17), newest first,
    with the evidence and how to contest each decision. Scope `read`; works while
    suspended."""
    present = partial(present_statement, request, now=timezone.now())
    return page_of(request, statements_for(user_of(request)), page, present)


@router.get("/me/notices", response={200: Page[MyNoticeOut], **ERRORS}, auth=USER_READ)
def my_notices(request: HttpRequest, page: Query[PageParams]):
    """Notices you filed, newest first, with their outcome. Scope `read`."""
    notices = notices_filed_by(user_of(request)).prefetch_related("rule", "case__decisions")
    return page_of(request, notices, page, present_my_notice)


@router.post(
    "/decisions/{decision_id}/appeals",
    response={201: AppealOut, 429: ErrorOut, **ERRORS},
    auth=USER_WRITE,
)
def decision_appeal(request: HttpRequest, decision_id: int, appeal: AppealIn):
    """Appeal a decision about your content, or about an item you reported, within six
    months, free of charge (DSA Art. 20). A moderator who took no part in the decision
    decides. Scope `write`; works while suspended. Limited per account, one budget with
    the web form (429 when exceeded)."""
    enforce_limit(
        request,
        "appeals",
        "CANDID_APPEAL_RATE",
        TOO_MANY_APPEALS,
        key=caller_account,
        method="POST",
    )
    decision = decision_detail(decision_id)
    if decision is None:
        raise NotFound(_("No such decision."))
    submitted = appeal_submit(
        decision=decision, appellant=user_of(request), explanation=appeal.explanation
    )
    return 201, present_appeal(submitted)
