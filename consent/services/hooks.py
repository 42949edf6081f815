"""What follows a withdrawal: callables `hook(photo_ids, purposes)` that the task worker
runs over the withdrawn photos, a few hundred at a time (consent.services.propagation_runs).
Each must be idempotent: a step whose worker died is run again. The consent app registers
`propagate_withdrawal` (deletion notices to licensees) at start."""

WITHDRAWAL_HOOKS: list = []
