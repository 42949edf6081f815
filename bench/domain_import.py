"""Importing a Mastodon CSV domain block list (issue #20): goal < 5 s for 1,000 domains.

    .venv/bin/python bench/domain_import.py                    # SQLite, temporary
    CANDID_PG_PORT=54453 scripts/with-postgres.sh .venv/bin/python bench/domain_import.py
    .venv/bin/python bench/domain_import.py --domains 5000 --rounds 5

Each round imports a fresh list of `--domains` rows (suspend, silence with reject_media,
noop with reject_media, each with its public comment) through `domain_list_import`, as
the moderation page does: parsing, checking every row, one `DomainDecision` and one
chained `moderation.server_measure` event per row, and ending the follows with every
blocked server (`--follows` remote followers of one member spread over the listed
servers, so the severing and the member's notice are in the figure). The rows are
removed between rounds (outside the timing). Prints the median wall time.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import environment, use_project_path  # noqa: E402

use_project_path()

GOAL_SECONDS = 5.0
SEVERITIES = (("suspend", "false"), ("silence", "true"), ("noop", "true"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domains", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--follows", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="candid-domains-") as data_dir:
        environment(
            data_dir,
            CANDID_FEDERATION="1",
            SITE_URL="http://127.0.0.1:8000",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
        times = run(args)
    median = statistics.median(times)
    print(f"rounds: {', '.join(f'{t:.2f}' for t in times)} s")
    print(
        f"import of {args.domains:,} domains: median {median:.2f} s "
        f"({args.domains / median:,.0f} rows/s); goal < {GOAL_SECONDS:.0f} s: "
        f"{'met' if median < GOAL_SECONDS else 'NOT met'}"
    )


def run(args) -> list[float]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.urls import reverse

    from accounts.models import User
    from federation.domain_lists import domain_list_import
    from federation.models import DomainBlock, RemoteActor, RemoteFollow

    reverse("moderated_servers")  # loads the URL conf, as a running server has it loaded
    print(f"database: {connection.vendor}")
    mod = User.objects.create_user(username="mod", email="mod@example.org", role="admin")
    member = User.objects.create_user(username="member", email="member@example.org")
    times = []
    for round_no in range(args.rounds):
        data = _list(args.domains, round_no)
        _follows(member, args.follows, args.domains, round_no, RemoteActor, RemoteFollow)
        started = time.perf_counter()
        result = domain_list_import(moderator=mod, data=data)
        times.append(time.perf_counter() - started)
        assert len(result.decisions) == args.domains, len(result.decisions)
        DomainBlock.objects.all().delete()
    return times


def _list(count: int, round_no: int) -> bytes:
    rows = ["#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate"]
    for i in range(count):
        severity, media = SEVERITIES[i % len(SEVERITIES)]
        rows.append(f"s{i}.r{round_no}.example,{severity},{media},false,Spam wave {i},false")
    return ("\n".join(rows) + "\n").encode()


def _follows(member, count: int, domains: int, round_no: int, RemoteActor, RemoteFollow):
    """Remote followers on the blocked servers of this round's list (every third is a
    `suspend` row)."""
    actors = RemoteActor.objects.bulk_create(
        [
            RemoteActor(
                uri=f"https://s{i * 3 % domains}.r{round_no}.example/users/u{i}",
                domain=f"s{i * 3 % domains}.r{round_no}.example",
                username=f"u{i}",
                inbox=f"https://s{i * 3 % domains}.r{round_no}.example/users/u{i}/inbox",
                fetched_at="2026-01-01T00:00:00Z",
            )
            for i in range(count)
        ]
    )
    RemoteFollow.objects.bulk_create(
        [RemoteFollow(follower=a, followee=member, state="accepted") for a in actors]
    )


if __name__ == "__main__":
    main()
