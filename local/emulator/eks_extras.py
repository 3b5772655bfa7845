"""EKS Pod Identity associations and EKS capabilities for moto 5.2.1 (loaded after cfn_models).

moto 5.2.1's EKS backend has neither API, and its CloudFormation skipped both types. Importing this module
adds them to moto's EKS backend and REST API, routed and answered in the shapes of botocore's EKS model (so
boto3 and @aws-sdk/client-eks call them as they call AWS):

  CreatePodIdentityAssociation    POST   /clusters/{name}/pod-identity-associations
  ListPodIdentityAssociations     GET    /clusters/{name}/pod-identity-associations  (namespace, serviceAccount filters)
  DescribePodIdentityAssociation  GET    /clusters/{name}/pod-identity-associations/{associationId}
  UpdatePodIdentityAssociation    POST   /clusters/{name}/pod-identity-associations/{associationId}
  DeletePodIdentityAssociation    DELETE /clusters/{name}/pod-identity-associations/{associationId}
  CreateCapability                POST   /clusters/{name}/capabilities  (ACTIVE once created; one per type and cluster)
  ListCapabilities                GET    /clusters/{name}/capabilities
  DescribeCapability              GET    /clusters/{name}/capabilities/{capabilityName}
  UpdateCapability                POST   /clusters/{name}/capabilities/{capabilityName}
  DeleteCapability                DELETE /clusters/{name}/capabilities/{capabilityName}
  TagResource, UntagResource, ListTagsForResource also take their ARNs (moto's tag only clusters)

and registers CloudFormation models (the _Resource pattern of cfn_models: a property it cannot apply fails the resource):

  AWS::EKS::PodIdentityAssociation -> create_pod_identity_association; RoleArn, TargetRoleArn, DisableSessionTags,
                                      Policy and Tags update in place; ClusterName, Namespace, ServiceAccount replace
                                      it. Ref: the association ARN; Fn::GetAtt AssociationArn, AssociationId, ExternalId
  AWS::EKS::Capability             -> create_capability; RoleArn, DeletePropagationPolicy, Tags and Configuration's
                                      ArgoCd RbacRoleMappings and NetworkAccess update in place; ClusterName,
                                      CapabilityName, Type, ArgoCd Namespace and AwsIdc replace it (deleted first,
                                      then created, as CloudFormation replaces this type). Ref: the capability ARN;
                                      Fn::GetAtt Arn, Status, Version, CreatedAt, ModifiedAt, Configuration.ArgoCd.ServerUrl,
                                      Configuration.ArgoCd.AwsIdc.IdcManagedApplicationArn

Both are held on moto's cluster object, so per account and region and tied to the cluster: creating one for a
cluster that does not exist is ResourceNotFoundException, and DeleteCluster deletes them with it, as EKS does.
Configuration is kept and answered in the API's casing (configuration.argoCd.awsIdc.idcInstanceArn). Made up by
the emulator, as EKS makes them: association ids (a-<17 characters>), the capability ARN's UUID, the Argo CD server
URL (https://<id>.eks-capabilities.<region>.amazonaws.com), the Identity Center managed application ARN, an external
id when there is a target role, and the capability version ("emulated").
Pinned to moto 5.2.1 like the rest of the extension (it adds to moto's EKSBackend, EKSResponse and EKS url_paths).
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any, Callable, Iterator

import cfn_models  # noqa: F401  (first: cfn_extension's and cfn_models' patches and models are in place)
from cfn_extension import _at
from cfn_models import PropertyNotApplied, _api_form, _bool, _check_known, _Resource, _shape, _tag_list, register_models
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.eks import urls as eks_urls
from moto.eks.exceptions import EKSError, InvalidParameterException, ResourceInUseException, ResourceNotFoundException
from moto.eks.models import CLUSTER_NOT_FOUND_MSG, Cluster, EKSBackend, eks_backends
from moto.eks.responses import EKSResponse
from moto.eks.utils import validate_role_arn
from moto.moto_api._internal import mock_random as random

_MODULE = "cdk_emulator.eks_extras"  # moto files models under __module__.split(".")[1]
ARGOCD = "ARGOCD"
CAPABILITY_VERSION = "emulated"
_CAPABILITY_NAME = re.compile(r"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")
_IDC_INSTANCE = re.compile(r"^arn:[a-z-]+:sso:::instance/(ssoins-[0-9A-Za-z.-]+)$")


# --- the objects, held on moto's cluster --------------------------------------------------------

def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


class PodIdentityAssociation:
    def __init__(self, backend: EKSBackend, cluster_name: str, namespace: str, service_account: str, role_arn: str,
                 tags: dict[str, str] | None, disable_session_tags: bool, target_role_arn: str | None,
                 policy: str | None):
        self.association_id = "a-" + random.get_random_string(length=17, lower_case=True)
        self.arn = (f"arn:{backend.partition}:eks:{backend.region_name}:{backend.account_id}:podidentityassociation/"
                    f"{cluster_name}/{self.association_id}")
        self.cluster_name, self.namespace, self.service_account = cluster_name, namespace, service_account
        self.tags = dict(tags or {})
        self.created_at = utcnow()
        self.external_id: str | None = None
        self.set(role_arn, disable_session_tags, target_role_arn, policy)

    def set(self, role_arn: str, disable_session_tags: bool, target_role_arn: str | None, policy: str | None) -> None:
        if (target_role_arn or None) != getattr(self, "target_role_arn", None):
            # EKS makes an external id for the target role's trust policy (sts:ExternalId)
            self.external_id = str(random.uuid4()) if target_role_arn else None
        self.role_arn, self.disable_session_tags = role_arn, disable_session_tags
        self.target_role_arn, self.policy = target_role_arn or None, policy or None
        self.modified_at = utcnow()

    def view(self) -> dict[str, Any]:
        return _drop_none({
            "clusterName": self.cluster_name, "namespace": self.namespace, "serviceAccount": self.service_account,
            "roleArn": self.role_arn, "associationArn": self.arn, "associationId": self.association_id,
            "tags": self.tags, "createdAt": self.created_at, "modifiedAt": self.modified_at,
            "disableSessionTags": self.disable_session_tags, "targetRoleArn": self.target_role_arn,
            "externalId": self.external_id, "policy": self.policy})

    def summary(self) -> dict[str, Any]:
        return {"clusterName": self.cluster_name, "namespace": self.namespace, "serviceAccount": self.service_account,
                "associationArn": self.arn, "associationId": self.association_id}


class Capability:
    def __init__(self, backend: EKSBackend, cluster_name: str, name: str, capability_type: str, role_arn: str,
                 delete_propagation_policy: str, configuration: dict[str, Any] | None, tags: dict[str, str] | None):
        self.name, self.cluster_name, self.type = name, cluster_name, capability_type
        self.arn = (f"arn:{backend.partition}:eks:{backend.region_name}:{backend.account_id}:capability/"
                    f"{cluster_name}/{name}/{random.uuid4()}")
        self.role_arn, self.delete_propagation_policy = role_arn, delete_propagation_policy
        self.configuration = configuration
        self.tags = dict(tags or {})
        self.status, self.version = "ACTIVE", CAPABILITY_VERSION
        self.created_at = self.modified_at = utcnow()

    @property
    def argo_cd(self) -> dict[str, Any]:
        return (self.configuration or {}).get("argoCd") or {}

    def view(self) -> dict[str, Any]:
        return _drop_none({
            "capabilityName": self.name, "arn": self.arn, "clusterName": self.cluster_name, "type": self.type,
            "roleArn": self.role_arn, "status": self.status, "version": self.version,
            "configuration": self.configuration, "tags": self.tags, "health": {"issues": []},
            "createdAt": self.created_at, "modifiedAt": self.modified_at,
            "deletePropagationPolicy": self.delete_propagation_policy})

    def summary(self) -> dict[str, Any]:
        return {"capabilityName": self.name, "arn": self.arn, "type": self.type, "status": self.status,
                "version": self.version, "createdAt": self.created_at, "modifiedAt": self.modified_at}


def _associations(cluster: Cluster) -> dict[str, PodIdentityAssociation]:
    return cluster.__dict__.setdefault("cdk_pod_identity_associations", {})  # id -> association


def _capabilities(cluster: Cluster) -> dict[str, Capability]:
    return cluster.__dict__.setdefault("cdk_capabilities", {})  # name -> capability


# --- checks in the API's terms (InvalidParameterException, as EKS answers) -----------------------

def _invalid(message: str) -> InvalidParameterException:
    return InvalidParameterException(message=message)


def _required(**values: Any) -> None:
    missing = [name for name, value in values.items() if value in (None, "")]
    if missing:
        raise _invalid(f"Missing required parameter: {', '.join(missing)}")


def _conform(value: Any, shape: Any, path: str) -> None:
    """`value` as botocore's `shape` allows it: known members, required members, enum values, types."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise _invalid(f"{path}: expected an object")
        unknown = sorted(set(value) - set(shape.members))
        if unknown:
            raise _invalid(f"{path}: unknown field {', '.join(unknown)} (it has {', '.join(shape.members)})")
        missing = [m for m in shape.required_members if value.get(m) is None]
        if missing:
            raise _invalid(f"{path}: missing required field {', '.join(missing)}")
        for key, inner in value.items():
            _conform(inner, shape.members[key], f"{path}.{key}")
    elif kind == "list":
        if not isinstance(value, list):
            raise _invalid(f"{path}: expected a list")
        for i, inner in enumerate(value):
            _conform(inner, shape.member, f"{path}[{i}]")
    elif kind == "map":
        if not isinstance(value, dict):
            raise _invalid(f"{path}: expected a map")
        for key, inner in value.items():
            _conform(inner, shape.value, f"{path}.{key}")
    elif kind == "string":
        if not isinstance(value, str):
            raise _invalid(f"{path}: expected a string")
        if shape.enum and value not in shape.enum:
            raise _invalid(f"{path}: {value!r} is not one of {', '.join(shape.enum)}")
    elif kind == "boolean" and not isinstance(value, bool):
        raise _invalid(f"{path}: expected true or false")


def _conforms(value: Any, shape_name: str, path: str) -> None:
    if value is not None:
        _conform(value, _shape("eks", shape_name), path)


def _page(items: list[Any], max_results: int | None, next_token: str | None) -> tuple[list[Any], str | None]:
    if max_results is not None and not 1 <= max_results <= 100:
        raise _invalid("maxResults must be between 1 and 100")
    start = 0
    if next_token:
        if not next_token.isdigit() or int(next_token) >= len(items):
            raise _invalid("The nextToken is invalid")
        start = int(next_token)
    end = start + (max_results or 100)
    return items[start:end], str(end) if end < len(items) else None


def _role_mappings(mappings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One mapping per role, its identities without repeats (the order given)."""
    merged: dict[str, list[dict[str, str]]] = {}
    for mapping in mappings:
        identities = merged.setdefault(mapping["role"], [])
        identities.extend(i for i in mapping["identities"] if i not in identities)
    return [{"role": role, "identities": identities} for role, identities in merged.items()]


# --- EKSBackend: what moto would have ------------------------------------------------------------

def _cluster(backend: EKSBackend, name: str | None) -> Cluster:
    _required(clusterName=name)
    cluster = backend.clusters.get(name)  # type: ignore[arg-type]
    if cluster is None:
        raise ResourceNotFoundException(clusterName=name, message=CLUSTER_NOT_FOUND_MSG.format(clusterName=name))
    return cluster


def create_pod_identity_association(self: EKSBackend, cluster_name: str, namespace: str, service_account: str,
                                    role_arn: str, tags: dict[str, str] | None = None,
                                    disable_session_tags: bool | None = None, target_role_arn: str | None = None,
                                    policy: str | None = None) -> PodIdentityAssociation:
    cluster = _cluster(self, cluster_name)
    _required(namespace=namespace, serviceAccount=service_account, roleArn=role_arn)
    _conforms(tags, "TagMap", "tags")
    validate_role_arn(role_arn)
    if target_role_arn:
        validate_role_arn(target_role_arn)
    associations = _associations(cluster)
    if any((a.namespace, a.service_account) == (namespace, service_account) for a in associations.values()):
        raise ResourceInUseException(
            clusterName=cluster_name, message=f"Association already exists for service account {service_account} "
                                              f"in namespace {namespace} of cluster {cluster_name}")
    association = PodIdentityAssociation(self, cluster_name, namespace, service_account, role_arn, tags,
                                         bool(disable_session_tags), target_role_arn, policy)
    associations[association.association_id] = association
    return association


def describe_pod_identity_association(self: EKSBackend, cluster_name: str, association_id: str) -> PodIdentityAssociation:
    association = _associations(_cluster(self, cluster_name)).get(association_id)
    if association is None:
        raise ResourceNotFoundException(
            clusterName=cluster_name, message=f"No Pod Identity Association found with id: {association_id}.")
    return association


def list_pod_identity_associations(self: EKSBackend, cluster_name: str, namespace: str | None = None,
                                   service_account: str | None = None, max_results: int | None = None,
                                   next_token: str | None = None) -> tuple[list[PodIdentityAssociation], str | None]:
    found = [a for a in _associations(_cluster(self, cluster_name)).values()
             if namespace in (None, a.namespace) and service_account in (None, a.service_account)]
    return _page(found, max_results, next_token)


def update_pod_identity_association(self: EKSBackend, cluster_name: str, association_id: str,
                                    role_arn: str | None = None, disable_session_tags: bool | None = None,
                                    target_role_arn: str | None = None, policy: str | None = None) -> PodIdentityAssociation:
    """Absent fields keep their value; an empty targetRoleArn or policy removes it."""
    association = describe_pod_identity_association(self, cluster_name, association_id)
    if role_arn:
        validate_role_arn(role_arn)
    if target_role_arn:
        validate_role_arn(target_role_arn)
    association.set(role_arn or association.role_arn,
                    association.disable_session_tags if disable_session_tags is None else bool(disable_session_tags),
                    association.target_role_arn if target_role_arn is None else target_role_arn,
                    association.policy if policy is None else policy)
    return association


def delete_pod_identity_association(self: EKSBackend, cluster_name: str, association_id: str) -> PodIdentityAssociation:
    association = describe_pod_identity_association(self, cluster_name, association_id)
    return _associations(self.clusters[cluster_name]).pop(association.association_id)


def _argo_cd_response(self: EKSBackend, argo_cd: dict[str, Any]) -> dict[str, Any]:
    """CreateCapability's argoCd request as DescribeCapability answers it, with what EKS makes for it."""
    idc = argo_cd["awsIdc"]
    match = _IDC_INSTANCE.match(idc["idcInstanceArn"])
    if not match:
        raise _invalid(f"Invalid IAM Identity Center instance ARN: '{idc['idcInstanceArn']}'")
    application = f"arn:{self.partition}:sso::{self.account_id}:application/{match.group(1)}/apl-{random.get_random_hex(16)}"
    network = argo_cd.get("networkAccess")
    server = random.get_random_string(length=12, lower_case=True)
    return _drop_none({
        "namespace": argo_cd.get("namespace") or "argocd",
        "awsIdc": {"idcInstanceArn": idc["idcInstanceArn"], "idcRegion": idc.get("idcRegion") or self.region_name,
                   "idcManagedApplicationArn": application},
        "rbacRoleMappings": _role_mappings(argo_cd.get("rbacRoleMappings") or []),
        "networkAccess": {"vpceIds": list(network.get("vpceIds") or [])} if network else None,
        "serverUrl": f"https://{server}.eks-capabilities.{self.region_name}.amazonaws.com",
    })


def create_capability(self: EKSBackend, capability_name: str, cluster_name: str, capability_type: str, role_arn: str,
                      delete_propagation_policy: str, configuration: dict[str, Any] | None = None,
                      tags: dict[str, str] | None = None) -> Capability:
    cluster = _cluster(self, cluster_name)
    _required(capabilityName=capability_name, type=capability_type, roleArn=role_arn,
              deletePropagationPolicy=delete_propagation_policy)
    if not _CAPABILITY_NAME.match(capability_name):
        raise _invalid(f"Invalid capability name '{capability_name}': 1 to 100 letters, digits, hyphens and underscores")
    _conforms(capability_type, "CapabilityType", "type")
    _conforms(delete_propagation_policy, "CapabilityDeletePropagationPolicy", "deletePropagationPolicy")
    _conforms(configuration, "CapabilityConfigurationRequest", "configuration")
    _conforms(tags, "TagMap", "tags")
    validate_role_arn(role_arn)
    argo_cd = (configuration or {}).get("argoCd")
    if capability_type == ARGOCD and not argo_cd:
        raise _invalid("An ARGOCD capability needs configuration.argoCd (with awsIdc)")
    if capability_type != ARGOCD and argo_cd:
        raise _invalid(f"configuration.argoCd applies to an ARGOCD capability, not {capability_type}")
    capabilities = _capabilities(cluster)
    if capability_name in capabilities:
        raise ResourceInUseException(clusterName=cluster_name,
                                     message=f"Capability {capability_name} already exists in cluster {cluster_name}")
    same_type = [c.name for c in capabilities.values() if c.type == capability_type]
    if same_type:  # "You can only create one Capability of each type on a given Amazon EKS cluster"
        raise ResourceInUseException(clusterName=cluster_name, message=(
            f"Cluster {cluster_name} already has a capability of type {capability_type}: {same_type[0]}"))
    response = {"argoCd": _argo_cd_response(self, argo_cd)} if argo_cd else None
    capability = Capability(self, cluster_name, capability_name, capability_type, role_arn, delete_propagation_policy,
                            response, tags)
    capabilities[capability_name] = capability
    return capability


def describe_capability(self: EKSBackend, cluster_name: str, capability_name: str) -> Capability:
    capability = _capabilities(_cluster(self, cluster_name)).get(capability_name)
    if capability is None:
        raise ResourceNotFoundException(clusterName=cluster_name, message=f"No capability found for name: {capability_name}.")
    return capability


def list_capabilities(self: EKSBackend, cluster_name: str, max_results: int | None = None,
                      next_token: str | None = None) -> tuple[list[Capability], str | None]:
    return _page(list(_capabilities(_cluster(self, cluster_name)).values()), max_results, next_token)


def _set_capability(capability: Capability, role_arn: str | None, delete_propagation_policy: str | None,
                    role_mappings: list[dict[str, Any]] | None, network_access: dict[str, Any] | None,
                    clear_network_access: bool = False) -> None:
    """Applies the new values (None: unchanged) after checking them all, so a refused update changes nothing."""
    if role_arn:
        validate_role_arn(role_arn)
    _conforms(delete_propagation_policy, "CapabilityDeletePropagationPolicy", "deletePropagationPolicy")
    _conforms(role_mappings, "ArgoCdRoleMappingList", "configuration.argoCd.rbacRoleMappings")
    _conforms(network_access, "ArgoCdNetworkAccessConfigRequest", "configuration.argoCd.networkAccess")
    if (role_mappings is not None or network_access is not None or clear_network_access) and capability.type != ARGOCD:
        raise _invalid(f"configuration.argoCd applies to an ARGOCD capability, not {capability.type}")
    capability.role_arn = role_arn or capability.role_arn
    capability.delete_propagation_policy = delete_propagation_policy or capability.delete_propagation_policy
    argo_cd = capability.argo_cd
    if role_mappings is not None:
        argo_cd["rbacRoleMappings"] = _role_mappings(role_mappings)
    if network_access is not None:
        argo_cd["networkAccess"] = {"vpceIds": list(network_access.get("vpceIds") or [])}
    elif clear_network_access:
        argo_cd.pop("networkAccess", None)
    capability.modified_at = utcnow()


def update_capability(self: EKSBackend, cluster_name: str, capability_name: str, role_arn: str | None = None,
                      configuration: dict[str, Any] | None = None,
                      delete_propagation_policy: str | None = None) -> dict[str, Any]:
    """UpdateCapability: addOrUpdateRoleMappings sets the identities of each role it names, removeRoleMappings
    removes the identities it names (a role left without any goes); networkAccess replaces the endpoints."""
    capability = describe_capability(self, cluster_name, capability_name)
    _conforms(configuration, "UpdateCapabilityConfiguration", "configuration")
    argo_cd = (configuration or {}).get("argoCd") or {}
    mappings = None
    if argo_cd.get("rbacRoleMappings") is not None:
        changes = argo_cd["rbacRoleMappings"]
        _conforms(changes.get("addOrUpdateRoleMappings"), "ArgoCdRoleMappingList", "addOrUpdateRoleMappings")
        _conforms(changes.get("removeRoleMappings"), "ArgoCdRoleMappingList", "removeRoleMappings")
        current = {m["role"]: list(m["identities"]) for m in capability.argo_cd.get("rbacRoleMappings") or []}
        for mapping in _role_mappings(changes.get("addOrUpdateRoleMappings") or []):
            current[mapping["role"]] = mapping["identities"]
        for mapping in changes.get("removeRoleMappings") or []:
            current[mapping["role"]] = [i for i in current.get(mapping["role"], []) if i not in mapping["identities"]]
        mappings = [{"role": role, "identities": ids} for role, ids in current.items() if ids]
    _set_capability(capability, role_arn, delete_propagation_policy, mappings, argo_cd.get("networkAccess"))
    return {"id": str(random.uuid4()), "status": "Successful", "type": "ConfigUpdate", "params": [],
            "createdAt": capability.modified_at, "errors": []}


def delete_capability(self: EKSBackend, cluster_name: str, capability_name: str) -> Capability:
    capability = describe_capability(self, cluster_name, capability_name)
    _capabilities(self.clusters[cluster_name]).pop(capability_name)
    capability.status = "DELETING"  # what DeleteCapability answers; it is gone for every later call
    return capability


def _tagged(backend: EKSBackend, arn: str) -> PodIdentityAssociation | Capability | None:
    for cluster in backend.clusters.values():
        for held in [*_associations(cluster).values(), *_capabilities(cluster).values()]:
            if held.arn == arn:
                return held
    return None


def _patch_tags() -> None:
    """TagResource / UntagResource / ListTagsForResource of an association or capability ARN (moto: clusters only)."""
    tag, untag, listed = EKSBackend.tag_resource, EKSBackend.untag_resource, EKSBackend.list_tags_for_resource

    def tag_resource(self: EKSBackend, resource_arn: str, tags: dict[str, str]) -> None:
        held = _tagged(self, resource_arn)
        if held is None:
            return tag(self, resource_arn, tags)
        held.tags.update(tags)

    def untag_resource(self: EKSBackend, resource_arn: str, tag_keys: list[str]) -> None:
        held = _tagged(self, resource_arn)
        if held is None:
            return untag(self, resource_arn, tag_keys)
        for key in tag_keys if isinstance(tag_keys, list) else [tag_keys]:
            held.tags.pop(key, None)

    def list_tags_for_resource(self: EKSBackend, resource_arn: str) -> dict[str, str]:
        held = _tagged(self, resource_arn)
        return listed(self, resource_arn) if held is None else held.tags

    EKSBackend.tag_resource = tag_resource  # type: ignore[method-assign]
    EKSBackend.untag_resource = untag_resource  # type: ignore[method-assign]
    EKSBackend.list_tags_for_resource = list_tags_for_resource  # type: ignore[method-assign]


_BACKEND_METHODS: list[Callable[..., Any]] = [
    create_pod_identity_association, describe_pod_identity_association, list_pod_identity_associations,
    update_pod_identity_association, delete_pod_identity_association, create_capability, describe_capability,
    list_capabilities, update_capability, delete_capability]


# --- EKSResponse: the REST operations --------------------------------------------------------------

class _Responses:
    """Methods added to moto's EKSResponse (named as moto names operations: CreateCapability -> create_capability).
    Path parameters come from botocore's request URIs (`name`, `associationId`, `capabilityName`)."""

    def create_pod_identity_association(self: Any) -> ActionResult:
        association = self.eks_backend.create_pod_identity_association(
            cluster_name=self._get_param("name"), namespace=self._get_param("namespace"),
            service_account=self._get_param("serviceAccount"), role_arn=self._get_param("roleArn"),
            tags=self._get_param("tags"), disable_session_tags=self._get_param("disableSessionTags"),
            target_role_arn=self._get_param("targetRoleArn"), policy=self._get_param("policy"))
        return ActionResult({"association": association.view()})

    def describe_pod_identity_association(self: Any) -> ActionResult:
        association = self.eks_backend.describe_pod_identity_association(
            self._get_param("name"), self._get_param("associationId"))
        return ActionResult({"association": association.view()})

    def list_pod_identity_associations(self: Any) -> ActionResult:
        found, token = self.eks_backend.list_pod_identity_associations(
            self._get_param("name"), namespace=self._get_param("namespace"),
            service_account=self._get_param("serviceAccount"), max_results=self._get_int_param("maxResults"),
            next_token=self._get_param("nextToken"))
        return ActionResult(_drop_none({"associations": [a.summary() for a in found], "nextToken": token}))

    def update_pod_identity_association(self: Any) -> ActionResult:
        association = self.eks_backend.update_pod_identity_association(
            self._get_param("name"), self._get_param("associationId"), role_arn=self._get_param("roleArn"),
            disable_session_tags=self._get_param("disableSessionTags"),
            target_role_arn=self._get_param("targetRoleArn"), policy=self._get_param("policy"))
        return ActionResult({"association": association.view()})

    def delete_pod_identity_association(self: Any) -> ActionResult:
        association = self.eks_backend.delete_pod_identity_association(self._get_param("name"), self._get_param("associationId"))
        return ActionResult({"association": association.view()})

    def create_capability(self: Any) -> ActionResult:
        capability = self.eks_backend.create_capability(
            capability_name=self._get_param("capabilityName"), cluster_name=self._get_param("name"),
            capability_type=self._get_param("type"), role_arn=self._get_param("roleArn"),
            delete_propagation_policy=self._get_param("deletePropagationPolicy"),
            configuration=self._get_param("configuration"), tags=self._get_param("tags"))
        return ActionResult({"capability": capability.view()})

    def describe_capability(self: Any) -> ActionResult:
        capability = self.eks_backend.describe_capability(self._get_param("name"), self._get_param("capabilityName"))
        return ActionResult({"capability": capability.view()})

    def list_capabilities(self: Any) -> ActionResult:
        found, token = self.eks_backend.list_capabilities(
            self._get_param("name"), max_results=self._get_int_param("maxResults"), next_token=self._get_param("nextToken"))
        return ActionResult(_drop_none({"capabilities": [c.summary() for c in found], "nextToken": token}))

    def update_capability(self: Any) -> ActionResult:
        update = self.eks_backend.update_capability(
            self._get_param("name"), self._get_param("capabilityName"), role_arn=self._get_param("roleArn"),
            configuration=self._get_param("configuration"),
            delete_propagation_policy=self._get_param("deletePropagationPolicy"))
        return ActionResult({"update": update})

    def delete_capability(self: Any) -> ActionResult:
        capability = self.eks_backend.delete_capability(self._get_param("name"), self._get_param("capabilityName"))
        return ActionResult({"capability": capability.view()})


# The server builds a service's routes from these when it first serves that service (after this import).
_URL_PATHS = [
    "{0}/clusters/(?P<name>[^/]+)/pod-identity-associations$",
    "{0}/clusters/(?P<name>[^/]+)/pod-identity-associations/(?P<associationId>[^/]+)$",
    "{0}/clusters/(?P<name>[^/]+)/capabilities$",
    "{0}/clusters/(?P<name>[^/]+)/capabilities/(?P<capabilityName>[^/]+)$",
]


# --- CloudFormation models --------------------------------------------------------------------------

def _require(type_name: str, props: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if props.get(n) in (None, "")]
    if missing:
        raise PropertyNotApplied(f"{type_name}: Properties validation failed: required key [{', '.join(missing)}] not found")


@contextlib.contextmanager
def _reasoned() -> Iterator[None]:
    """An EKS error fails the resource with EKS's message (moto's EKS errors keep it only in their JSON body, so the
    stack event read "404 Not Found: {...}")."""
    try:
        yield
    except EKSError as err:
        if not err.message:
            err.message = json.loads(err.description).get("message") or err.description
        raise


def _tags(props: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in _tag_list(props.get("Tags"))}


class EksPodIdentityAssociation(_Resource, CloudFormationModel):
    """AWS::EKS::PodIdentityAssociation -> create_pod_identity_association; update_pod_identity_association in place."""
    __module__ = _MODULE
    TYPE = "AWS::EKS::PodIdentityAssociation"
    KNOWN = {"ClusterName", "Namespace", "ServiceAccount", "RoleArn", "Tags", "TargetRoleArn", "DisableSessionTags", "Policy"}
    CREATE_ONLY = {"ClusterName", "Namespace", "ServiceAccount"}  # CloudFormation's registry schema
    ATTRS = {"AssociationArn", "AssociationId", "ExternalId"}

    @property
    def backend(self) -> EKSBackend:
        return eks_backends[self.account_id][self.region_name]

    @property
    def physical_resource_id(self) -> str:
        return self.arn  # CloudFormation's Ref: the association ARN

    def _attr(self, attr: str) -> Any:
        association = self.backend.describe_pod_identity_association(self.cluster_name, self.association_id)
        return {"AssociationArn": association.arn, "AssociationId": association.association_id,
                "ExternalId": association.external_id or ""}[attr]

    def _create(self) -> None:
        props = self.props
        _require(self.TYPE, props, "ClusterName", "Namespace", "ServiceAccount", "RoleArn")
        with _reasoned():
            association = self.backend.create_pod_identity_association(
                cluster_name=props["ClusterName"], namespace=props["Namespace"], service_account=props["ServiceAccount"],
                role_arn=props["RoleArn"], tags=_tags(props), disable_session_tags=_bool(props.get("DisableSessionTags", False)),
                target_role_arn=props.get("TargetRoleArn"), policy=props.get("Policy"))
        self.arn, self.association_id, self.cluster_name = association.arn, association.association_id, association.cluster_name

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        _require(self.TYPE, new, "RoleArn")
        with _reasoned():
            association = self.backend.update_pod_identity_association(
                self.cluster_name, self.association_id, role_arn=new["RoleArn"],
                disable_session_tags=_bool(new.get("DisableSessionTags", False)),
                target_role_arn=new.get("TargetRoleArn") or "", policy=new.get("Policy") or "")
        association.tags = _tags(new)

    def _delete(self) -> None:
        cluster = self.backend.clusters.get(self.cluster_name)
        if cluster is not None:  # else it went with its cluster
            _associations(cluster).pop(self.association_id, None)


class EksCapability(_Resource, CloudFormationModel):
    """AWS::EKS::Capability -> create_capability; RoleArn, DeletePropagationPolicy, Tags, RbacRoleMappings and
    NetworkAccess update in place; any create-only change deletes it and creates it anew (CloudFormation's
    replacementStrategy for this type is delete_then_create: the name and the one-per-type rule allow no overlap)."""
    __module__ = _MODULE
    TYPE = "AWS::EKS::Capability"
    KNOWN = {"CapabilityName", "ClusterName", "Type", "RoleArn", "DeletePropagationPolicy", "Configuration", "Tags"}
    CREATE_ONLY = {"ClusterName", "CapabilityName", "Type", "Configuration.ArgoCd.Namespace", "Configuration.ArgoCd.AwsIdc"}
    ATTRS = {"Arn", "Status", "Version", "CreatedAt", "ModifiedAt", "Configuration.ArgoCd.ServerUrl",
             "Configuration.ArgoCd.AwsIdc.IdcManagedApplicationArn"}

    backend = EksPodIdentityAssociation.backend

    @property
    def physical_resource_id(self) -> str:
        return self.arn  # CloudFormation's Ref: the capability ARN

    def _capability(self) -> Capability:
        return self.backend.describe_capability(self.cluster_name, self.capability_name)

    def _attr(self, attr: str) -> Any:
        c = self._capability()
        return {"Arn": c.arn, "Status": c.status, "Version": c.version,
                "CreatedAt": str(int(c.created_at.timestamp())), "ModifiedAt": str(int(c.modified_at.timestamp())),
                "Configuration.ArgoCd.ServerUrl": c.argo_cd.get("serverUrl", ""),
                "Configuration.ArgoCd.AwsIdc.IdcManagedApplicationArn":
                    (c.argo_cd.get("awsIdc") or {}).get("idcManagedApplicationArn", "")}[attr]

    @staticmethod
    def _configuration(props: dict[str, Any]) -> dict[str, Any] | None:
        """Configuration in the API's casing (ArgoCd.AwsIdc.IdcInstanceArn -> argoCd.awsIdc.idcInstanceArn); a field
        CreateCapability does not take (the read-only ServerUrl, or one this botocore lacks) fails the resource."""
        given = props.get("Configuration")
        if not given:
            return None
        return _api_form(given, _shape("eks", "CapabilityConfigurationRequest"), "Configuration")

    def _create(self) -> None:
        props = self.props
        _require(self.TYPE, props, "CapabilityName", "ClusterName", "Type", "RoleArn", "DeletePropagationPolicy")
        configuration = self._configuration(props)
        with _reasoned():
            capability = self.backend.create_capability(
                capability_name=props["CapabilityName"], cluster_name=props["ClusterName"], capability_type=props["Type"],
                role_arn=props["RoleArn"], delete_propagation_policy=props["DeletePropagationPolicy"],
                configuration=configuration, tags=_tags(props))
        self.arn, self.cluster_name, self.capability_name = capability.arn, capability.cluster_name, capability.name

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        _require(self.TYPE, new, "RoleArn", "DeletePropagationPolicy")
        argo_cd = (self._configuration(new) or {}).get("argoCd") or {}
        with _reasoned():
            capability = self._capability()
            _set_capability(capability, new["RoleArn"], new["DeletePropagationPolicy"],
                            (argo_cd.get("rbacRoleMappings") or []) if capability.type == ARGOCD else None,
                            argo_cd.get("networkAccess"), clear_network_access=capability.type == ARGOCD)
        capability.tags = _tags(new)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known(cls.TYPE, props, cls.KNOWN)
        old = original_resource.props
        if all(_at(old, p) == _at(props, p) for p in cls.CREATE_ONLY):
            original_resource._update(old, props)
            original_resource.props = props
            return original_resource
        cls._configuration(props)  # a bad configuration fails before the old capability is deleted
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def _delete(self) -> None:
        cluster = self.backend.clusters.get(self.cluster_name)
        if cluster is not None:  # else it went with its cluster
            _capabilities(cluster).pop(self.capability_name, None)


MODELS = [EksPodIdentityAssociation, EksCapability]


def install() -> None:
    """Idempotent: extend moto's EKS backend, responses and routes once; register the models (the parser caches
    its model list, so the caches are cleared after the classes above exist)."""
    if not getattr(EKSBackend, "_cdk_eks_extras", False):
        for method in _BACKEND_METHODS:
            setattr(EKSBackend, method.__name__, method)
        for name, method in vars(_Responses).items():
            if callable(method) and not name.startswith("_"):
                setattr(EKSResponse, name, method)
        for path in _URL_PATHS:
            eks_urls.url_paths.setdefault(path, eks_urls.response.dispatch)
        _patch_tags()
        EKSBackend._cdk_eks_extras = True  # type: ignore[attr-defined]
    register_models(MODELS)


install()
