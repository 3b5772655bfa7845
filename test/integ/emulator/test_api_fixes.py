"""Tests for api_fixes.py, on moto's backends in-process (each fix patches a backend method).

Run: python3 -m unittest discover -s test/integ/emulator -p 'test_*.py'
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_fixes  # noqa: E402,F401  (patches moto's backends)
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


if __name__ == "__main__":
    unittest.main()
