"""CloudFormation types for moto 5.2.1 that the CDK's EKS and ECS constructs need.

Importing this module registers, with moto's CloudFormation parser, models that create
REAL objects in moto's own backends (so the EKS/ECS read APIs see them):

  AWS::EKS::Cluster                             -> eks create_cluster (+ a real EC2 cluster security group)
  AWS::EKS::Nodegroup                           -> eks create_nodegroup / update_nodegroup_config
  AWS::EKS::FargateProfile                      -> eks create_fargate_profile
  AWS::ECS::CapacityProvider                    -> ecs create_capacity_provider / update_capacity_provider
  AWS::ECS::ClusterCapacityProviderAssociations -> ecs put_cluster_capacity_providers (cleared on delete)
  AWS::ECR::RegistryScanningConfiguration       -> ecr put_registry_scanning_configuration (BASIC on delete)

It also patches moto's CloudFormation (the CDK CLI deploys through change sets):
  - ExecuteChangeSet rebuilds stack outputs and exports afterwards (moto 5.2.1 builds them from
    the empty pre-change-set template, so DescribeStacks showed none);
  - a resource error during ExecuteChangeSet marks the stack CREATE_FAILED/UPDATE_FAILED with the
    reason in its events, instead of a 500 that the SDK retries into a fake success;
  - List/DescribeStackResources no longer create resources lazily (moto retried a failed
    creation there and answered 500: the ListStackResources 500 seen with aws-eks-v2);
  - Describe/Delete/ExecuteChangeSet find a change set by name within its stack (moto searched
    all stacks and answered ValidationError/500 for a missing one, which broke every CDK CLI
    update: "Stack with id cdk-deploy-change-set does not exist"); executed change sets are removed;
and moto's own models: AWS::ECR::Repository applies LifecyclePolicy and RepositoryPolicyText
(moto dropped them); an unnamed AWS::SSM::Parameter gets a generated name (moto failed);
AWS::ECS::TaskDefinition registers every property (moto kept only family/containers/volumes/memory);
AWS::EC2::VPC honours EnableDnsHostnames/EnableDnsSupport; RegisterContainerInstance honours
totalResources, tasks reserve their task-level cpu/memory and RunTask reports unplaced tasks as
RESOURCE:CPU/MEMORY/PORTS failures (moto: fixed sizes, container-level sums, `failures: []`);
an update also updates the resources that point at a replaced resource (moto skipped them);
and stack deletion deletes route tables, IGW attachments, IGWs, NAT gateways, EIPs, VPC endpoints,
flow logs, ECS services and ECS clusters (moto left them, and leftover route tables blocked every VPC deletion).

Known gaps, deliberately NOT registered (moto 5.2.1 has no backend to put them in; faking them
would let a deploy "succeed" with nothing readable behind it):
  AWS::EKS::Addon                  - moto's EKS backend has no addon API (create/describe_addon)
  AWS::EKS::AccessEntry            - moto's EKS backend has no access-entry API
  AWS::EKS::PodIdentityAssociation - moto's EKS backend has no pod-identity API
  AWS::EKS::IdentityProviderConfig - moto's EKS backend has no identity-provider API
Pinned to moto 5.2.1: it touches moto internals (backend signatures, ResourceMap, OutputMap).
"""

from __future__ import annotations

import functools
import json
import logging
import uuid
from typing import Any

from moto.autoscaling.models import autoscaling_backends
from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing as cfn_parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.exceptions import CloudFormationError, UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult, EmptyResult
from moto.ecr.models import Repository as EcrRepositoryModel
from moto.ecr.models import ecr_backends
from moto.ec2.models import ec2_backends
from moto.ecs.models import ecs_backends
from moto.eks.models import eks_backends
from moto.ssm.models import Parameter as SsmParameterModel

MOTO_VERSION = "5.2.1"
KNOWN_GAPS = {
    "AWS::EKS::Addon": "moto 5.2.1's EKS backend has no addon API",
    "AWS::EKS::AccessEntry": "moto 5.2.1's EKS backend has no access-entry API",
    "AWS::EKS::PodIdentityAssociation": "moto 5.2.1's EKS backend has no pod-identity API",
    "AWS::EKS::IdentityProviderConfig": "moto 5.2.1's EKS backend has no identity-provider API",
}
# moto's model metaclass files every model under __module__.split(".")[1]; give ours one key.
_MODULE = "cdk_emulator.cfn_extension"
log = logging.getLogger("cdk_emulator")


def _camel(value: Any) -> Any:
    """CloudFormation PascalCase keys -> EKS/ECS API camelCase keys (recursively)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _tag_dict(tags: Any) -> dict[str, str]:
    if isinstance(tags, dict):  # EKS::Nodegroup takes a JSON map
        return {str(k): str(v) for k, v in tags.items()}
    return {t["Key"]: t["Value"] for t in tags or []}


def _ints(d: dict[str, Any] | None) -> dict[str, Any] | None:
    return {k: int(v) for k, v in d.items()} if d else None


class _Base:
    """Shared plumbing, mixed in before CloudFormationModel (moto registers direct subclasses only)."""

    def __init__(self, account_id: str, region_name: str, props: dict[str, Any]):
        self.account_id, self.region_name, self.props = account_id, region_name, props

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRS  # type: ignore[attr-defined]

    def get_cfn_attribute(self, attr: str) -> Any:
        if not self.has_cfn_attr(attr):
            raise UnformattedGetAttTemplateException()
        return self._attr(attr)  # type: ignore[attr-defined]

    def is_created(self) -> bool:
        return True

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        pass  # never reached: ResourceMap calls instance.delete(account_id, region_name)


class EksCluster(_Base, CloudFormationModel):
    __module__ = _MODULE
    ATTRS = {"Arn", "Endpoint", "CertificateAuthorityData", "ClusterSecurityGroupId",
             "OpenIdConnectIssuerUrl", "EncryptionConfigKeyArn", "Id",
             "KubernetesNetworkConfig.ServiceIpv4Cidr", "KubernetesNetworkConfig.ServiceIpv6Cidr"}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::Cluster"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @property
    def backend(self) -> Any:
        return eks_backends[self.account_id][self.region_name]

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        res = cls(account_id, region_name, props)
        res.name, res.id = resource_name, str(uuid.uuid4())
        vpc = _camel(props.get("ResourcesVpcConfig") or {})
        ec2 = ec2_backends[account_id][region_name]
        # Real EKS creates a cluster security group; templates reference it, so make a real one.
        vpc_id = ec2.get_subnet(vpc["subnetIds"][0]).vpc_id if vpc.get("subnetIds") else None
        sg = ec2.create_security_group(f"eks-cluster-sg-{resource_name}-{res.id[:8]}",
                                       "EKS created security group", vpc_id=vpc_id)
        res.security_group_id = sg.id
        vpc.update(clusterSecurityGroupId=sg.id, vpcId=sg.vpc_id)
        enabled = [t["Type"] for t in ((props.get("Logging") or {}).get("ClusterLogging") or {}).get("EnabledTypes", [])]
        res.backend.create_cluster(
            name=resource_name, role_arn=props["RoleArn"], resources_vpc_config=vpc,
            version=props.get("Version"),
            kubernetes_network_config=_camel(props.get("KubernetesNetworkConfig")),
            logging={"clusterLogging": [{"types": enabled, "enabled": True}]} if enabled else None,
            tags=_tag_dict(props.get("Tags")),
            encryption_config=_camel(props.get("EncryptionConfig")))
        return res

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        if any(props.get(k) != original_resource.props.get(k) for k in ("Name", "RoleArn")):
            original_resource.delete(account_id, region_name)  # replacement
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        cluster = original_resource.backend.describe_cluster(original_resource.name)
        vpc = dict(cluster.resources_vpc_config, **_camel(props.get("ResourcesVpcConfig") or {}))
        original_resource.backend.update_cluster_config(name=original_resource.name, resources_vpc_config=vpc)
        original_resource.props = props
        return original_resource

    def _attr(self, attr: str) -> Any:
        c = self.backend.describe_cluster(self.name)
        net = c.kubernetes_network_config or {}
        keys = [p.get("provider", {}).get("keyArn") for p in c.encryption_config or []]
        return {
            "Arn": c.arn, "Endpoint": c.endpoint.rstrip("/"), "Id": self.id,
            "CertificateAuthorityData": c.certificate_authority["data"],
            "ClusterSecurityGroupId": self.security_group_id,
            "OpenIdConnectIssuerUrl": c.identity["oidc"]["issuer"],
            "EncryptionConfigKeyArn": keys[0] if keys else "",
            "KubernetesNetworkConfig.ServiceIpv4Cidr": net.get("serviceIpv4Cidr", ""),
            "KubernetesNetworkConfig.ServiceIpv6Cidr": net.get("serviceIpv6Cidr", ""),
        }[attr]

    def delete(self, account_id: str, region_name: str) -> None:
        if self.name in self.backend.clusters:
            self.backend.delete_cluster(self.name)  # raises while node groups remain; moto retries
        ec2 = ec2_backends[account_id][region_name]
        try:
            ec2.delete_security_group(group_id=self.security_group_id)
        except Exception as err:  # already gone (or still referenced): never block the stack delete
            log.warning("could not delete EKS cluster SG %s: %s", self.security_group_id, err)


def _cluster_child(create, replace_keys):  # type: ignore[no-untyped-def]
    """update_from_cloudformation_json for child types whose other properties need replacement."""

    @classmethod  # type: ignore[misc]
    def update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        old = original_resource.props
        # moto passes a freshly generated name for unnamed resources: only an explicit name change counts
        keys = [*replace_keys, cls.cloudformation_name_type()]
        if all(props.get(k) == old.get(k) for k in keys):
            return create(original_resource, props)
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    return update


class EksNodegroup(_Base, CloudFormationModel):
    __module__ = _MODULE
    ATTRS = {"Arn", "ClusterName", "NodegroupName", "Id"}
    backend = EksCluster.backend

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::Nodegroup"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "NodegroupName"

    @property
    def physical_resource_id(self) -> str:
        return f"{self.cluster_name}/{self.name}"  # what CloudFormation's Ref returns

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        res = cls(account_id, region_name, props)
        res.name, res.cluster_name = resource_name, props["ClusterName"]
        ng = res.backend.create_nodegroup(
            cluster_name=res.cluster_name, node_role=props["NodeRole"], nodegroup_name=resource_name,
            subnets=props.get("Subnets") or [], scaling_config=_ints(_camel(props.get("ScalingConfig"))),
            disk_size=int(props["DiskSize"]) if props.get("DiskSize") else None,
            instance_types=props.get("InstanceTypes"), ami_type=props.get("AmiType"),
            remote_access=_camel(props.get("RemoteAccess")), labels=dict(props.get("Labels") or {}),
            taints=_camel(props.get("Taints")), tags=_tag_dict(props.get("Tags")),
            launch_template=_camel(props.get("LaunchTemplate")), capacity_type=props.get("CapacityType"),
            version=props.get("Version"), release_version=props.get("ReleaseVersion"))
        if props.get("UpdateConfig"):
            ng.update_config = _camel(props["UpdateConfig"])
        return res

    def _attr(self, attr: str) -> Any:
        ng = self.backend.describe_nodegroup(self.cluster_name, self.name)
        return {"Arn": ng.arn, "ClusterName": self.cluster_name, "NodegroupName": self.name,
                "Id": self.physical_resource_id}[attr]

    def _update_in_place(self, props: dict[str, Any]) -> EksNodegroup:
        old_labels, new_labels = self.props.get("Labels") or {}, props.get("Labels") or {}
        self.backend.update_nodegroup_config(
            cluster_name=self.cluster_name, nodegroup_name=self.name,
            scaling_config=_ints(_camel(props.get("ScalingConfig"))),
            labels={"addOrUpdateLabels": dict(new_labels),
                    "removeLabels": [k for k in old_labels if k not in new_labels]},
            taints={"addOrUpdateTaints": _camel(props.get("Taints") or []),
                    "removeTaints": [t for t in _camel(self.props.get("Taints") or []) if t not in _camel(props.get("Taints") or [])]},
            update_config=_camel(props.get("UpdateConfig")))
        self.props = props
        return self

    update_from_cloudformation_json = _cluster_child(
        _update_in_place, ["ClusterName", "NodeRole", "Subnets", "InstanceTypes", "AmiType", "DiskSize",
                           "RemoteAccess", "CapacityType", "LaunchTemplate", "Version", "ReleaseVersion"])

    def delete(self, account_id: str, region_name: str) -> None:
        cluster = self.backend.clusters.get(self.cluster_name)
        if cluster and self.name in cluster.nodegroups:
            self.backend.delete_nodegroup(self.cluster_name, self.name)


class EksFargateProfile(_Base, CloudFormationModel):
    __module__ = _MODULE
    ATTRS = {"Arn"}
    backend = EksCluster.backend

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::FargateProfile"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "FargateProfileName"

    @property
    def physical_resource_id(self) -> str:
        return f"{self.cluster_name}|{self.name}"  # what CloudFormation's Ref returns

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        res = cls(account_id, region_name, props)
        res.name, res.cluster_name = resource_name, props["ClusterName"]
        selectors = [{"namespace": s["Namespace"], "labels": _tag_dict(s.get("Labels"))} if s.get("Labels")
                     else {"namespace": s["Namespace"]} for s in props.get("Selectors") or []]
        res.backend.create_fargate_profile(
            fargate_profile_name=resource_name, cluster_name=res.cluster_name, selectors=selectors,
            pod_execution_role_arn=props["PodExecutionRoleArn"], subnets=props.get("Subnets"),
            tags=_tag_dict(props.get("Tags")))
        return res

    def _attr(self, attr: str) -> Any:
        return self.backend.describe_fargate_profile(self.cluster_name, self.name).fargate_profile_arn

    def _update_tags(self, props: dict[str, Any]) -> EksFargateProfile:
        self.backend.describe_fargate_profile(self.cluster_name, self.name).tags = _tag_dict(props.get("Tags"))
        self.props = props
        return self

    update_from_cloudformation_json = _cluster_child(
        _update_tags, ["ClusterName", "PodExecutionRoleArn", "Selectors", "Subnets"])

    def delete(self, account_id: str, region_name: str) -> None:
        cluster = self.backend.clusters.get(self.cluster_name)
        if cluster and self.name in cluster.fargate_profiles:
            self.backend.delete_fargate_profile(self.cluster_name, self.name)


def _asg_provider(props: dict[str, Any], account_id: str, region_name: str) -> dict[str, Any]:
    asg = _camel(props.get("AutoScalingGroupProvider") or {})
    ref = asg.get("autoScalingGroupArn", "")
    if ref and not ref.startswith("arn:"):  # CloudFormation accepts the ASG name; the API shows the ARN
        group = autoscaling_backends[account_id][region_name].autoscaling_groups.get(ref)
        asg["autoScalingGroupArn"] = group.arn if group else ref
    if "managedScaling" in asg:
        asg["managedScaling"] = {k: int(v) if k != "status" else v for k, v in asg["managedScaling"].items()}
    return asg


class EcsCapacityProvider(_Base, CloudFormationModel):
    __module__ = _MODULE
    ATTRS = {"Arn"}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ECS::CapacityProvider"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @property
    def backend(self) -> Any:
        return ecs_backends[self.account_id][self.region_name]

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        if "AutoScalingGroupProvider" not in props:
            raise NotImplementedError("moto 5.2.1 only models ASG capacity providers (no ManagedInstancesProvider)")
        res = cls(account_id, region_name, props)
        res.name = resource_name
        tags = [{"key": t["Key"], "value": t["Value"]} for t in props.get("Tags") or []]
        res.backend.create_capacity_provider(resource_name, _asg_provider(props, account_id, region_name), tags or None)
        return res

    def _attr(self, attr: str) -> Any:
        return self.backend._get_provider(self.name).capacity_provider_arn

    def _update(self, props: dict[str, Any]) -> EcsCapacityProvider:
        self.backend.update_capacity_provider(self.name, _asg_provider(props, self.account_id, self.region_name))
        self.props = props
        return self

    update_from_cloudformation_json = _cluster_child(_update, [])

    def delete(self, account_id: str, region_name: str) -> None:
        if self.backend._get_provider(self.name):
            self.backend.delete_capacity_provider(self.name)


class EcsClusterCapacityProviderAssociations(_Base, CloudFormationModel):
    __module__ = _MODULE
    ATTRS: set[str] = set()
    backend = EcsCapacityProvider.backend

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ECS::ClusterCapacityProviderAssociations"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.cluster

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        res = cls(account_id, region_name, {})
        res.name = resource_name
        return res._put(cloudformation_json["Properties"])

    def _put(self, props: dict[str, Any]) -> EcsClusterCapacityProviderAssociations:
        self.cluster, self.props = props["Cluster"].split("/")[-1], props
        strategy = [dict(s, base=int(s.get("base", 0)), weight=int(s.get("weight", 0)))
                    for s in _camel(props.get("DefaultCapacityProviderStrategy") or [])]
        self.backend.put_cluster_capacity_providers(self.cluster, props.get("CapacityProviders") or [], strategy)
        return self

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        if props["Cluster"].split("/")[-1] != original_resource.cluster:
            original_resource.delete(account_id, region_name)
        return original_resource._put(props)

    def delete(self, account_id: str, region_name: str) -> None:
        if self.cluster in self.backend.clusters:
            self.backend.put_cluster_capacity_providers(self.cluster, [], [])


class EcrRegistryScanningConfiguration(_Base, CloudFormationModel):
    """The account's ECR registry scanning configuration, through moto's put_registry_scanning_configuration."""

    __module__ = _MODULE
    ATTRS = {"RegistryId"}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ECR::RegistryScanningConfiguration"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.account_id  # CloudFormation's Ref is the registry id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        return cls(account_id, region_name, {})._put(cloudformation_json["Properties"])

    def _put(self, props: dict[str, Any]) -> EcrRegistryScanningConfiguration:
        rules = _camel(props.get("Rules") or [])
        ecr_backends[self.account_id][self.region_name].put_registry_scanning_configuration(props.get("ScanType", "BASIC"), rules)
        self.props = props
        return self

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        return original_resource._put(cloudformation_json["Properties"])

    def _attr(self, attr: str) -> Any:
        return self.account_id

    def delete(self, account_id: str, region_name: str) -> None:
        ecr_backends[account_id][region_name].put_registry_scanning_configuration("BASIC", [])


REGISTERED = [EksCluster, EksNodegroup, EksFargateProfile, EcsCapacityProvider, EcsClusterCapacityProviderAssociations,
              EcrRegistryScanningConfiguration]


def _rebuild_outputs(backend: Any, stack: Any) -> None:
    """Re-parse the executed template and rebuild the stack's outputs and exports.

    An output whose value cannot be resolved (e.g. Fn::GetAtt on a type moto skipped) is dropped
    with a warning instead of making every later DescribeStacks fail."""
    stack._parse_template()
    stack.description = stack.template_dict.get("Description")
    output_map = stack._create_output_map()
    good = {}
    for key, spec in (output_map._output_json_map or {}).items():
        try:
            output_map[key]
            if spec.get("Export"):
                cfn_parsing.clean_json(spec["Export"].get("Name"), stack.resource_map)
            good[key] = spec
        except Exception as err:
            log.warning("stack %s: dropping output %s (%s)", stack.name, key, err)
    output_map._output_json_map = good
    stack.output_map = output_map
    for name in [n for n, e in backend.exports.items() if e.exporting_stack_id == stack.stack_id]:
        backend.exports.pop(name)
    backend._validate_export_uniqueness(stack)
    for export in stack.exports:
        backend.exports[export.name] = export


def _fail_execution(backend: Any, change_set: Any, err: Exception) -> None:
    """moto 5.2.1 answers 500 when a resource fails during ExecuteChangeSet, after switching the
    stack to the new template; the SDK's retry then "succeeds" with an empty diff and the stack
    looks complete. Record the failure instead, as CloudFormation would (status + event reason)."""
    stack = backend.stacks[change_set.stack_id]
    rm = stack.resource_map
    missing = [k for k, v in (change_set.template_dict.get("Resources") or {}).items()
               if k not in rm._parsed_resources and cfn_parsing.resource_class_from_type(v["Type"])
               and not (v.get("Condition") and not rm.lazy_condition_map.get(v["Condition"]))]
    reason = f"{type(err).__name__}: {err}; resources not created: {', '.join(missing) or 'none'}"
    log.warning("stack %s: change set failed: %s", stack.name, reason)
    stack.template = change_set.template
    stack._parse_template()
    stack.status = f"{change_set.change_set_type}_FAILED"
    change_set.execution_status = "EXECUTE_FAILED"
    change_set.status_reason = reason
    stack._add_stack_event(stack.status, resource_status_reason=reason)


class ChangeSetNotFound(CloudFormationError):
    """CloudFormation's answer for a change set that does not exist (HTTP 404, `ChangeSetNotFound`):
    the CDK CLI waits for exactly this error after deleting its previous change set."""

    code = "ChangeSetNotFoundException"

    def __init__(self, name: str):
        super().__init__(f"ChangeSet [{name}] does not exist")


def _find_change_set(backend: Any, name_or_arn: str, stack_name: str | None) -> Any:
    """A change set by ARN, or by name within the given stack (name or id).

    moto 5.2.1 looks names up across ALL stacks and ignores StackName, so the CDK CLI, which names
    every change set `cdk-deploy-change-set` (CDKToolkit's too), found or deleted another stack's."""
    if name_or_arn in backend.change_sets:
        return backend.change_sets[name_or_arn]
    matches = [cs for cs in backend.change_sets.values() if cs.change_set_name == name_or_arn
               and (not stack_name or stack_name in (cs.stack_name, cs.stack_id))]
    if not matches:
        raise ChangeSetNotFound(name_or_arn)
    return matches[-1]


def _patch_change_set_lookup() -> None:
    """DescribeChangeSet/DeleteChangeSet/ExecuteChangeSet honour StackName; a missing change set is
    `ChangeSetNotFound` (moto: a `ValidationError` "Stack with id ... does not exist" from describe,
    an UnboundLocalError 500 from delete); DeleteChangeSet of a missing one succeeds, as the CDK CLI
    expects when it clears the previous `cdk-deploy-change-set` before every update."""
    backend_cls, responses_cls = cfn_models.CloudFormationBackend, cfn_responses.CloudFormationResponse

    def describe_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> Any:
        return _find_change_set(self, change_set_name, stack_name)

    def delete_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
        try:
            change_set = _find_change_set(self, change_set_name, stack_name)
        except ChangeSetNotFound:
            return
        self.change_sets.pop(change_set.change_set_id, None)

    def describe_response(self: Any) -> Any:
        return ActionResult(self.cloudformation_backend.describe_change_set(
            self._get_param("ChangeSetName"), self._get_param("StackName")))

    def delete_response(self: Any) -> Any:
        self.cloudformation_backend.delete_change_set(self._get_param("ChangeSetName"), self._get_param("StackName"))
        return EmptyResult()

    backend_cls.describe_change_set = describe_change_set  # type: ignore[method-assign]
    backend_cls.delete_change_set = delete_change_set  # type: ignore[method-assign]
    responses_cls.describe_change_set = describe_response  # type: ignore[method-assign]
    responses_cls.delete_change_set = delete_response  # type: ignore[method-assign]


def _previous_parameter_values(stack: Any) -> dict[str, Any]:
    """The values `UsePreviousValue` refers to: what was passed (or defaulted), not what it resolved to.

    moto 5.2.1 re-used the RESOLVED value of an `AWS::SSM::Parameter::Value<...>` parameter, then
    looked that value up in SSM as if it were a path and failed ('NoneType' object has no attribute
    'value'). Every CDK stack has one (`BootstrapVersion`), and the CLI passes it with
    UsePreviousValue on every update."""
    slots = (stack.template_dict or {}).get("Parameters") or {}
    values = {}
    for key, resolved in stack.resource_map.resolved_parameters.items():
        slot = slots.get(key) or {}
        is_ssm = str(slot.get("Type", "")).startswith("AWS::SSM::Parameter::")
        values[key] = stack.parameters.get(key, slot.get("Default")) if is_ssm else resolved
    return values


def _patch_previous_parameters() -> None:
    backend_cls = cfn_models.CloudFormationBackend
    resolve = backend_cls._resolve_update_parameters

    def resolve_update_parameters(self: Any, instance: Any, incoming_params: list[dict[str, Any]]) -> Any:
        if isinstance(instance, cfn_models.Stack):  # UpdateStack (cdk deploy --method direct)
            previous = _previous_parameter_values(instance)
            incoming_params = [{"ParameterKey": p["ParameterKey"], "ParameterValue": previous[p["ParameterKey"]]}
                               if p.get("UsePreviousValue") and p["ParameterKey"] in previous else p
                               for p in incoming_params]
        return resolve(self, instance, incoming_params)

    backend_cls._resolve_update_parameters = resolve_update_parameters  # type: ignore[method-assign]
    # CreateChangeSet (UPDATE) reads Stack.stack_parameters for UsePreviousValue and to detect "no changes"
    cfn_models.Stack.stack_parameters = property(_previous_parameter_values)  # type: ignore[assignment]


def _patch() -> None:
    backend_cls = cfn_models.CloudFormationBackend
    original = backend_cls.execute_change_set
    if getattr(original, "_cdk_emulator_patched", False):
        return
    _patch_change_set_lookup()
    _patch_previous_parameters()
    _patch_ecr_policies()
    _patch_ssm_generated_names()
    _patch_deletes()
    _patch_ecs_task_definitions()
    _patch_ecs_placement()
    _patch_vpc_dns_attributes()
    _patch_update_dependents()

    @functools.wraps(original)
    def execute_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
        change_set = self.describe_change_set(change_set_name, stack_name)
        if change_set.execution_status in ("EXECUTE_COMPLETE", "EXECUTE_FAILED"):
            raise cfn_models.ValidationError(change_set_name, message=(
                f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current "
                f"execution status of [{change_set.execution_status}]"))
        try:
            original(self, change_set.change_set_id, stack_name)  # by ARN: moto's own lookup ignores the stack
        except Exception as err:  # noqa: BLE001 - any resource error fails the stack, visibly
            _fail_execution(self, change_set, err)
            return
        _rebuild_outputs(self, self.stacks[change_set.stack_id])
        # CloudFormation removes a stack's change sets once one of them has been executed.
        for arn in [a for a, cs in self.change_sets.items() if cs.stack_id == change_set.stack_id]:
            self.change_sets.pop(arn)

    execute_change_set._cdk_emulator_patched = True  # type: ignore[attr-defined]
    backend_cls.execute_change_set = execute_change_set  # type: ignore[method-assign]

    # Read APIs (List/DescribeStackResources) must not create resources as a side effect: moto's
    # lazy ResourceMap would retry a failed creation there and answer 500.
    def stack_resources(self: Any) -> list[Any]:
        rm = self.resource_map
        return [rm._parsed_resources.get(k) for k in rm.resources]

    cfn_models.Stack.stack_resources = property(stack_resources)  # type: ignore[assignment]


def _patch_ecr_policies() -> None:
    """moto 5.2.1's AWS::ECR::Repository drops `LifecyclePolicy` and `RepositoryPolicyText`; apply
    them through moto's own ECR API after create and update (and remove them when they go)."""
    create = EcrRepositoryModel.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    update = EcrRepositoryModel.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def apply(repo: Any, props: dict[str, Any]) -> Any:
        backend = ecr_backends[repo.account_id][repo.region_name]
        lifecycle = (props.get("LifecyclePolicy") or {}).get("LifecyclePolicyText")
        if lifecycle:
            backend.put_lifecycle_policy(repo.registry_id, repo.name, lifecycle)
        elif repo.lifecycle_policy:
            backend.delete_lifecycle_policy(repo.registry_id, repo.name)
        policy = props.get("RepositoryPolicyText")
        if policy:
            backend.set_repository_policy(repo.registry_id, repo.name, policy if isinstance(policy, str) else json.dumps(policy))
        elif repo.policy:
            backend.delete_repository_policy(repo.registry_id, repo.name)
        return repo

    @classmethod  # type: ignore[misc]
    def create_with_policies(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        repo = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        return apply(repo, cloudformation_json.get("Properties") or {})

    @classmethod  # type: ignore[misc]
    def update_with_policies(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        repo = update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        return apply(repo, cloudformation_json.get("Properties") or {})

    EcrRepositoryModel.create_from_cloudformation_json = create_with_policies  # type: ignore[method-assign]
    EcrRepositoryModel.update_from_cloudformation_json = update_with_policies  # type: ignore[method-assign]


def _patch_ssm_generated_names() -> None:
    """An `AWS::SSM::Parameter` without `Name` gets a generated one, as in CloudFormation; moto 5.2.1
    called put_parameter(name=None) and failed (aws-eks-v2 always adds such a KubectlReadyBarrier)."""
    create = SsmParameterModel.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    @classmethod  # type: ignore[misc]
    def create_named(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        if not props.get("Name"):
            cloudformation_json = dict(cloudformation_json, Properties=dict(props, Name=resource_name))
        return create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    SsmParameterModel.create_from_cloudformation_json = create_named  # type: ignore[method-assign]


def _patch_ecs_task_definitions() -> None:
    """moto 5.2.1's AWS::ECS::TaskDefinition registers only family, containers, volumes and memory
    (no cpu, network mode, compatibilities, roles, runtime platform, ephemeral storage, tags), and its
    update passes PascalCase container definitions through unconverted (DescribeTaskDefinition then
    shows containers without names). Register everything through moto's own API instead; any change
    registers a new revision and deregisters the old one, as CloudFormation does."""
    from moto.core.utils import pascal_to_camelcase, remap_nested_keys
    from moto.ecs.models import TaskDefinition

    def camel(value: Any) -> Any:
        return remap_nested_keys(value, pascal_to_camelcase) if value is not None else None

    def register(resource_name: str, props: dict[str, Any], account_id: str, region_name: str) -> Any:
        task_definition = ecs_backends[account_id][region_name].register_task_definition(
            family=props.get("Family") or resource_name,
            container_definitions=camel(props.get("ContainerDefinitions") or []),
            volumes=camel(props.get("Volumes")), network_mode=props.get("NetworkMode"),
            tags=camel(props.get("Tags")), placement_constraints=camel(props.get("PlacementConstraints")),
            requires_compatibilities=props.get("RequiresCompatibilities"),
            cpu=props.get("Cpu"), memory=props.get("Memory"),
            task_role_arn=props.get("TaskRoleArn"), execution_role_arn=props.get("ExecutionRoleArn"),
            runtime_platform=camel(props.get("RuntimePlatform")), ipc_mode=props.get("IpcMode"),
            pid_mode=props.get("PidMode"), ephemeral_storage=camel(props.get("EphemeralStorage")))
        task_definition.cfn_properties = props
        return task_definition

    @classmethod  # type: ignore[misc]
    def create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        return register(resource_name, cloudformation_json.get("Properties") or {}, account_id, region_name)

    @classmethod  # type: ignore[misc]
    def update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        if getattr(original_resource, "cfn_properties", None) == props:
            return original_resource
        ecs_backends[account_id][region_name].deregister_task_definition(original_resource.arn)
        return register(new_resource_name, props, account_id, region_name)

    TaskDefinition.create_from_cloudformation_json = create  # type: ignore[method-assign]
    TaskDefinition.update_from_cloudformation_json = update  # type: ignore[method-assign]


def _patch_ecs_placement() -> None:
    """Make moto's EC2 task placement checkable against known numbers, as ECS behaves:

    - RegisterContainerInstance honours `totalResources` (CPU, MEMORY) as the instance's registered
      and remaining resources (moto hard-coded 4096 CPU units / 7482 MiB for every instance);
    - a task reserves its task-level `cpu`/`memory` when the task definition sets them (moto summed
      container-level values only, so a task sized at task level reserved nothing);
    - RunTask reports the tasks it could not place in `failures`, one per container instance tried,
      with ECS's reasons `RESOURCE:CPU` / `RESOURCE:MEMORY` / `RESOURCE:PORTS` (moto answered
      `failures: []` and silently placed fewer tasks)."""
    from moto.ecs.models import EC2ContainerServiceBackend
    from moto.ecs.responses import EC2ContainerServiceResponse

    backend_cls, responses_cls = EC2ContainerServiceBackend, EC2ContainerServiceResponse
    @staticmethod  # type: ignore[misc]
    def task_requirements(task_definition: Any) -> dict[str, Any]:
        containers = task_definition.container_definitions
        needed: dict[str, Any] = {
            "CPU": sum(int(c.get("cpu") or 0) for c in containers),
            "MEMORY": sum(int(c.get("memory") or c.get("memoryReservation") or 0) for c in containers),
            "PORTS": [p["hostPort"] for c in containers for p in c.get("portMappings") or [] if p.get("hostPort")],
            "PORTS_UDP": [],
        }
        if task_definition.cpu:
            needed["CPU"] = int(task_definition.cpu)
        if task_definition.memory:
            needed["MEMORY"] = int(task_definition.memory)
        return needed

    def lacking(instance: Any, needed: dict[str, Any]) -> str | None:
        remaining = {r["name"]: r for r in instance.remaining_resources}
        if needed["CPU"] > remaining["CPU"]["integerValue"]:
            return "RESOURCE:CPU"
        if needed["MEMORY"] > remaining["MEMORY"]["integerValue"]:
            return "RESOURCE:MEMORY"
        if any(str(p) in remaining["PORTS"]["stringSetValue"] for p in needed["PORTS"]):
            return "RESOURCE:PORTS"
        return None

    def register_container_instance(self: Any) -> Any:
        result = register(self)
        total = {r["name"]: r for r in self._get_param("totalResources") or []}
        instance = result.result["containerInstance"]
        if instance is not None and total:
            for resources in (instance.registered_resources, instance.remaining_resources):
                for resource in resources:
                    if resource["name"] in ("CPU", "MEMORY") and resource["name"] in total:
                        resource["integerValue"] = int(total[resource["name"]]["integerValue"])
        return result

    def run_task(self: Any) -> Any:
        result = run(self)
        count, launch_type = self._get_int_param("count", 1), self._get_param("launchType")
        placed = len(result.result["tasks"])
        if placed < count and launch_type != "FARGATE":
            backend = self.ecs_backend
            cluster = backend._get_cluster(self._get_param("cluster", "default"))
            needed = backend._calculate_task_resource_requirements(
                backend.describe_task_definition(self._get_param("taskDefinition")))
            instances = [i for i in backend.container_instances.get(cluster.name, {}).values() if i.status == "ACTIVE"]
            result.result["failures"] = [{"arn": i.container_instance_arn, "reason": lacking(i, needed) or "RESOURCE:CPU"}
                                       for i in instances]
        return result

    register, run = responses_cls.register_container_instance, responses_cls.run_task
    backend_cls._calculate_task_resource_requirements = task_requirements  # type: ignore[method-assign]
    responses_cls.register_container_instance = register_container_instance  # type: ignore[method-assign]
    responses_cls.run_task = run_task  # type: ignore[method-assign]


def _patch_vpc_dns_attributes() -> None:
    """moto 5.2.1's AWS::EC2::VPC ignores EnableDnsHostnames/EnableDnsSupport (hostnames stay off),
    and then RunTask of any awsvpc task answered 500: it reads the task ENI's private DNS name, which
    moto only sets in VPCs with DNS hostnames."""
    from moto.ec2.models.vpcs import VPC

    create = VPC.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    @classmethod  # type: ignore[misc]
    def create_with_dns(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        vpc = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        props = cloudformation_json.get("Properties") or {}
        for prop, attr in (("EnableDnsHostnames", "enable_dns_hostnames"), ("EnableDnsSupport", "enable_dns_support")):
            if prop in props:
                setattr(vpc, attr, str(props[prop]).lower() == "true")
        return vpc

    VPC.create_from_cloudformation_json = create_with_dns  # type: ignore[method-assign]


def _references(value: Any) -> set[str]:
    """Logical ids a resource's JSON points at through Ref and Fn::GetAtt."""
    if isinstance(value, dict):
        found: set[str] = set()
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::GetAtt":
                target = inner[0] if isinstance(inner, list) else str(inner).split(".")[0]
                found.add(target)
            else:
                found |= _references(inner)
        return found
    if isinstance(value, list):
        return set().union(*(_references(v) for v in value)) if value else set()
    return set()


def _patch_update_dependents() -> None:
    """After an update, also update the resources whose own JSON did not change but that point at a
    resource that was replaced (its physical id changed), as CloudFormation does. moto 5.2.1 only
    updated resources whose JSON changed, so e.g. a service whose only change was its task
    definition's new revision kept running the old revision."""
    resource_map_cls = cfn_parsing.ResourceMap
    update = resource_map_cls.update

    def physical(resource: Any) -> Any:
        return getattr(resource, "physical_resource_id", resource) if resource is not None else None

    def update_with_dependents(self: Any, template: dict[str, Any], parameters: dict[str, Any] | None = None) -> None:
        diff = self.build_resource_diff(template, parameters)
        before = {k: physical(v) for k, v in self._parsed_resources.items() if k in self._resource_json_map}
        update(self, template, parameters)
        new = template.get("Resources") or {}
        replaced = {k for k, was in before.items() if k in new and k in self._parsed_resources
                    and physical(self._parsed_resources[k]) != was}
        untouched = [k for k in new if k not in diff["Add"] and k not in diff["Modify"] and k in self._parsed_resources]
        while replaced:
            next_replaced = set()
            for name in untouched:
                if _references(new[name]) & replaced:
                    was = physical(self._parsed_resources[name])
                    updated = cfn_parsing.parse_and_update_resource(
                        name, new[name], self, account_id=self._account_id, region_name=self._region_name)
                    if updated is not None:
                        self._parsed_resources[name] = updated
                        if physical(updated) != was:
                            next_replaced.add(name)
            replaced = next_replaced

    resource_map_cls.update = update_with_dependents  # type: ignore[method-assign]


def _ec2_deleters() -> dict[Any, Any]:
    """moto 5.2.1 models these types without `delete`, so deleting a stack left them behind, and the
    leftover route tables made every VPC deletion fail ("The vpc ... has dependencies")."""
    from moto.ec2.models.elastic_ip_addresses import ElasticAddress
    from moto.ec2.models.flow_logs import FlowLogs
    from moto.ec2.models.internet_gateways import InternetGateway
    from moto.ec2.models.nat_gateways import NatGateway
    from moto.ec2.models.route_tables import RouteTable
    from moto.ec2.models.vpcs import VPCEndPoint
    from moto.ec2.models.vpn_gateway import VPCGatewayAttachment
    from moto.ecs.models import Cluster as EcsClusterModel
    from moto.ecs.models import Service as EcsServiceModel

    def route_table(rt: Any, ec2: Any, _: Any) -> None:
        if rt.id in ec2.route_tables:
            for association_id in list(rt._associations):
                ec2.disassociate_route_table(association_id)
            ec2.delete_route_table(rt.id)

    def gateway_attachment(att: Any, ec2: Any, _: Any) -> None:
        igw = ec2.internet_gateways.get(att.gateway_id or "")
        if igw is not None and igw.vpc is not None and igw.vpc.id == att.vpc_id:
            ec2.detach_internet_gateway(att.gateway_id, att.vpc_id)

    def internet_gateway(igw: Any, ec2: Any, _: Any) -> None:
        if igw.id in ec2.internet_gateways:
            ec2.delete_internet_gateway(igw.id)  # DependencyViolation until detached: moto retries

    def nat_gateway(nat: Any, ec2: Any, _: Any) -> None:
        if nat.id in ec2.nat_gateways:
            ec2.delete_nat_gateway(nat.id)  # listed as "deleted" afterwards, as in EC2

    def elastic_ip(eip: Any, ec2: Any, _: Any) -> None:
        if eip in ec2.addresses:
            eip.association_id = eip.instance = eip.eni = None  # its NAT gateway is gone (deleted first or retried)
            ec2.addresses.remove(eip)

    def vpc_endpoint(vpce: Any, ec2: Any, _: Any) -> None:
        if vpce.id in ec2.vpc_end_points:
            try:
                ec2.delete_vpc_endpoints([vpce.id])  # "deleted" afterwards, as in EC2
            except Exception:  # noqa: BLE001 - a gateway endpoint's route table may be gone already
                vpce.state = "deleted"

    def flow_log(log_: Any, ec2: Any, _: Any) -> None:
        if log_.id in ec2.flow_logs:
            ec2.delete_flow_logs([log_.id])

    def ecs_service(service: Any, _: Any, backend: Any) -> None:
        if backend.services.get(f"{service.cluster_name}:{service.name}") is service and service.status == "ACTIVE":
            backend.delete_service(service.cluster_name, service.name, force=True)  # INACTIVE, as in ECS

    def ecs_cluster(cluster: Any, _: Any, backend: Any) -> None:
        if cluster.status == "ACTIVE":
            backend.delete_cluster(cluster.arn)  # INACTIVE, as in ECS

    return {RouteTable: route_table, VPCGatewayAttachment: gateway_attachment, InternetGateway: internet_gateway,
            NatGateway: nat_gateway, ElasticAddress: elastic_ip, VPCEndPoint: vpc_endpoint, FlowLogs: flow_log,
            EcsServiceModel: ecs_service, EcsClusterModel: ecs_cluster}


def _patch_deletes() -> None:
    for model, deleter in _ec2_deleters().items():
        if "delete" in model.__dict__:
            continue

        def delete(self: Any, account_id: str, region_name: str, _deleter: Any = deleter) -> None:
            _deleter(self, ec2_backends[account_id][region_name], ecs_backends[account_id][region_name])

        model.delete = delete


def install() -> None:
    """Idempotent: register the models (the parser caches its model list) and patch change sets."""
    cfn_parsing.get_model_list.cache_clear()
    cfn_parsing.get_model_map.cache_clear() if hasattr(cfn_parsing.get_model_map, "cache_clear") else None
    cfn_parsing.get_name_type_map.cache_clear() if hasattr(cfn_parsing.get_name_type_map, "cache_clear") else None
    missing = [m.cloudformation_type() for m in REGISTERED if m not in cfn_parsing.get_model_list()]
    if missing:
        raise RuntimeError(f"CloudFormation models not registered: {missing}")
    _patch()


install()
