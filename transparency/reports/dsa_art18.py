"""DSA Art. 18 notifications of the authorities, a table of Candid's own: the harmonised
templates (Implementing Regulation 2024/2835) have no place for them, and every hosting
service owes them whatever its size."""

from django.utils.translation import gettext as _

from transparency.reports.tables import Table


def art18_table(count: int) -> Table:
    return Table(
        "art18_notifications",
        _("Notifications of suspected criminal offences (Art. 18)"),
        ["Indicator", "Value"],
        [[_("Notifications of law enforcement or judicial authorities"), count]],
        note=_(
            "Suspected criminal offences involving a threat to the life or safety of persons, "
            "notified to the authorities of the member state concerned or to Europol."
        ),
    )
