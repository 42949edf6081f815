"""`/healthz` probes the S3 bucket itself: a write, read and delete that leaves nothing."""

from django.test import Client


def test_healthz_writes_reads_and_deletes_a_probe_in_the_bucket(listed):
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json()["checks"]["storage"] == {"ok": True}
    assert listed() == set()


def test_a_missing_bucket_fails_the_storage_check(settings, bucket, s3_client):
    s3_client.delete_bucket(Bucket=bucket)
    response = Client().get("/healthz")
    assert response.status_code == 503 and response.json()["failed"] == ["storage"]
    assert response.json()["checks"]["storage"]["error"] == "NoSuchBucket"
