"""Tests for api_fixes.py, on moto's backends in-process (each fix patches a backend method).

Run: python3 -m unittest discover -s local/emulator -p 'test_*.py'
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_fixes  # noqa: E402,F401  (patches moto's backends)
import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.ec2.models import ec2_backends  # noqa: E402
from moto.ecs.models import ecs_backends  # noqa: E402
from moto.kms.models import kms_backends  # noqa: E402
from moto.ssm.models import ssm_backends  # noqa: E402

ACCOUNT, REGION = "111122223333", "eu-west-1"  # not the server tests' account: these backends are in-process


class ApiFixesTest(unittest.TestCase):
    def test_ebs_default_key_is_aws_managed(self) -> None:
        ec2_backends[ACCOUNT][REGION]._create_default_encryption_key()
        kms = kms_backends[ACCOUNT][REGION]
        key = kms.keys[kms.get_key_id_from_alias("alias/aws/ebs")]
        self.assertEqual(key.key_manager, "AWS")

    def test_describe_parameters_lists_own_parameters_only(self) -> None:
        ssm = ssm_backends[ACCOUNT][REGION]
        public = ssm.get_parameter("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id")
        self.assertIsNotNone(public)  # moto loaded the public tree into the account
        ssm.put_parameter(name="/own/value", description="", value="v", parameter_type="String", allowed_pattern=None,
                          keyid=None, overwrite=False, tags=[], data_type="text", tier=None, policies=None)
        self.assertEqual([p.name for p in ssm.describe_parameters([], [])], ["/own/value"])

    def test_describe_capacity_providers_without_names_lists_all(self) -> None:
        ecs = ecs_backends[ACCOUNT][REGION]
        ecs.create_capacity_provider("pool", {"autoScalingGroupArn": "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:x:autoScalingGroupName/pool"}, None)
        providers, failures = ecs.describe_capacity_providers(None)  # type: ignore[arg-type]
        self.assertEqual(([p.name for p in providers], failures), (["pool"], []))

    @mock_aws
    def test_mixed_group_launches_its_first_override(self) -> None:
        ec2 = boto3.client("ec2", region_name=REGION)
        subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
        template = ec2.create_launch_template(LaunchTemplateName="pool", LaunchTemplateData={"ImageId": "ami-12c6146b"})
        asg = boto3.client("autoscaling", region_name=REGION)
        asg.create_auto_scaling_group(
            AutoScalingGroupName="pool", MinSize=2, MaxSize=2, VPCZoneIdentifier=subnet,
            MixedInstancesPolicy={
                "LaunchTemplate": {
                    "LaunchTemplateSpecification": {"LaunchTemplateId": template["LaunchTemplate"]["LaunchTemplateId"], "Version": "$Latest"},
                    "Overrides": [{"InstanceType": "m6i.large"}, {"InstanceType": "m6i.xlarge"}],
                },
                "InstancesDistribution": {"OnDemandAllocationStrategy": "prioritized"},
            })
        group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["pool"])["AutoScalingGroups"][0]
        self.assertEqual([i["InstanceType"] for i in group["Instances"]], ["m6i.large", "m6i.large"])
        ids = [i["InstanceId"] for i in group["Instances"]]
        launched = ec2.describe_instances(InstanceIds=ids)["Reservations"]
        self.assertEqual(sorted(i["InstanceType"] for r in launched for i in r["Instances"]), ["m6i.large", "m6i.large"])


if __name__ == "__main__":
    unittest.main()
