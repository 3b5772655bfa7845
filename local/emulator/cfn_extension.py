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

Stack lifecycle as CloudFormation runs it (see "Stack lifecycle" in README.md):
  - deletes: Auto Scaling groups force-delete (instances terminated, protected or not), launch-created
    ENIs are DeleteOnTermination, NAT gateway / interface endpoint / stopped-task ENIs go, task
    definitions deregister, managed policies detach and delete, KMS keys go PendingDeletion,
    non-empty buckets fail, EmptyOnDelete repositories go with their images; a failed DeleteStack
    leaves the stack DELETE_FAILED (RetainResources honoured) instead of losing it;
  - a failed create rolls back to ROLLBACK_COMPLETE, a failed update to UPDATE_ROLLBACK_COMPLETE
    (DisableRollback / OnFailure keep CREATE_FAILED / UPDATE_FAILED), removed resources are deleted
    only after the update succeeded, and CREATE/UPDATE of a stack in a failed state is refused;
  - updates of the EKS/ECS models above apply each changed property or fail the update;
  - cross-stack references: Fn::ImportValue in CREATE change sets, exports in use cannot change,
    go or be deleted with their stack, ListImports, and Fn::GetStackOutput (also cross-region).

Known gaps, deliberately NOT registered (moto 5.2.1 has no backend to put them in; faking them
would let a deploy "succeed" with nothing readable behind it): KNOWN_GAPS, read from known-gaps.json
next to this file, the one list the TypeScript accounting (local/resources.ts) reads too. Each entry
has its reason and the test that proves the behaviour elsewhere (the template, in the unit tier).
Pinned to moto 5.2.1: it touches moto internals (backend signatures, ResourceMap, OutputMap).
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
import threading
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
from moto.ssm.models import ssm_backends

MOTO_VERSION = "5.2.1"
KNOWN_GAPS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known-gaps.json")
with open(KNOWN_GAPS_FILE, encoding="utf-8") as _gaps:
    #: CloudFormation type -> {"reason": ..., "provenBy": test file}: the types moto skips on purpose.
    KNOWN_GAPS: dict[str, dict[str, str]] = json.load(_gaps)
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


class UpdateNotApplied(Exception):
    """An update the emulator cannot apply: the update fails (and rolls back) instead of pretending."""


class DeletionRefused(Exception):
    """A delete the service refuses (e.g. an EKS cluster with deletion protection on)."""


def _at(props: dict[str, Any], path: str) -> Any:
    """The value at a dotted property path ("AccessConfig.AuthenticationMode"), None if absent."""
    value: Any = props
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _needs_replacement(cls: Any, old: dict[str, Any], new: dict[str, Any], create_only: list[str]) -> bool:
    """Whether a change touches a create-only property (CloudFormation's registry schema). moto
    passes a freshly generated name for unnamed resources, so only an explicit name change counts;
    a custom-named resource cannot be replaced under the same name, as in CloudFormation."""
    name_prop = cls.cloudformation_name_type()
    changed = [p for p in [*create_only, name_prop] if p and _at(old, p) != _at(new, p)]
    if not changed:
        return False
    if name_prop and name_prop not in changed and new.get(name_prop):
        raise UpdateNotApplied(
            f"CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
            f"{new[name_prop]} and update the stack again. (changed: {', '.join(changed)})")
    return True


def _refuse_unapplied(type_name: str, old: dict[str, Any], new: dict[str, Any], applied: set[str]) -> None:
    """Fail on any changed top-level property the in-place update does not apply."""
    left = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k) and k not in applied)
    if left:
        raise UpdateNotApplied(f"{type_name}: the emulator cannot apply a change to {', '.join(left)} "
                               "(no moto 5.2.1 API holds it); the update fails rather than pretend")


def _minor(version: str) -> tuple[int, int]:
    major, _, minor = str(version).partition(".")
    return int(major), int(minor or 0)


LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def _eks_logging(props: dict[str, Any]) -> dict[str, Any]:
    """EKS's logging answer: the enabled types, then the disabled ones (as DescribeCluster shows)."""
    enabled = [t["Type"] for t in (_at(props, "Logging.ClusterLogging.EnabledTypes") or [])]
    groups = [{"types": enabled, "enabled": True}, {"types": [t for t in LOG_TYPES if t not in enabled], "enabled": False}]
    return {"clusterLogging": [g for g in groups if g["types"]]}


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

    # createOnlyProperties of AWS::EKS::Cluster in CloudFormation's registry schema: a change replaces it
    CREATE_ONLY = ["RoleArn", "OutpostConfig", "EncryptionConfig", "BootstrapSelfManagedAddons",
                   "KubernetesNetworkConfig.IpFamily", "KubernetesNetworkConfig.ServiceIpv4Cidr",
                   "AccessConfig.BootstrapClusterCreatorAdminPermissions"]
    # held on moto's cluster object, which DescribeCluster serializes (moto 5.2.1 has no API setting them)
    HELD = {"AccessConfig": "access_config", "UpgradePolicy": "upgrade_policy", "ZonalShiftConfig": "zonal_shift_config",
            "ComputeConfig": "compute_config", "StorageConfig": "storage_config", "OutpostConfig": "outpost_config",
            "ControlPlaneScalingConfig": "control_plane_scaling_config", "DeletionProtection": "deletion_protection"}
    AUTH_MODES = ["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"]  # EKS only moves forward along this list

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
        try:
            cluster = res.backend.create_cluster(
                name=resource_name, role_arn=props["RoleArn"], resources_vpc_config=vpc,
                version=props.get("Version"),
                kubernetes_network_config=_camel(props.get("KubernetesNetworkConfig")),
                logging=_eks_logging(props), tags=_tag_dict(props.get("Tags")),
                encryption_config=_camel(props.get("EncryptionConfig")),
                remote_network_config=_camel(props.get("RemoteNetworkConfig")))
        except Exception:
            ec2.delete_security_group(group_id=sg.id)  # nothing half-created is left behind
            raise
        res._hold(cluster, props)
        return res

    def _hold(self, cluster: Any, props: dict[str, Any]) -> None:
        for prop, attr in self.HELD.items():
            value = props.get(prop)
            if prop == "DeletionProtection":
                value = str(value).lower() == "true" if value is not None else None
            setattr(cluster, attr, _camel(value))

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props, old = cloudformation_json["Properties"], original_resource.props
        if _needs_replacement(cls, old, props, cls.CREATE_ONLY):
            cluster = original_resource.backend.clusters.get(original_resource.name)
            if cluster is not None and (cluster.nodegroups or cluster.fargate_profiles):
                raise UpdateNotApplied(
                    f"AWS::EKS::Cluster {original_resource.name}: replacing a cluster that has node groups or Fargate "
                    "profiles is not emulated (CloudFormation creates the new cluster first and replaces them too; "
                    "moto can only delete first, which EKS refuses while they exist)")
            original_resource.delete(account_id, region_name)  # replacement
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource._update_in_place(old, props)
        original_resource.props = props
        return original_resource

    def _update_in_place(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Each changed property through what moto holds; anything else fails the update."""
        _refuse_unapplied("AWS::EKS::Cluster", old, new, {
            "Version", "ResourcesVpcConfig", "Logging", "RemoteNetworkConfig", "Tags", "KubernetesNetworkConfig",
            "Force", *self.HELD})  # Force only qualifies a version update: nothing to hold
        backend, cluster = self.backend, self.backend.describe_cluster(self.name)
        changed = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
        # refusals first, so that a refused update changes nothing
        if "AccessConfig" in changed:
            was = (cluster.access_config or {}).get("authenticationMode") or "CONFIG_MAP"
            want = _at(new, "AccessConfig.AuthenticationMode") or was
            if self.AUTH_MODES.index(want) < self.AUTH_MODES.index(was):
                raise UpdateNotApplied(f"Unsupported authentication mode update from {was} to {want}")
        if "Version" in changed:
            was_v, want_v = _minor(cluster.version), _minor(new.get("Version") or cluster.version)
            if want_v != was_v and (want_v[0] != was_v[0] or want_v[1] != was_v[1] + 1):
                raise UpdateNotApplied(f"Unsupported Kubernetes minor version update from {cluster.version} to {new.get('Version')}")
        if "ResourcesVpcConfig" in changed:  # EKS keeps a cluster in its VPC
            ec2 = ec2_backends[self.account_id][self.region_name]
            vpc_id = cluster.resources_vpc_config.get("vpcId")
            foreign = [x for x in _at(new, "ResourcesVpcConfig.SubnetIds") or [] if ec2.get_subnet(x).vpc_id != vpc_id]
            if foreign:
                raise UpdateNotApplied(f"Subnets {foreign} are not in the cluster's VPC {vpc_id}")
        if "Version" in changed:
            cluster.version = new.get("Version") or cluster.version  # moto 5.2.1 has no update_cluster_version
        if "ResourcesVpcConfig" in changed:
            vpc = {k: cluster.resources_vpc_config[k] for k in ("clusterSecurityGroupId", "vpcId", "subnetIds")
                   if k in cluster.resources_vpc_config}
            vpc.update(_camel(new.get("ResourcesVpcConfig") or {}))
            backend.update_cluster_config(name=self.name, resources_vpc_config=vpc)
        if "Logging" in changed:
            backend.update_cluster_config(name=self.name, resources_vpc_config=None, logging=_eks_logging(new))
        if "RemoteNetworkConfig" in changed:
            cluster.remote_network_config = _camel(new.get("RemoteNetworkConfig"))
        if "Tags" in changed:
            cluster.tags = _tag_dict(new.get("Tags"))
        if "KubernetesNetworkConfig" in changed:  # only ElasticLoadBalancing is not create-only
            network = dict(cluster.kubernetes_network_config or {})
            network.pop("elasticLoadBalancing", None)
            elb = _at(new, "KubernetesNetworkConfig.ElasticLoadBalancing")
            cluster.kubernetes_network_config = dict(network, **({"elasticLoadBalancing": _camel(elb)} if elb else {}))
        self._hold(cluster, new)

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
        cluster = self.backend.clusters.get(self.name)
        if cluster is not None and getattr(cluster, "deletion_protection", False):
            raise DeletionRefused(f"Cluster {self.name} has deletion protection enabled; disable it before deleting")
        if cluster is not None:
            self.backend.delete_cluster(self.name)  # raises while node groups remain; moto retries
        ec2 = ec2_backends[account_id][region_name]
        try:
            ec2.delete_security_group(group_id=self.security_group_id)
        except Exception as err:  # already gone (or still referenced): never block the stack delete
            log.warning("could not delete EKS cluster SG %s: %s", self.security_group_id, err)


def _cluster_child(in_place, create_only):  # type: ignore[no-untyped-def]
    """update_from_cloudformation_json: replace on a create-only change, else update in place (which
    fails on any change it cannot apply)."""

    @classmethod  # type: ignore[misc]
    def update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        if not _needs_replacement(cls, original_resource.props, props, create_only):
            return in_place(original_resource, props)
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
        ng.node_repair_config = _camel(props.get("NodeRepairConfig"))
        ng.warm_pool_config = _camel(props.get("WarmPoolConfig"))  # held: DescribeNodegroup shows it
        return res

    def _attr(self, attr: str) -> Any:
        ng = self.backend.describe_nodegroup(self.cluster_name, self.name)
        return {"Arn": ng.arn, "ClusterName": self.cluster_name, "NodegroupName": self.name,
                "Id": self.physical_resource_id}[attr]

    def _update_in_place(self, props: dict[str, Any]) -> EksNodegroup:
        old = self.props
        _refuse_unapplied("AWS::EKS::Nodegroup", old, props, {
            "ScalingConfig", "Labels", "Taints", "UpdateConfig", "NodeRepairConfig", "LaunchTemplate", "Version",
            "ReleaseVersion", "Tags", "WarmPoolConfig", "ForceUpdateEnabled"})  # ForceUpdateEnabled: no state
        ng = self.backend.describe_nodegroup(self.cluster_name, self.name)
        was_lt, want_lt = _camel(old.get("LaunchTemplate") or {}), _camel(props.get("LaunchTemplate") or {})
        if {k: v for k, v in was_lt.items() if k != "version"} != {k: v for k, v in want_lt.items() if k != "version"}:
            raise UpdateNotApplied(f"AWS::EKS::Nodegroup {self.name}: EKS updates a node group to another version "
                                   "of its launch template, not to another launch template")
        if props.get("Version") != old.get("Version") and props.get("Version"):
            cluster_version = self.backend.describe_cluster(self.cluster_name).version
            if _minor(props["Version"]) > _minor(cluster_version) or _minor(props["Version"]) < _minor(ng.version):
                raise UpdateNotApplied(f"Requested Kubernetes version {props['Version']} is not supported for node group "
                                       f"{self.name} (cluster {cluster_version}, node group {ng.version})")
        old_labels, new_labels = old.get("Labels") or {}, props.get("Labels") or {}
        self.backend.update_nodegroup_config(
            cluster_name=self.cluster_name, nodegroup_name=self.name,
            scaling_config=_ints(_camel(props.get("ScalingConfig"))),
            labels={"addOrUpdateLabels": dict(new_labels),
                    "removeLabels": [k for k in old_labels if k not in new_labels]},
            taints={"addOrUpdateTaints": _camel(props.get("Taints") or []),
                    "removeTaints": [t for t in _camel(old.get("Taints") or []) if t not in _camel(props.get("Taints") or [])]},
            update_config=_camel(props.get("UpdateConfig")), node_repair_config=_camel(props.get("NodeRepairConfig")))
        ng.launch_template = want_lt or ng.launch_template  # UpdateNodegroupVersion: another template version
        if props.get("Version") and props.get("Version") != old.get("Version"):
            ng.version = props["Version"]
        if props.get("ReleaseVersion") and props.get("ReleaseVersion") != old.get("ReleaseVersion"):
            ng.release_version = props["ReleaseVersion"]
        ng.tags = _tag_dict(props.get("Tags"))  # moto's TagResource only tags clusters
        ng.warm_pool_config = _camel(props.get("WarmPoolConfig"))
        self.props = props
        return self

    # createOnlyProperties of AWS::EKS::Nodegroup in CloudFormation's registry schema
    update_from_cloudformation_json = _cluster_child(
        _update_in_place, ["ClusterName", "NodeRole", "Subnets", "InstanceTypes", "AmiType", "DiskSize",
                           "RemoteAccess", "CapacityType"])

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
        _refuse_unapplied("AWS::EKS::FargateProfile", self.props, props, {"Tags"})
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
        _refuse_unapplied("AWS::ECS::CapacityProvider", self.props, props, {"AutoScalingGroupProvider", "Tags"})
        asg = _asg_provider(props, self.account_id, self.region_name)
        provider = self.backend.update_capacity_provider(self.name, asg)
        if "managedDraining" in asg:  # moto's update applies scaling and termination protection only
            provider.auto_scaling_group_provider["managedDraining"] = asg["managedDraining"]
        provider.tags = [{"key": t["Key"], "value": t["Value"]} for t in props.get("Tags") or []] or None
        self.props = props
        return self

    # createOnlyProperties of AWS::ECS::CapacityProvider in CloudFormation's registry schema
    update_from_cloudformation_json = _cluster_child(_update, ["AutoScalingGroupProvider.AutoScalingGroupArn", "ClusterName"])

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
    _patch_lifecycle_deletes()
    _patch_stack_lifecycle()

    @functools.wraps(original)
    def execute_change_set(self: Any, change_set_name: str, stack_name: str | None = None, disable_rollback: bool = False) -> None:
        change_set = self.describe_change_set(change_set_name, stack_name)
        if change_set.execution_status in ("EXECUTE_COMPLETE", "EXECUTE_FAILED"):
            raise cfn_models.ValidationError(change_set_name, message=(
                f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current "
                f"execution status of [{change_set.execution_status}]"))
        stack = self.stacks[change_set.stack_id]
        stack.resource_map.cdk_rollback = not disable_rollback  # `cdk deploy --no-rollback`
        try:
            original(self, change_set.change_set_id, stack_name)  # by ARN: moto's own lookup ignores the stack
        except Exception as err:  # noqa: BLE001 - any resource error fails (and rolls back) the stack, visibly
            change_set.execution_status = "EXECUTE_FAILED"
            change_set.status_reason = _reason(getattr(err, "cause", err))
            _record_outcome(self, stack, change_set.change_set_type, err, change_set.template)
            return
        finally:
            stack.resource_map.cdk_rollback = True
        _record_cleanup(stack)
        _rebuild_outputs(self, stack)
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
    called put_parameter(name=None) and failed (aws-eks-v2 always adds such a KubectlReadyBarrier).
    Its `Tags` are a JSON map in CloudFormation (`cdk.Tags.of(app)` writes one); moto 5.2.1 passed the
    map to put_parameter, which takes a Key/Value list, and failed ("string indices must be integers")."""
    create = SsmParameterModel.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    @classmethod  # type: ignore[misc]
    def create_named(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        moto_props = dict(props)
        if not props.get("Name"):
            moto_props["Name"] = resource_name
        if isinstance(props.get("Tags"), dict):
            moto_props["Tags"] = [{"Key": str(k), "Value": str(v)} for k, v in props["Tags"].items()]
        cloudformation_json = dict(cloudformation_json, Properties=moto_props)
        parameter = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        parameter.cfn_properties = props
        return parameter

    # Only Name is create-only: any other change updates the parameter in place (a new version, same
    # name), as CloudFormation does. moto 5.2.1 deleted and re-created it, under a new generated name
    # when the template names none, so every update of an unnamed parameter changed its physical id.
    update = SsmParameterModel.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    @classmethod  # type: ignore[misc]
    def update_in_place(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        old = getattr(original_resource, "cfn_properties", None)
        if old is None or props.get("Name") != old.get("Name"):
            return update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        backend = ssm_backends[account_id][region_name]
        backend.put_parameter(name=original_resource.name, description=props.get("Description"), value=props.get("Value"),
                              parameter_type=props.get("Type"), allowed_pattern=props.get("AllowedPattern"),
                              keyid=props.get("KeyId"), overwrite=True, tags=[], data_type=props.get("DataType", "text"),
                              tier=props.get("Tier"), policies=props.get("Policies"))
        tags = props.get("Tags") or {}
        tags = tags if isinstance(tags, dict) else {t["Key"]: t["Value"] for t in tags}
        stale = [k for k in backend.list_tags_for_resource("Parameter", original_resource.name) if k not in tags]
        if stale:
            backend.remove_tags_from_resource("Parameter", original_resource.name, stale)
        if tags:
            backend.add_tags_to_resource("Parameter", original_resource.name, tags)
        parameter = backend.get_parameter(original_resource.name)
        parameter.cfn_properties = props
        return parameter

    SsmParameterModel.create_from_cloudformation_json = create_named  # type: ignore[method-assign]
    SsmParameterModel.update_from_cloudformation_json = update_in_place  # type: ignore[method-assign]


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
        for address in ec2.addresses:  # its EIP is disassociated and its network interface deleted
            if address.eni is nat._eni:
                address.association_id = address.instance = address.eni = None
        ec2.enis.pop(nat._eni.id, None)

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


def _patch_instance_enis() -> None:
    """EC2 gives the network interfaces it creates at launch DeleteOnTermination=true (unless the
    launch says otherwise); moto 5.2.1 set it only when the launch spec said so, so every terminated
    instance (Auto Scaling ones included) left its primary ENI "in-use" behind."""
    from moto.ec2.models.instances import Instance

    prep = Instance.prep_nics

    @functools.wraps(prep)
    def prep_nics(self: Any, nic_spec: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        given = {n.get("NetworkInterfaceId") for n in nic_spec or []} - {None}
        kept = {int(n.get("DeviceIndex", 0)) for n in nic_spec or [] if n.get("DeleteOnTermination") is False}
        prep(self, nic_spec, *args, **kwargs)
        for index, nic in self.nics.items():
            if nic.id not in given and index not in kept:
                nic.delete_on_termination = True

    Instance.prep_nics = prep_nics  # type: ignore[method-assign]


def _delete_auto_scaling_group(account_id: str, region_name: str, name: str) -> None:
    """What CloudFormation does to delete an Auto Scaling group: a forced DeleteAutoScalingGroup, so
    every instance is terminated, scale-in protection or not (moto 5.2.1 scaled to 0, which skips
    protected instances: an ECS capacity provider with managed termination protection left them all
    running), and the group's scaling policies, lifecycle hooks and scheduled actions go with it."""
    backend = autoscaling_backends[account_id][region_name]
    group = backend.autoscaling_groups.get(name)
    if group is None:
        return
    running = [s.instance.id for s in group.instance_states if s.instance._state.name != "terminated"]
    if running:
        for instance in backend.ec2_backend.get_multi_instances_by_id(running):
            instance.disable_api_termination = False
        backend.ec2_backend.terminate_instances(running)
    group.instance_states = []
    backend.autoscaling_groups.pop(name, None)
    backend.policies = {k: p for k, p in backend.policies.items() if p.as_name != name}
    backend.lifecycle_hooks = {k: h for k, h in backend.lifecycle_hooks.items() if h.as_name != name}
    backend.scheduled_actions = type(backend.scheduled_actions)(
        (k, a) for k, a in backend.scheduled_actions.items() if a.name != name)


def _patch_lifecycle_deletes() -> None:
    """Deletes that leave what CloudFormation leaves: nothing but DeletionPolicy Retain resources."""
    from moto.autoscaling.models import FakeAutoScalingGroup
    from moto.ecs.models import TaskDefinition
    from moto.iam.models import ManagedPolicy, iam_backends
    from moto.kms.models import Key as KmsKey
    from moto.kms.models import KmsBackend, kms_backends
    from moto.utilities.utils import get_partition

    _patch_instance_enis()

    def delete_group(self: Any, account_id: str, region_name: str) -> None:
        _delete_auto_scaling_group(account_id, region_name, self.name)

    @classmethod  # type: ignore[misc]
    def delete_group_by_name(cls, resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        _delete_auto_scaling_group(account_id, region_name, resource_name)  # used by moto's replacement on update

    FakeAutoScalingGroup.delete = delete_group  # type: ignore[method-assign]
    FakeAutoScalingGroup.delete_from_cloudformation_json = delete_group_by_name  # type: ignore[method-assign]

    # NAT gateway: EC2 names its network interface (moto left the description empty; so the
    # inventory names what owns an interface).
    from moto.ec2.models.nat_gateways import NatGatewayBackend

    create_nat = NatGatewayBackend.create_nat_gateway

    @functools.wraps(create_nat)
    def create_nat_gateway(self: Any, *args: Any, **kwargs: Any) -> Any:
        nat = create_nat(self, *args, **kwargs)
        nat._eni.description = f"Interface for NAT Gateway {nat.id}"
        return nat

    NatGatewayBackend.create_nat_gateway = create_nat_gateway  # type: ignore[method-assign]

    # Interface VPC endpoint: EC2 names its network interfaces too.
    from moto.ec2.models.vpcs import VPCBackend

    create_endpoint = VPCBackend.create_vpc_endpoint

    @functools.wraps(create_endpoint)
    def create_vpc_endpoint(self: Any, *args: Any, **kwargs: Any) -> Any:
        endpoint = create_endpoint(self, *args, **kwargs)
        for eni_id in endpoint.network_interface_ids or []:
            if eni_id in self.enis:
                self.enis[eni_id].description = f"VPC Endpoint Interface {endpoint.id}"
        return endpoint

    VPCBackend.create_vpc_endpoint = create_vpc_endpoint  # type: ignore[method-assign]

    # ECS task definition: deleting it deregisters that revision (INACTIVE, still describable), as in ECS.
    def deregister(self: Any, account_id: str, region_name: str) -> None:
        if self.status == "ACTIVE":
            ecs_backends[account_id][region_name].deregister_task_definition(self.arn)

    TaskDefinition.delete = deregister  # type: ignore[attr-defined]

    # IAM managed policy: detached from its roles, users and groups, then deleted (moto had no delete,
    # so the policy stayed attached and every role it named failed to delete: "must detach all policies").
    def delete_policy(self: Any, account_id: str, region_name: str) -> None:
        iam = iam_backends[account_id][get_partition(region_name)]
        if self.arn not in iam.managed_policies:
            return
        for owners in (iam.roles.values(), iam.users.values(), iam.groups.values()):
            for owner in owners:
                if self.arn in owner.managed_policies:
                    self.detach_from(owner)
        iam.delete_policy(self.arn)

    ManagedPolicy.delete = delete_policy  # type: ignore[attr-defined]

    # KMS key: deleting it schedules its deletion (PendingDeletion, after PendingWindowInDays, 30 by
    # default), as CloudFormation does; moto removed the key at once.
    def schedule_deletion(self: Any, account_id: str, region_name: str) -> None:
        backend = kms_backends[account_id][region_name]
        if self.id in backend.keys and self.key_state != "PendingDeletion":
            window = ((getattr(self, "cfn_delete_json", None) or {}).get("Properties") or {}).get("PendingWindowInDays", 30)
            backend.schedule_key_deletion(self.id, int(window) if str(window).isdigit() else 30)

    KmsKey.delete = schedule_deletion  # type: ignore[method-assign]

    # S3 bucket: deleting a bucket that still holds objects fails, as in CloudFormation (moto's
    # delete_bucket returned quietly and kept the bucket, so the stack "deleted" it and leaked it).
    from moto.s3.exceptions import BucketNotEmpty
    from moto.s3.models import FakeBucket, s3_backends

    @classmethod  # type: ignore[misc]
    def delete_bucket(cls, resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        backend = s3_backends[account_id][get_partition(region_name)]
        if resource_name in backend.buckets and backend.buckets[resource_name].keys:
            raise BucketNotEmpty(resource_name)
        backend.delete_bucket(resource_name)

    FakeBucket.delete_from_cloudformation_json = delete_bucket  # type: ignore[method-assign]

    # ECR repository: EmptyOnDelete deletes it with its images (moto ignored it: RepositoryNotEmpty).
    def delete_repository(self: Any, account_id: str, region_name: str) -> None:
        empty = ((getattr(self, "cfn_delete_json", None) or {}).get("Properties") or {}).get("EmptyOnDelete")
        ecr_backends[account_id][region_name].delete_repository(self.name, force=str(empty).lower() == "true")

    EcrRepositoryModel.delete = delete_repository  # type: ignore[method-assign]

    # ECS: a stopped awsvpc task's network interface is deleted, as ECS does (moto kept it "in-use").
    from moto.ecs.models import EC2ContainerServiceBackend

    stop_task = EC2ContainerServiceBackend.stop_task

    @functools.wraps(stop_task)
    def stop_task_releasing_eni(self: Any, cluster_str: str, task_str: str, reason: str) -> Any:
        task = stop_task(self, cluster_str, task_str, reason)
        ec2 = ec2_backends[self.account_id][self.region_name]
        for attachment in getattr(task, "attachments", None) or []:
            if attachment.get("type") == "ElasticNetworkInterface":
                for detail in attachment.get("details") or []:
                    if detail.get("name") == "networkInterfaceId":
                        ec2.enis.pop(detail["value"], None)
                attachment["status"] = "DELETED"
        return task

    EC2ContainerServiceBackend.stop_task = stop_task_releasing_eni  # type: ignore[method-assign]

    # Each resource's delete sees its template JSON (the KMS key reads PendingWindowInDays there).
    delete_resource = cfn_parsing.ResourceMap._delete_resource

    def delete_with_json(self: Any, parsed_resource: Any, resource_json: dict[str, Any]) -> None:
        try:
            parsed_resource.cfn_delete_json = resource_json
        except AttributeError:  # a resource that cannot hold attributes (none of moto's today)
            pass
        delete_resource(self, parsed_resource, resource_json)

    cfn_parsing.ResourceMap._delete_resource = delete_with_json  # type: ignore[method-assign]

    # CloudFormation passes KeyPolicy as a JSON object; moto stored the dict, and every later
    # DescribeKey of that key answered 500 (its policy check json.loads the stored policy).
    create_key = KmsBackend.create_key

    @functools.wraps(create_key)
    def create_key_with_json_policy(self: Any, policy: Any, *args: Any, **kwargs: Any) -> Any:
        return create_key(self, json.dumps(policy) if isinstance(policy, dict) else policy, *args, **kwargs)

    KmsBackend.create_key = create_key_with_json_policy  # type: ignore[method-assign]


# --- Stack lifecycle: rollback, delete failures, cross-stack references -------------------------
#
# moto 5.2.1 had no rollback (a failed resource left the stack half-built: the extension's earlier
# patch marked it CREATE_FAILED/UPDATE_FAILED and kept what was created), popped a stack before
# deleting its resources (a failed delete made the stack vanish with its resources left behind),
# gave CREATE change sets no view of the region's exports (Fn::ImportValue failed), never refused
# to change or delete an export in use, and did not know Fn::GetStackOutput.

RETAIN_ON_DELETE = ("Retain", "RetainExceptOnCreate")
NOT_UPDATABLE = ("REVIEW_IN_PROGRESS", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_FAILED", "DELETE_FAILED")
_PSEUDO = ("AWS::AccountId", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", "AWS::NoValue",
           "AWS::Partition")


class StackRolledBack(Exception):
    """A create or update failed and its changes were undone (`errors`: what could not be undone)."""

    def __init__(self, cause: BaseException, errors: list[tuple[str, str]]):
        super().__init__(str(cause))
        self.cause, self.errors = cause, errors
        self.logical_id: str | None = getattr(cause, "cdk_logical_id", None)
        self.action: str = getattr(cause, "cdk_action", "CREATE")
        self.resource_type: str = getattr(cause, "cdk_resource_type", "")


class ExportConflict(Exception):
    """CloudFormation's refusal to change, remove or duplicate an export (no resource is at fault)."""


def _reason(err: BaseException) -> str:
    message = getattr(err, "message", None) or str(err)
    if not message and isinstance(getattr(err, "description", None), str):  # moto's EKS errors keep it there
        try:
            message = json.loads(err.description).get("message") or err.description  # type: ignore[attr-defined]
        except ValueError:
            message = err.description  # type: ignore[attr-defined]
    return f"{type(err).__name__}: {message}"


def _patch_failure_attribution() -> None:
    """Remember which resource (and which action) raised, so events name it as CloudFormation's do."""
    for name, action in (("parse_and_create_resource", "CREATE"), ("parse_and_update_resource", "UPDATE")):
        original = getattr(cfn_parsing, name)

        def attributed(logical_id: str, resource_json: dict[str, Any], *args: Any, _original: Any = original,
                       _action: str = action, **kwargs: Any) -> Any:
            try:
                return _original(logical_id, resource_json, *args, **kwargs)
            except Exception as err:
                if not hasattr(err, "cdk_logical_id"):  # the innermost resource is the one that failed
                    err.cdk_logical_id, err.cdk_action = logical_id, _action  # type: ignore[attr-defined]
                    err.cdk_resource_type = resource_json.get("Type", "")  # type: ignore[attr-defined]
                raise

        setattr(cfn_parsing, name, functools.wraps(original)(attributed))


def _resource_event(stack: Any, logical_id: str, resource_type: str, status: str, reason: str | None = None) -> None:
    resource = stack.resource_map._parsed_resources.get(logical_id)
    physical = getattr(resource, "physical_resource_id", "") if resource is not None else ""
    stack.events.append(cfn_models.Event(
        stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=logical_id,
        physical_resource_id=physical if isinstance(physical, str) else "", resource_type=resource_type,
        resource_status=status, resource_status_reason=reason, resource_properties=None))


class _Existing(dict):  # type: ignore[type-arg]
    """A stack's resource map that only answers what exists: resolving a value through it never
    creates a resource (moto's ResourceMap creates a missing one on lookup)."""

    def __init__(self, rm: Any):
        super().__init__(rm._parsed_resources)
        self.rm = rm

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rm, name)


def _importers(backend: Any, exclude_stack_id: str | None = None) -> dict[str, list[str]]:
    """Export name -> the stacks whose current template imports it (Fn::ImportValue)."""
    found: dict[str, set[str]] = {}

    def walk(node: Any, stack: Any) -> None:
        if isinstance(node, dict):
            for key, inner in node.items():
                if key == "Fn::ImportValue":
                    try:
                        name = cfn_parsing.clean_json(inner, _Existing(stack.resource_map))
                    except Exception:  # noqa: BLE001 - an import name that cannot be resolved imports nothing
                        continue
                    if isinstance(name, str):
                        found.setdefault(name, set()).add(stack.name)
                else:
                    walk(inner, stack)
        elif isinstance(node, list):
            for inner in node:
                walk(inner, stack)

    for stack in list(backend.stacks.values()):
        if stack.stack_id != exclude_stack_id and stack.status not in ("REVIEW_IN_PROGRESS", "ROLLBACK_COMPLETE"):
            walk({k: v for k, v in (stack.template_dict or {}).items() if k in ("Resources", "Outputs", "Conditions")}, stack)
    return {name: sorted(stacks) for name, stacks in found.items()}


def _template_exports(rm: Any, template: dict[str, Any]) -> dict[str, Any]:
    exports = {}
    for spec in (template.get("Outputs") or {}).values():
        if not spec.get("Export") or (spec.get("Condition") and not rm.lazy_condition_map.get(spec["Condition"])):
            continue
        try:
            exports[cfn_parsing.clean_json(spec["Export"].get("Name"), _Existing(rm))] = \
                cfn_parsing.clean_json(spec.get("Value"), _Existing(rm))
        except Exception as err:  # noqa: BLE001 - _rebuild_outputs drops it with a warning
            log.warning("stack %s: export not resolvable: %s", rm.stack_id, err)
    return exports


def _check_exports(rm: Any, template: dict[str, Any]) -> None:
    """CloudFormation refuses an update that changes or removes an export another stack imports, or
    that exports a name another stack already exports; the update then rolls back."""
    backend = cfn_models.cloudformation_backends[rm._account_id][rm._region_name]
    new = _template_exports(rm, template)
    problems = [f"Export with name {name} is already exported by stack {backend.stacks[e.exporting_stack_id].name}"
                for name, e in backend.exports.items()
                if name in new and e.exporting_stack_id != rm.stack_id and e.exporting_stack_id in backend.stacks]
    old = {name: e.value for name, e in backend.exports.items() if e.exporting_stack_id == rm.stack_id}
    if old:
        importers = _importers(backend, exclude_stack_id=rm.stack_id)
        for name, value in old.items():
            users = ", ".join(importers.get(name, []))
            if users and name not in new:
                problems.append(f"Export {name} cannot be deleted as it is in use by {users}")
            elif users and new[name] != value:
                problems.append(f"Export {name} cannot be updated as it is in use by {users}")
    if problems:
        raise ExportConflict("; ".join(problems))


def _delete_resources(rm: Any, names: list[str], json_map: dict[str, Any], keep: set[str]) -> list[tuple[str, str]]:
    """Delete the named resources, dependents first (the reverse of creation order), retrying while
    each pass deletes something; a deleted resource leaves the map. Returns what could not be deleted."""
    pending = [k for k in reversed(list(rm._parsed_resources)) if k in names and k in json_map and k not in keep]
    failures: dict[str, str] = {}
    while pending:
        progressed = False
        for name in list(pending):
            resource = rm._parsed_resources.get(name)
            try:
                if resource is not None and not isinstance(resource, str):
                    rm._delete_resource(resource, json_map[name])
            except Exception as err:  # noqa: BLE001 - e.g. a dependency still there: retried next pass
                failures[name] = _reason(err)
                continue
            rm._parsed_resources.pop(name, None)
            pending.remove(name)
            failures.pop(name, None)
            progressed = True
        if not progressed:
            break
    return [(name, failures.get(name, "not deleted")) for name in pending]


def _physical(resource: Any) -> Any:
    return getattr(resource, "physical_resource_id", resource) if resource is not None else None


def _load_template(rm: Any, template: dict[str, Any], parameters: dict[str, Any] | None, restore: bool = False) -> None:
    rm._template = template
    if parameters or restore:  # moto keeps the previous parameters when an update passes none
        rm.input_parameters = parameters
    rm.load_mapping()
    rm.load_parameters()
    rm.load_conditions()
    rm._resource_json_map = template.get("Resources") or {}


def _update_resources(rm: Any, template: dict[str, Any], parameters: dict[str, Any] | None = None) -> None:
    """ResourceMap.update in CloudFormation's order: create the new resources, update the changed
    ones (and those that point at a replaced one), check the exports, and only then delete the
    removed ones (moto deleted them first, so a failure could not be undone). On a failure every
    change is undone (unless the execution disabled rollback) and StackRolledBack is raised."""
    diff = rm.build_resource_diff(template, parameters)
    old_template, old_json, old_parameters = rm._template, rm._resource_json_map, rm.input_parameters
    existed = set(rm._parsed_resources)
    before = {k: _physical(v) for k, v in rm._parsed_resources.items() if k in old_json}
    touched: list[str] = []  # updated in place or replaced, in order
    try:
        _load_template(rm, template, parameters)
        new = rm._resource_json_map
        for name in diff["Add"]:
            _ = rm[name]
        _update_each(rm, diff["Modify"], touched)
        # resources whose own JSON did not change but that point at a replaced resource are updated too
        replaced = {k for k, was in before.items() if k in new and k in rm._parsed_resources
                    and _physical(rm._parsed_resources[k]) != was}
        untouched = [k for k in new if k not in diff["Add"] and k not in diff["Modify"] and k in rm._parsed_resources]
        while replaced:
            pointing = [k for k in untouched if _references(new[k]) & replaced and k not in touched]
            was = {k: _physical(rm._parsed_resources[k]) for k in pointing}
            _update_each(rm, pointing, touched)
            replaced = {k for k in pointing if _physical(rm._parsed_resources.get(k)) != was[k]}
        _check_exports(rm, template)
    except Exception as err:
        if not getattr(rm, "cdk_rollback", True):
            raise
        failed = getattr(err, "cdk_logical_id", None)
        if getattr(err, "cdk_action", None) == "UPDATE" and failed and failed not in touched:
            touched.append(failed)  # its update may have gone half way (moto's replacements delete first)
        raise StackRolledBack(err, _roll_back(rm, old_template, old_json, old_parameters, existed, touched)) from err
    removed = [k for k in diff["Remove"] if (old_json[k].get("DeletionPolicy") not in RETAIN_ON_DELETE)]
    for name in [k for k in diff["Remove"] if k not in removed]:
        rm._parsed_resources.pop(name, None)  # retained: no longer the stack's
    rm.cdk_cleanup_failures = _delete_resources(rm, removed, old_json, set())


def _update_each(rm: Any, names: list[str], touched: list[str]) -> None:
    """Update each resource, retrying the ones that fail while another succeeds (as moto does)."""
    pending, last_error = list(names), None
    for _ in range(cfn_parsing.MAX_UPDATE_ATTEMPTS):
        for name in list(pending):
            try:
                changed = cfn_parsing.parse_and_update_resource(
                    name, rm._resource_json_map[name], rm, account_id=rm._account_id, region_name=rm._region_name)
            except Exception as err:  # noqa: BLE001 - retried, then raised
                last_error = err
                continue
            if changed is not None:
                rm._parsed_resources[name] = changed
            touched.append(name)
            pending.remove(name)
        if not pending:
            return
    assert last_error is not None
    raise last_error


def _roll_back(rm: Any, old_template: dict[str, Any], old_json: dict[str, Any], old_parameters: dict[str, Any],
               existed: set[str], touched: list[str]) -> list[tuple[str, str]]:
    """Undo a failed create/update: delete what it created (but DeletionPolicy Retain resources), go
    back to the previous template and re-apply its JSON to what was updated. Returns what failed.
    A resource the update REPLACED comes back with the old properties but a new physical id when
    unnamed (moto's replacement already deleted the old one); named ones come back with their name."""
    new_json = rm._resource_json_map
    created = [k for k in rm._parsed_resources if k not in existed and k in new_json]
    kept = {k for k in created if new_json[k].get("DeletionPolicy") == "Retain"}
    errors = _delete_resources(rm, created, new_json, kept)
    for name in kept:
        rm._parsed_resources.pop(name, None)  # kept in the account, no longer the stack's
    leftovers = {name: new_json[name] for name, _ in errors}
    _load_template(rm, old_template, old_parameters, restore=True)
    for name in reversed(touched):
        if name not in old_json:
            continue
        try:
            restored = cfn_parsing.parse_and_update_resource(
                name, copy.deepcopy(old_json[name]), rm, account_id=rm._account_id, region_name=rm._region_name)
        except Exception as err:  # noqa: BLE001 - reported: the rollback failed
            errors.append((name, _reason(err)))
            continue
        if restored is not None:
            rm._parsed_resources[name] = restored
    rm._resource_json_map = dict(old_json, **leftovers)  # what could not be deleted stays the stack's
    return errors


def _record_outcome(backend: Any, stack: Any, kind: str, err: BaseException, template: Any) -> None:
    """Statuses and events of a failed CREATE/UPDATE, as CloudFormation reports them."""
    if isinstance(err, StackRolledBack):
        cause, errors, failed = err.cause, err.errors, err.logical_id
    else:
        cause, errors, failed = err, [], getattr(err, "cdk_logical_id", None)
    reason = _reason(cause)
    if failed:
        _resource_event(stack, failed, getattr(cause, "cdk_resource_type", ""), f"{getattr(cause, 'cdk_action', kind)}_FAILED", reason)
        summary = f"The following resource(s) failed to {kind.lower()}: [{failed}]. "
    else:
        summary = f"{getattr(cause, 'message', None) or cause}"
    log.warning("stack %s: %s failed: %s", stack.name, kind, reason)
    if not isinstance(err, StackRolledBack):  # rollback disabled: the stack keeps what was done
        rm = stack.resource_map
        missing = [k for k, v in (rm._resource_json_map or {}).items()
                   if k not in rm._parsed_resources and cfn_parsing.resource_class_from_type(v["Type"])
                   and not (v.get("Condition") and not rm.lazy_condition_map.get(v["Condition"]))]
        stack.template = template
        stack._parse_template()
        stack.status = f"{kind}_FAILED"
        stack._add_stack_event(stack.status, resource_status_reason=(
            f"{reason}; resources not created: {', '.join(missing) or 'none'}"))
        return
    prefix = "" if kind == "CREATE" else "UPDATE_"
    stack._add_stack_event(f"{prefix}ROLLBACK_IN_PROGRESS", resource_status_reason=summary + (
        "Rollback requested by user." if kind == "CREATE" else ""))
    for name, why in errors:
        _resource_event(stack, name, (stack.resource_map._resource_json_map.get(name) or {}).get("Type", ""), "DELETE_FAILED", why)
    if kind == "CREATE":
        stack.template = template  # GetTemplate answers the template that failed
        stack._parse_template()
        stack.output_map = cfn_models.OutputMap(stack.resource_map, {}, stack.stack_id)
    else:
        _rebuild_outputs(backend, stack)
    if errors:
        stack.status = f"{prefix}ROLLBACK_FAILED"
        detail = "; ".join(f"{name}: {why}" for name, why in errors)
        stack._add_stack_event(stack.status, resource_status_reason=f"The following resource(s) failed to roll back: {detail}")
    else:
        if kind == "UPDATE":
            stack._add_stack_event("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
        stack.status = f"{prefix}ROLLBACK_COMPLETE"
        stack._add_stack_event(stack.status)


def _record_cleanup(stack: Any) -> None:
    """Resources an update removed but could not delete: the update stands (as in CloudFormation),
    the failures are events."""
    failures = getattr(stack.resource_map, "cdk_cleanup_failures", None) or []
    for name, why in failures:
        _resource_event(stack, name, "", "DELETE_FAILED", why)
    stack.resource_map.cdk_cleanup_failures = []


def _delete_stack(backend: Any, name_or_stack_id: str, retain_resources: list[str] | None = None) -> None:
    """DeleteStack as CloudFormation does it: refused while another stack imports one of its exports;
    resources deleted dependents first (DeletionPolicy Retain/RetainExceptOnCreate and RetainResources
    kept); if some cannot be deleted the stack stays, DELETE_FAILED with the reasons in its events,
    and a later DeleteStack retries what is left (moto popped the stack first and lost it)."""
    stack = backend.stacks.get(name_or_stack_id) or next(
        (s for s in backend.stacks.values() if s.name == name_or_stack_id), None)
    if stack is None:
        return
    stack._add_stack_event("DELETE_IN_PROGRESS", resource_status_reason="User Initiated")
    importers = _importers(backend, exclude_stack_id=stack.stack_id)
    in_use = [f"Export {name} cannot be deleted as it is in use by {', '.join(importers[name])}"
              for name, e in backend.exports.items() if e.exporting_stack_id == stack.stack_id and name in importers]
    if in_use:
        stack.status = "DELETE_FAILED"
        stack._add_stack_event(stack.status, resource_status_reason="; ".join(in_use))
        return
    rm = stack.resource_map
    json_map = rm._resource_json_map
    keep = {k for k, v in json_map.items() if v.get("DeletionPolicy") in RETAIN_ON_DELETE} | set(retain_resources or [])
    failures = _delete_resources(rm, list(json_map), json_map, keep)
    if failures:
        for name, why in failures:
            _resource_event(stack, name, json_map[name].get("Type", ""), "DELETE_FAILED", why)
        stack.status = "DELETE_FAILED"
        stack._add_stack_event(stack.status, resource_status_reason=(
            f"The following resource(s) failed to delete: [{', '.join(n for n, _ in failures)}]. "))
        return
    for name in sorted(keep & set(json_map)):
        _resource_event(stack, name, json_map[name].get("Type", ""), "DELETE_SKIPPED")
    stack.status = "DELETE_COMPLETE"
    stack._add_stack_event(stack.status)
    # A deleted stack has no outputs (DescribeStacks of its id shows none). moto kept the output map,
    # whose lazy resource map re-created each resource an output names when the CLI polled the
    # deleted stack: a KMS key behind an export came back after every `cdk destroy`.
    stack.output_map = cfn_parsing.OutputMap(rm, {"Outputs": {}}, stack.stack_id)
    backend.stacks.pop(stack.stack_id, None)
    backend.deleted_stacks[stack.stack_id] = stack
    for name in [n for n, e in backend.exports.items() if e.exporting_stack_id == stack.stack_id]:
        backend.exports.pop(name)
    for arn in [a for a, cs in backend.change_sets.items() if cs.stack_id == stack.stack_id]:
        backend.change_sets.pop(arn)


def _stack_output(spec: Any, resources_map: Any) -> Any:
    """Fn::GetStackOutput: the current value of another stack's output (no export needed), in this
    account and region unless the function names a Region (or a RoleArn of another account). This is
    what the CDK synthesizes for a weak cross-stack reference (`@aws-cdk/core:defaultCrossStackReferences`
    "weak", the `cdk init` default)."""
    if not isinstance(spec, dict) or not spec.get("StackName") or not spec.get("OutputName"):
        raise cfn_models.ValidationError(message="Template error: Fn::GetStackOutput needs StackName and OutputName")
    region = spec.get("Region") or getattr(resources_map, "_region_name", None) or "us-east-1"
    account = getattr(resources_map, "_account_id", None) or "123456789012"
    if spec.get("RoleArn"):
        account = str(spec["RoleArn"]).split(":")[4] or account
    backend = cfn_models.cloudformation_backends[account][region]
    stack = next((s for s in backend.stacks.values() if spec["StackName"] in (s.name, s.stack_id)), None)
    if stack is None or stack.status in ("REVIEW_IN_PROGRESS", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED"):
        raise cfn_models.ValidationError(message=(
            f"Template error: Fn::GetStackOutput: stack {spec['StackName']} does not exist in {account}/{region}"))
    for output in stack.output_map.values():
        if output is not None and output.key == spec["OutputName"]:
            return output.value
    raise cfn_models.ValidationError(message=(
        f"Template error: Fn::GetStackOutput: stack {spec['StackName']} has no output {spec['OutputName']}"))


def _patch_get_stack_output() -> None:
    clean = cfn_parsing.clean_json

    @functools.wraps(clean)
    def clean_json(resource_json: Any, resources_map: Any) -> Any:
        if isinstance(resource_json, dict) and "Fn::GetStackOutput" in resource_json:
            return _stack_output(clean(resource_json["Fn::GetStackOutput"], resources_map), resources_map)
        return clean(resource_json, resources_map)

    cfn_parsing.clean_json = clean_json  # moto's recursion goes through the module attribute


def _patch_stack_lifecycle() -> None:
    backend_cls, responses_cls = cfn_models.CloudFormationBackend, cfn_responses.CloudFormationResponse
    _patch_failure_attribution()
    _patch_get_stack_output()
    cfn_parsing.ResourceMap.update = _update_resources  # type: ignore[method-assign]

    # CreateChangeSet: CREATE of a name that exists fails; UPDATE of a stack in a failed state fails;
    # a CREATE change set's stack sees the region's exports (moto gave it none: Fn::ImportValue failed).
    create_change_set = backend_cls.create_change_set

    @functools.wraps(create_change_set)
    def create_change_set_checked(self: Any, stack_name: str, change_set_name: str, template: str, parameters: Any,
                                  description: str, change_set_type: str, *args: Any, **kwargs: Any) -> Any:
        live = [s for s in self.stacks.values() if s.name == stack_name]
        if change_set_type == "CREATE":
            if any(s.status != "REVIEW_IN_PROGRESS" for s in live):
                raise cfn_models.AlreadyExistsException(f"Stack [{stack_name}] already exists")
            for stack in live:  # a stack never executed: replaced by this one (moto kept two of that name)
                self.stacks.pop(stack.stack_id)
                for arn in [a for a, cs in self.change_sets.items() if cs.stack_id == stack.stack_id]:
                    self.change_sets.pop(arn)
        elif live and live[0].status in NOT_UPDATABLE:
            raise cfn_models.ValidationError(live[0].stack_id, message=(
                f"Stack:{live[0].stack_id} is in {live[0].status} state and can not be updated."))
        change_set_id, stack_id = create_change_set(self, stack_name, change_set_name, template, parameters,
                                                    description, change_set_type, *args, **kwargs)
        stack = self.stacks[stack_id]
        stack.cross_stack_resources = stack.resource_map.cross_stack_resources = self.exports
        return change_set_id, stack_id

    backend_cls.create_change_set = create_change_set_checked  # type: ignore[method-assign]

    def execute_response(self: Any) -> Any:
        self.cloudformation_backend.execute_change_set(
            change_set_name=self._get_param("ChangeSetName"), stack_name=self._get_param("StackName"),
            disable_rollback=self._get_bool_param("DisableRollback", False))
        return EmptyResult()

    responses_cls.execute_change_set = execute_response  # type: ignore[method-assign]

    # CreateStack / UpdateStack (cdk deploy --method direct) roll back as change sets do.
    create_stack, update_stack = backend_cls.create_stack, backend_cls.update_stack

    @functools.wraps(create_stack)
    def create_stack_rolling_back(self: Any, name: str, template: str, parameters: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        on_failure = _request_option("on_failure", "ROLLBACK")
        before = set(self.stacks)
        try:
            return create_stack(self, name, template, parameters, *args, **kwargs)
        except Exception as err:
            added = [s for k, s in self.stacks.items() if k not in before and s.name == name]
            if not added:
                raise  # failed before the stack existed (validation): an error answer, as in CloudFormation
            stack = added[0]
            rm = stack.resource_map
            if on_failure == "DO_NOTHING":
                _record_outcome(self, stack, "CREATE", err, template)
                return stack
            created = [k for k in rm._parsed_resources if k in rm._resource_json_map]
            kept = {k for k in created if rm._resource_json_map[k].get("DeletionPolicy") == "Retain"}
            errors = _delete_resources(rm, created, rm._resource_json_map, kept)
            for k in kept:
                rm._parsed_resources.pop(k, None)
            rm._resource_json_map = {k: rm._resource_json_map[k] for k, _ in errors}
            for export in [n for n, e in self.exports.items() if e.exporting_stack_id == stack.stack_id]:
                self.exports.pop(export)
            _record_outcome(self, stack, "CREATE", StackRolledBack(err, errors), template)
            if on_failure == "DELETE" and not errors:
                _delete_stack(self, stack.stack_id)
            return stack

    @functools.wraps(update_stack)
    def update_stack_rolling_back(self: Any, name: str, template: str, role_arn: Any, parameters: Any, tags: Any) -> Any:
        stack = self.get_stack(name)
        old_template, old_parameters = stack.template, stack.parameters
        stack.resource_map.cdk_rollback = not _request_option("disable_rollback", False)
        try:
            updated = update_stack(self, name, template, role_arn, parameters, tags)
        except Exception as err:
            if isinstance(err, StackRolledBack):
                stack.template, stack.parameters = old_template, old_parameters
                stack._parse_template()
            _record_outcome(self, stack, "UPDATE", err, template)
            return stack
        finally:
            stack.resource_map.cdk_rollback = True
        _record_cleanup(stack)
        _rebuild_outputs(self, stack)
        return updated

    backend_cls.create_stack = create_stack_rolling_back  # type: ignore[method-assign]
    backend_cls.update_stack = update_stack_rolling_back  # type: ignore[method-assign]
    create_response, update_response = responses_cls.create_stack, responses_cls.update_stack

    def with_options(original: Any, **params: Any) -> Any:
        def response(self: Any) -> Any:
            values = {key: reader(self) for key, reader in params.items()}
            _REQUEST.options = values
            try:
                return original(self)
            finally:
                _REQUEST.options = {}
        return response

    responses_cls.create_stack = with_options(create_response, on_failure=lambda r: r._get_param("OnFailure") or (
        "DO_NOTHING" if r._get_bool_param("DisableRollback", False) else "ROLLBACK"))  # type: ignore[method-assign]
    responses_cls.update_stack = with_options(update_response, disable_rollback=lambda r: r._get_bool_param(
        "DisableRollback", False))  # type: ignore[method-assign]

    def validate_status(self: Any, stack: Any) -> None:
        if stack.status in NOT_UPDATABLE:
            raise cfn_models.ValidationError(stack.stack_id, message=(
                f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated."))

    responses_cls._validate_status = validate_status  # type: ignore[method-assign]

    # DeleteStack keeps a stack whose delete failed; RetainResources is honoured.
    def delete_stack(self: Any, name_or_stack_id: str, retain_resources: list[str] | None = None) -> None:
        _delete_stack(self, name_or_stack_id, retain_resources)

    def delete_response(self: Any) -> Any:
        self.cloudformation_backend.delete_stack(self._get_param("StackName"), self._get_param("RetainResources", []))
        return EmptyResult()

    backend_cls.delete_stack = delete_stack  # type: ignore[method-assign]
    responses_cls.delete_stack = delete_response  # type: ignore[method-assign]

    # ListImports (moto 5.2.1 has none): the stacks importing an export.
    def list_imports(self: Any) -> Any:
        name = self._get_param("ExportName")
        users = _importers(self.cloudformation_backend).get(name)
        if not users:
            raise cfn_models.ValidationError(message=f"Export '{name}' is not imported by any stack.")
        return ActionResult({"Imports": users})

    responses_cls.list_imports = list_imports  # type: ignore[attr-defined]


_REQUEST = threading.local()


def _request_option(name: str, default: Any) -> Any:
    return (getattr(_REQUEST, "options", None) or {}).get(name, default)


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
