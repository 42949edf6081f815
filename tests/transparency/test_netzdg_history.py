"""NetzDG §§ 2–3 are history (repealed by the DDG on 14 May 2024): the README and the
evidence code keep the ten-week evidence retention as Candid's policy, never citing the
NetzDG as the duty behind it, and the README presents the DSA report as the current one."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE_FILES = [
    "README.md",
    "core/deadlines.py",
    "moderation/services/decisions.py",
    "moderation/models/decisions.py",
    "moderation/services/upkeep.py",
]


def test_evidence_retention_is_cited_as_policy_not_as_netzdg_duty():
    for name in EVIDENCE_FILES:
        text = re.sub(r"\s+", " ", (ROOT / name).read_text(encoding="utf-8"))
        for found in re.finditer(r"NetzDG §\s?3\(2\) no\. 4", text):
            before = text[max(0, found.start() - 80) : found.start()]
            assert "repealed" in before, f"{name}: …{before}{found.group()}"


def test_readme_presents_the_dsa_report_first_and_netzdg_as_history():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    transparency = text[text.index("## Transparency") :]
    assert "**DSA first, NetzDG as history.**" in transparency
    assert "not been a legal duty since 14 May 2024" in re.sub(r"\s+", " ", transparency)
    assert transparency.index("- **DSA** report") < transparency.index("- **NetzDG (historical)**")
