"""boto3 helper for the end-to-end tests (driven by tests/support/moto.mjs).

Usage: moto_helper.py ENDPOINT REGION COMMAND [ARGS...]
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.
Prints one JSON document on stdout.

Commands:
  create-user NAME          IAM user with an allow-all inline policy and an access key
  create-volume [SIZE]      an EBS volume in REGION's first availability zone
  describe-snapshot ID      the snapshot as EC2 DescribeSnapshots returns it (a one-element array)
  list-snapshots VOLUME_ID  every snapshot of that volume
  create-role NAME          IAM role any principal may assume, with an allow-all inline policy
"""
import json
import sys

import boto3
from botocore.config import Config


def client(service, endpoint, region):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


ALLOW_ALL = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
)


def _default(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def main(argv):
    endpoint, region, command, *args = argv
    if command == "create-user":
        (name,) = args
        iam = client("iam", endpoint, region)
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName="allow-all", PolicyDocument=ALLOW_ALL)
        key = iam.create_access_key(UserName=name)["AccessKey"]
        return {"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}
    if command == "create-volume":
        size = int(args[0]) if args else 8
        ec2 = client("ec2", endpoint, region)
        volume = ec2.create_volume(AvailabilityZone=region + "a", Size=size)
        return {"volumeId": volume["VolumeId"], "size": volume["Size"]}
    if command == "describe-snapshot":
        (snapshot_id,) = args
        ec2 = client("ec2", endpoint, region)
        snapshots = ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
        return snapshots
    if command == "list-snapshots":
        (volume_id,) = args
        ec2 = client("ec2", endpoint, region)
        return ec2.describe_snapshots(Filters=[{"Name": "volume-id", "Values": [volume_id]}])["Snapshots"]
    if command == "create-role":
        (name,) = args
        iam = client("iam", endpoint, region)
        trust = json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
                    {"Effect": "Allow", "Principal": {"Federated": "*"}, "Action": "sts:AssumeRoleWithWebIdentity"},
                ],
            }
        )
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]
        iam.put_role_policy(RoleName=name, PolicyName="allow-all", PolicyDocument=ALLOW_ALL)
        return {"roleArn": role["Arn"]}
    raise SystemExit("unknown command: " + command)


if __name__ == "__main__":
    json.dump(main(sys.argv[1:]), sys.stdout, default=_default, ensure_ascii=False)
