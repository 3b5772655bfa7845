"""Fixes to moto 5.2.1's service APIs (not its CloudFormation) that the harness's reads need.

  - ECS DescribeCapacityProviders without `capacityProviders` answers every provider the account
    created, as AWS does (AWS also lists FARGATE and FARGATE_SPOT; moto has no objects for them);
    moto 5.2.1 iterated over None and
    answered 500, so the clean-account inventory could not list capacity providers.

Pinned to moto 5.2.1 like the rest of the extension.
"""

from __future__ import annotations

import functools
from typing import Any

from moto.ecs.models import EC2ContainerServiceBackend


def _describe_all_capacity_providers() -> None:
    original = EC2ContainerServiceBackend.describe_capacity_providers

    @functools.wraps(original)
    def describe_capacity_providers(self: EC2ContainerServiceBackend, names: list[str] | None) -> Any:
        if names is None:
            names = list(self.capacity_providers.keys())
        return original(self, names)

    EC2ContainerServiceBackend.describe_capacity_providers = describe_capacity_providers  # type: ignore[method-assign]


_describe_all_capacity_providers()
