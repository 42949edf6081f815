"""Create Candid's media bucket if it does not exist yet (idempotent), from the same
CANDID_S3_* variables Candid reads. Run once before the first start (compose.yaml's
`migrate` service and `make run-stack` do): python deploy/ensure_bucket.py
"""

import os
import sys

import boto3
from botocore.exceptions import ClientError


def main() -> int:
    bucket = os.environ.get("CANDID_S3_BUCKET", "")
    if not bucket:
        print("CANDID_S3_BUCKET is not set: nothing to create.", file=sys.stderr)
        return 2
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ.get("CANDID_S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("CANDID_S3_REGION") or None,
        aws_access_key_id=os.environ.get("CANDID_S3_ACCESS_KEY_ID"),
        aws_secret_access_key=os.environ.get("CANDID_S3_SECRET_ACCESS_KEY"),
    )
    try:
        s3.head_bucket(Bucket=bucket)
        print(f"Bucket {bucket} exists.")
        return 0
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in {"404", "NoSuchBucket"}:
            raise
    region = os.environ.get("CANDID_S3_REGION")
    extra = {}
    if region and region != "us-east-1":
        extra["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(Bucket=bucket, **extra)
    print(f"Bucket {bucket} created.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
