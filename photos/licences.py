"""The licences a photographer can choose, with their deeds.

`commercial` and `derivatives` say what the licence permits; dataset releases
(consent app) use them to honour NonCommercial and NoDerivatives.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str
    commercial: bool
    derivatives: bool
    attribution: bool


_CC = "https://creativecommons.org/licenses"
LICENCES = {
    lic.code: lic
    for lic in [
        Licence("arr", "All rights reserved", "", False, False, True),
        Licence(
            "cc0",
            "CC0 1.0 Universal (public domain dedication)",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            True,
            True,
            False,
        ),
        Licence("cc-by", "Creative Commons Attribution 4.0", f"{_CC}/by/4.0/", True, True, True),
        Licence(
            "cc-by-sa",
            "Creative Commons Attribution-ShareAlike 4.0",
            f"{_CC}/by-sa/4.0/",
            True,
            True,
            True,
        ),
        Licence(
            "cc-by-nc",
            "Creative Commons Attribution-NonCommercial 4.0",
            f"{_CC}/by-nc/4.0/",
            False,
            True,
            True,
        ),
        Licence(
            "cc-by-nc-sa",
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
            f"{_CC}/by-nc-sa/4.0/",
            False,
            True,
            True,
        ),
        Licence(
            "cc-by-nd",
            "Creative Commons Attribution-NoDerivatives 4.0",
            f"{_CC}/by-nd/4.0/",
            True,
            False,
            True,
        ),
        Licence(
            "cc-by-nc-nd",
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
            f"{_CC}/by-nc-nd/4.0/",
            False,
            False,
            True,
        ),
        Licence(
            "pdm",
            "Public Domain Mark 1.0",
            "https://creativecommons.org/publicdomain/mark/1.0/",
            True,
            True,
            False,
        ),
    ]
}
LICENCE_CHOICES = [(lic.code, lic.name) for lic in LICENCES.values()]
