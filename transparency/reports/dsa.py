"""The DSA transparency report (Art. 15, and Art. 24 for online platforms) in the tables
of the Commission's harmonised templates (Implementing Regulation (EU) 2024/2835):
identification, authority orders, notices, own-initiative measures, complaints and
recidivism, automated means, human resources, AMAR. Orders from authorities (channel
"authority") are table 3; all other notices, every channel, are table 4."""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from legal.profile import operator_profile
from transparency.reports import dsa_columns as C
from transparency.reports import dsa_measures, passes
from transparency.reports.dsa_art18 import art18_table
from transparency.reports.dsa_context import (
    ART10_NOTE,
    HOSTING,
    ILLEGAL,
    NO_ART10_INTAKE,
    NOT_SPECIFIED_ORDER,
    NOTICE_CATEGORIES,
    ORDER_CATEGORIES,
    TOTAL,
    Context,
)
from transparency.reports.dsa_servers import server_measures_table
from transparency.reports.netzdg import channel_table
from transparency.reports.passes import LogView, report_session
from transparency.reports.periods import period_parse
from transparency.reports.tables import (
    Report,
    Table,
    head_of,
    head_table,
    hours_median,
    reconcile,
    reconciliation_table,
)

TEMPLATES_FROM = datetime(2025, 7, 1, tzinfo=UTC)  # IR 2024/2835: data from 1 July 2025
# What the tables group notices by: orders per issuing state, notices per category.
NOTICE_KEYS = ("channel", "notifier_type", "category", "country", "receipt_confirmed")
RESOLVED_KEYS = (
    "channel",
    "notifier_type",
    "category",
    "outcome",
    "action",
    "decision_ground",
    "automated_decision",
)


def dsa_report(period_code: str, *, lang: str = "en") -> Report:
    period = period_parse(period_code)
    log = LogView.at_head(period)
    with report_session():
        data = {
            "received": passes.received(log, NOTICE_KEYS),
            "resolved": passes.resolved(log, RESOLVED_KEYS),
            "times": passes.action_times(log),
            "measures": passes.measures(log),
            "submitted": passes.complaints_submitted(log),
            "decided": list(passes.complaints_decided(log)),
            "disputes_submitted": passes.disputes_submitted(log),
            "disputes": list(passes.disputes_decided(log)),
            "misuse": passes.misuse(log),
            "authorities_notified": passes.authorities_notified(log),
            "server_measures": passes.server_measures(log),
        }
    with override(lang):
        return _build(log, Context.of(period), data, lang)


def _build(log: LogView, ctx: Context, data: dict, lang: str) -> Report:
    is_order = lambda attrs: attrs["channel"] == "authority"  # noqa: E731
    order_times, notice_times = _file_times(data["times"])
    orders = _orders(ctx, _only(data["received"], is_order), order_times)
    not_order = lambda attrs: not is_order(attrs)  # noqa: E731
    notices = _notices(
        ctx,
        _only(data["received"], not_order),
        _only(data["resolved"], not_order),
        notice_times,
    )
    total = sum(n for _a, n in data["received"])
    by_channel = channel_table(data["received"], data["resolved"])
    breakdowns = {
        _("notices (table 4) plus orders (table 3)"): notices.rows[0][5] + orders.rows[0][6],
        _("by category"): sum(r[5] for r in notices.rows[1:])
        + sum(r[6] for r in orders.rows[1:] if r[5] == TOTAL),
        _("by channel"): by_channel.rows[-1][1],
    }
    counted = reconcile(total, breakdowns)
    tables = [
        head_table(log),
        reconciliation_table(total, breakdowns),
        _identification(ctx),
        orders,
        notices,
        *dsa_measures.tables(ctx, data),
        by_channel,
        art18_table(data["authorities_notified"]),
        server_measures_table(data["server_measures"]),
    ]
    title = _("DSA transparency report %(period)s") % {"period": ctx.period.code}
    return Report(
        "dsa",
        title,
        ctx.period.code,
        lang,
        total,
        counted,
        breakdowns,
        head_of(log),
        tables,
        status=_status(ctx.period),
    )


def _status(period) -> str:
    """Art. 15(2) DSA: micro and small enterprises owe no transparency report; Candid
    publishes it anyway and says so. Data before 1 July 2025 predates the templates of
    IR 2024/2835 and is laid out in them only for comparison."""
    if operator_profile().micro_or_small:
        status = _(
            "Published voluntarily: micro and small enterprises are exempt from transparency "
            "reports (Art. 15(2) DSA)."
        )
    else:
        status = _("Published under Articles 15 and 24 DSA.")
    if period.start < TEMPLATES_FROM:
        status += " " + _(
            "The harmonised templates apply to data from 1 July 2025; earlier figures are "
            "shown in their layout for comparison."
        )
    return status


def _file_times(times) -> tuple[dict, dict]:
    """Each actioned notice's seconds to action, filed once: orders by (issuing state,
    order category), other notices by category with whether a trusted flagger sent it."""
    orders, notices = {}, {}
    for channel, notifier_type, category, country, seconds in times:
        if channel == "authority":
            orders.setdefault((country, _order_category(category)), []).append(seconds)
        else:
            trusted = notifier_type == "trusted_flagger"
            notices.setdefault(category, []).append((trusted, seconds))
    return orders, notices


def _order_category(category: str) -> str:
    return category if category in ILLEGAL else NOT_SPECIFIED_ORDER


def _only(rows, keep) -> list:
    return [(attrs, value) for attrs, value in rows if keep(attrs)]


def _identification(ctx: Context) -> Table:
    rows = [
        ["All", ctx.service, "Name of the service provider", ctx.service],
        ["All", ctx.service, "Date of the publication of the report", f"{timezone.now():%Y-%m-%d}"],
        ["All", ctx.service, "Date of the publication of the latest previous report", "none"],
        ["All", ctx.service, "Starting date of reporting period", f"{ctx.period.start:%Y-%m-%d}"],
        ["All", ctx.service, "Ending date of reporting period", ctx.period.last_day.isoformat()],
    ]
    return Table("1_report_identification", _("Report identification"), C.IDENTIFICATION, rows)


def _orders(ctx: Context, orders, seconds: dict) -> Table:
    """Table 3: orders to act (Art. 9) by category, in total and per issuing state."""
    category = lambda a: _order_category(a["category"])  # noqa: E731
    rows = []
    for scope in [TOTAL, *sorted({a["country"] for a, _n in orders})]:
        here = [(a, n) for a, n in orders if scope == TOTAL or a["country"] == scope]
        cats = ORDER_CATEGORIES if scope == TOTAL else sorted({category(a) for a, _n in here})
        for cat in [TOTAL, *cats]:
            pick = [(a, n) for a, n in here if cat == TOTAL or category(a) == cat]
            count = sum(n for _a, n in pick)
            confirmed = sum(n for a, n in pick if a["receipt_confirmed"])
            effect = [
                s
                for (country, order_cat), values in seconds.items()
                if scope in (TOTAL, country) and cat in (TOTAL, order_cat)
                for s in values
            ]
            figures = [
                count,
                count,
                0.0 if confirmed else "",
                hours_median(effect) if effect else "",
                NO_ART10_INTAKE,
                NO_ART10_INTAKE,
                NO_ART10_INTAKE,
            ]
            context = _orders_context(count, confirmed) if (scope, cat) == (TOTAL, TOTAL) else []
            rows.append(_category_row(ctx, "All", cat, scope, figures, context))
    columns = [*C.LEAD, *C.CATEGORY, "Scope", *C.with_context(C.ORDERS)]
    note = _("Times in hours. Each order names one item.")
    return Table(
        "3_member_states_orders",
        _("Orders from Member State authorities"),
        columns,
        rows,
        note=note,
        compact=True,
    )


def _orders_context(count: int, confirmed: int) -> list:
    return [
        "Orders reach Candid through the moderators' order intake (channel: authority order).",
        "Each order names one item.",
        f"Receipt is confirmed by email at intake; {count - confirmed} order(s) came "
        "without an address to confirm to.",
        "From receipt to the decision that gave effect to the order.",
        ART10_NOTE,
        ART10_NOTE,
        ART10_NOTE,
    ]


def _notices(ctx: Context, received, resolved, times: dict) -> Table:
    """Table 4: notices (Art. 16) by category, trusted flaggers separately."""
    extra = sorted({a["category"] for a, _n in received} - set(NOTICE_CATEGORIES))
    tf = lambda a: a["notifier_type"] == "trusted_flagger"  # noqa: E731
    actioned = [(a, n) for a, n in resolved if a["outcome"] == "actioned"]
    by_category = lambda a: a["category"]  # noqa: E731
    got_by, done_by = (_index(r, by_category) for r in (received, actioned))
    every_time = [pair for pairs in times.values() for pair in pairs]
    rows = []
    for cat in [TOTAL, *NOTICE_CATEGORIES, *extra]:
        pick = lambda index, everything, c=cat: everything if c == TOTAL else index.get(c, [])  # noqa: E731
        got, done, secs = pick(got_by, received), pick(done_by, actioned), pick(times, every_time)
        law = [(a, n) for a, n in done if a["decision_ground"] == "illegal"]
        terms = [(a, n) for a, n in done if a["decision_ground"] != "illegal"]
        count, count_tf = _sum(got), _sum(got, tf)
        figures = [
            count,
            count_tf,
            count,
            count_tf,
            hours_median([s for _trusted, s in secs]) if secs else "",
            hours_median([s for trusted, s in secs if trusted]) if count_tf else "",
            _sum(law),
            _sum(law, tf),
            _sum(terms),
            _sum(terms, tf),
        ]
        context = _notices_context() if cat == TOTAL else []
        rows.append(_category_row(ctx, HOSTING, cat, None, figures, context))
    columns = [*C.LEAD, *C.CATEGORY, *C.with_context(C.NOTICES)]
    note = _(
        "Every notice counts, whatever its channel (web form, API, entered by a moderator) "
        "or ground; community-rules reports are under STATEMENT_CATEGORY_OTHER_VIOLATION_TC. "
        "Times in hours, from receipt to the decision."
    )
    return Table(
        "4_notices",
        _("Notices received (Art. 16)"),
        columns,
        rows,
        note=note,
        chart={"label": 3, "values": [5], "skip_first": True},
        compact=True,
    )


def _notices_context() -> list:
    return ["One form and one API for every ground; moderators enter notices received otherwise."]


def _index(rows, key) -> dict:
    """(attributes, number) rows filed under `key(attributes)` once, rather than the
    whole list filtered again for every cell."""
    index: dict = {}
    for attributes, number in rows:
        index.setdefault(key(attributes), []).append((attributes, number))
    return index


def _sum(rows, keep=lambda a: True) -> int:
    return sum(n for a, n in rows if keep(a))


def _category_row(ctx, applicability, cat, scope, figures, context) -> list:
    other = "Keywords are not recorded; see the category." if cat.endswith("OTHER") else ""
    lead = [*ctx.lead(applicability), cat, other]
    if scope is not None:
        lead.append(scope)
    contexts = list(context) + [""] * (len(figures) - len(context))
    return [*lead, *figures, *contexts]
