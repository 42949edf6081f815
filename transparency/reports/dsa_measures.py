"""DSA template tables 5–10: own-initiative measures (illegal content; terms and
conditions), complaints and recidivism, automated means, human resources, AMAR."""

from django.utils.translation import gettext as _

from moderation.sor import RULES_CATEGORY
from transparency.activity import amar_for
from transparency.reports import dsa_columns as C
from transparency.reports.dsa_context import (
    ALL,
    HOSTING,
    ILLEGAL,
    NO_AUTOMATION,
    NO_SUCH_MEASURE,
    NOT_MEASURED,
    PLATFORMS,
    TOTAL,
    VLOPS,
    Context,
    small_platform_note,
)
from transparency.reports.tables import NOT_APPLICABLE_SMALL, Table, hours_median

FULLY = "AUTOMATED_DECISION_FULLY"
CONTENT_ACTIONS = {"remove", "withhold", "restrict", "label_sensitive"}
ACCOUNT_ACTIONS = {"suspend", "terminate"}
COMPLAINTS = "Internal complaints mechanism"
ODS = "Out-of-court dispute settlement bodies"
SUSPENSIONS = "Suspensions imposed on repeated offenders"
AUTOMATED = "Use of automated means for content moderation"
SCOPES = ("upheld", "modified", "reversed")
SCOPE_NAMES = {
    "upheld": "Decisions upheld",
    "modified": "Decisions partially reversed",
    "reversed": "Decisions reversed",
}


def tables(ctx: Context, data: dict) -> list[Table]:
    taken = [(a, n) for a, n in data["measures"] if a["action"] != "no_action"]
    own = [(a, n) for a, n in taken if a["own_initiative"]]
    illegal = [(a, n) for a, n in own if a["ground"] == "illegal"]
    terms = [(a, n) for a, n in own if a["ground"] != "illegal"]
    return [
        _own_initiative(
            ctx,
            "5_own_initiative_illegal",
            _("Own-initiative measures: illegal content"),
            illegal,
            ILLEGAL,
        ),
        _own_initiative(
            ctx,
            "6_own_initiative_TC",
            _("Own-initiative measures: terms and conditions"),
            terms,
            [RULES_CATEGORY],
        ),
        _appeals(ctx, data, taken),
        _automated(ctx, taken, own, data["resolved"]),
        Table(
            "9_human_resources",
            _("Human resources"),
            C.LONG,
            [
                ctx.long_row(
                    VLOPS,
                    "Human resources",
                    "Human resources dedicated to content moderation",
                    TOTAL,
                    NOT_APPLICABLE_SMALL,
                )
            ],
        ),
        _amar(ctx),
    ]


def _own_initiative(ctx, key, title, measures, categories) -> Table:
    category = lambda a: a["category"] or RULES_CATEGORY  # noqa: E731
    extra = sorted({category(a) for a, _n in measures} - set(categories))
    rows = []
    for cat in [TOTAL, *categories, *extra]:
        mine = [(a, n) for a, n in measures if cat in (TOTAL, category(a))]
        figures = [sum(n for _a, n in mine), sum(n for a, n in mine if a["automated_detection"])]
        for column in C.OWN_INITIATIVE[2:]:
            if column in C.NO_MONETISATION:
                figures.append(NO_SUCH_MEASURE)
            else:
                figures.append(
                    sum(n for a, n in mine if C.RESTRICTION_COLUMN.get(a["action"]) == column)
                )
        contexts = [""] * len(figures)
        row = [*ctx.lead(ALL), cat, "", *figures, *contexts]
        rows.append(row)
    columns = [
        *C.LEAD,
        *C.CATEGORY,
        *C.with_context(C.OWN_INITIATIVE, "Contextual Information on "),
    ]
    note = _("Decisions on cases a moderator opened without any notice, applied in the period.")
    chart = {"label": 3, "values": [5], "skip_first": True}
    return Table(key, title, columns, rows, note=note, chart=chart, compact=True)


def _complaint_rows(ctx, indicator, submitted, decided, applicability=PLATFORMS) -> list:
    note = small_platform_note(applicability)
    total = sum(n for _a, n in submitted)
    pending = total - len(decided)
    rows = [ctx.long_row(applicability, COMPLAINTS, indicator, "Total number", total, note)]
    for scope in SCOPES:
        count = sum(1 for a, _s in decided if a["outcome"] == scope)
        rows.append(ctx.long_row(applicability, COMPLAINTS, indicator, SCOPE_NAMES[scope], count))
    median = hours_median([s for _a, s in decided])
    rows.append(
        ctx.long_row(
            applicability,
            COMPLAINTS,
            indicator,
            "Median time",
            "" if median is None else median,
            "In hours",
        )
    )
    rows.append(
        ctx.long_row(
            applicability,
            COMPLAINTS,
            indicator,
            "Decision omitted",
            0,
            f"{max(pending, 0)} still pending when the report was made.",
        )
    )
    return rows


def _appeals(ctx: Context, data: dict, taken) -> Table:
    sub, dec = data["submitted"], data["decided"]
    pick = lambda keep: ([(a, n) for a, n in sub if keep(a)], [(a, s) for a, s in dec if keep(a)])  # noqa: E731
    rows = _complaint_rows(
        ctx, "Number of complaints submitted to the internal-complaints mechanism", sub, dec, ALL
    )
    rows.append(
        ctx.long_row(
            PLATFORMS,
            COMPLAINTS,
            "Number of restrictions newly imposed as a result of an internal complaint",
            "Total number",
            sum(n for a, n in taken if a["after"]),
        )
    )
    groups = [
        (
            "Complaint regarding a decision to remove or disable access to or restrict visibility "
            "of information",
            lambda a: a["decision_action"] in CONTENT_ACTIONS,
        ),
        (
            "Complaint regarding a decision to suspend or terminate an account",
            lambda a: a["decision_action"] in ACCOUNT_ACTIONS,
        ),
        (
            "Complaint regarding a decision not to take action on a notice submitted in accordance "
            "with Article 16",
            lambda a: a["decision_action"] == "no_action",
        ),
        (
            "Complaint regarding a decision not to take action on a notice submitted by a Trusted "
            "Flagger in accordance with Article 16",
            lambda a: a["decision_action"] == "no_action" and a["trusted_flagger"],
        ),
    ]
    for indicator, keep in groups:
        rows += _complaint_rows(ctx, indicator, *pick(keep))
    for indicator in (
        "Complaint regarding a decision to suspend or terminate the provision of the service",
        "Complaint regarding a decision to restrict the ability to monetise information",
    ):
        rows.append(ctx.long_row(PLATFORMS, COMPLAINTS, indicator, "Total number", NO_SUCH_MEASURE))
    rows += _disputes(ctx, data)
    rows += _suspensions(ctx, data, taken)
    return Table(
        "7_appeals_and_recidivism", _("Complaints, disputes and suspensions"), C.LONG, rows
    )


def _disputes(ctx: Context, data: dict) -> list:
    indicator = "Number of disputes submitted to out-of-court dispute settlement bodies"
    decided = data["disputes"]
    row = lambda scope, value, note="": ctx.long_row(PLATFORMS, ODS, indicator, scope, value, note)  # noqa: E731
    count = lambda outcome: sum(1 for a, _s in decided if a["outcome"] == outcome)  # noqa: E731
    settled = [a for a, _s in decided if a["outcome"] != "omitted"]
    share = round(100 * sum(a["implemented"] for a in settled) / len(settled), 1) if settled else ""
    median = hours_median([s for a, s in decided if a["outcome"] != "omitted"])
    return [
        row("Total number", data["disputes_submitted"], small_platform_note(PLATFORMS)),
        row("Decisions upheld", count("upheld")),
        row("Decisions partially reversed", count("partially")),
        row("Decisions reversed", count("reversed")),
        row("Median time", "" if median is None else median, "In hours"),
        row("Decision omitted", count("omitted")),
        row("Percentage of outcomes implemented", share),
    ]


def _suspensions(ctx: Context, data: dict, taken) -> list:
    misuse = lambda kind: sum(  # noqa: E731
        n for a, n in data["misuse"] if a["measure_kind"] == kind and a["level"] == "suspended"
    )
    illegal = misuse("illegal_content") + sum(
        n for a, n in taken if a["action"] == "suspend" and a["manifestly_illegal"]
    )
    row = lambda indicator, value, note="": ctx.long_row(  # noqa: E731
        PLATFORMS, SUSPENSIONS, indicator, "Total number", value, note
    )
    return [
        row(
            "Number of suspensions enacted for the provision of manifestly illegal content", illegal
        ),
        row(
            "Number of suspensions enacted for the provision of manifestly unfounded notices",
            misuse("unfounded_notices"),
        ),
        row(
            "Number of suspensions enacted for the provision of manifestly unfounded complaints",
            0,
            "Candid does not suspend complaint handling; none imposed.",
        ),
    ]


def _automated(ctx: Context, taken, own, resolved) -> Table:
    rows = []
    for scope, measures in (("Total number", taken), ("Own-initiative", own)):
        solely = sum(n for a, n in measures if a["automated_decision"] == FULLY)
        rows += _automation_rows(
            ctx, ALL, "measures", scope, solely, sum(n for _a, n in measures) - solely
        )
    for scope, keep in (
        ("NAM Total", lambda a: True),
        ("NAM Trusted Flagger", lambda a: a["notifier_type"] == "trusted_flagger"),
    ):
        mine = [(a, n) for a, n in resolved if keep(a)]
        solely = sum(n for a, n in mine if a["automated_decision"] == FULLY)
        rows += _automation_rows(
            ctx, HOSTING, "notices", scope, solely, sum(n for _a, n in mine) - solely
        )
    return Table("8_automated_means", _("Use of automated means"), C.LONG, rows)


def _automation_rows(ctx, applicability, what, scope, solely, manual) -> list:
    quality = NO_AUTOMATION if solely == 0 else NOT_MEASURED
    verb = "taken" if what == "measures" else "processed"
    row = lambda indicator, value: ctx.long_row(applicability, AUTOMATED, indicator, scope, value)  # noqa: E731
    return [
        row(f"Number of {what} solely {verb} by automated means", solely),
        row(f"Number of {what} not {verb} by automated means", manual),
        row("Accuracy of the automated means - Accuracy", quality),
        row("Accuracy of the automated means - Precision", quality),
        row("Accuracy of the automated means - Recall", quality),
    ]


def _amar(ctx: Context) -> Table:
    amar = amar_for(start=ctx.period.start, end=ctx.period.end)
    indicator = "Number of average monthly active recipients during the reporting period"
    average = amar["average"] if amar["average"] is not None else "no closed month yet"
    note = (
        "Distinct viewers per calendar month, counted with a monthly secret key that is "
        "deleted when the month closes; average over the closed months of the period. "
        + small_platform_note(VLOPS)
    )
    rows = [ctx.long_row(VLOPS, "AMAR", indicator, TOTAL, average, note)]
    rows += [
        ctx.long_row(VLOPS, "AMAR", "Monthly active recipients", m["month"], m["recipients"])
        for m in amar["months"]
    ]
    return Table(
        "10_AMAR",
        _("Average monthly active recipients"),
        C.LONG,
        rows,
        chart={"label": 5, "values": [6], "skip_first": True},
    )
