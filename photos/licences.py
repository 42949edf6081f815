"""The licences a photographer can choose, with their deeds.

`commercial` and `derivatives` say what the licence permits; dataset releases
(consent app) use them to honour NonCommercial and NoDerivatives.

`name` is the licence's official name and stays as its licensor publishes it (dataset
credits and the API cite it); `summary` says in the reader's language what others may do.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str
    commercial: bool
    derivatives: bool
    attribution: bool
    summary: Promise
    label: Promise | None = None

    @property
    def shown_name(self) -> str:
        """The name on pages and in forms: the official name, except "all rights
        reserved", which names no licence and reads in the viewer's language."""
        return str(self.label) if self.label is not None else self.name


_CC = "https://creativecommons.org/licenses"


def _cc_2_0(code: str, elements: str, commercial: bool, derivatives: bool, summary) -> Licence:
    """The generic 2.0 licences Flickr offered until June 2025: photos licensed then keep
    them, and a licence is never silently swapped for a later version (another text)."""
    return Licence(
        f"cc-{code}-2.0",
        f"Creative Commons {elements} 2.0 Generic",
        f"{_CC}/{code}/2.0/",
        commercial,
        derivatives,
        True,
        summary=summary,
    )


_CC_2_0 = [
    _cc_2_0(
        "by",
        "Attribution",
        True,
        True,
        _("Anyone may share and adapt it, also commercially, crediting the photographer."),
    ),
    _cc_2_0(
        "by-sa",
        "Attribution-ShareAlike",
        True,
        True,
        _(
            "Anyone may share and adapt it, also commercially, crediting the "
            "photographer and sharing adaptations under the same licence."
        ),
    ),
    _cc_2_0(
        "by-nc",
        "Attribution-NonCommercial",
        False,
        True,
        _("Anyone may share and adapt it for non-commercial purposes, crediting the photographer."),
    ),
    _cc_2_0(
        "by-nc-sa",
        "Attribution-NonCommercial-ShareAlike",
        False,
        True,
        _(
            "Anyone may share and adapt it for non-commercial purposes, crediting the "
            "photographer and sharing adaptations under the same licence."
        ),
    ),
    _cc_2_0(
        "by-nd",
        "Attribution-NoDerivs",
        True,
        False,
        _("Anyone may share it unchanged, also commercially, crediting the photographer."),
    ),
    _cc_2_0(
        "by-nc-nd",
        "Attribution-NonCommercial-NoDerivs",
        False,
        False,
        _("Anyone may share it unchanged for non-commercial purposes, crediting the photographer."),
    ),
]
LICENCES = {
    lic.code: lic
    for lic in [
        Licence(
            "arr",
            "All rights reserved",
            "",
            False,
            False,
            True,
            summary=_("Nobody may reuse the photo without the photographer’s permission."),
            label=_("All rights reserved"),
        ),
        Licence(
            "cc0",
            "CC0 1.0 Universal (public domain dedication)",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            True,
            True,
            False,
            summary=_(
                "Given to the public domain: anyone may use it for anything, no credit needed."
            ),
        ),
        Licence(
            "cc-by",
            "Creative Commons Attribution 4.0",
            f"{_CC}/by/4.0/",
            True,
            True,
            True,
            summary=_(
                "Anyone may share and adapt it, also commercially, crediting the photographer."
            ),
        ),
        Licence(
            "cc-by-sa",
            "Creative Commons Attribution-ShareAlike 4.0",
            f"{_CC}/by-sa/4.0/",
            True,
            True,
            True,
            summary=_(
                "Anyone may share and adapt it, also commercially, crediting the "
                "photographer and sharing adaptations under the same licence."
            ),
        ),
        Licence(
            "cc-by-nc",
            "Creative Commons Attribution-NonCommercial 4.0",
            f"{_CC}/by-nc/4.0/",
            False,
            True,
            True,
            summary=_(
                "Anyone may share and adapt it for non-commercial purposes, crediting the "
                "photographer."
            ),
        ),
        Licence(
            "cc-by-nc-sa",
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
            f"{_CC}/by-nc-sa/4.0/",
            False,
            True,
            True,
            summary=_(
                "Anyone may share and adapt it for non-commercial purposes, crediting the "
                "photographer and sharing adaptations under the same licence."
            ),
        ),
        Licence(
            "cc-by-nd",
            "Creative Commons Attribution-NoDerivatives 4.0",
            f"{_CC}/by-nd/4.0/",
            True,
            False,
            True,
            summary=_(
                "Anyone may share it unchanged, also commercially, crediting the photographer."
            ),
        ),
        Licence(
            "cc-by-nc-nd",
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
            f"{_CC}/by-nc-nd/4.0/",
            False,
            False,
            True,
            summary=_(
                "Anyone may share it unchanged for non-commercial purposes, crediting the "
                "photographer."
            ),
        ),
        Licence(
            "pdm",
            "Public Domain Mark 1.0",
            "https://creativecommons.org/publicdomain/mark/1.0/",
            True,
            True,
            False,
            summary=_("Marked as free of known copyright: anyone may use it for anything."),
        ),
        *_CC_2_0,
        Licence(
            "nkcr",
            "No known copyright restrictions",
            "https://www.flickr.com/commons/usage/",
            True,
            True,
            False,
            summary=_(
                "An institution found no known copyright restrictions: anyone may use it, "
                "checking the rights where they use it."
            ),
        ),
        Licence(
            "usgov",
            "United States Government Work",
            "https://www.usa.gov/government-copyright",
            True,
            True,
            False,
            summary=_(
                "A work of the United States government, not protected by copyright in the "
                "United States: anyone may use it for anything there."
            ),
        ),
    ]
}
# Marks and dedications that claim no copyright: a served file's rights notice carries
# no "©" claim for them (consent.metadata).
NO_COPYRIGHT = frozenset({"cc0", "pdm", "nkcr", "usgov"})
LICENCE_CHOICES = [(lic.code, lic.name) for lic in LICENCES.values()]


def licence_choices() -> list[tuple[str, str]]:
    """The choices as a form shows them, in the language of the request."""
    return [(lic.code, lic.shown_name) for lic in LICENCES.values()]
