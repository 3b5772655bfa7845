"""Fixes to moto 5.2.1's service APIs (not its CloudFormation) that the harness's reads need.

  - ECS DescribeCapacityProviders without `capacityProviders` answers every provider the account
    created, as AWS does (AWS also lists FARGATE and FARGATE_SPOT; moto has no objects for them);
    moto 5.2.1 iterated over None and
    answered 500, so the clean-account inventory could not list capacity providers.
  - The key moto creates as EBS's default (`alias/aws/ebs`, on the first encrypted volume) is AWS
    managed, as in AWS; moto made it a customer key, so it looked like a key the deploy leaked.
  - An Auto Scaling group with a mixed instances policy launches its first override's instance type,
    as AWS's `prioritized` on-demand strategy does while that type has capacity; moto launched the
    launch template's type, which a mixed group's template leaves unset.
  - SSM DescribeParameters lists the account's own parameters only, as in AWS: not the public
    `/aws/service/...` parameters (AMI ids), which moto loads into the account on first read.

Pinned to moto 5.2.1 like the rest of the extension.
"""

from __future__ import annotations

import functools
from typing import Any

from moto.autoscaling.models import FakeAutoScalingGroup
from moto.ec2.models.elastic_block_store import EBSBackend
from moto.ecs.models import EC2ContainerServiceBackend
from moto.kms.models import kms_backends
from moto.ssm.models import SimpleSystemManagerBackend


def _describe_all_capacity_providers() -> None:
    original = EC2ContainerServiceBackend.describe_capacity_providers

    @functools.wraps(original)
    def describe_capacity_providers(self: EC2ContainerServiceBackend, names: list[str] | None) -> Any:
        if names is None:
            names = list(self.capacity_providers.keys())
        return original(self, names)

    EC2ContainerServiceBackend.describe_capacity_providers = describe_capacity_providers  # type: ignore[method-assign]


_describe_all_capacity_providers()


def _aws_managed_ebs_key() -> None:
    original = EBSBackend._create_default_encryption_key

    @functools.wraps(original)
    def create_default_encryption_key(self: EBSBackend) -> str:
        arn = original(self)
        kms = kms_backends[self.account_id][self.region_name]  # type: ignore[attr-defined]
        kms.keys[kms.get_key_id_from_alias("alias/aws/ebs")].key_manager = "AWS"
        return arn

    EBSBackend._create_default_encryption_key = create_default_encryption_key  # type: ignore[method-assign]


def _own_parameters_only() -> None:
    original = SimpleSystemManagerBackend.describe_parameters

    @functools.wraps(original)
    def describe_parameters(self: SimpleSystemManagerBackend, filters: Any, parameter_filters: Any) -> Any:
        return [p for p in original(self, filters, parameter_filters) if not p.name.startswith("/aws/")]

    SimpleSystemManagerBackend.describe_parameters = describe_parameters  # type: ignore[method-assign]


def _mixed_groups_launch_overrides() -> None:
    template_type = FakeAutoScalingGroup.instance_type

    def instance_type(self: FakeAutoScalingGroup) -> str:
        overrides = ((self.mixed_instances_policy or {}).get("LaunchTemplate") or {}).get("Overrides") or []
        types = [o["InstanceType"] for o in overrides if o.get("InstanceType")]
        return types[0] if types else template_type.fget(self)  # type: ignore[attr-defined]

    FakeAutoScalingGroup.instance_type = property(instance_type)  # type: ignore[assignment,method-assign]


_aws_managed_ebs_key()
_own_parameters_only()
_mixed_groups_launch_overrides()
