"""Own-initiative measures on other servers (issue #20), a table of Candid's own: the
harmonised templates (Implementing Regulation 2024/2835) count measures on items and
accounts, and a limit or block of a whole server in the fediverse is neither. Every one
is a decision a moderator took of their own initiative (federation/domain_measures.py),
so they are counted here and not mixed into tables 5 and 6."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from transparency.reports.tables import Table

KINDS = ("limit", "block", "reject_media")
LEVELS = ("imposed", "changed")


def server_measures_table(grouped: list[tuple[dict, int]]) -> Table:
    count = lambda keep: sum(n for a, n in grouped if keep(a))  # noqa: E731
    names = {
        "limit": pgettext("server measure", "Limit"),
        "block": pgettext("server measure", "Block"),
        "reject_media": pgettext("server measure", "Reject media"),
    }
    rows = [
        [_("Total measures imposed or changed"), count(lambda a: a["level"] in LEVELS)],
        *[
            [names[kind], count(lambda a, k=kind: a["measure_kind"] == k and a["level"] in LEVELS)]
            for kind in KINDS
        ],
        [_("Measures lifted"), count(lambda a: a["level"] == "lifted")],
    ]
    return Table(
        "server_measures",
        _("Own-initiative measures on other servers"),
        [_("Measure"), _("Number")],
        rows,
        note=_(
            "Limits, blocks and media rejections of whole servers in the fediverse, each a "
            "reasoned decision of a moderator, decided in the period; the list of the "
            "measures in force is public."
        ),
    )
