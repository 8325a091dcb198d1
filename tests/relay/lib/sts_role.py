"""Temporary credentials as a Cognito identity pool hands them out, from moto: a role with the given
policy (the README's snapshot policy in the tests), assumed through STS. Signed with the IAM user's key
from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (moto checks signatures).

Usage: sts_role.py ENDPOINT REGION ROLE_NAME POLICY_JSON
Prints {"AccessKeyId", "SecretKey", "SessionToken", "Expiration"} (Cognito's names; Expiration in epoch seconds).
"""
import json
import sys

import boto3

def trust(user_arn):
    # Cognito assumes a pool's role with AssumeRoleWithWebIdentity; the stand-in's user may assume it too.
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"},
            {"Effect": "Allow", "Principal": {"AWS": user_arn}, "Action": "sts:AssumeRole"},
        ],
    })


def main(endpoint, region, name, policy):
    iam = boto3.client("iam", endpoint_url=endpoint, region_name=region)
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=region)
    user_arn = sts.get_caller_identity()["Arn"]
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(user_arn))["Role"]
    iam.put_role_policy(RoleName=name, PolicyName="snapshots", PolicyDocument=policy)
    c = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="console")["Credentials"]
    print(json.dumps({
        "AccessKeyId": c["AccessKeyId"],
        "SecretKey": c["SecretAccessKey"],
        "SessionToken": c["SessionToken"],
        "Expiration": c["Expiration"].timestamp(),
    }))


if __name__ == "__main__":
    main(*sys.argv[1:])
