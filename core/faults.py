"""Named pause points, so the fault and concurrency tests can stop a real process at a
known moment (tests/faults, tests/rights/test_concurrency.py).

A process started with CANDID_PAUSE_AT=NAME and CANDID_PAUSE_DIR=DIR, on reaching the
point NAME, creates DIR/NAME.reached and waits until DIR/NAME.go exists (a kill -9 test
simply kills it while it waits). CANDID_PAUSE_SKIP=N lets the first N passes go by (to
stop at the second photo of an import, say). Without CANDID_PAUSE_AT, which production
never sets, a pause point costs one environment lookup. `core.events.event_record` offers a point
"event:KIND" after every event it appends, inside the service's transaction.
"""

import os
import time
from pathlib import Path

WAIT_SECONDS = 60.0
_passes: dict[str, int] = {}


def pause_point(name: str) -> None:
    if os.environ.get("CANDID_PAUSE_AT") != name:
        return
    _passes[name] = _passes.get(name, 0) + 1
    if _passes[name] <= int(os.environ.get("CANDID_PAUSE_SKIP", "0")):
        return
    folder = Path(os.environ.get("CANDID_PAUSE_DIR", "."))
    (folder / f"{name}.reached").touch()
    go, waited = folder / f"{name}.go", 0.0
    while not go.exists() and waited < WAIT_SECONDS:
        time.sleep(0.02)
        waited += 0.02
