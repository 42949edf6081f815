"""PostgreSQL objects that guard the hash chain: the CHECK constraint that holds a chained
event's columns (sequence number, kind, time, subject, `data`) to the public form its hash
covers (`Event.public`), and the covering index the verifier's ordered pass reads.

The hash chain proves that the stored public forms were not altered; this constraint
makes the database refuse any row whose columns (which pages, exports and reports read)
say something else. So the verifier need not re-serialise a million rows: it checks the
hashes and then that this constraint is in place, validated and unchanged. Where it is
not (SQLite, or a database where someone dropped or replaced it), the verifier compares
every row's columns with its public form instead (transparency/selectors.py).
"""

from django.db import connection, transaction

NAME = "core_event_public_form"
CONDITION = """
    chain_seq IS NULL OR (
        (public::jsonb ->> 'seq')::bigint = chain_seq
        AND public::jsonb ->> 'kind' = kind
        AND (public::jsonb ->> 'created_at')::timestamptz = created_at
        AND public::jsonb ->> 'subject_type' = subject_type
        AND (public::jsonb ->> 'subject_id')::bigint IS NOT DISTINCT FROM subject_id
        AND public::jsonb -> 'data' = data
    )
"""
ADD = f"ALTER TABLE core_event ADD CONSTRAINT {NAME} CHECK ({CONDITION})"
DROP = f"ALTER TABLE core_event DROP CONSTRAINT IF EXISTS {NAME}"
# The verifier checks that each event names its predecessor's hash in one ordered pass
# over this index alone (transparency/verification.py), never touching the wide rows.
LINKS_INDEX = "core_event_chain_links"
ADD_LINKS_INDEX = (
    f"CREATE INDEX {LINKS_INDEX} ON core_event (chain_seq) INCLUDE (prev_hash, hash) "
    "WHERE chain_seq IS NOT NULL"
)
DROP_LINKS_INDEX = f"DROP INDEX IF EXISTS {LINKS_INDEX}"
_DEFINITION = (
    "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE conrelid = %s::regclass AND conname = %s AND contype = 'c' AND convalidated"
)


def constraint_intact() -> bool:
    """True on PostgreSQL when the constraint exists, is validated, and reads exactly as
    the same condition does on a scratch copy of the table (so a weakened replacement
    under the same name does not count)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(_DEFINITION, ["core_event", NAME])
        found = cursor.fetchone()
        if found is None:
            return False
        return found[0] == _reference_definition(cursor)


def _reference_definition(cursor) -> str:
    """The condition as PostgreSQL prints it, on a scratch table rolled back at once."""
    with transaction.atomic():
        cursor.execute("CREATE TEMP TABLE chain_check_reference (LIKE core_event)")
        cursor.execute(ADD.replace("core_event ", "chain_check_reference ", 1))
        cursor.execute(_DEFINITION, ["chain_check_reference", NAME])
        reference = cursor.fetchone()[0]
        transaction.set_rollback(True)
    return reference
