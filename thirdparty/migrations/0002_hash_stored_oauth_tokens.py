"""OAuth access and refresh tokens issued before hashed storage (RFC 9700 §4,
COMPLIANT_BCP_RFC9700_TOKEN_STORAGE) keep only their SHA-256 checksum: the clear token
column is blanked, so a database dump hands out no working token. The tokens keep
working, since requests are matched by checksum."""

import hashlib

from django.db import migrations


def blank_plaintext_tokens(apps, schema_editor):
    for name in ("AccessToken", "RefreshToken"):
        model = apps.get_model("oauth2_provider", name)
        rows = list(model.objects.exclude(token="").only("pk", "token", "token_checksum"))
        for row in rows:
            row.token_checksum = hashlib.sha256(row.token.encode("utf-8")).hexdigest()
            row.token = ""
        model.objects.bulk_update(rows, ["token", "token_checksum"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("thirdparty", "0001_initial"),
        ("oauth2_provider", "0022_refreshtoken_token_family_index"),
    ]

    operations = [migrations.RunPython(blank_plaintext_tokens, migrations.RunPython.noop)]
