"""Proof of the machine-readable reservations Candid served (issue 16, "Proof that holds").

OLG Hamburg (10 Dec 2025, 5 U 104/24, Kneschke v. LAION) puts the burden on the
rightsholder to prove a machine-readable reservation under § 44b(3) UrhG (Art. 4(3) CDSM
Directive). Candid keeps what such a proof needs without logging requests:

- `documents`: every version of robots.txt and /.well-known/tdmrep.json, with its hash and
  the period it was served, each anchored in the public hash chain;
- `periods`: a photo's signals over time, replayed from the member's hash-chained consent
  history (each append anchored in the public chain) through the same functions that
  build the served headers and XMP, so the record cannot disagree with what was served;
- `certificate`: a signed document stating, for a date range, which reservations were
  served for which URLs, verifiable against the public chain (`verify`).
"""
