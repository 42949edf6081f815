"""Federation benchmark: fan-out of one photo to 10,000 remote followers on 500 servers,
and inbox intake of signed activities, each against its floor in the same run.

    .venv/bin/python bench/federation.py                       # SQLite, temporary
    CANDID_PG_PORT=54421 scripts/with-postgres.sh .venv/bin/python bench/federation.py
    .venv/bin/python bench/federation.py --followers 200 --servers 20 --activities 100

Fan-out. Sink servers (a child process, `--sinks` ports on 127.0.0.1, each answering 202
to any POST) stand for `--servers` remote servers: each server is a shared inbox
`http://127.0.0.1:PORT/s/N/inbox` (all share the host 127.0.0.1, so one DomainHealth row:
the worst case for the circuit breaker's row lock). `--followers` RemoteFollow rows of one
member are spread over them. Then, in one process:

- (a) the upload request (`POST /upload/` through the Django test client, signed in, a
  small real JPEG) with federation on and off, interleaved: the fan-out belongs to the
  worker (`events_follow`), so the request must cost the same (goal <= 1.1x);
- (b) `events_follow()` after one more upload: reads the event, builds the `Create`,
  queues one Delivery per shared inbox and its task (what the worker's upkeep runs);
- (c) sending those deliveries with `delivery_send` in a loop, and with `--threads`
  threads (as several workers), against a bare `requests.post` of the same body to the
  same inboxes (no signature, no database).

Intake. `--activities` Like activities from `--actors` remote actors whose keys are
already stored (no fetch), signed with draft-cavage `rsa-sha256` as Mastodon signs, go
through `activity_receive` (checks, signature, kept in the web process's journal as with a
worker, federation/inbox_journal.py), against a bare `verify_request` loop over the same
requests (the key from a dict: the signature work alone), in `--intake-rounds` rounds, all
in one thread: activities/s per worker core (goal: intake <= 2x the bare verify). A round of
intake ends when every one of its activities is in InboxMessage: the journal's thread moves
it as in production (every 0.1 s) and the rest is moved before the clock stops. Beside it,
each round also runs: the same with the journal moved after every 100 activities (its
batch when activities arrive at 1,000/s); with the journal off (one committed INSERT per
activity); the floor of "stored before the answer" without a journal (the bare verify and
one INSERT of the body into a one-column table, committed). For context, the same through
the WSGI stack (`POST /inbox/` with the test client).

Medians over rounds or blocks; results also go to bench/out/federation.json.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import HOST, OUT, environment, free_port, use_project_path  # noqa: E402

use_project_path()

UPLOAD_GOAL = 1.1
INTAKE_GOAL = 2.0


def main() -> None:
    args = _arguments()
    if args.sink:
        _sink_serve([int(port) for port in args.sink.split(",")])
        return
    with tempfile.TemporaryDirectory(prefix="candid-federation-") as data_dir:
        environment(
            data_dir,
            CANDID_FEDERATION="1",
            CANDID_FEDERATION_ALLOW_LOCAL="1",
            CANDID_TASKS="database",
            SITE_URL="http://127.0.0.1:8000",
        )
        ports = [free_port() for _ in range(args.sinks)]
        sink = _sink_start(ports)
        try:
            results = run(args, ports)
        finally:
            _sink_stop(sink)
    _report(results, args)


def _arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--servers", type=int, default=500)
    parser.add_argument("--sinks", type=int, default=10, help="sink ports (10)")
    parser.add_argument("--uploads", type=int, default=15, help="uploads each, on and off")
    parser.add_argument("--rounds", type=int, default=3, help="fan-out rounds (3)")
    parser.add_argument("--threads", type=int, default=4, help="sending threads (4)")
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--actors", type=int, default=50)
    parser.add_argument("--intake-rounds", type=int, default=5, help="intake rounds (5)")
    parser.add_argument("--sink", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- the sink servers (a child process, so their work does not share this one's GIL) ---


class _Sink(BaseHTTPRequestHandler):
    received = 0

    def do_POST(self):  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if "Signature" in self.headers:
            type(self).received += 1
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 - the count of signed POSTs received
        body = str(type(self).received).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _sink_serve(ports: list[int]) -> None:
    servers = [ThreadingHTTPServer((HOST, port), _Sink) for port in ports]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


def _sink_start(ports: list[int]) -> subprocess.Popen:
    command = [sys.executable, __file__, "--sink", ",".join(map(str, ports))]
    sink = subprocess.Popen(command, start_new_session=True)
    import urllib.request

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{ports[-1]}/", timeout=1)  # noqa: S310
            return sink
        except OSError:
            time.sleep(0.1)
    _sink_stop(sink)
    raise RuntimeError("the sink servers did not start")


def _sink_received(port: int) -> int:
    import urllib.request

    with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=5) as answer:  # noqa: S310
        return int(answer.read())


def _sink_stop(sink: subprocess.Popen) -> None:
    """Stop the sink process this script started (its own process group), nothing else."""
    if sink.poll() is None:
        os.killpg(sink.pid, signal.SIGTERM)
        sink.wait(timeout=10)


# --- the benchmark ---


def run(args: argparse.Namespace, ports: list[int]) -> dict:
    """Everything measured."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0)
    owner = _fill(args, ports)
    results = {"database": _database()}
    results["upload"] = _uploads(owner, args)
    results["fanout"] = _fanout(owner, args, ports)
    # Intake's per-server rate check runs as in production, at a rate never reached here.
    with override_settings(RATELIMIT_ENABLE=True, CANDID_FEDERATION_INBOX_RATE="1000000/s"):
        results["intake"] = _intake(args)
    return results


def _database() -> str:
    from django.db import connection

    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


def _fill(args: argparse.Namespace, ports: list[int]):
    """One member with `followers` accepted remote followers on `servers` servers."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from federation.actors import local_actor_for
    from federation.models import RemoteActor, RemoteFollow

    started = time.perf_counter()
    owner = User.objects.create_user(username="bench", email="bench@example.org")
    local_actor_for(owner)
    local_actor_for(None)
    now = timezone.now()
    actors = []
    for i in range(args.followers):
        server = i % args.servers
        base = f"http://{HOST}:{ports[server % len(ports)]}/s/{server}"
        actors.append(
            RemoteActor(
                uri=f"{base}/users/f{i}",
                domain=HOST,
                username=f"f{i}",
                inbox=f"{base}/users/f{i}/inbox",
                shared_inbox=f"{base}/inbox",
                key_id=f"{base}/users/f{i}#main-key",
                fetched_at=now,
            )
        )
    with transaction.atomic():
        stored = RemoteActor.objects.bulk_create(actors, batch_size=1000)
        RemoteFollow.objects.bulk_create(
            [
                RemoteFollow(follower=actor, followee=owner, state=RemoteFollow.State.ACCEPTED)
                for actor in stored
            ],
            batch_size=1000,
        )
    print(
        f"{args.followers} remote followers on {args.servers} servers"
        f" ({len(ports)} sink ports) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return owner


def _jpeg(seed: int) -> bytes:
    from photos.samples import sample_jpeg

    return sample_jpeg(800, 600, seed=seed)


def _upload(client, seed: int) -> float:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _jpeg(seed)
    fields = {
        "files": SimpleUploadedFile(f"p{seed}.jpg", data, content_type="image/jpeg"),
        "title": f"Photo {seed}",
        "alt_text": "A test pattern.",
        "licence": "arr",
        "visibility": "public",
    }
    started = time.perf_counter()
    response = client.post("/upload/", fields)
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise RuntimeError(f"upload answered {response.status_code}: {response.content[:500]!r}")
    return elapsed


def _uploads(owner, args: argparse.Namespace) -> dict:
    """(a) The upload request with federation on and off, interleaved; then the worker's
    events_follow catches up with federation off, so none of these photos is sent."""
    from django.test import Client, override_settings

    from federation.sync import events_follow

    client = Client()
    client.force_login(owner)
    times = {"on": [], "off": []}
    _upload(client, 10_000)  # warm-up: imports, templates, first connection
    for i in range(args.uploads):
        order = ("on", "off") if i % 2 == 0 else ("off", "on")
        for state in order:
            with override_settings(CANDID_FEDERATION=state == "on"):
                times[state].append(_upload(client, i * 2 + (state == "on")))
    with override_settings(CANDID_FEDERATION=False):
        while events_follow():
            pass
    on, off = statistics.median(times["on"]), statistics.median(times["off"])
    print(f"(a) upload request: federation on {on * 1000:.1f} ms, off {off * 1000:.1f} ms")
    return {"on_ms": on * 1000, "off_ms": off * 1000, "ratio": on / off, "n": args.uploads}


def _fanout(owner, args: argparse.Namespace, ports: list[int]) -> dict:
    """(b) events_follow after one upload, `rounds` times; (c) sending the deliveries."""
    import requests
    from django.db import connection
    from django.test import Client

    from federation.delivery import delivery_send
    from federation.models import Delivery
    from federation.sync import events_follow

    client = Client()
    client.force_login(owner)
    queue, serial, threaded, bare = [], [], [], []
    for round_ in range(args.rounds):
        _upload(client, 20_000 + round_)
        before = Delivery.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        started = time.perf_counter()
        events_follow()
        queue.append(time.perf_counter() - started)
        ids = list(Delivery.objects.filter(pk__gt=before).values_list("pk", flat=True))
        if len(ids) != args.servers:
            raise RuntimeError(f"{len(ids)} deliveries queued, expected {args.servers}")
        inboxes = list(Delivery.objects.filter(pk__in=ids).values_list("inbox", flat=True))
        body = json.dumps(Delivery.objects.get(pk=ids[0]).activity).encode()
        received = _sink_received(ports[0])
        half = len(ids) // 2
        serial.append(_send_serial(delivery_send, ids[:half]))
        threaded.append(_send_threaded(delivery_send, ids[half:], args.threads, connection))
        bare.append(_post_bare(requests, inboxes[:half], body))
        delivered = Delivery.objects.filter(pk__in=ids, state=Delivery.State.DELIVERED).count()
        arrived = _sink_received(ports[0]) - received
        if delivered != len(ids) or arrived != len(ids):
            raise RuntimeError(f"{delivered} delivered, {arrived} arrived of {len(ids)}")
        print(
            f"  round {round_ + 1}: events_follow {queue[-1] * 1000:.0f} ms for {len(ids)}"
            f" deliveries; send {serial[-1]:.0f}/s, {args.threads} threads {threaded[-1]:.0f}/s,"
            f" bare POST {bare[-1]:.0f}/s",
            flush=True,
        )
    return {
        "deliveries": args.servers,
        "followers": args.followers,
        "queue_ms": statistics.median(queue) * 1000,
        "send_per_s": statistics.median(serial),
        "send_threads_per_s": statistics.median(threaded),
        "bare_post_per_s": statistics.median(bare),
        "threads": args.threads,
    }


def _send_serial(send, ids: list[int]) -> float:
    started = time.perf_counter()
    for pk in ids:
        send(pk)
    return len(ids) / (time.perf_counter() - started)


def _send_threaded(send, ids: list[int], threads: int, connection) -> float:
    from django.db import connections

    def one(pk):
        try:
            return send(pk)
        finally:
            connections.close_all()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(one, ids))
    elapsed = time.perf_counter() - started
    if any(outcome != "delivered" for outcome in outcomes):
        raise RuntimeError(f"not all sent: {sorted(set(outcomes))}")
    return len(ids) / elapsed


def _post_bare(requests, inboxes: list[str], body: bytes) -> float:
    """The floor: the same POSTs, unsigned, no database."""
    started = time.perf_counter()
    for inbox in inboxes:
        requests.post(inbox, data=body, timeout=10, allow_redirects=False)
    return len(inboxes) / (time.perf_counter() - started)


def _intake(args: argparse.Namespace) -> dict:
    """Signed activities through activity_receive against a bare verify_request loop."""
    from django.db import connection
    from django.test import Client, override_settings

    from federation.inbox_journal import journal_move
    from federation.intake import activity_receive
    from federation.models import InboxMessage
    from federation.signatures import verify_request

    requests_, keys = _signed_activities(args)
    url = _shared_inbox_url()

    def bare(req):
        verify_request(
            method="POST",
            url=url,
            headers=req["headers"],
            body=req["body"],
            key_lookup=lambda key_id, refresh: keys.get(key_id),
        )

    floor_insert = _floor_table()

    def verify_and_insert(req):
        bare(req)
        with connection.cursor() as cursor:
            cursor.execute(floor_insert, [req["body"].decode()])

    def receive(req):
        activity_receive(method="POST", url=url, headers=req["headers"], body=req["body"])

    def moved_every(count: int):
        """Also the journal moved after every `count` activities (the thread's batch when
        they arrive at 1,000/s), not only as the thread moves it and at the end."""
        calls = iter(range(1, len(requests_) + 1))

        def receive_and_move(req):
            receive(req)
            if next(calls) % count == 0:
                journal_move()

        return receive_and_move

    figures: dict[str, list[float]] = {}
    for _round in range(args.intake_rounds):
        for name, function, after in (
            ("bare", bare, None),
            ("verify_insert", verify_and_insert, None),
            ("receive", receive, journal_move),
            ("receive_100", moved_every(100), journal_move),
            ("direct", receive, None),
        ):
            with override_settings(CANDID_FEDERATION_INBOX_JOURNAL=name != "direct"):
                cpu, wall = _cpu_and_wall(function, requests_, after)
            figures.setdefault(name, []).append(len(requests_) / wall)
            figures.setdefault(f"{name}_cpu", []).append(cpu)
    stored = InboxMessage.objects.count()
    if stored != 3 * args.intake_rounds * len(requests_):
        raise RuntimeError(
            f"{stored} activities stored of {3 * args.intake_rounds * len(requests_)}"
        )
    median = {name: statistics.median(values) for name, values in figures.items()}
    wsgi = _intake_wsgi(Client(), args)
    print(
        f"intake of {len(requests_)} activities, {args.intake_rounds} rounds:"
        f" activity_receive {median['receive']:.0f}/s, bare verify {median['bare']:.0f}/s,"
        f" verify and one INSERT {median['verify_insert']:.0f}/s, POST /inbox/ {wsgi:.0f}/s",
        flush=True,
    )
    return {
        "activities": len(requests_),
        "receive_per_s": median["receive"],
        "receive_moved_every_100_per_s": median["receive_100"],
        "bare_verify_per_s": median["bare"],
        "verify_insert_per_s": median["verify_insert"],
        "direct_per_s": median["direct"],
        "wsgi_per_s": wsgi,
        "ratio": median["bare"] / median["receive"],
        "cpu_ratio": median["receive_cpu"] / median["bare_cpu"],
    }


def _floor_table() -> str:
    """A table of one text column: the least a stored activity can cost."""
    from django.db import connection

    key = "bigserial" if connection.vendor == "postgresql" else "integer"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_intake_floor (id {key} PRIMARY KEY, body text)")
    return "INSERT INTO bench_intake_floor (body) VALUES (%s)"


def _shared_inbox_url() -> str:
    from django.urls import reverse

    from web.open_web import absolute_url

    return absolute_url(reverse("federation:shared_inbox"))


def _cpu_and_wall(function, block: list[dict], after=None) -> tuple[float, float]:
    """This process's CPU seconds and the wall seconds of `function` over the block, and
    of `after` (the rest of the journal moved into the table: the block is not stored
    before)."""
    cpu, wall = time.process_time(), time.perf_counter()
    for req in block:
        function(req)
    if after is not None:
        after()
    return time.process_time() - cpu, time.perf_counter() - wall


def _rate(function, block: list[dict]) -> float:
    started = time.perf_counter()
    for req in block:
        function(req)
    return len(block) / (time.perf_counter() - started)


_KEYS: dict[int, tuple[str, str]] = {}


def _remote_actors(args: argparse.Namespace, prefix: str) -> list:
    """`actors` remote actors with stored keys (one key pair for all: RSA generation is
    slow and the work per request is the same)."""
    from django.utils import timezone

    from federation.keys import key_pair_new
    from federation.models import RemoteActor

    if 0 not in _KEYS:
        _KEYS[0] = key_pair_new()
    private_pem, public_pem = _KEYS[0]
    actors = RemoteActor.objects.bulk_create(
        [
            RemoteActor(
                uri=f"https://{prefix}{i}.example/users/a",
                domain=f"{prefix}{i}.example",
                username="a",
                inbox=f"https://{prefix}{i}.example/users/a/inbox",
                key_id=f"https://{prefix}{i}.example/users/a#main-key",
                public_key_pem=public_pem,
                fetched_at=timezone.now(),
            )
            for i in range(args.actors)
        ]
    )
    return [(actor, private_pem) for actor in actors]


def _signed_activities(args: argparse.Namespace, prefix: str = "peer") -> tuple[list, dict]:
    from federation.signatures import sign_request

    actors = _remote_actors(args, prefix)
    url = _shared_inbox_url()
    signed, keys = [], {}
    for i in range(args.activities):
        actor, private_pem = actors[i % len(actors)]
        keys[actor.key_id] = actor.public_key_pem
        body = json.dumps(
            {
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": f"{actor.uri}#likes/{i}",
                "type": "Like",
                "actor": actor.uri,
                "object": f"http://127.0.0.1:8000/photos/{i + 1}/",
            }
        ).encode()
        headers = sign_request(
            method="POST", url=url, body=body, key_id=actor.key_id, private_pem=private_pem
        )
        headers["Content-Type"] = "application/activity+json"
        signed.append({"headers": headers, "body": body})
    return signed, keys


def _intake_wsgi(client, args: argparse.Namespace) -> float:
    """For context: the same activities (from other actors) through the whole WSGI stack."""
    small = argparse.Namespace(**{**vars(args), "activities": min(args.activities, 300)})
    signed, _keys = _signed_activities(small, prefix="wsgi")

    def post(req):
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in req["headers"].items()}
        extra.pop("HTTP_CONTENT_TYPE")
        response = client.generic(
            "POST",
            "/inbox/",
            req["body"],
            content_type="application/activity+json",
            SERVER_NAME="127.0.0.1",
            SERVER_PORT="8000",
            **extra,
        )
        if response.status_code != 202:
            raise RuntimeError(f"POST /inbox/ answered {response.status_code}")

    return _rate(post, signed)


def _report(results: dict, args: argparse.Namespace) -> None:
    upload, fanout, intake = results["upload"], results["fanout"], results["intake"]
    print(f"\n{results['database']}, {args.followers} followers on {args.servers} servers")
    print(f"{'figure':48} {'value':>12} {'floor':>12} {'ratio':>6}  goal")
    _line(
        "upload request, federation on vs off (ms)",
        upload["on_ms"],
        upload["off_ms"],
        upload["ratio"],
        UPLOAD_GOAL,
    )
    print(f"{'events_follow: queue the deliveries (ms)':48} {fanout['queue_ms']:12.1f}")
    send, floor = fanout["send_per_s"], fanout["bare_post_per_s"]
    print(
        f"{'deliveries/s, delivery_send loop vs bare POST':48} {send:12.0f} {floor:12.0f}"
        f" {floor / send:6.2f}"
    )
    print(f"{f'deliveries/s, {args.threads} threads':48} {fanout['send_threads_per_s']:12.0f}")
    _line(
        "intake/s per core vs bare verify (ratio of time)",
        intake["receive_per_s"],
        intake["bare_verify_per_s"],
        intake["ratio"],
        INTAKE_GOAL,
    )
    print(
        f"{'  the same in this process CPU time (ratio)':48} {'':12} {'':12}"
        f" {intake['cpu_ratio']:6.2f}"
    )
    stored = intake["verify_insert_per_s"]
    print(
        f"{'intake/s vs bare verify + one INSERT':48} {intake['receive_per_s']:12.1f}"
        f" {stored:12.1f} {stored / intake['receive_per_s']:6.2f}"
    )
    every_100 = intake["receive_moved_every_100_per_s"]
    print(
        f"{'  journal moved every 100 activities (ratio)':48} {every_100:12.1f}"
        f" {intake['bare_verify_per_s']:12.1f} {intake['bare_verify_per_s'] / every_100:6.2f}"
    )
    direct = intake["direct_per_s"]
    print(
        f"{'intake/s, journal off (an INSERT each) vs bare':48} {direct:12.1f}"
        f" {intake['bare_verify_per_s']:12.1f} {intake['bare_verify_per_s'] / direct:6.2f}"
    )
    print(f"{'intake/s through POST /inbox/ (WSGI)':48} {intake['wsgi_per_s']:12.0f}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "federation.json").write_text(
        json.dumps(
            {"args": vars(args), "results": results, "at": time.strftime("%Y-%m-%dT%H:%M:%S")},
            indent=2,
        )
    )


def _line(name: str, value: float, floor: float, ratio: float, goal: float) -> None:
    verdict = "MET" if ratio <= goal else "NOT MET"
    print(f"{name:48} {value:12.1f} {floor:12.1f} {ratio:6.2f}  <= {goal}x {verdict}")


if __name__ == "__main__":
    main()
