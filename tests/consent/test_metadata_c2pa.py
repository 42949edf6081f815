"""The CAWG training-and-data-mining assertion: its mapping, and a signed rendition read
back with the C2PA reader (skipped when c2pa-python is not installed)."""

import datetime
import io
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.urls import reverse

from consent.c2pa_signing import training_mining_assertion
from consent.metadata import ConsentState
from consent.services.consent import consent_set
from tests.consent.test_metadata_served import exif_of

_KEY_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)
EVERY = ("ai_training", "genai_training", "biometric", "research_datasets")


def test_the_default_refuses_every_cawg_use():
    entries = training_mining_assertion(ConsentState({}))["entries"]
    assert entries["cawg.ai_training"] == {"use": "notAllowed"}
    assert entries["cawg.ai_generative_training"] == {"use": "notAllowed"}
    assert entries["cawg.data_mining"] == {"use": "notAllowed"}
    assert entries["cawg.ai_inference"]["use"] == "constrained"
    assert "Biometric" in entries["cawg.ai_inference"]["constraints_info"]


def test_everything_allowed_allows_every_cawg_use():
    entries = training_mining_assertion(ConsentState(dict.fromkeys(EVERY, True)))["entries"]
    assert {entry["use"] for entry in entries.values()} == {"allowed"}


def test_research_refused_alone_constrains_data_mining_with_the_reason():
    state = ConsentState({**dict.fromkeys(EVERY, True), "research_datasets": False})
    entries = training_mining_assertion(state)["entries"]
    assert entries["cawg.data_mining"] == {
        "use": "constrained",
        "constraints_info": "Not allowed: Inclusion in research datasets.",
    }
    assert entries["cawg.ai_training"] == {"use": "allowed"}


def _test_credentials(tmp_path) -> tuple[str, str]:
    """A self-made CA and an ES256 signing certificate (untrusted, as any self-made one)."""
    now = datetime.datetime.now(datetime.UTC)

    def name(cn):
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, cn),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Candid tests"),
            ]
        )

    def cert(subject, issuer, public_key, signing_key, *, ca: bool):
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(name(issuer))
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        usage = dict.fromkeys(_KEY_USAGES, False)
        usage["key_cert_sign" if ca else "digital_signature"] = True
        builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
        if not ca:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            ).add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
                critical=False,
            )
        return builder.sign(signing_key, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = cert("Candid test CA", "Candid test CA", ca_key.public_key(), ca_key, ca=True)
    leaf = cert("Candid renditions", "Candid test CA", key.public_key(), ca_key, ca=False)
    pem = serialization.Encoding.PEM
    cert_file, key_file = tmp_path / "chain.pem", tmp_path / "key.pem"
    cert_file.write_bytes(leaf.public_bytes(pem) + ca.public_bytes(pem))
    key_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_file), str(key_file)


def test_a_served_rendition_carries_the_signed_assertion(client, alice, upload, settings, tmp_path):
    c2pa = pytest.importorskip("c2pa")
    settings.CANDID_C2PA_CERT_FILE, settings.CANDID_C2PA_KEY_FILE = _test_credentials(tmp_path)
    photo = upload(alice, visibility="public")
    consent_set(user=alice, purpose="ai_training", allowed=True)
    body = client.get(reverse("rendition", args=[photo.pk, "small"])).content
    with c2pa.Reader("image/jpeg", io.BytesIO(body)) as reader:
        store = json.loads(reader.json())
    manifest = store["manifests"][store["active_manifest"]]
    assertion = next(a for a in manifest["assertions"] if a["label"] == "cawg.training-mining")
    assert assertion["data"]["entries"]["cawg.ai_training"] == {"use": "allowed"}
    assert assertion["data"]["entries"]["cawg.ai_generative_training"] == {"use": "notAllowed"}
    codes = {status["code"] for status in store.get("validation_status", [])}
    assert codes <= {"signingCredential.untrusted"}  # self-made certificate, nothing else
    # The XMP written before signing is inside the signed file, and readable by exiftool.
    tags = exif_of(body, tmp_path, "-XMP-plus:DataMining")
    assert tags["XMP-plus:DataMining"].endswith("DMI-PROHIBITED-SEECONSTRAINT")
