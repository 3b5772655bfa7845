"""CloudFormation models for moto 5.2.1 that store and answer like AWS (loaded after cfn_extension).

Importing this module imports cfn_extension first (so its patches are in place), then:

New models (moto 5.2.1 has the API but no CloudFormation model, so it skipped these types):
  AWS::ApplicationAutoScaling::ScalableTarget -> register_scalable_target (+ scheduled actions); deregister on delete
  AWS::ApplicationAutoScaling::ScalingPolicy  -> put_scaling_policy (target tracking, step); delete_scaling_policy
  AWS::EC2::SecurityGroupEgress               -> authorize_security_group_egress; revoke on delete
  AWS::EC2::SecurityGroupIngress              -> authorize_security_group_ingress; revoke on delete (replaces moto's
                                                 model: it dropped CidrIpv6/prefix lists/owner ids, had no id, no delete)
  AWS::Scheduler::ScheduleGroup               -> create_schedule_group (+ tags); delete_schedule_group
  AWS::Scheduler::Schedule                    -> create_schedule / update_schedule; delete_schedule
  AWS::S3::BucketPolicy                       -> put_bucket_policy; delete_bucket_policy
  AWS::SQS::QueuePolicy                       -> each queue's Policy attribute (SetQueueAttributes); cleared on delete
  AWS::AutoScaling::LifecycleHook             -> put_lifecycle_hook (role, target, metadata kept); delete
  AWS::CertificateManager::Certificate        -> request_certificate (+ DNS validation records); delete
  AWS::ECR::ReplicationConfiguration          -> the registry's replication rules (DescribeRegistry); cleared on delete
  AWS::IAM::OIDCProvider                      -> create_open_id_connect_provider; delete
  AWS::CloudWatch::Alarm                      -> put_metric_alarm (metric math kept); delete_alarms
  AWS::ServiceDiscovery::HttpNamespace        -> create_http_namespace (+ tags); delete_namespace

Fixes to moto's own models and APIs:
  AWS::ECR::Repository  scan and encryption settings stored in the API's casing (moto kept CloudFormation's,
                        so DescribeRepositories showed `imageScanningConfiguration: {}` and AES256);
                        updates in place where CloudFormation updates in place; tags removed on update
  AWS::KMS::Key         tags in KMS's TagKey/TagValue form (moto failed: KeyError 'TagKey'); KeySpec, KeyUsage,
                        MultiRegion, Origin honoured; updates applied (moto had no update: every change was dropped)
  AWS::KMS::Alias       a new AliasName replaces the alias (moto raised KeyError); names are validated
  ELBv2 listeners       accept a certificate ARN of this account and region that is not in moto's ACM
                        (an imported certificate: `Certificate.fromCertificateArn`)
  ELBv2 target groups   answer Fn::GetAtt (TargetGroupFullName, TargetGroupName, LoadBalancerArns): moto had none
  S3 bucket policies    a statement applies only when its conditions hold (moto counted every condition as
                        met, so the `enforceSSL` deny of the CDK bootstrap bucket denied every asset upload)

Every model fails the resource on a property it cannot apply. Pinned to moto 5.2.1 (it touches moto internals).
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import re
from typing import Any, Callable

import cfn_extension  # noqa: F401  (first: its models and patches are in place before these wrap them)
from cfn_extension import UpdateNotApplied
from moto.acm.models import acm_backends
from moto.applicationautoscaling.models import applicationautoscaling_backends
from moto.autoscaling.models import autoscaling_backends
from moto.cloudwatch.models import Dimension as CwDimension
from moto.cloudwatch.models import Metric as CwMetric
from moto.cloudwatch.models import MetricDataQuery as CwMetricDataQuery
from moto.cloudwatch.models import MetricStat as CwMetricStat
from moto.cloudwatch.models import cloudwatch_backends
from moto.cloudformation import parsing as cfn_parsing
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.ecr.models import Repository as EcrRepositoryModel
from moto.ecr.models import ecr_backends
from moto.kms.models import Alias as KmsAliasModel
from moto.kms.models import Key as KmsKeyModel
from moto.kms.models import kms_backends
from moto.s3.models import s3_backends
from moto.scheduler.models import scheduler_backends
from moto.servicediscovery.models import servicediscovery_backends
from moto.sqs.models import sqs_backends
from moto.utilities.utils import get_partition

_MODULE = "cdk_emulator.cfn_models"  # moto files models under __module__.split(".")[1]
log = logging.getLogger("cdk_emulator")


class PropertyNotApplied(Exception):
    """A property (or value) the emulator cannot hold: the resource fails instead of dropping it."""


# --- small helpers ------------------------------------------------------------------------------

def _bool(value: Any) -> bool:
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _number(value: Any) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else number


def _epoch(value: Any) -> float | None:
    """A CloudFormation timestamp (ISO 8601 string) as the epoch seconds moto's APIs hold."""
    if value is None or isinstance(value, (int, float)):
        return value
    parsed = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.timestamp()


def _api_form(value: Any, shape: Any, path: str) -> Any:
    """A template value in the form the service's API takes (so moto stores what the API would): keys
    renamed to the API's member names (CloudFormation writes `AwsvpcConfiguration` where EventBridge
    Scheduler's API says `awsvpcConfiguration`), numbers, booleans and timestamps typed (a template may
    give them as strings). A key the API does not have fails the resource."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise PropertyNotApplied(f"{path}: expected an object, got {value!r}")
        members = {name.lower(): name for name in shape.members}
        out = {}
        for key, inner in value.items():
            member = members.get(key.lower())
            if member is None:
                raise PropertyNotApplied(f"{path}.{key}: the API has no such field (it has {', '.join(shape.members)})")
            out[member] = _api_form(inner, shape.members[member], f"{path}.{key}")
        return out
    if kind == "list":
        return [_api_form(inner, shape.member, f"{path}[{i}]") for i, inner in enumerate(value or [])]
    if kind == "map":
        return {key: _api_form(inner, shape.value, f"{path}.{key}") for key, inner in (value or {}).items()}
    if kind in ("integer", "long"):
        return int(float(value))
    if kind in ("double", "float"):
        return float(value)
    if kind == "boolean":
        return _bool(value)
    if kind == "timestamp":
        return _epoch(value)
    return value


@functools.lru_cache(maxsize=None)
def _shape(service: str, name: str) -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model(service).shape_for(name)


def _tag_list(tags: Any) -> list[dict[str, str]]:
    return [{"Key": str(t["Key"]), "Value": str(t["Value"])} for t in tags or []]


def _drop_stale_tags(tagger: Any, arn: str, tags: Any) -> None:
    """Removes the resource's tags whose keys `tags` (CloudFormation's Key/Value list) no longer has:
    on update CloudFormation replaces the tag set, and moto's backends only ever add tags."""
    keep = {t["Key"] for t in _tag_list(tags)}
    stale = [k for k in tagger.get_tag_dict_for_resource(arn) if k not in keep]
    if stale:
        tagger.untag_resource_using_names(arn, stale)


def _fit(name: str, limit: int) -> str:
    """A generated name cut to the service's limit, keeping its random suffix (as CloudFormation does)."""
    if len(name) <= limit:
        return name
    head, _, suffix = name.rpartition("-")
    return f"{head[:limit - len(suffix) - 1]}-{suffix}"


def _check_known(type_name: str, props: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(props) - known)
    if unknown:
        raise PropertyNotApplied(f"{type_name}: the emulator cannot apply {', '.join(unknown)}")


class _Resource:
    """Shared plumbing for the models below, mixed in before CloudFormationModel (moto registers
    direct subclasses of CloudFormationModel only).

    A subclass sets TYPE, NAME_PROP (or ""), KNOWN (every property it handles), CREATE_ONLY (the
    properties whose change replaces the resource, from CloudFormation's registry schema) and ATTRS,
    and implements _create, _update (in place) and _delete. A replacement creates the new resource
    first and then deletes the old one, as CloudFormation does; a custom-named resource that needs
    replacing fails the update, as in CloudFormation."""

    TYPE = ""
    NAME_PROP = ""
    NAME_LIMIT = 0
    KNOWN: set[str] = set()
    CREATE_ONLY: set[str] = set()
    ATTRS: set[str] = set()

    def __init__(self, account_id: str, region_name: str, name: str, props: dict[str, Any]):
        self.account_id, self.region_name, self.name, self.props = account_id, region_name, name, props

    @classmethod
    def cloudformation_type(cls) -> str:
        return cls.TYPE

    @classmethod
    def cloudformation_name_type(cls) -> str:
        return cls.NAME_PROP

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRS

    def get_cfn_attribute(self, attr: str) -> Any:
        if attr not in self.ATTRS:
            raise UnformattedGetAttTemplateException()
        return self._attr(attr)

    def _attr(self, attr: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self) -> str:
        return self.name

    def is_created(self) -> bool:
        return True

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known(cls.TYPE, props, cls.KNOWN)
        if cls.NAME_LIMIT and not props.get(cls.NAME_PROP):
            resource_name = _fit(resource_name, cls.NAME_LIMIT)
        resource = cls(account_id, region_name, resource_name, props)
        resource._create()
        return resource

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known(cls.TYPE, props, cls.KNOWN)
        old = original_resource.props
        changed = sorted(p for p in cls.CREATE_ONLY | ({cls.NAME_PROP} - {""}) if old.get(p) != props.get(p))
        if not changed:
            original_resource._update(old, props)
            original_resource.props = props
            return original_resource
        if cls.NAME_PROP and props.get(cls.NAME_PROP) and cls.NAME_PROP not in changed:
            raise UpdateNotApplied(
                f"CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
                f"{props[cls.NAME_PROP]} and update the stack again. (changed: {', '.join(changed)})")
        replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        try:
            original_resource.delete(account_id, region_name)
        except Exception as err:  # noqa: BLE001 - CloudFormation's clean-up after a replacement does not fail the update
            log.warning("%s %s: the replaced resource could not be deleted: %s", cls.TYPE, original_resource.name, err)
        return replacement

    def _create(self) -> None:
        raise NotImplementedError

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        raise NotImplementedError

    def _delete(self) -> None:
        raise NotImplementedError

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            self._delete()
        except (TypeError, AttributeError) as err:
            # moto's ResourceMap treats these two as "no delete method" and then deletes nothing
            raise RuntimeError(f"{self.TYPE} {self.name}: delete failed: {err}") from err

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        pass  # not reached: the ResourceMap calls instance.delete


# --- Application Auto Scaling ------------------------------------------------------------------

# Application Auto Scaling's service-linked role, which it uses when a target names no role
_SERVICE_LINKED_ROLES = {
    "ecs": "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
    "dynamodb": "dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
    "lambda": "lambda.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency",
}


class ScalableTarget(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::ApplicationAutoScaling::ScalableTarget"
    KNOWN = {"MaxCapacity", "MinCapacity", "ResourceId", "RoleARN", "ScalableDimension", "ScheduledActions",
             "ServiceNamespace", "SuspendedState", "Tags"}
    CREATE_ONLY = {"ResourceId", "ScalableDimension", "ServiceNamespace"}
    ATTRS = {"Id"}

    @property
    def backend(self) -> Any:
        return applicationautoscaling_backends[self.account_id][self.region_name]

    @property
    def key(self) -> tuple[str, str, str]:
        return self.props["ServiceNamespace"], self.props["ResourceId"], self.props["ScalableDimension"]

    @property
    def physical_resource_id(self) -> str:
        namespace, resource_id, dimension = self.key
        return f"{resource_id}|{dimension}|{namespace}"  # CloudFormation's Ref (and Fn::GetAtt Id)

    def _attr(self, attr: str) -> Any:
        return self.physical_resource_id

    def _target(self) -> Any:
        namespace, resource_id, dimension = self.key
        return self.backend.targets.get(dimension, {}).get(resource_id)

    def _create(self) -> None:
        if self._target() is not None:
            raise PropertyNotApplied(f"{self.TYPE}: {self.physical_resource_id} is already registered")
        self._register(self.props)
        self._put_actions({}, self.props)

    def _register(self, props: dict[str, Any]) -> None:
        namespace, resource_id, dimension = self.key
        role = props.get("RoleARN")
        if not role and namespace in _SERVICE_LINKED_ROLES:
            role = f"arn:{get_partition(self.region_name)}:iam::{self.account_id}:role/aws-service-role/{_SERVICE_LINKED_ROLES[namespace]}"
        given = _api_form(props.get("SuspendedState") or {}, _shape("application-autoscaling", "SuspendedState"), "SuspendedState")
        suspended = {k: given.get(k, False)
                     for k in ("DynamicScalingInSuspended", "DynamicScalingOutSuspended", "ScheduledScalingSuspended")}
        target = self.backend.register_scalable_target(
            namespace, resource_id, dimension, min_capacity=int(props["MinCapacity"]),
            max_capacity=int(props["MaxCapacity"]), role_arn=role, suspended_state=suspended)
        target.role_arn, target.suspended_state = role, suspended  # moto's re-registration kept the old ones

    def _actions(self, props: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {a["ScheduledActionName"]: a for a in props.get("ScheduledActions") or []}

    def _put_actions(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        namespace, resource_id, dimension = self.key
        was, want = self._actions(old), self._actions(new)
        for name in [n for n in was if n not in want]:
            self.backend.delete_scheduled_action(namespace, name, resource_id, dimension)
        for name, action in want.items():
            if was.get(name) == action:
                continue
            self.backend.delete_scheduled_action(namespace, name, resource_id, dimension)  # moto's update keeps old fields
            self.backend.put_scheduled_action(
                service_namespace=namespace, schedule=action["Schedule"], timezone=action.get("Timezone"),
                scheduled_action_name=name, resource_id=resource_id, scalable_dimension=dimension,
                start_time=_epoch(action.get("StartTime")), end_time=_epoch(action.get("EndTime")),
                scalable_target_action=_api_form(action.get("ScalableTargetAction") or {},
                                                 _shape("application-autoscaling", "ScalableTargetAction"), "ScalableTargetAction"))

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._register(new)
        self._put_actions(old, new)

    def _delete(self) -> None:
        """Deregistering a target deletes its scaling policies and scheduled actions, as in AWS."""
        namespace, resource_id, dimension = self.key
        if self._target() is None:
            return
        backend = self.backend
        for key, policy in list(backend.policies.items()):
            if (policy.service_namespace, policy.resource_id, policy.scalable_dimension) == self.key:
                policy.delete_alarms(self.account_id, self.region_name)
                backend.policies.pop(key)
        backend.scheduled_actions = [a for a in backend.scheduled_actions
                                     if (a.service_namespace, a.resource_id, a.scalable_dimension) != self.key]
        backend.deregister_scalable_target(namespace, resource_id, dimension)


class ScalingPolicy(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::ApplicationAutoScaling::ScalingPolicy"
    KNOWN = {"PolicyName", "PolicyType", "ResourceId", "ScalableDimension", "ScalingTargetId", "ServiceNamespace",
             "StepScalingPolicyConfiguration", "TargetTrackingScalingPolicyConfiguration",
             "PredictiveScalingPolicyConfiguration"}
    CREATE_ONLY = {"PolicyName", "ResourceId", "ScalableDimension", "ScalingTargetId", "ServiceNamespace"}
    ATTRS = {"Arn"}
    backend = ScalableTarget.backend

    @property
    def physical_resource_id(self) -> str:
        return self.arn  # CloudFormation's Ref is the policy ARN

    def _attr(self, attr: str) -> Any:
        return self.arn

    def _target_key(self, props: dict[str, Any]) -> tuple[str, str, str]:
        """(namespace, resource id, dimension): from ScalingTargetId (the target's Ref) or the three properties."""
        explicit = (props.get("ServiceNamespace"), props.get("ResourceId"), props.get("ScalableDimension"))
        if props.get("ScalingTargetId"):
            parts = str(props["ScalingTargetId"]).split("|")
            if len(parts) != 3:
                raise PropertyNotApplied(f"{self.TYPE}: ScalingTargetId {props['ScalingTargetId']!r} is not a "
                                         "scalable target's id (resourceId|scalableDimension|serviceNamespace)")
            resource_id, dimension, namespace = parts
            if any(explicit) and explicit != (namespace, resource_id, dimension):
                raise PropertyNotApplied(f"{self.TYPE}: ScalingTargetId and ResourceId/ScalableDimension/ServiceNamespace disagree")
            return namespace, resource_id, dimension
        if not all(explicit):
            raise PropertyNotApplied(f"{self.TYPE}: give ScalingTargetId or ResourceId, ScalableDimension and ServiceNamespace")
        return explicit  # type: ignore[return-value]

    def _body(self, props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        kind = props["PolicyType"]
        configs = {"StepScaling": "StepScalingPolicyConfiguration",
                   "TargetTrackingScaling": "TargetTrackingScalingPolicyConfiguration",
                   "PredictiveScaling": "PredictiveScalingPolicyConfiguration"}
        if kind == "PredictiveScaling":
            raise PropertyNotApplied(f"{self.TYPE}: moto 5.2.1 has no predictive scaling policies")
        if kind not in configs:
            raise PropertyNotApplied(f"{self.TYPE}: PolicyType {kind!r} is not one of {', '.join(configs)}")
        other = [c for k, c in configs.items() if k != kind and props.get(c)]
        if other or not props.get(configs[kind]):
            raise PropertyNotApplied(f"{self.TYPE}: a {kind} policy takes {configs[kind]} (and only it)")
        return kind, _api_form(props[configs[kind]], _shape("application-autoscaling", configs[kind]), configs[kind])

    def _put(self, props: dict[str, Any]) -> Any:
        namespace, resource_id, dimension = self.key
        kind, body = self._body(props)
        if resource_id not in self.backend.targets.get(dimension, {}):
            raise PropertyNotApplied(f"No scalable target registered for service namespace: {namespace}, resource ID: "
                                     f"{resource_id}, scalable dimension: {dimension}")
        return self.backend.put_scaling_policy(props["PolicyName"], namespace, resource_id, dimension, body, kind)

    def _policy_key(self) -> str:
        from moto.applicationautoscaling.models import FakeApplicationAutoscalingPolicy
        return FakeApplicationAutoscalingPolicy.formulate_key(*self.key, self.props["PolicyName"])

    def _create(self) -> None:
        self.key = self._target_key(self.props)
        if self._policy_key() in self.backend.policies:
            raise PropertyNotApplied(f"{self.TYPE}: a policy named {self.props['PolicyName']} already exists on {self.key[1]}")
        self.arn = self._put(self.props).policy_arn

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """PutScalingPolicy on the same policy: AWS keeps its ARN; moto made a new one (and left the old
        policy's alarms behind), so the old alarms go and the new ones point at the kept ARN."""
        self._body(new)  # refusals first: a refused update changes nothing
        previous = self.backend.policies.get(self._policy_key())
        if previous is not None:
            previous.delete_alarms(self.account_id, self.region_name)
        policy = self._put(new)
        policy.delete_alarms(self.account_id, self.region_name)
        policy.policy_arn, policy.alarms = self.arn, []
        if previous is not None:
            policy.creation_time = previous.creation_time
        policy.create_alarms()

    def _delete(self) -> None:
        policy = self.backend.policies.get(self._policy_key())
        if policy is not None:
            self.backend.delete_scaling_policy(self.props["PolicyName"], *self.key)


# --- EC2 security group rules ------------------------------------------------------------------

class _SecurityGroupRule(_Resource):
    """One security group rule (the CloudFormation resource holds exactly one), by its rule id."""

    EGRESS = False
    PEERS: dict[str, str] = {}  # property -> what it is: "cidr", "cidr6", "prefix", "group", "group-name"
    ATTRS = {"Id"}

    @property
    def physical_resource_id(self) -> str:
        return self.rule_id  # CloudFormation's Ref (and Fn::GetAtt Id): the security group rule id

    def _attr(self, attr: str) -> Any:
        return self.rule_id

    @property
    def ec2(self) -> Any:
        return ec2_backends[self.account_id][self.region_name]

    def _group(self) -> Any:
        props = self.props
        group = self.ec2.get_security_group_by_name_or_id(props.get("GroupId") or props.get("GroupName"))
        if group is None:
            raise PropertyNotApplied(f"{self.TYPE}: security group {props.get('GroupId') or props.get('GroupName')} not found")
        return group

    def _create(self) -> None:
        props = self.props
        peers = [p for p in self.PEERS if props.get(p)]
        kinds = {self.PEERS[p] for p in peers}
        if len(kinds) != 1:
            raise PropertyNotApplied(f"{self.TYPE}: give exactly one of {', '.join(sorted(self.PEERS))} (got {peers or 'none'})")
        if not props.get("IpProtocol"):
            raise PropertyNotApplied(f"{self.TYPE}: IpProtocol is required")
        kind, description = kinds.pop(), props.get("Description")
        ranges: list[dict[str, Any]] = []
        groups: list[dict[str, Any]] = []
        prefixes: list[dict[str, str]] = []
        if kind == "cidr":
            ranges = [{"CidrIp": props[peers[0]], **({"Description": description} if description else {})}]
        elif kind == "cidr6":
            ranges = [{"CidrIpv6": props[peers[0]], **({"Description": description} if description else {})}]
        elif kind == "prefix":
            # moto 5.2.1 keeps no description on prefix-list rules (its own API drops it too)
            prefixes = [{"PrefixListId": props[peers[0]]}]
        else:
            peer = {"GroupId": props[p] for p in peers if p.endswith("SecurityGroupId")}
            peer.update({"GroupName": props[p] for p in peers if p.endswith("SecurityGroupName")})
            if props.get("SourceSecurityGroupOwnerId"):
                peer["UserId"] = str(props["SourceSecurityGroupOwnerId"])
            groups = [dict(peer, **({"Description": description} if description else {}))]
        protocol = str(props["IpProtocol"])
        ports: dict[str, Any] = {"from_port": None, "to_port": None}
        if protocol.lower() not in ("-1", "all"):
            if props.get("FromPort") is None or props.get("ToPort") is None:
                raise PropertyNotApplied(f"{self.TYPE}: protocol {protocol} needs FromPort and ToPort")
            ports = {"from_port": int(props["FromPort"]), "to_port": int(props["ToPort"])}
        group = self._group()
        authorize = self.ec2.authorize_security_group_egress if self.EGRESS else self.ec2.authorize_security_group_ingress
        added, _ = authorize(group_name_or_id=group.id, ip_protocol=protocol, ip_ranges=ranges, source_groups=groups,
                             prefix_list_ids=prefixes, **ports)
        self.group_id, self.rule_id = group.id, added[0].id

    def _rule(self) -> Any:
        group = self.ec2.get_security_group_from_id(self.group_id)
        rules = (group.egress_rules if self.EGRESS else group.ingress_rules) if group else []
        return next((r for r in rules if r.id == self.rule_id), None)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Only Description changes in place (every other property replaces the rule)."""
        rule = self._rule()
        if rule is None:
            raise PropertyNotApplied(f"{self.TYPE}: rule {self.rule_id} no longer exists")
        holder = rule.ip_range if rule.ip_range else rule.source_group if rule.source_group else None
        if holder is None:
            raise PropertyNotApplied(f"{self.TYPE}: moto 5.2.1 keeps no description on prefix-list rules")
        holder.pop("Description", None)
        if new.get("Description"):
            holder["Description"] = new["Description"]

    def _delete(self) -> None:
        if self._rule() is None:
            return  # gone with its security group
        revoke = self.ec2.revoke_security_group_egress if self.EGRESS else self.ec2.revoke_security_group_ingress
        revoke(group_name_or_id=self.group_id, ip_protocol=None, from_port=None, to_port=None, ip_ranges=[],
               security_rule_ids=[self.rule_id])


class SecurityGroupEgress(_SecurityGroupRule, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::EC2::SecurityGroupEgress"
    EGRESS = True
    PEERS = {"CidrIp": "cidr", "CidrIpv6": "cidr6", "DestinationPrefixListId": "prefix", "DestinationSecurityGroupId": "group"}
    KNOWN = {"CidrIp", "CidrIpv6", "Description", "DestinationPrefixListId", "DestinationSecurityGroupId", "FromPort",
             "GroupId", "IpProtocol", "ToPort"}
    CREATE_ONLY = KNOWN - {"Description"}


class SecurityGroupIngress(_SecurityGroupRule, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::EC2::SecurityGroupIngress"
    PEERS = {"CidrIp": "cidr", "CidrIpv6": "cidr6", "SourcePrefixListId": "prefix", "SourceSecurityGroupId": "group",
             "SourceSecurityGroupName": "group"}
    KNOWN = {"CidrIp", "CidrIpv6", "Description", "FromPort", "GroupId", "GroupName", "IpProtocol", "SourcePrefixListId",
             "SourceSecurityGroupId", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId", "ToPort"}
    CREATE_ONLY = KNOWN - {"Description"}


# --- EventBridge Scheduler ---------------------------------------------------------------------

class ScheduleGroup(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::Scheduler::ScheduleGroup"
    NAME_PROP, NAME_LIMIT = "Name", 64
    KNOWN = {"Name", "Tags"}
    CREATE_ONLY = {"Name"}
    ATTRS = {"Arn", "CreationDate", "LastModificationDate", "State"}

    @property
    def backend(self) -> Any:
        return scheduler_backends[self.account_id][self.region_name]

    def _attr(self, attr: str) -> Any:
        group = self.backend.get_schedule_group(self.name)
        stamp = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat()  # noqa: E731
        return {"Arn": group.arn, "State": "ACTIVE", "CreationDate": stamp(group.created_on),
                "LastModificationDate": stamp(group.last_modified)}[attr]

    def _create(self) -> None:
        if self.name in self.backend.schedule_groups:
            raise PropertyNotApplied(f"Schedule group {self.name} already exists")  # moto overwrote it
        self.backend.create_schedule_group(self.name, _tag_list(self.props.get("Tags")))

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        arn = self.backend.get_schedule_group(self.name).arn
        tags = {t["Key"]: t["Value"] for t in _tag_list(new.get("Tags"))}
        stale = [k for k in self.backend.tagger.get_tag_dict_for_resource(arn) if k not in tags]
        if stale:
            self.backend.untag_resource(arn, stale)
        self.backend.tag_resource(arn, _tag_list(new.get("Tags")))

    def _delete(self) -> None:
        """Deleting a group deletes its schedules, as in EventBridge Scheduler."""
        if self.name in self.backend.schedule_groups:
            self.backend.tagger.delete_all_tags_for_resource(self.backend.get_schedule_group(self.name).arn)
            self.backend.delete_schedule_group(self.name)


class Schedule(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::Scheduler::Schedule"
    NAME_PROP, NAME_LIMIT = "Name", 64
    KNOWN = {"Description", "EndDate", "FlexibleTimeWindow", "GroupName", "KmsKeyArn", "Name", "ScheduleExpression",
             "ScheduleExpressionTimezone", "StartDate", "State", "Target"}
    CREATE_ONLY = {"Name"}
    ATTRS = {"Arn"}
    backend = ScheduleGroup.backend

    def _attr(self, attr: str) -> Any:
        return self.backend.get_schedule(self.group, self.name).arn

    @staticmethod
    def _args(props: dict[str, Any]) -> dict[str, Any]:
        return dict(
            description=props.get("Description"), end_date=_epoch(props.get("EndDate")),
            flexible_time_window=_api_form(props["FlexibleTimeWindow"], _shape("scheduler", "FlexibleTimeWindow"), "FlexibleTimeWindow"),
            kms_key_arn=props.get("KmsKeyArn"), schedule_expression=props["ScheduleExpression"],
            schedule_expression_timezone=props.get("ScheduleExpressionTimezone"), start_date=_epoch(props.get("StartDate")),
            state=props.get("State") or "ENABLED", target=_api_form(props["Target"], _shape("scheduler", "Target"), "Target"))

    def _create(self) -> None:
        self.group = self.props.get("GroupName") or "default"
        self.backend.get_schedule_group(self.group)  # ResourceNotFoundException (moto: KeyError)
        self.backend.create_schedule(group_name=self.group, name=self.name, action_after_completion=None,
                                     **self._args(self.props))

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        group = new.get("GroupName") or "default"
        if group != self.group:  # the schedule moves: same name, other group
            self.backend.get_schedule_group(group)
            self.backend.delete_schedule(self.group, self.name)
            self.group = group
            self.backend.create_schedule(group_name=group, name=self.name, action_after_completion=None, **self._args(new))
            return
        self.backend.update_schedule(group_name=group, name=self.name, **self._args(new))

    def _delete(self) -> None:
        group = self.backend.schedule_groups.get(self.group)
        if group is not None and self.name in group.schedules:
            self.backend.delete_schedule(self.group, self.name)


# --- S3 bucket policy, Auto Scaling lifecycle hook -----------------------------------------------

class BucketPolicy(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::S3::BucketPolicy"
    KNOWN = {"Bucket", "PolicyDocument"}
    CREATE_ONLY = {"Bucket"}

    @property
    def backend(self) -> Any:
        return s3_backends[self.account_id][get_partition(self.region_name)]

    @property
    def physical_resource_id(self) -> str:
        return self.props["Bucket"]  # CloudFormation's Ref: the bucket name

    def _put(self, props: dict[str, Any]) -> None:
        document = props["PolicyDocument"]
        self.backend.put_bucket_policy(props["Bucket"], (document if isinstance(document, str) else json.dumps(document)).encode())

    def _create(self) -> None:
        if self.backend.get_bucket(self.props["Bucket"]).policy is not None:
            raise PropertyNotApplied(f"The bucket policy already exists on bucket {self.props['Bucket']}")
        self._put(self.props)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._put(new)

    def _delete(self) -> None:
        if self.props["Bucket"] in self.backend.buckets:
            self.backend.delete_bucket_policy(self.props["Bucket"])


class QueuePolicy(_Resource, CloudFormationModel):
    """The policy of one or more queues: SQS keeps it as each queue's Policy attribute, which a queue
    has one of (a second QueuePolicy for the same queue replaces it, as in SQS)."""
    __module__ = _MODULE
    TYPE = "AWS::SQS::QueuePolicy"
    KNOWN = {"Queues", "PolicyDocument"}

    @property
    def backend(self) -> Any:
        return sqs_backends[self.account_id][self.region_name]

    @staticmethod
    def _queue_names(props: dict[str, Any]) -> list[str]:
        urls = props.get("Queues")
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) and u for u in urls):
            raise PropertyNotApplied("AWS::SQS::QueuePolicy: Queues must list one or more queue URLs")
        return [url.rstrip("/").rsplit("/", 1)[-1] for url in urls]

    def _put(self, props: dict[str, Any]) -> None:
        document = props.get("PolicyDocument")
        if document is None:
            raise PropertyNotApplied("AWS::SQS::QueuePolicy: PolicyDocument is required")
        text = document if isinstance(document, str) else json.dumps(document)
        for name in self._queue_names(props):
            try:
                self.backend.set_queue_attributes(name, {"Policy": text})
            except Exception as err:  # noqa: BLE001 - moto raises its own QueueDoesNotExist
                raise PropertyNotApplied(f"AWS::SQS::QueuePolicy: queue {name} not found") from err

    def _create(self) -> None:
        self._put(self.props)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._put(new)
        for name in set(self._queue_names(old)) - set(self._queue_names(new)):
            self._clear(name)

    def _clear(self, name: str) -> None:
        if name in self.backend.queues:
            self.backend.set_queue_attributes(name, {})  # moto clears the policy when Policy is not given

    def _delete(self) -> None:
        for name in self._queue_names(self.props):
            self._clear(name)


class LifecycleHook(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::AutoScaling::LifecycleHook"
    NAME_PROP, NAME_LIMIT = "LifecycleHookName", 255
    KNOWN = {"AutoScalingGroupName", "DefaultResult", "HeartbeatTimeout", "LifecycleHookName", "LifecycleTransition",
             "NotificationMetadata", "NotificationTargetARN", "RoleARN"}
    CREATE_ONLY = {"AutoScalingGroupName", "LifecycleHookName"}
    TRANSITIONS = ("autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING")

    @property
    def backend(self) -> Any:
        return autoscaling_backends[self.account_id][self.region_name]

    def _put(self, props: dict[str, Any]) -> None:
        group = props["AutoScalingGroupName"]
        if group not in self.backend.autoscaling_groups:
            raise PropertyNotApplied(f"AutoScalingGroup name not found - {group}")
        if props["LifecycleTransition"] not in self.TRANSITIONS:
            raise PropertyNotApplied(f"{self.TYPE}: LifecycleTransition must be one of {', '.join(self.TRANSITIONS)}")
        if props.get("DefaultResult", "ABANDON") not in ("CONTINUE", "ABANDON"):
            raise PropertyNotApplied(f"{self.TYPE}: DefaultResult must be CONTINUE or ABANDON")
        timeout = int(props["HeartbeatTimeout"]) if props.get("HeartbeatTimeout") is not None else None
        if timeout is not None and not 30 <= timeout <= 7200:
            raise PropertyNotApplied(f"{self.TYPE}: HeartbeatTimeout must be between 30 and 7200 seconds")
        hook = self.backend.create_lifecycle_hook(self.name, group, props["LifecycleTransition"], timeout, props.get("DefaultResult"))
        # moto answered a fixed placeholder role and SQS queue for every hook and no metadata
        hook.role_arn, hook.notification_target_arn = props.get("RoleARN"), props.get("NotificationTargetARN")
        hook.notification_metadata = props.get("NotificationMetadata")

    def _create(self) -> None:
        if f"{self.props['AutoScalingGroupName']}_{self.name}" in self.backend.lifecycle_hooks:
            raise PropertyNotApplied(f"{self.TYPE}: {self.name} already exists on {self.props['AutoScalingGroupName']}")
        self._put(self.props)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._put(new)

    def _delete(self) -> None:
        self.backend.delete_lifecycle_hook(self.props["AutoScalingGroupName"], self.name)


# --- ACM certificates --------------------------------------------------------------------------

class Certificate(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::CertificateManager::Certificate"
    KNOWN = {"CertificateAuthorityArn", "CertificateExport", "CertificateTransparencyLoggingPreference", "DomainName",
             "DomainValidationOptions", "KeyAlgorithm", "SubjectAlternativeNames", "Tags", "ValidationMethod"}
    CREATE_ONLY = {"CertificateAuthorityArn", "CertificateExport", "DomainName", "DomainValidationOptions", "KeyAlgorithm",
                   "SubjectAlternativeNames", "ValidationMethod"}
    ATTRS = {"CertificateArn"}

    @property
    def backend(self) -> Any:
        return acm_backends[self.account_id][self.region_name]

    @property
    def physical_resource_id(self) -> str:
        return self.arn  # CloudFormation's Ref: the certificate ARN

    def _attr(self, attr: str) -> Any:
        return self.arn

    def _create(self) -> None:
        props = self.props
        private = props.get("CertificateAuthorityArn")
        if props.get("KeyAlgorithm", "RSA_2048") != "RSA_2048":
            raise PropertyNotApplied(f"{self.TYPE}: moto 5.2.1 issues RSA_2048 certificates only")
        if not private and props.get("ValidationMethod") != "DNS":
            raise PropertyNotApplied(f"{self.TYPE}: moto 5.2.1 validates by DNS only (ValidationMethod "
                                     f"{props.get('ValidationMethod') or 'EMAIL (the default)'})")
        if private:
            from moto.acmpca.models import acmpca_backends
            if private not in acmpca_backends[self.account_id][self.region_name].certificate_authorities:
                raise PropertyNotApplied(f"{self.TYPE}: certificate authority {private} not found")
        options = {"CertificateTransparencyLoggingPreference": props.get("CertificateTransparencyLoggingPreference", "ENABLED"),
                   "Export": props.get("CertificateExport", "DISABLED")}
        self.arn = self.backend.request_certificate(
            props["DomainName"], None, props.get("SubjectAlternativeNames") or [], _tag_list(props.get("Tags")),
            cert_authority_arn=private, cert_options=options)
        try:
            self._validate(props)
        except Exception:
            self.backend.delete_certificate(self.arn)
            raise

    def _validate(self, props: dict[str, Any]) -> None:
        """CloudFormation writes the DNS validation records into the hosted zones named in
        DomainValidationOptions (and leaves them on delete), and the resource completes once ACM has
        issued the certificate: so an emulated one is ISSUED when created."""
        cert = self.backend.get_certificate(self.arn)
        if cert.type != "AMAZON_ISSUED":
            return
        records = {o["DomainName"]: o["ResourceRecord"] for o in cert.describe()["Certificate"]["DomainValidationOptions"]}
        from moto.route53.models import route53_backends
        route53 = route53_backends[self.account_id][get_partition(self.region_name)]
        for option in props.get("DomainValidationOptions") or []:
            if option.get("ValidationDomain"):
                raise PropertyNotApplied(f"{self.TYPE}: ValidationDomain is for email validation, which moto lacks")
            if option["DomainName"] not in records:
                raise PropertyNotApplied(f"{self.TYPE}: {option['DomainName']} is not a name of the certificate")
            if option.get("HostedZoneId"):
                record = records[option["DomainName"]]
                route53.change_resource_record_sets(option["HostedZoneId"], [{"Action": "UPSERT", "ResourceRecordSet": {
                    "Name": record["Name"], "Type": record["Type"], "TTL": 60, "ResourceRecords": [{"Value": record["Value"]}]}}])
        cert.status = "ISSUED"

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        cert = self.backend.get_certificate(self.arn)
        cert.cert_options["CertificateTransparencyLoggingPreference"] = new.get("CertificateTransparencyLoggingPreference", "ENABLED")
        tags = _tag_list(new.get("Tags"))
        stale = [{"Key": k, "Value": v} for k, v in cert.tags.items() if k not in {t["Key"] for t in tags}]
        if stale:
            cert.tags.remove(stale)
        if tags:
            cert.tags.add(tags)

    def _delete(self) -> None:
        if self.arn in self.backend._certificates:
            self.backend.delete_certificate(self.arn)


# --- ECR replication, IAM OIDC provider ------------------------------------------------------------

class EcrReplicationConfiguration(_Resource, CloudFormationModel):
    """The registry's replication rules. moto's PutReplicationConfiguration refuses more than one rule
    ("This feature is disabled"; ECR allows 10), so the rules are validated as ECR does and stored on the
    registry that DescribeRegistry reads."""

    __module__ = _MODULE
    TYPE = "AWS::ECR::ReplicationConfiguration"
    KNOWN = {"ReplicationConfiguration"}
    ATTRS = {"RegistryId"}

    @property
    def backend(self) -> Any:
        return ecr_backends[self.account_id][self.region_name]

    @property
    def physical_resource_id(self) -> str:
        return self.account_id  # CloudFormation's Ref: the registry id

    def _attr(self, attr: str) -> Any:
        return self.account_id

    def _create(self) -> None:
        self._put(self.props)

    def _put(self, props: dict[str, Any]) -> None:
        config = _api_form(props["ReplicationConfiguration"], _shape("ecr", "ReplicationConfiguration"), "ReplicationConfiguration")
        rules = config.get("rules") or []
        if len(rules) > 10:
            raise PropertyNotApplied(f"{self.TYPE}: ECR allows at most 10 replication rules ({len(rules)} given)")
        for rule in rules:
            for destination in rule.get("destinations") or []:
                if (destination.get("region"), destination.get("registryId")) == (self.region_name, self.account_id):
                    raise PropertyNotApplied("Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: "
                                             "'Replication destination cannot be the same as the source registry'")
        self.backend.replication_config = {"rules": rules}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._put(new)

    def _delete(self) -> None:
        self.backend.replication_config = {"rules": []}


class OidcProvider(_Resource, CloudFormationModel):
    __module__ = _MODULE
    TYPE = "AWS::IAM::OIDCProvider"
    KNOWN = {"ClientIdList", "ThumbprintList", "Url", "Tags"}
    CREATE_ONLY = {"Url"}
    ATTRS = {"Arn"}

    @property
    def backend(self) -> Any:
        from moto.iam.models import iam_backends

        return iam_backends[self.account_id][get_partition(self.region_name)]

    @property
    def physical_resource_id(self) -> str:
        return self.arn  # CloudFormation's Ref: the provider ARN

    def _attr(self, attr: str) -> Any:
        return self.arn

    def _create(self) -> None:
        props = self.props
        self.arn = self.backend.create_open_id_connect_provider(
            props["Url"], list(props.get("ThumbprintList") or []), list(props.get("ClientIdList") or []),
            _tag_list(props.get("Tags"))).arn

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.backend.update_open_id_connect_provider_thumbprint(self.arn, list(new.get("ThumbprintList") or []))
        self.backend.get_open_id_connect_provider(self.arn).client_id_list = list(new.get("ClientIdList") or [])
        tags = _tag_list(new.get("Tags"))
        keep = {t["Key"].lower() for t in tags}  # IAM tag keys are case-insensitive
        stale = [t["Key"] for t in self.backend.get_open_id_connect_provider(self.arn).tags.values() if t["Key"].lower() not in keep]
        if stale:
            self.backend.untag_open_id_connect_provider(self.arn, stale)
        if tags:
            self.backend.tag_open_id_connect_provider(self.arn, tags)

    def _delete(self) -> None:
        self.backend.delete_open_id_connect_provider(self.arn)


# --- CloudWatch -------------------------------------------------------------------------------

class CloudWatchAlarm(_Resource, CloudFormationModel):
    """AWS::CloudWatch::Alarm -> put_metric_alarm (a metric, or metric math through Metrics); delete_alarms.
    Every property is stored as PutMetricAlarm takes it, so DescribeAlarms answers what was deployed."""
    __module__ = _MODULE
    TYPE = "AWS::CloudWatch::Alarm"
    NAME_PROP, NAME_LIMIT = "AlarmName", 255
    KNOWN = {"ActionsEnabled", "AlarmActions", "AlarmDescription", "AlarmName", "ComparisonOperator", "DatapointsToAlarm",
             "Dimensions", "EvaluateLowSampleCountPercentile", "EvaluationPeriods", "ExtendedStatistic",
             "InsufficientDataActions", "MetricName", "Metrics", "Namespace", "OKActions", "Period", "Statistic", "Tags",
             "Threshold", "ThresholdMetricId", "TreatMissingData", "Unit"}
    CREATE_ONLY = {"AlarmName"}
    ATTRS = {"Arn"}

    @property
    def backend(self) -> Any:
        return cloudwatch_backends[self.account_id][self.region_name]

    def _attr(self, attr: str) -> Any:
        return self.backend.alarms[self.name].alarm_arn

    @staticmethod
    def _queries(metrics: Any) -> list[Any] | None:
        if not metrics:
            return None
        queries = []
        for m in metrics:
            stat = m.get("MetricStat")
            metric_stat = None
            if stat:
                metric = stat.get("Metric") or {}
                dims = [CwDimension(d.get("Name"), d.get("Value")) for d in metric.get("Dimensions") or []]
                metric_stat = CwMetricStat(CwMetric(metric.get("MetricName"), metric.get("Namespace"), dims),
                                           stat.get("Period"), stat.get("Stat"), stat.get("Unit"))
            return_data = m.get("ReturnData")
            queries.append(CwMetricDataQuery(m.get("Id"), m.get("Label"), m.get("Period"),
                                             None if return_data is None else _bool(return_data),
                                             m.get("Expression"), metric_stat))
        return queries

    def _put(self, props: dict[str, Any]) -> None:
        num = lambda k: None if props.get(k) is None else _number(props[k])  # noqa: E731
        self.backend.put_metric_alarm(
            name=self.name, namespace=props.get("Namespace"), metric_name=props.get("MetricName"),
            metric_data_queries=self._queries(props.get("Metrics")),
            comparison_operator=props.get("ComparisonOperator"), evaluation_periods=num("EvaluationPeriods"),
            datapoints_to_alarm=num("DatapointsToAlarm"), period=num("Period"), threshold=num("Threshold"),
            statistic=props.get("Statistic"), extended_statistic=props.get("ExtendedStatistic"),
            description=props.get("AlarmDescription"), dimensions=list(props.get("Dimensions") or []),
            alarm_actions=list(props.get("AlarmActions") or []), ok_actions=list(props.get("OKActions") or []),
            insufficient_data_actions=list(props.get("InsufficientDataActions") or []), unit=props.get("Unit"),
            actions_enabled=_bool(props.get("ActionsEnabled", True)), treat_missing_data=props.get("TreatMissingData"),
            evaluate_low_sample_count_percentile=props.get("EvaluateLowSampleCountPercentile"),
            threshold_metric_id=props.get("ThresholdMetricId"), tags=_tag_list(props.get("Tags")))

    def _create(self) -> None:
        if self.name in self.backend.alarms:
            raise PropertyNotApplied(f"Alarm {self.name} already exists")  # PutMetricAlarm would overwrite it
        self._put(self.props)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        _drop_stale_tags(self.backend.tagger, self.backend.alarms[self.name].alarm_arn, new.get("Tags"))
        self._put(new)

    def _delete(self) -> None:
        if self.name in self.backend.alarms:
            self.backend.tagger.delete_all_tags_for_resource(self.backend.alarms[self.name].alarm_arn)
            self.backend.delete_alarms([self.name])


# --- Cloud Map ---------------------------------------------------------------------------------

class HttpNamespace(_Resource, CloudFormationModel):
    """AWS::ServiceDiscovery::HttpNamespace -> create_http_namespace (+ tags); delete_namespace. Ref is the
    namespace id, as in CloudFormation."""
    __module__ = _MODULE
    TYPE = "AWS::ServiceDiscovery::HttpNamespace"
    KNOWN = {"Name", "Description", "Tags"}
    CREATE_ONLY = {"Name"}
    ATTRS = {"Arn", "Id"}

    @property
    def backend(self) -> Any:
        return servicediscovery_backends[self.account_id][self.region_name]

    @property
    def physical_resource_id(self) -> str:
        return self.namespace_id

    def _attr(self, attr: str) -> Any:
        namespace = self.backend.get_namespace(self.namespace_id)
        return {"Arn": namespace.arn, "Id": namespace.id}[attr]

    def _create(self) -> None:
        name = self.props["Name"]
        if any(ns.name == name for ns in self.backend.namespaces.values()):
            raise PropertyNotApplied(f"Namespace {name} already exists")  # Cloud Map refuses a second one of a name
        operation = self.backend.create_http_namespace(name, creator_request_id=self.name, description=self.props.get("Description"),
                                                       tags=_tag_list(self.props.get("Tags")))
        self.namespace_id = self.backend.operations[operation].targets["NAMESPACE"]

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        namespace = self.backend.get_namespace(self.namespace_id)
        namespace.description = new.get("Description")
        _drop_stale_tags(self.backend.tagger, namespace.arn, new.get("Tags"))
        if new.get("Tags"):
            self.backend.tagger.tag_resource(namespace.arn, _tag_list(new.get("Tags")))

    def _delete(self) -> None:
        if self.namespace_id in self.backend.namespaces:
            self.backend.tagger.delete_all_tags_for_resource(self.backend.get_namespace(self.namespace_id).arn)
            self.backend.delete_namespace(self.namespace_id)


MODELS = [ScalableTarget, ScalingPolicy, SecurityGroupEgress, SecurityGroupIngress, ScheduleGroup, Schedule, BucketPolicy, QueuePolicy,
          LifecycleHook, Certificate, EcrReplicationConfiguration, OidcProvider, CloudWatchAlarm, HttpNamespace]


# --- fixes to moto's own models ------------------------------------------------------------------

def _kms_key_arn(account_id: str, region_name: str, key: str) -> str:
    """The ARN ECR reports for a KmsKey given as an ARN, key id or alias; a key of this account and
    region must exist (ECR's CreateRepository fails otherwise)."""
    arn = re.fullmatch(r"arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):.+", key)
    if arn and (arn.group(1), arn.group(2)) != (region_name, account_id):
        return key  # another account's or region's key: not ours to check
    backend = kms_backends[account_id][region_name]
    try:
        return backend.describe_key(key).arn
    except Exception as err:  # noqa: BLE001 - moto raises KeyError/NotFound depending on the form
        raise PropertyNotApplied(f"AWS::ECR::Repository: KMS key {key} does not exist in {account_id}/{region_name}") from err


def _aws_managed_ecr_key(account_id: str, region_name: str) -> str:
    """The AWS managed key `alias/aws/ecr`, which ECR uses for KMS encryption without a KmsKey (created
    on first use, as in AWS; AWS managed, so not the account's own key)."""
    backend = kms_backends[account_id][region_name]
    key_id = backend.get_key_id_from_alias("alias/aws/ecr")
    if key_id is None:
        key = backend.create_key(None, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT",
                                 "Default key that protects my ECR data when no other key is defined", None)
        key.key_manager = "AWS"
        backend.create_alias(key.id, "alias/aws/ecr")
        key_id = key.id
    return backend.keys[key_id].arn


def _ecr_encryption(props: dict[str, Any], account_id: str, region_name: str) -> dict[str, str]:
    config = props.get("EncryptionConfiguration")
    if not config:
        return {"encryptionType": "AES256"}
    kind = config.get("EncryptionType")
    if kind == "AES256":
        if config.get("KmsKey"):
            raise PropertyNotApplied("AWS::ECR::Repository: KmsKey needs EncryptionType KMS")
        return {"encryptionType": "AES256"}
    if kind not in ("KMS", "KMS_DSSE"):
        raise PropertyNotApplied(f"AWS::ECR::Repository: EncryptionType {kind!r} is not AES256, KMS or KMS_DSSE")
    key = config.get("KmsKey")
    return {"encryptionType": kind,
            "kmsKey": _kms_key_arn(account_id, region_name, key) if key else _aws_managed_ecr_key(account_id, region_name)}


ECR_PROPERTIES = {"RepositoryName", "EncryptionConfiguration", "ImageScanningConfiguration", "ImageTagMutability",
                  "ImageTagMutabilityExclusionFilters", "LifecyclePolicy", "RepositoryPolicyText", "Tags", "EmptyOnDelete"}


def _patch_ecr_repository() -> None:
    """ECR settings in the API's casing. moto stored ImageScanningConfiguration and
    EncryptionConfiguration as CloudFormation wrote them ({'ScanOnPush': True}), so DescribeRepositories
    answered `imageScanningConfiguration: {}` and AES256; and its update compared the two casings, so an
    unchanged KMS repository would have been replaced. Wraps cfn_extension's create/update (which
    apply the lifecycle and repository policies)."""
    create = EcrRepositoryModel.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    update = EcrRepositoryModel.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def api_form(cloudformation_json: dict[str, Any], encryption: dict[str, str]) -> dict[str, Any]:
        props = dict(cloudformation_json.get("Properties") or {})
        props["EncryptionConfiguration"] = encryption
        scan = props.get("ImageScanningConfiguration") or {}
        props["ImageScanningConfiguration"] = {"scanOnPush": _bool(scan.get("ScanOnPush", False))}
        return dict(cloudformation_json, Properties=props)

    @classmethod  # type: ignore[misc]
    def create_in_api_form(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known("AWS::ECR::Repository", props, ECR_PROPERTIES)
        encryption = _ecr_encryption(props, account_id, region_name)
        repo = create(cls, resource_name, api_form(cloudformation_json, encryption), account_id, region_name, **kwargs)
        repo.cfn_properties = props
        return repo

    @classmethod  # type: ignore[misc]
    def update_in_api_form(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known("AWS::ECR::Repository", props, ECR_PROPERTIES)
        old = getattr(original_resource, "cfn_properties", None) or {}
        # RepositoryName and EncryptionConfiguration replace the repository; the rest updates in place
        renamed = props.get("RepositoryName") != old.get("RepositoryName")
        if renamed or props.get("EncryptionConfiguration") != old.get("EncryptionConfiguration"):
            if props.get("RepositoryName") and not renamed:
                raise UpdateNotApplied(
                    "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
                    f"{props['RepositoryName']} and update the stack again. (changed: EncryptionConfiguration)")
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            try:
                original_resource.delete(account_id, region_name)
            except Exception as err:  # noqa: BLE001 - the clean-up after a replacement does not fail the update
                log.warning("ECR repository %s: the replaced repository could not be deleted: %s", original_resource.name, err)
            return replacement
        repo = update(cls, original_resource, original_resource.name,
                      api_form(cloudformation_json, original_resource.encryption_configuration), account_id, region_name)
        backend = ecr_backends[account_id][region_name]
        _drop_stale_tags(backend.tagger, repo.arn, props.get("Tags"))
        repo.cfn_properties = props
        return repo

    EcrRepositoryModel.create_from_cloudformation_json = create_in_api_form  # type: ignore[method-assign]
    EcrRepositoryModel.update_from_cloudformation_json = update_in_api_form  # type: ignore[method-assign]


KMS_KEY_PROPERTIES = {"BypassPolicyLockoutSafetyCheck", "Description", "EnableKeyRotation", "Enabled", "KeyPolicy", "KeySpec",
                      "KeyUsage", "MultiRegion", "Origin", "PendingWindowInDays", "RotationPeriodInDays", "Tags"}
KMS_FIXED = ("KeySpec", "KeyUsage", "MultiRegion", "Origin")  # CloudFormation fails an update that changes them


def _kms_policy(policy: Any) -> str | None:
    return json.dumps(policy) if isinstance(policy, dict) else policy


def _patch_kms() -> None:
    """AWS::KMS::Key: moto passed CloudFormation's Key/Value tags to KMS's TagKey/TagValue tagger (KeyError
    'TagKey': a tagged key never deployed), ignored KeySpec/KeyUsage/MultiRegion/Origin and had no update
    (every change to a key was silently dropped). AWS::KMS::Alias: a new AliasName raised KeyError."""

    def key_tags(props: dict[str, Any]) -> list[dict[str, str]]:
        return [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in _tag_list(props.get("Tags"))]

    def set_rotation(backend: Any, key: Any, props: dict[str, Any]) -> None:
        if _bool(props.get("EnableKeyRotation", False)):
            if key.key_spec != "SYMMETRIC_DEFAULT" or key.origin != "AWS_KMS":
                raise PropertyNotApplied("AWS::KMS::Key: automatic rotation needs a symmetric key with AWS_KMS origin")
            backend.enable_key_rotation(key.id)
        else:
            backend.disable_key_rotation(key.id)

    def set_enabled(backend: Any, key: Any, props: dict[str, Any]) -> None:
        if key.key_state == "PendingImport":
            return
        (backend.enable_key if _bool(props.get("Enabled", True)) else backend.disable_key)(key.id)

    @classmethod  # type: ignore[misc]
    def create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known("AWS::KMS::Key", props, KMS_KEY_PROPERTIES)
        backend = kms_backends[account_id][region_name]
        key = backend.create_key(_kms_policy(props.get("KeyPolicy")), props.get("KeyUsage", "ENCRYPT_DECRYPT"),
                                 props.get("KeySpec", "SYMMETRIC_DEFAULT"), props.get("Description"), key_tags(props),
                                 multi_region=_bool(props.get("MultiRegion", False)), origin=props.get("Origin", "AWS_KMS"))
        try:
            if key.origin == "EXTERNAL":  # no key material until it is imported, as in KMS
                key.key_state, key.enabled = "PendingImport", False
            set_rotation(backend, key, props)
            set_enabled(backend, key, props)
        except Exception:
            backend.keys.pop(key.id, None)
            raise
        key.cfn_properties = props
        return key

    @classmethod  # type: ignore[misc]
    def update_key(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known("AWS::KMS::Key", props, KMS_KEY_PROPERTIES)
        old = getattr(original_resource, "cfn_properties", None) or {}
        fixed = [p for p in KMS_FIXED if old.get(p) != props.get(p)]
        if fixed:
            raise UpdateNotApplied(f"AWS::KMS::Key {original_resource.id}: {', '.join(fixed)} cannot change on an existing "
                                   "KMS key (CloudFormation fails the update rather than replace a key)")
        backend, key = kms_backends[account_id][region_name], original_resource
        set_rotation(backend, key, props)  # refusals first
        backend.update_key_description(key.id, props.get("Description") or "")
        backend.put_key_policy(key.id, _kms_policy(props.get("KeyPolicy")) or key.generate_default_policy())
        set_enabled(backend, key, props)
        tags = key_tags(props)
        stale = [t["TagKey"] for t in backend.list_resource_tags(key.id)["Tags"] if t["TagKey"] not in {x["TagKey"] for x in tags}]
        if stale:
            backend.untag_resource(key.id, stale)
        if tags:
            backend.tag_resource(key.id, tags)
        key.cfn_properties = props
        return key

    KmsKeyModel.create_from_cloudformation_json = create_key  # type: ignore[method-assign]
    KmsKeyModel.update_from_cloudformation_json = update_key  # type: ignore[assignment]

    def alias_name(props: dict[str, Any]) -> str:
        name = str(props.get("AliasName") or "")
        if not re.fullmatch(r"alias/[a-zA-Z0-9/_-]+", name) or name.startswith("alias/aws/"):
            raise PropertyNotApplied(f"AWS::KMS::Alias: {name!r} must start with alias/ (not alias/aws/) and use "
                                     "letters, digits, /, _ and -")
        return name

    @classmethod  # type: ignore[misc]
    def create_alias(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        _check_known("AWS::KMS::Alias", props, {"AliasName", "TargetKeyId"})
        backend, name = kms_backends[account_id][region_name], alias_name(props)
        if backend.alias_exists(name):
            raise PropertyNotApplied(f"An alias with the name {name} already exists")  # moto added a second one
        return backend.create_alias(target_key_id=backend.any_id_to_key_id(props["TargetKeyId"]), alias_name=name)

    @classmethod  # type: ignore[misc]
    def update_alias(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):  # type: ignore[no-untyped-def]
        props = cloudformation_json.get("Properties") or {}
        backend = kms_backends[account_id][region_name]
        if alias_name(props) != original_resource.alias_name:  # AliasName replaces the alias
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        return backend.update_alias(target_key_id=backend.any_id_to_key_id(props["TargetKeyId"]), alias_name=props["AliasName"])

    KmsAliasModel.create_from_cloudformation_json = create_alias  # type: ignore[method-assign]
    KmsAliasModel.update_from_cloudformation_json = update_alias  # type: ignore[method-assign]


def _acm_arn_of_this_region(arn: str, account_id: str, region_name: str) -> bool:
    return re.fullmatch(rf"arn:aws[a-z-]*:acm:{re.escape(region_name)}:{account_id}:certificate/[0-9a-f-]{{36}}", arn) is not None


def _patch_listener_certificates() -> None:
    """ELBv2 listeners accept a well-formed ACM certificate ARN of the emulator's account and region
    that moto's ACM does not hold (a certificate imported by ARN, as `Certificate.fromCertificateArn`
    does); moto failed them with CertificateNotFound. A certificate that moto's ACM holds is still
    marked in use, and anything else (another region or account, a malformed ARN) still fails."""
    import moto.elbv2.models as elbv2_models

    register = elbv2_models.register_certificate

    def register_certificate(account_id: str, region: str, arn_certificate: str, arn_user: str) -> None:
        if arn_certificate not in acm_backends[account_id][region]._certificates and \
                _acm_arn_of_this_region(arn_certificate, account_id, region):
            return
        register(account_id=account_id, region=region, arn_certificate=arn_certificate, arn_user=arn_user)

    elbv2_models.register_certificate = register_certificate
    exists = elbv2_models.ELBv2Backend._certificate_exists

    def certificate_exists(self: Any, certificate_arn: str) -> bool:
        return exists(self, certificate_arn) or _acm_arn_of_this_region(certificate_arn, self.account_id, self.region_name)

    elbv2_models.ELBv2Backend._certificate_exists = certificate_exists  # type: ignore[method-assign]


# What the emulator knows of every request when it checks a bucket policy's conditions: the SDKs talk
# to it in place of S3's HTTPS endpoint, so a request counts as secure transport.
_REQUEST_CONTEXT = {"aws:securetransport": "true"}


def _conditions_hold(conditions: dict[str, Any]) -> bool | None:
    """Whether a statement's conditions hold for a request (True/False), or None when they name an
    operator or key the emulator cannot evaluate."""
    for operator, keys in conditions.items():
        for key, expected in keys.items():
            actual = _REQUEST_CONTEXT.get(key.lower())
            values = [str(v).lower() for v in (expected if isinstance(expected, list) else [expected])]
            if actual is None or operator not in ("Bool", "StringEquals", "StringNotEquals"):
                return None
            if (actual in values) != (operator != "StringNotEquals"):
                return False
    return True


def _patch_bucket_policy_conditions() -> None:
    """moto 5.2.1 enforces bucket policies on object requests but evaluates conditions with no request
    context, which counts every condition as met: the Deny-unless-`aws:SecureTransport` statement of
    every CDK bucket with `enforceSSL` (the CDK bootstrap staging bucket's included) then denied every
    upload, so once AWS::S3::BucketPolicy deployed, `cdk deploy` could not publish its assets. A
    statement now applies only when its conditions hold (secure transport is true); statements whose
    conditions the emulator cannot evaluate are not enforced."""
    from moto.iam.access_control import IAMPolicyStatement, PermissionResult
    from moto.s3.models import FakeBucket

    def get_permission(self: Any, action: str, resource: str) -> Any:
        if self.policy is None:
            return PermissionResult.NEUTRAL
        statements = json.loads(self.policy).get("Statement") or []
        permitted = False
        for statement in statements if isinstance(statements, list) else [statements]:
            if statement.get("Condition"):
                if not _conditions_hold(statement["Condition"]):
                    continue
                statement = {k: v for k, v in statement.items() if k != "Condition"}
            result = IAMPolicyStatement(statement).is_action_permitted(action, resource)
            if result == PermissionResult.DENIED:
                return result
            permitted = permitted or result == PermissionResult.PERMITTED
        return PermissionResult.PERMITTED if permitted else PermissionResult.NEUTRAL

    FakeBucket.get_permission = get_permission  # type: ignore[method-assign]


# --- ECS services and target groups ---------------------------------------------------------------

# AWS::ECS::Service properties the emulator holds (moto 5.2.1's model took only the cluster, the task
# definition and the desired count, so load balancers, networking and capacity strategies were dropped).
_ECS_SERVICE_KNOWN = {
    "Cluster", "ServiceName", "TaskDefinition", "DesiredCount", "LaunchType", "PlatformVersion", "CapacityProviderStrategy",
    "NetworkConfiguration", "LoadBalancers", "DeploymentConfiguration", "DeploymentController", "EnableExecuteCommand",
    "EnableECSManagedTags", "HealthCheckGracePeriodSeconds", "PlacementStrategies", "PlacementConstraints", "PropagateTags",
    "SchedulingStrategy", "ServiceRegistries", "Role", "Tags", "AvailabilityZoneRebalancing", "ServiceConnectConfiguration",
}
# What DescribeServices answers for each, besides what create_service takes.
_ECS_SERVICE_SETTINGS = {
    "CapacityProviderStrategy": "capacity_provider_strategy", "DeploymentConfiguration": "deployment_configuration",
    "EnableExecuteCommand": "enable_execute_command", "EnableECSManagedTags": "enable_ecs_managed_tags",
    "HealthCheckGracePeriodSeconds": "health_check_grace_period_seconds", "PlacementStrategies": "placement_strategy",
    "PlacementConstraints": "placement_constraints", "AvailabilityZoneRebalancing": "availability_zone_rebalancing",
}
# CloudFormation property -> ECS API request member, where the two differ beyond casing.
_ECS_MEMBERS = {"PlacementStrategies": "placementStrategy", "ClusterSettings": "settings"}


def _ecs(type_name: str, props: dict[str, Any], prop: str, request: str) -> Any:
    """A template property in the form ECS's `request` takes it (`_api_form`: the API's member names
    and types; a key the API does not have fails the resource), None when the template leaves it out."""
    if props.get(prop) is None:
        return None
    shape = _shape("ecs", request)
    member = _ECS_MEMBERS.get(prop) or next(m for m in shape.members if m.lower() == prop.lower())
    return _api_form(props[prop], shape.members[member], f"{type_name}.{prop}")


def _patch_ecs_service() -> None:
    from moto.ecs.models import Cluster, Service, TaskDefinition, ecs_backends

    def name_of(value: Any, kind: type) -> str:
        return value.name if kind is Cluster and isinstance(value, Cluster) else \
            value.arn if isinstance(value, TaskDefinition) else str(value)

    def value(props: dict[str, Any], prop: str) -> Any:
        return _ecs("AWS::ECS::Service", props, prop, "CreateServiceRequest")

    def apply(service: Any, props: dict[str, Any]) -> Any:
        for prop, attr in _ECS_SERVICE_SETTINGS.items():
            if prop in props:
                setattr(service, attr, value(props, prop))
        # With a capacity provider strategy ECS sets no launch type (moto defaulted to EC2).
        service.launch_type = props.get("LaunchType")
        if props.get("LoadBalancers") is not None:
            service.load_balancers = value(props, "LoadBalancers")
        if props.get("NetworkConfiguration") is not None:
            service.network_configuration = value(props, "NetworkConfiguration")
        if props.get("PropagateTags") is not None:
            service.propagate_tags = props["PropagateTags"]
        # DescribeServices shows Service Connect on each deployment (ECS API Deployment.serviceConnectConfiguration).
        connect = value(props, "ServiceConnectConfiguration") if props.get("ServiceConnectConfiguration") is not None else None
        for deployment in service.deployments:
            if connect is None:
                deployment.pop("serviceConnectConfiguration", None)
            else:
                deployment["serviceConnectConfiguration"] = connect
        return service

    def create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        props = cloudformation_json["Properties"]
        _check_known("AWS::ECS::Service", props, _ECS_SERVICE_KNOWN)
        backend = ecs_backends[account_id][region_name]
        service = backend.create_service(
            name_of(props["Cluster"], Cluster), resource_name, int(props.get("DesiredCount", 1)),
            task_definition_str=name_of(props["TaskDefinition"], TaskDefinition),
            load_balancers=value(props, "LoadBalancers"), tags=value(props, "Tags"),
            deployment_controller=value(props, "DeploymentController"), launch_type=props.get("LaunchType") or "EC2",
            service_registries=value(props, "ServiceRegistries"), platform_version=props.get("PlatformVersion"),
            propagate_tags=props.get("PropagateTags", "NONE"), network_configuration=value(props, "NetworkConfiguration"),
            role_arn=props.get("Role"))
        return apply(service, props)

    def update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str) -> Any:
        props = cloudformation_json["Properties"]
        _check_known("AWS::ECS::Service", props, _ECS_SERVICE_KNOWN)
        backend = ecs_backends[account_id][region_name]
        cluster = name_of(props["Cluster"], Cluster)
        if cluster != original_resource.cluster_name or props.get("ServiceName", original_resource.name) != original_resource.name:
            # A new cluster or name replaces the service, as in CloudFormation (an unnamed service keeps its generated name).
            backend.delete_service(original_resource.cluster_name, original_resource.name, force=True)
            return create(cls, new_resource_name, cloudformation_json, account_id, region_name)
        service = backend.update_service({
            "cluster": cluster, "service": original_resource.name, "task_definition": name_of(props["TaskDefinition"], TaskDefinition),
            "desired_count": int(props.get("DesiredCount", 1)),
        })
        return apply(service, props)

    Service.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]
    Service.update_from_cloudformation_json = classmethod(update)  # type: ignore[method-assign,assignment]


def _patch_elbv2_deletes() -> None:
    """Deleting a stack deletes its listeners, listener rules and target groups (moto 5.2.1 deleted only
    load balancers, so target groups stayed, and a target group deleted before its load balancer was
    still in use by the listener that had not gone)."""
    from moto.elbv2.models import FakeListener, FakeListenerRule, FakeTargetGroup, elbv2_backends

    def delete_target_group(self: Any, account_id: str, region_name: str) -> None:
        backend = elbv2_backends[account_id][region_name]
        if self.arn in backend.target_groups:
            backend.delete_target_group(self.arn)  # its listeners go first: they depend on it

    def delete_listener(self: Any, account_id: str, region_name: str) -> None:
        backend = elbv2_backends[account_id][region_name]
        if any(self.arn in lb.listeners for lb in backend.load_balancers.values()):
            backend.delete_listener(self.arn)

    def delete_rule(self: Any, account_id: str, region_name: str) -> None:
        backend = elbv2_backends[account_id][region_name]
        if any(self.arn in listener._non_default_rules for lb in backend.load_balancers.values() for listener in lb.listeners.values()):
            backend.delete_rule(self.arn)

    FakeTargetGroup.delete = delete_target_group  # type: ignore[attr-defined]
    FakeListener.delete = delete_listener  # type: ignore[attr-defined]
    FakeListenerRule.delete = delete_rule  # type: ignore[attr-defined]


def _patch_load_balancer() -> None:
    """AWS::ElasticLoadBalancingV2::LoadBalancer with its type, address type, tags and attributes (moto 5.2.1
    took only the name, subnets, security groups and scheme, so a network load balancer came out as an
    application one and access logs and deletion protection were dropped)."""
    from moto.elbv2.models import FakeLoadBalancer, elbv2_backends

    known = {"Name", "Type", "Scheme", "Subnets", "SubnetMappings", "SecurityGroups", "IpAddressType", "LoadBalancerAttributes", "Tags"}

    def attributes(props: dict[str, Any]) -> dict[str, str]:
        return {a["Key"]: str(a["Value"]).lower() if isinstance(a["Value"], bool) else str(a["Value"])
                for a in props.get("LoadBalancerAttributes") or []}

    def create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        props = cloudformation_json["Properties"]
        _check_known("AWS::ElasticLoadBalancingV2::LoadBalancer", props, known)
        backend = elbv2_backends[account_id][region_name]
        balancer = backend.create_load_balancer(
            resource_name, props.get("SecurityGroups") or [], props.get("Subnets") or [],
            subnet_mappings=props.get("SubnetMappings"), scheme=props.get("Scheme", "internet-facing"),
            loadbalancer_type=props.get("Type", "application"), ip_address_type=props.get("IpAddressType", "ipv4"),
            tags=props.get("Tags"))
        if attributes(props):
            backend.modify_load_balancer_attributes(balancer.arn, attributes(props))
        return balancer

    def update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str) -> Any:
        props = cloudformation_json["Properties"]
        _check_known("AWS::ElasticLoadBalancingV2::LoadBalancer", props, known)
        backend = elbv2_backends[account_id][region_name]
        replaced = props.get("Name", original_resource.name) != original_resource.name \
            or props.get("Scheme", "internet-facing") != original_resource.scheme \
            or props.get("Type", "application") != original_resource.type
        if replaced:  # CloudFormation replaces a load balancer for a new name, scheme or type
            return create(cls, new_resource_name, cloudformation_json, account_id, region_name)
        subnets = sorted(props.get("Subnets") or [])
        if props.get("IpAddressType", "ipv4") != original_resource.ip_address_type or props.get("SubnetMappings") \
                or (subnets and subnets != sorted(sn.id for sn in original_resource.subnets)):
            raise UpdateNotApplied("AWS::ElasticLoadBalancingV2::LoadBalancer: the emulator cannot move a load balancer's subnets or address type")
        original_resource.security_groups = props.get("SecurityGroups") or original_resource.security_groups
        if attributes(props):
            backend.modify_load_balancer_attributes(original_resource.arn, attributes(props))
        return original_resource

    FakeLoadBalancer.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]
    FakeLoadBalancer.update_from_cloudformation_json = classmethod(update)  # type: ignore[method-assign,assignment]


def _patch_log_group_key() -> None:
    """AWS::Logs::LogGroup keeps its KmsKeyId (moto 5.2.1 passed the CloudFormation casing on and read
    the API's `kmsKeyId`, so every encrypted log group was stored unencrypted)."""
    from moto.logs.models import LogGroup, logs_backends

    def create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        props = dict(cloudformation_json["Properties"])
        tags = cfn_extension._tag_dict(props.pop("Tags", None))
        if "KmsKeyId" in props:
            props["kmsKeyId"] = props.pop("KmsKeyId")
        return logs_backends[account_id][region_name].create_log_group(resource_name, tags, **props)

    LogGroup.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]


def _patch_ecs_cluster() -> None:
    """AWS::ECS::Cluster keeps its settings (Container Insights), configuration (exec logging, managed
    storage keys), Service Connect defaults and tags, on create and on update (moto 5.2.1 took only the
    name, and replaced an unnamed cluster on every update because CloudFormation's generated name changed)."""
    from moto.ecs.models import Cluster, ecs_backends

    known = {"ClusterName", "ClusterSettings", "Configuration", "ServiceConnectDefaults", "Tags", "CapacityProviders",
             "DefaultCapacityProviderStrategy"}

    def value(props: dict[str, Any], prop: str) -> Any:
        return _ecs("AWS::ECS::Cluster", props, prop, "CreateClusterRequest")

    def create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        props = cloudformation_json["Properties"]
        _check_known("AWS::ECS::Cluster", props, known)
        return ecs_backends[account_id][region_name].create_cluster(
            cluster_name=resource_name, tags=value(props, "Tags"), cluster_settings=value(props, "ClusterSettings"),
            configuration=value(props, "Configuration"), capacity_providers=props.get("CapacityProviders"),
            default_capacity_provider_strategy=value(props, "DefaultCapacityProviderStrategy"),
            service_connect_defaults=value(props, "ServiceConnectDefaults"))

    def update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str) -> Any:
        props = cloudformation_json["Properties"]
        _check_known("AWS::ECS::Cluster", props, known)
        if props.get("ClusterName", original_resource.name) != original_resource.name:  # a new name replaces it
            ecs_backends[account_id][region_name].delete_cluster(original_resource.arn)
            return create(cls, new_resource_name, cloudformation_json, account_id, region_name)
        if "ClusterSettings" in props:
            original_resource.settings = value(props, "ClusterSettings")
        original_resource.configuration = value(props, "Configuration")
        original_resource.service_connect_defaults = value(props, "ServiceConnectDefaults")
        original_resource.tags = value(props, "Tags")
        return original_resource

    Cluster.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]
    Cluster.update_from_cloudformation_json = classmethod(update)  # type: ignore[method-assign,assignment]


def _patch_target_group_attributes() -> None:
    """AWS::ElasticLoadBalancingV2::TargetGroup answers Fn::GetAtt (moto 5.2.1 had no get_cfn_attribute at
    all, so a CloudWatch alarm on a target group's metrics, which needs TargetGroupFullName, failed)."""
    from moto.elbv2.models import FakeTargetGroup

    attrs = {"TargetGroupArn", "TargetGroupFullName", "TargetGroupName", "LoadBalancerArns"}

    def has_cfn_attr(cls: Any, attr: str) -> bool:
        return attr in attrs

    def get_cfn_attribute(self: Any, attr: str) -> Any:
        if attr not in attrs:
            raise UnformattedGetAttTemplateException()
        return {"TargetGroupArn": self.arn, "TargetGroupFullName": self.arn.split(":", 5)[5], "TargetGroupName": self.name,
                "LoadBalancerArns": list(self.load_balancer_arns)}[attr]

    FakeTargetGroup.has_cfn_attr = classmethod(has_cfn_attr)  # type: ignore[method-assign,assignment]
    FakeTargetGroup.get_cfn_attribute = get_cfn_attribute  # type: ignore[attr-defined]


_PATCHES: list[Callable[[], None]] = [_patch_ecr_repository, _patch_kms, _patch_listener_certificates,
                                      _patch_bucket_policy_conditions, _patch_ecs_service, _patch_elbv2_deletes,
                                      _patch_load_balancer, _patch_log_group_key,
                                      _patch_ecs_cluster, _patch_target_group_attributes]


def install() -> None:
    """Idempotent: patch moto's models once and register the new ones (the parser caches its model
    list, so the caches are cleared after the classes above exist)."""
    if not getattr(cfn_parsing, "_cdk_models_installed", False):
        for patch in _PATCHES:
            patch()
        cfn_parsing._cdk_models_installed = True  # type: ignore[attr-defined]
    register_models(MODELS)


def register_models(models: list[type]) -> None:
    """Makes moto's CloudFormation parser see model classes defined since it first listed them (it
    caches its model list), and fails loudly when one of `models` is not the class it answers."""
    cfn_parsing.get_model_list.cache_clear()
    cfn_parsing.get_model_map.cache_clear()
    cfn_parsing.get_name_type_map.cache_clear()
    wrong = [m.TYPE for m in models if cfn_parsing.get_model_map().get(m.TYPE) is not m]
    if wrong:
        raise RuntimeError(f"CloudFormation models not registered: {wrong}")


install()
