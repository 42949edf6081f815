"""NetzDG and DSA transparency reports, computed from the moderation event log alone.

Never from the moderation tables: the log is append-only and hash-chained, so a report
can be recomputed and checked by anyone holding the public log. Each report reads the
chain head first and counts only events up to it, so all its passes see the same log
and the head printed in the report names exactly what was counted.

The passes (transparency/reports/passes.py) are a handful of GROUP BY queries, plus
per-row scans only where a median needs the individual times. They read facts, one
narrow row per counted event with these `data` keys in real columns (words as numbers),
in a table per kind for the three big kinds (`transparency.models.Fact`), which
transparency/facts.py folds from the log up to the report's chain head first: a million
events are then a few scans of tables a tenth the size of the log or less, hashing
integers (bench/transparency.py). Event fields relied on:

- moderation.notice_received: channel, notifier_type, ground, category, country,
  offence, receipt_confirmed. Its time is the notice's time of receipt.
- moderation.notifier_informed (one per notice resolved by a decision): the notice's
  public fields again, outcome, action, decision_ground, automated_decision, by_email,
  poster_informed, received_at, seconds_to_decision.
- moderation.decision_applied: action, ground, category, automated_detection,
  automated_decision, own_initiative, manifestly_illegal, appeal_of.
- moderation.appeal_submitted / appeal_decided: role, decision_action, trusted_flagger,
  outcome, submitted_at, seconds_to_decide.
- moderation.dispute_submitted / dispute_decided: outcome, implemented, submitted_at,
  seconds_to_decide.
- moderation.misuse_measure: kind, level.
- moderation.authorities_notified (DSA Art. 18, legal/services.py): case_id, member_state,
  sent_at; counted only.
- moderation.server_measure (federation/domain_measures.py): kind (limit, block,
  reject_media or lift), level (imposed, changed, lifted); own-initiative measures on
  other servers, a table of their own.

Cohorts: a report counts the notices received in its period and follows each of them to
its outcome as far as the log goes (a notice still undecided is "pending"); likewise
complaints and disputes submitted in the period. Measures (decisions, suspensions) count
when they were applied within the period.
"""


def report_kinds() -> dict:
    """The reports by name, for the pages and the `transparency_report` command."""
    from transparency.reports.dsa import dsa_report
    from transparency.reports.netzdg import netzdg_report

    return {"netzdg": netzdg_report, "dsa": dsa_report}
