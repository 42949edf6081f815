"""The NetzDG half-year report (§2(2) NetzDG, as it was): a historical view. § 2 was
repealed by the Digitale-Dienste-Gesetz on 14 May 2024 and never applied to networks with
fewer than 2 million registered users in Germany; the DSA report is the current one. It
stays for operators with data from before, labelled so on the page and in every file.

Complaints received by notifier type and
reason, how many led to removal or blocking, time from receipt to removal or blocking in
the legal buckets, how notifiers and posters were informed, counter-notifications.

Every notice counts, whatever its channel or ground: a complaint that chose "community
rules" is still a complaint about content and appears under that reason. Removal or
blocking means the decision removed the item or withheld it in named countries.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from transparency.reports import labels as L
from transparency.reports import passes
from transparency.reports.passes import LogView, report_session
from transparency.reports.periods import period_parse
from transparency.reports.tables import (
    ReconciliationError,
    Report,
    Table,
    head_of,
    head_table,
    labelled,
    reconcile,
    reconciliation_table,
    tally,
)

REMOVAL_ACTIONS = {"remove", "withhold"}
# What the tables below group by: the reason is made of ground, offence and category.
NOTICE_KEYS = ("channel", "notifier_type", "ground", "category", "offence")
RESOLVED_KEYS = (*NOTICE_KEYS, "outcome", "action", "by_email", "poster_informed")
OUTCOME_ORDER = ("removed", "other_action", "no_action", "pending")
HISTORICAL = gettext_lazy(
    "Historical view: the NetzDG report has not been a legal duty since 14 May 2024 "
    "(repealed by the Digitale-Dienste-Gesetz) and applied only to networks with 2 million "
    "or more registered users in Germany. Candid's current report is the DSA transparency "
    "report."
)


def netzdg_report(period_code: str, *, lang: str = "en") -> Report:
    period = period_parse(period_code, half_year_only=True)
    log = LogView.at_head(period)
    with report_session():
        received = passes.received(log, NOTICE_KEYS)
        resolved = passes.resolved(log, RESOLVED_KEYS, bucketed=True)
        complaints = list(passes.complaints_decided(log))
        submitted = passes.complaints_submitted(log)
    with override(lang):
        return _build(log, received, resolved, submitted, complaints, lang)


def _build(log, received, resolved, submitted, complaints, lang) -> Report:
    total = sum(n for _attrs, n in received)
    by_notifier = _outcome_table(
        "by_notifier_type",
        _("Complaints by notifier type"),
        _("Notifier type"),
        received,
        resolved,
        notifier_group(),
    )
    by_reason = _outcome_table(
        "by_reason", _("Complaints by reason"), _("Reason"), received, resolved, reason_group()
    )
    by_channel = channel_table(received, resolved)
    outcome_sum = sum(sum(row[2:6]) for row in by_notifier.rows[:-1])
    breakdowns = {
        _("by notifier type"): by_notifier.rows[-1][1],
        _("by reason"): by_reason.rows[-1][1],
        _("by channel"): by_channel.rows[-1][1],
        _("by outcome"): outcome_sum,
    }
    counted = reconcile(total, breakdowns)
    tables = [
        head_table(log),
        reconciliation_table(total, breakdowns),
        by_notifier,
        by_reason,
        by_channel,
        _times_table(resolved),
        _informed_table(resolved),
        _appeals_table(submitted, complaints),
    ]
    title = _("NetzDG report %(period)s (historical)") % {"period": log.period.code}
    return Report(
        "netzdg",
        title,
        log.period.code,
        lang,
        total,
        counted,
        breakdowns,
        head_of(log),
        tables,
        status=str(HISTORICAL),
    )


def channel_table(received, resolved) -> Table:
    """Candid's own table: every channel a notice can arrive through, none left out."""
    return _outcome_table(
        "by_channel",
        _("Notices by channel"),
        _("Channel"),
        received,
        resolved,
        labelled(lambda a: a["channel"], lambda channel: L.label(L.CHANNELS, channel)),
    )


def notifier_group():
    return labelled(lambda a: a["notifier_type"], lambda kind: L.label(L.NOTIFIER_TYPES, kind))


def reason_group():
    return labelled(lambda a: (a["ground"], a["offence"], a["category"]), _reason)


def _reason(key: tuple) -> str:
    ground, offence, category = key
    if ground == "rules":
        return str(L.RULES_REASON)
    if offence and offence != "other":
        return offence
    return f"{L.OTHER_ILLEGAL}: {L.category_label(category)}"


def outcome_of(attrs: dict) -> str:
    if attrs["outcome"] != "actioned":
        return "no_action"
    return "removed" if attrs["action"] in REMOVAL_ACTIONS else "other_action"


def _outcome_table(key, title, heading, received, resolved, group) -> Table:
    got = tally(received, group)
    done = tally(resolved, lambda a: (group(a), outcome_of(a)))
    columns = [heading, _("Complaints received")] + [str(L.OUTCOMES[o]) for o in OUTCOME_ORDER]
    rows = []
    for name in sorted(got):
        counts = {o: done.get((name, o), 0) for o in OUTCOME_ORDER[:-1]}
        counts["pending"] = got[name] - sum(counts.values())
        if counts["pending"] < 0:
            raise ReconciliationError(f"More outcomes than complaints for “{name}”.")
        rows.append([name, got[name], *(counts[o] for o in OUTCOME_ORDER)])
    strays = {name for name, _o in done} - set(got)
    if strays:
        raise ReconciliationError(f"Outcomes for complaints never received: {sorted(strays)}")
    rows.append([str(L.TOTAL), *(sum(r[i] for r in rows) for i in range(1, 6))])
    return Table(key, title, columns, rows, chart={"label": 0, "values": [1, 2]})


def _times_table(resolved) -> Table:
    removed = [(a, n) for a, n in resolved if outcome_of(a) == "removed"]
    order = list(L.BUCKETS)
    rows = []
    for dimension, group in ((_("Notifier type"), notifier_group()), (_("Reason"), reason_group())):
        counts = tally(removed, lambda a, g=group: (g(a), a["bucket"]))
        for name in sorted({g for g, _b in counts}):
            cells = [counts.get((name, b), 0) for b in order]
            rows.append([dimension, name, *cells, sum(cells)])
    cells = [sum(n for a, n in removed if a["bucket"] == b) for b in order]
    rows.append([str(L.TOTAL), str(L.TOTAL), *cells, sum(cells)])
    columns = [_("Breakdown"), _("Group"), *(str(L.BUCKETS[b]) for b in order)]
    note = _(
        "Time from receipt of the complaint to removal or blocking. Each complaint is "
        "counted once, in the first interval it falls into."
    )
    chart = {"label": 1, "values": [2, 3, 4, 5], "rows": [-1]}
    return Table(
        "time_to_removal",
        _("Time to removal or blocking"),
        [*columns, _("Removed or blocked")],
        rows,
        note=note,
        chart=chart,
    )


def _informed_table(resolved) -> Table:
    decided = sum(n for _a, n in resolved)
    by_email = sum(n for a, n in resolved if a["by_email"])
    posters = sum(n for a, n in resolved if a["poster_informed"])
    restricted = sum(n for a, n in resolved if a["outcome"] == "actioned")
    rows = [
        [_("Complaints decided"), decided],
        [_("Complainants informed of the decision by email"), by_email],
        [_("Complainants without contact details (could not be informed)"), decided - by_email],
        [_("Complaints whose decision restricted the content"), restricted],
        [_("Of these, poster informed by a statement of reasons"), posters],
    ]
    note = _(
        "Complainants are told the decision and how to appeal it; posters receive a "
        "statement of reasons whenever their content is restricted (DSA Art. 17)."
    )
    return Table(
        "informed",
        _("Informing complainants and posters"),
        [_("Figure"), _("Number")],
        rows,
        note=note,
    )


def _appeals_table(submitted, complaints) -> Table:
    got = tally(submitted, lambda a: a["role"])
    decided = {}
    for attrs, _seconds in complaints:
        key = (attrs["role"], attrs["outcome"])
        decided[key] = decided.get(key, 0) + 1
    order = ("upheld", "reversed", "modified")
    rows = []
    for role in L.ROLES:
        cells = [decided.get((role, o), 0) for o in order]
        rows.append([L.label(L.ROLES, role), got.get(role, 0), *cells])
    rows.append([str(L.TOTAL), *(sum(r[i] for r in rows) for i in range(1, 5))])
    columns = [_("Appellant"), _("Appeals submitted"), *(str(L.APPEAL_OUTCOMES[o]) for o in order)]
    note = _("Outcomes of the appeals submitted in this period, as far as decided.")
    return Table("appeals", _("Appeals and counter-notifications"), columns, rows, note=note)
