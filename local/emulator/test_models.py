"""The emulator's models (cfn_models.py) store and answer like AWS: each test deploys through change sets,
as the CDK CLI does, and reads back through the service APIs.

Run: python3 -m unittest discover -s local/emulator -p 'test_*.py'
"""

from __future__ import annotations

import copy
import json
import unittest
import uuid
from typing import Any

from botocore.exceptions import ClientError

import test_emulator as emulator
from test_emulator import ACCOUNT, REGION, SUBNETS, StackTestCase, client, deploy, network, outputs, physical_ids, trust

setUpModule = emulator.setUpModule  # one emulator for this module, started and stopped like test_emulator's
tearDownModule = emulator.tearDownModule


def ref(name: str) -> dict:
    return {"Ref": name}


def att(name: str, attribute: str) -> dict:
    return {"Fn::GetAtt": [name, attribute]}


KEY_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}]}


class ModelTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.tag = uuid.uuid4().hex[:6]

    def name(self, prefix: str) -> str:
        name = f"{prefix}-{self.tag}"
        self.stacks.append(name)
        return name

    def failure(self, stack: str) -> str:
        """The reason of the resource that failed the last create or update."""
        events = self.cfn.describe_stack_events(StackName=stack)["StackEvents"]
        return next(e.get("ResourceStatusReason") or "" for e in events if e["ResourceStatus"] in ("CREATE_FAILED", "UPDATE_FAILED"))

    def delete(self, stack: str) -> None:
        stack_id = self.cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackId"]
        self.cfn.delete_stack(StackName=stack)
        self.assertEqual(self.cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"], "DELETE_COMPLETE")


class EcrRepositoryTest(ModelTest):
    def template(self) -> dict:
        return {"Resources": {
            "Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": KEY_POLICY}},
            "Repo": {"Type": "AWS::ECR::Repository", "Properties": {
                "RepositoryName": f"models/{self.tag}/app", "ImageScanningConfiguration": {"ScanOnPush": True},
                "EncryptionConfiguration": {"EncryptionType": "KMS", "KmsKey": att("Key", "Arn")},
                "ImageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
                "ImageTagMutabilityExclusionFilters": [{"ImageTagMutabilityExclusionFilterType": "WILDCARD",
                                                        "ImageTagMutabilityExclusionFilterValue": "latest*"}],
                "Tags": [{"Key": "team", "Value": "platform"}, {"Key": "tier", "Value": "1"}]}},
            "Managed": {"Type": "AWS::ECR::Repository", "Properties": {
                "RepositoryName": f"models/{self.tag}/managed", "EncryptionConfiguration": {"EncryptionType": "KMS"}}},
        }}

    def test_scan_encryption_and_mutability_answer_in_the_api_casing_and_update_in_place(self) -> None:
        ecr, kms, name = client("ecr"), client("kms"), self.name("ecr")
        template = self.template()
        self.assertEqual(deploy(name, template)["StackStatus"], "CREATE_COMPLETE")
        key_arn = kms.describe_key(KeyId=physical_ids(name)["Key"])["KeyMetadata"]["Arn"]
        repo = ecr.describe_repositories(repositoryNames=[f"models/{self.tag}/app"])["repositories"][0]
        self.assertEqual(repo["imageScanningConfiguration"], {"scanOnPush": True})
        self.assertEqual(repo["encryptionConfiguration"], {"encryptionType": "KMS", "kmsKey": key_arn})
        self.assertEqual(repo["imageTagMutability"], "IMMUTABLE_WITH_EXCLUSION")
        self.assertEqual(repo["imageTagMutabilityExclusionFilters"], [{"filterType": "WILDCARD", "filter": "latest*"}])
        self.assertEqual(ecr.list_tags_for_resource(resourceArn=repo["repositoryArn"])["tags"],
                         [{"Key": "team", "Value": "platform"}, {"Key": "tier", "Value": "1"}])
        # KMS without a key: ECR uses the AWS managed key alias/aws/ecr
        managed = ecr.describe_repositories(repositoryNames=[f"models/{self.tag}/managed"])["repositories"][0]
        aws_key = kms.describe_key(KeyId="alias/aws/ecr")["KeyMetadata"]
        self.assertEqual(managed["encryptionConfiguration"], {"encryptionType": "KMS", "kmsKey": aws_key["Arn"]})
        self.assertEqual(aws_key["KeyManager"], "AWS")
        self.assertEqual(managed["imageScanningConfiguration"], {"scanOnPush": False})

        updated = copy.deepcopy(template)
        props = updated["Resources"]["Repo"]["Properties"]
        del props["ImageScanningConfiguration"], props["ImageTagMutabilityExclusionFilters"]
        props["ImageTagMutability"] = "IMMUTABLE"
        props["Tags"] = [{"Key": "team", "Value": "apps"}]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        after = ecr.describe_repositories(repositoryNames=[f"models/{self.tag}/app"])["repositories"][0]
        self.assertEqual(after["createdAt"], repo["createdAt"])  # updated, not replaced
        self.assertEqual(after["imageScanningConfiguration"], {"scanOnPush": False})
        self.assertEqual(after["imageTagMutability"], "IMMUTABLE")
        self.assertEqual(after["encryptionConfiguration"], {"encryptionType": "KMS", "kmsKey": key_arn})
        self.assertEqual(ecr.list_tags_for_resource(resourceArn=repo["repositoryArn"])["tags"], [{"Key": "team", "Value": "apps"}])

        # EncryptionConfiguration replaces the repository: refused for a named one, as in CloudFormation
        replacing = copy.deepcopy(updated)
        del replacing["Resources"]["Repo"]["Properties"]["EncryptionConfiguration"]
        self.assertEqual(deploy(name, replacing, "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
        self.assertIn("custom-named resource requires replacing", self.failure(name))
        kept = ecr.describe_repositories(repositoryNames=[f"models/{self.tag}/app"])["repositories"][0]
        self.assertEqual((kept["createdAt"], kept["encryptionConfiguration"]["kmsKey"]), (repo["createdAt"], key_arn))

        # a renamed repository is replaced: created under the new name, the old one deleted
        renamed = copy.deepcopy(replacing)
        renamed["Resources"]["Repo"]["Properties"]["RepositoryName"] = f"models/{self.tag}/renamed"
        self.assertEqual(deploy(name, renamed, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        new = ecr.describe_repositories(repositoryNames=[f"models/{self.tag}/renamed"])["repositories"][0]
        self.assertEqual(new["encryptionConfiguration"], {"encryptionType": "AES256"})
        with self.assertRaises(ClientError):
            ecr.describe_repositories(repositoryNames=[f"models/{self.tag}/app"])
        self.delete(name)

    def test_a_key_that_does_not_exist_fails_the_repository(self) -> None:
        name = self.name("ecr-nokey")
        template = {"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {
            "RepositoryName": f"models/{self.tag}/nokey",
            "EncryptionConfiguration": {"EncryptionType": "KMS", "KmsKey": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{uuid.uuid4()}"}}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn("does not exist", self.failure(name))


class KmsTest(ModelTest):
    def test_tagged_keys_deploy_and_updates_apply(self) -> None:
        kms, name = client("kms"), self.name("kms")
        template = {"Resources": {
            "Key": {"Type": "AWS::KMS::Key", "Properties": {
                "KeyPolicy": KEY_POLICY, "Description": "platform key", "EnableKeyRotation": True,
                "Tags": [{"Key": "team", "Value": "platform"}, {"Key": "env", "Value": "test"}]}},
            "Signing": {"Type": "AWS::KMS::Key", "Properties": {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}},
            "Alias": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": f"alias/models-{self.tag}", "TargetKeyId": ref("Key")}},
        }, "Outputs": {"KeyArn": {"Value": att("Key", "Arn")}, "Alias": {"Value": ref("Alias")}}}
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        meta = kms.describe_key(KeyId=ids["Key"])["KeyMetadata"]
        self.assertEqual((meta["Arn"], meta["Description"], meta["KeyState"]), (outputs(stack)["KeyArn"], "platform key", "Enabled"))
        self.assertEqual(kms.list_resource_tags(KeyId=ids["Key"])["Tags"],
                         [{"TagKey": "team", "TagValue": "platform"}, {"TagKey": "env", "TagValue": "test"}])
        self.assertTrue(kms.get_key_rotation_status(KeyId=ids["Key"])["KeyRotationEnabled"])
        signing = kms.describe_key(KeyId=ids["Signing"])["KeyMetadata"]
        self.assertEqual((signing["KeySpec"], signing["KeyUsage"]), ("RSA_2048", "SIGN_VERIFY"))
        self.assertEqual(outputs(stack)["Alias"], f"alias/models-{self.tag}")
        self.assertEqual(kms.describe_key(KeyId=f"alias/models-{self.tag}")["KeyMetadata"]["KeyId"], ids["Key"])

        updated = copy.deepcopy(template)
        key = updated["Resources"]["Key"]["Properties"]
        key.update(Description="renamed", EnableKeyRotation=False, Enabled=False, Tags=[{"Key": "team", "Value": "apps"}])
        updated["Resources"]["Alias"]["Properties"]["AliasName"] = f"alias/models-{self.tag}-2"
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(physical_ids(name)["Key"], ids["Key"])  # updated in place
        meta = kms.describe_key(KeyId=ids["Key"])["KeyMetadata"]
        self.assertEqual((meta["Description"], meta["KeyState"], meta["Enabled"]), ("renamed", "Disabled", False))
        self.assertEqual(kms.list_resource_tags(KeyId=ids["Key"])["Tags"], [{"TagKey": "team", "TagValue": "apps"}])
        self.assertFalse(kms.get_key_rotation_status(KeyId=ids["Key"])["KeyRotationEnabled"])
        aliases = {a["AliasName"]: a.get("TargetKeyId") for a in kms.list_aliases()["Aliases"]}
        self.assertEqual(aliases.get(f"alias/models-{self.tag}-2"), ids["Key"])
        self.assertNotIn(f"alias/models-{self.tag}", aliases)  # the alias was replaced

        # KeyUsage cannot change on an existing key: the update fails (and rolls back)
        refused = copy.deepcopy(updated)
        refused["Resources"]["Signing"]["Properties"]["KeyUsage"] = "ENCRYPT_DECRYPT"
        self.assertEqual(deploy(name, refused, "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
        self.assertIn("KeyUsage cannot change", self.failure(name))
        self.assertEqual(kms.describe_key(KeyId=ids["Signing"])["KeyMetadata"]["KeyUsage"], "SIGN_VERIFY")
        self.delete(name)
        self.assertEqual(kms.describe_key(KeyId=ids["Key"])["KeyMetadata"]["KeyState"], "PendingDeletion")
        self.assertNotIn(f"alias/models-{self.tag}-2", [a["AliasName"] for a in kms.list_aliases()["Aliases"]])


def ecs_service(tag: str) -> dict[str, Any]:
    return {
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": f"models-{tag}"}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "Family": f"models-{tag}", "Memory": "512", "ContainerDefinitions": [{"Name": "web", "Image": "nginx", "Memory": 256}]}},
        "Service": {"Type": "AWS::ECS::Service", "Properties": {"Cluster": ref("Cluster"), "TaskDefinition": ref("Task"), "DesiredCount": 1}},
    }


class ApplicationAutoScalingTest(ModelTest):
    def template(self) -> dict:
        resources = ecs_service(self.tag)
        resource_id = {"Fn::Join": ["", ["service/", ref("Cluster"), "/", att("Service", "Name")]]}
        resources.update({
            "Target": {"Type": "AWS::ApplicationAutoScaling::ScalableTarget", "Properties": {
                "MaxCapacity": 10, "MinCapacity": "2", "ResourceId": resource_id, "ScalableDimension": "ecs:service:DesiredCount",
                "ServiceNamespace": "ecs", "SuspendedState": {"ScheduledScalingSuspended": True},
                "ScheduledActions": [{"ScheduledActionName": "night", "Schedule": "cron(0 22 * * ? *)", "Timezone": "Europe/Paris",
                                      "ScalableTargetAction": {"MinCapacity": 1, "MaxCapacity": "2"}}]}},
            "Cpu": {"Type": "AWS::ApplicationAutoScaling::ScalingPolicy", "Properties": {
                "PolicyName": f"cpu-{self.tag}", "PolicyType": "TargetTrackingScaling", "ScalingTargetId": ref("Target"),
                "TargetTrackingScalingPolicyConfiguration": {
                    "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                    "TargetValue": "60", "ScaleInCooldown": 300}}},
            "Step": {"Type": "AWS::ApplicationAutoScaling::ScalingPolicy", "Properties": {
                "PolicyName": f"step-{self.tag}", "PolicyType": "StepScaling", "ResourceId": resource_id,
                "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs",
                "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": 60,
                                                   "MetricAggregationType": "Average",
                                                   "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 2}]}}},
        })
        return {"Resources": resources, "Outputs": {"TargetId": {"Value": att("Target", "Id")}, "CpuArn": {"Value": att("Cpu", "Arn")}}}

    def test_targets_and_policies_are_registered_updated_and_deleted(self) -> None:
        scaling, name = client("application-autoscaling"), self.name("scaling")
        template = self.template()
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids, resource_id = physical_ids(name), f"service/models-{self.tag}/{physical_ids(name)['Service'].split('/')[-1]}"
        self.assertEqual(ids["Target"], f"{resource_id}|ecs:service:DesiredCount|ecs")
        self.assertEqual(outputs(stack)["TargetId"], ids["Target"])
        target = scaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])["ScalableTargets"][0]
        self.assertEqual((target["MinCapacity"], target["MaxCapacity"]), (2, 10))
        self.assertEqual(target["RoleARN"], f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/ecs.application-autoscaling."
                                            "amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService")
        self.assertEqual(target["SuspendedState"], {"DynamicScalingInSuspended": False, "DynamicScalingOutSuspended": False,
                                                    "ScheduledScalingSuspended": True})
        action = scaling.describe_scheduled_actions(ServiceNamespace="ecs", ResourceId=resource_id)["ScheduledActions"]
        self.assertEqual([(a["ScheduledActionName"], a["Schedule"], a["Timezone"], a["ScalableTargetAction"]) for a in action],
                         [("night", "cron(0 22 * * ? *)", "Europe/Paris", {"MinCapacity": 1, "MaxCapacity": 2})])
        policies = {p["PolicyName"]: p for p in scaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)["ScalingPolicies"]}
        cpu, step = policies[f"cpu-{self.tag}"], policies[f"step-{self.tag}"]
        self.assertEqual((ids["Cpu"], outputs(stack)["CpuArn"]), (cpu["PolicyARN"], cpu["PolicyARN"]))
        self.assertEqual(cpu["TargetTrackingScalingPolicyConfiguration"], {
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
            "TargetValue": 60.0, "ScaleInCooldown": 300})
        self.assertEqual(len(cpu["Alarms"]), 2)
        self.assertEqual(ids["Step"], step["PolicyARN"])
        self.assertEqual(step["StepScalingPolicyConfiguration"]["StepAdjustments"], [{"MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 2}])

        updated = copy.deepcopy(template)
        updated["Resources"]["Target"]["Properties"].update(MinCapacity=3, MaxCapacity=6, ScheduledActions=[])
        updated["Resources"]["Cpu"]["Properties"]["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] = 45
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        target = scaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])["ScalableTargets"][0]
        self.assertEqual((target["MinCapacity"], target["MaxCapacity"]), (3, 6))
        self.assertEqual(scaling.describe_scheduled_actions(ServiceNamespace="ecs", ResourceId=resource_id)["ScheduledActions"], [])
        policies = {p["PolicyName"]: p for p in scaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)["ScalingPolicies"]}
        cpu_after = policies[f"cpu-{self.tag}"]
        self.assertEqual(cpu_after["PolicyARN"], cpu["PolicyARN"])  # updated in place: same ARN, as PutScalingPolicy keeps it
        self.assertEqual(cpu_after["TargetTrackingScalingPolicyConfiguration"]["TargetValue"], 45.0)
        alarms = client("cloudwatch").describe_alarms(AlarmNamePrefix=f"TargetTracking-{resource_id}")["MetricAlarms"]
        self.assertEqual(sorted(a["AlarmName"] for a in alarms), sorted(a["AlarmName"] for a in cpu_after["Alarms"]))

        self.delete(name)
        self.assertEqual(scaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])["ScalableTargets"], [])
        self.assertEqual(scaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)["ScalingPolicies"], [])
        self.assertEqual(client("cloudwatch").describe_alarms(AlarmNamePrefix=f"TargetTracking-{resource_id}")["MetricAlarms"], [])

    def test_a_policy_without_a_registered_target_or_with_an_unknown_property_fails(self) -> None:
        for case, policy in (
            ("no-target", {"PolicyName": "p", "PolicyType": "StepScaling", "ScalingTargetId": "service/none/none|ecs:service:DesiredCount|ecs",
                           "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
                                                              "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}}),
            ("predictive", {"PolicyName": "p", "PolicyType": "PredictiveScaling", "ScalingTargetId": "a|b|c",
                            "PredictiveScalingPolicyConfiguration": {"MetricSpecifications": []}}),
            ("unknown", {"PolicyName": "p", "PolicyType": "StepScaling", "Bogus": 1}),
        ):
            with self.subTest(case=case):
                name = self.name(f"scaling-{case}")
                stack = deploy(name, {"Resources": {"Policy": {"Type": "AWS::ApplicationAutoScaling::ScalingPolicy", "Properties": policy}}})
                self.assertEqual(stack["StackStatus"], "ROLLBACK_COMPLETE")
                self.assertIn({"no-target": "No scalable target registered", "predictive": "no predictive scaling",
                               "unknown": "cannot apply Bogus"}[case], self.failure(name))


class SecurityGroupRuleTest(ModelTest):
    def template(self) -> dict:
        resources = network()
        resources.update({
            "Lb": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "lb", "VpcId": ref("Vpc")}},
            "App": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "app", "VpcId": ref("Vpc")}},
            "ToApp": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
                "GroupId": att("Lb", "GroupId"), "IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                "DestinationSecurityGroupId": att("App", "GroupId"), "Description": "Load balancer to target"}},
            "ToV6": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
                "GroupId": att("Lb", "GroupId"), "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0"}},
            "FromLb": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
                "GroupId": att("App", "GroupId"), "IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                "SourceSecurityGroupId": att("Lb", "GroupId"), "Description": "from the load balancer"}},
            "FromV6": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
                "GroupId": att("Lb", "GroupId"), "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "2001:db8::/32"}},
        })
        return {"Resources": resources, "Outputs": {"ToAppId": {"Value": att("ToApp", "Id")}}}

    def rules(self, *rule_ids: str) -> dict[str, dict]:
        found = client("ec2").describe_security_group_rules(SecurityGroupRuleIds=list(rule_ids))["SecurityGroupRules"]
        return {r["SecurityGroupRuleId"]: r for r in found}

    def test_egress_and_ingress_rules_are_authorized_updated_and_revoked(self) -> None:
        ec2, name = client("ec2"), self.name("rules")
        template = self.template()
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        self.assertTrue(all(ids[k].startswith("sgr-") for k in ("ToApp", "ToV6", "FromLb", "FromV6")), ids)
        self.assertEqual(outputs(stack)["ToAppId"], ids["ToApp"])
        rules = self.rules(ids["ToApp"], ids["ToV6"], ids["FromLb"], ids["FromV6"])
        to_app, to_v6, from_lb, from_v6 = (rules[ids[k]] for k in ("ToApp", "ToV6", "FromLb", "FromV6"))
        self.assertEqual((to_app["IsEgress"], to_app["GroupId"], to_app["FromPort"], to_app["ToPort"], to_app["IpProtocol"]),
                         (True, ids["Lb"], 8080, 8080, "tcp"))
        self.assertEqual(to_app["ReferencedGroupInfo"]["GroupId"], ids["App"])
        self.assertEqual((to_v6["IsEgress"], to_v6["CidrIpv6"]), (True, "::/0"))
        self.assertEqual((from_lb["IsEgress"], from_lb["GroupId"], from_lb["ReferencedGroupInfo"]["GroupId"]), (False, ids["App"], ids["Lb"]))
        self.assertEqual((from_v6["IsEgress"], from_v6["CidrIpv6"]), (False, "2001:db8::/32"))
        lb = ec2.describe_security_groups(GroupIds=[ids["Lb"]])["SecurityGroups"][0]
        pairs = [p for perm in lb["IpPermissionsEgress"] for p in perm.get("UserIdGroupPairs", [])]
        self.assertEqual([(p["GroupId"], p.get("Description")) for p in pairs], [(ids["App"], "Load balancer to target")])

        updated = copy.deepcopy(template)
        updated["Resources"]["ToApp"]["Properties"]["Description"] = "to the service"  # in place
        updated["Resources"]["FromLb"]["Properties"].update(FromPort=9090, ToPort=9090)  # replaced
        del updated["Resources"]["FromV6"]  # revoked
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        after = physical_ids(name)
        self.assertEqual(after["ToApp"], ids["ToApp"])
        self.assertNotEqual(after["FromLb"], ids["FromLb"])
        lb = ec2.describe_security_groups(GroupIds=[ids["Lb"]])["SecurityGroups"][0]
        self.assertEqual([p.get("Description") for perm in lb["IpPermissionsEgress"] for p in perm.get("UserIdGroupPairs", [])],
                         ["to the service"])
        self.assertEqual(lb["IpPermissions"], [])  # FromV6 revoked
        app = ec2.describe_security_groups(GroupIds=[ids["App"]])["SecurityGroups"][0]
        self.assertEqual([(p["FromPort"], p["UserIdGroupPairs"][0]["GroupId"]) for p in app["IpPermissions"]], [(9090, ids["Lb"])])
        self.assertEqual(set(self.rules(after["ToApp"], after["FromLb"])), {after["ToApp"], after["FromLb"]})
        self.delete(name)
        with self.assertRaises(ClientError):
            ec2.describe_security_groups(GroupIds=[ids["Lb"]])

    def test_a_rule_needs_exactly_one_peer(self) -> None:
        name = self.name("rules-bad")
        template = self.template()
        template["Resources"]["ToApp"]["Properties"]["CidrIp"] = "10.0.0.0/16"  # a second destination
        self.assertEqual(deploy(name, template)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn("give exactly one of", self.failure(name))


class SchedulerTest(ModelTest):
    def template(self) -> dict:
        resources = network()
        resources.update(ecs_service(self.tag))
        del resources["Service"]
        resources.update({
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("scheduler.amazonaws.com")}},
            "Group": {"Type": "AWS::Scheduler::ScheduleGroup", "Properties": {
                "Name": f"models-{self.tag}", "Tags": [{"Key": "team", "Value": "platform"}]}},
            "Nightly": {"Type": "AWS::Scheduler::Schedule", "Properties": {
                "GroupName": ref("Group"), "Description": "nightly batch", "ScheduleExpression": "cron(0 3 * * ? *)",
                "ScheduleExpressionTimezone": "Etc/UTC", "State": "ENABLED",
                "FlexibleTimeWindow": {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": "15"},
                "Target": {"Arn": att("Cluster", "Arn"), "RoleArn": att("Role", "Arn"),
                           "RetryPolicy": {"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": "3"},
                           "EcsParameters": {"TaskDefinitionArn": ref("Task"), "TaskCount": "1", "LaunchType": "FARGATE",
                                             "EnableECSManagedTags": True,
                                             "NetworkConfiguration": {"AwsvpcConfiguration": {
                                                 "Subnets": SUBNETS, "AssignPublicIp": "DISABLED"}}}}}},
            "Hourly": {"Type": "AWS::Scheduler::Schedule", "Properties": {
                "ScheduleExpression": "rate(1 hour)", "FlexibleTimeWindow": {"Mode": "OFF"},
                "Target": {"Arn": att("Cluster", "Arn"), "RoleArn": att("Role", "Arn"),
                           "EcsParameters": {"TaskDefinitionArn": ref("Task"), "CapacityProviderStrategy": [
                               {"CapacityProvider": "FARGATE_SPOT", "Weight": "2", "Base": 1}]}}}},
        })
        return {"Resources": resources, "Outputs": {"NightlyArn": {"Value": att("Nightly", "Arn")},
                                                    "GroupArn": {"Value": att("Group", "Arn")}}}

    def test_schedules_and_groups_are_created_updated_and_deleted(self) -> None:
        scheduler, name, group = client("scheduler"), self.name("schedules"), f"models-{self.tag}"
        template = self.template()
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        self.assertEqual(ids["Group"], group)
        nightly = scheduler.get_schedule(GroupName=group, Name=ids["Nightly"])
        self.assertEqual(outputs(stack)["NightlyArn"], nightly["Arn"])
        self.assertEqual(nightly["Arn"], f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/{group}/{ids['Nightly']}")
        self.assertEqual((nightly["ScheduleExpression"], nightly["Description"], nightly["State"]),
                         ("cron(0 3 * * ? *)", "nightly batch", "ENABLED"))
        self.assertEqual(nightly["FlexibleTimeWindow"], {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 15})
        target = nightly["Target"]
        self.assertEqual(target["RetryPolicy"], {"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 3})
        self.assertEqual((target["EcsParameters"]["TaskCount"], target["EcsParameters"]["LaunchType"]), (1, "FARGATE"))
        self.assertEqual(sorted(target["EcsParameters"]["NetworkConfiguration"]["awsvpcConfiguration"]["Subnets"]),
                         sorted([ids["SubnetA"], ids["SubnetB"]]))
        self.assertEqual(scheduler.list_tags_for_resource(ResourceArn=outputs(stack)["GroupArn"])["Tags"], [{"Key": "team", "Value": "platform"}])
        hourly = scheduler.get_schedule(Name=ids["Hourly"])  # unnamed, in the default group
        self.assertTrue(ids["Hourly"].startswith(f"{name}-Hourly-") and len(ids["Hourly"]) <= 64, ids["Hourly"])
        self.assertEqual((hourly["GroupName"], hourly["ScheduleExpression"]), ("default", "rate(1 hour)"))
        self.assertEqual(hourly["Target"]["EcsParameters"]["CapacityProviderStrategy"],  # the API's casing (capacityProvider)
                         [{"capacityProvider": "FARGATE_SPOT", "weight": 2, "base": 1}])

        updated = copy.deepcopy(template)
        updated["Resources"]["Nightly"]["Properties"].update(ScheduleExpression="cron(30 4 * * ? *)", State="DISABLED")
        updated["Resources"]["Hourly"]["Properties"]["GroupName"] = ref("Group")  # moves into the group, same name
        updated["Resources"]["Group"]["Properties"]["Tags"] = [{"Key": "owner", "Value": "apps"}]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        nightly = scheduler.get_schedule(GroupName=group, Name=ids["Nightly"])
        self.assertEqual((nightly["ScheduleExpression"], nightly["State"]), ("cron(30 4 * * ? *)", "DISABLED"))
        self.assertEqual(physical_ids(name)["Hourly"], ids["Hourly"])
        self.assertEqual(scheduler.get_schedule(GroupName=group, Name=ids["Hourly"])["ScheduleExpression"], "rate(1 hour)")
        with self.assertRaises(ClientError):
            scheduler.get_schedule(Name=ids["Hourly"])  # no longer in the default group
        self.assertEqual(scheduler.list_tags_for_resource(ResourceArn=outputs(stack)["GroupArn"])["Tags"], [{"Key": "owner", "Value": "apps"}])

        self.delete(name)
        self.assertNotIn(group, [g["Name"] for g in scheduler.list_schedule_groups()["ScheduleGroups"]])
        self.assertEqual([s for s in scheduler.list_schedules()["Schedules"] if s["Name"] in (ids["Nightly"], ids["Hourly"])], [])

    def test_a_schedule_in_a_missing_group_fails(self) -> None:
        name = self.name("schedules-nogroup")
        template = {"Resources": {"S": {"Type": "AWS::Scheduler::Schedule", "Properties": {
            "GroupName": f"missing-{self.tag}", "ScheduleExpression": "rate(1 hour)", "FlexibleTimeWindow": {"Mode": "OFF"},
            "Target": {"Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q", "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/r"}}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn(f"Schedule group missing-{self.tag} does not exist", self.failure(name))


class BucketPolicyAndLifecycleHookTest(ModelTest):
    def test_a_bucket_policy_is_put_updated_and_deleted(self) -> None:
        s3, name = client("s3"), self.name("bucket-policy")
        document = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "s3:GetObject",
             "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}},
            # what `enforceSSL` adds (the CDK bootstrap bucket has it too): requests to the emulator count as secure
            {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}},
             "Resource": [att("Bucket", "Arn"), {"Fn::Sub": "${Bucket.Arn}/*"}]},
            {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:PutObject", "Resource": {"Fn::Sub": "${Bucket.Arn}/locked/*"}}]}
        template = {"Resources": {
            "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
            "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("Bucket"), "PolicyDocument": document}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        self.assertEqual(ids["Policy"], ids["Bucket"])
        policy = json.loads(s3.get_bucket_policy(Bucket=ids["Bucket"])["Policy"])
        self.assertEqual(policy["Statement"][0]["Resource"], f"arn:aws:s3:::{ids['Bucket']}/*")
        self.assertEqual(policy["Statement"][0]["Action"], "s3:GetObject")
        s3.put_object(Bucket=ids["Bucket"], Key="open/a", Body=b"a")  # the SecureTransport deny does not apply
        with self.assertRaises(ClientError) as denied:  # the unconditional deny does
            s3.put_object(Bucket=ids["Bucket"], Key="locked/a", Body=b"a")
        self.assertEqual(denied.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)  # moto: no error body
        s3.delete_object(Bucket=ids["Bucket"], Key="open/a")

        updated = copy.deepcopy(template)
        updated["Resources"]["Policy"]["Properties"]["PolicyDocument"]["Statement"][0]["Action"] = "s3:ListBucket"
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(json.loads(s3.get_bucket_policy(Bucket=ids["Bucket"])["Policy"])["Statement"][0]["Action"], "s3:ListBucket")
        del updated["Resources"]["Policy"]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        with self.assertRaises(ClientError) as gone:
            s3.get_bucket_policy(Bucket=ids["Bucket"])
        self.assertEqual(gone.exception.response["Error"]["Code"], "NoSuchBucketPolicy")
        self.delete(name)

    def test_a_queue_policy_is_set_updated_and_cleared(self) -> None:
        sqs, name = client("sqs"), self.name("queue-policy")
        document = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": att("Queue", "Arn")},
            {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*", "Resource": att("Queue", "Arn"),
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
        template = {"Resources": {
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {}},
            "Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [ref("Queue")], "PolicyDocument": document}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "CREATE_COMPLETE")
        url = physical_ids(name)["Queue"]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        policy = json.loads(attributes["Policy"])
        self.assertEqual(policy["Statement"][0]["Resource"], attributes["QueueArn"])
        self.assertEqual([st["Effect"] for st in policy["Statement"]], ["Allow", "Deny"])

        updated = copy.deepcopy(template)
        updated["Resources"]["Policy"]["Properties"]["PolicyDocument"]["Statement"][0]["Action"] = "sqs:GetQueueUrl"
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        policy = json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
        self.assertEqual(policy["Statement"][0]["Action"], "sqs:GetQueueUrl")
        del updated["Resources"]["Policy"]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertNotIn("Policy", sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"]).get("Attributes", {}))
        self.delete(name)

    def test_a_queue_policy_for_a_missing_queue_fails(self) -> None:
        name = self.name("queue-policy-missing")
        template = {"Resources": {"Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
            "Queues": [f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/missing-{self.tag}"],
            "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn(f"queue missing-{self.tag} not found", self.failure(name))

    def test_a_lifecycle_hook_keeps_its_role_target_and_metadata(self) -> None:
        autoscaling, name = client("autoscaling"), self.name("hook")
        resources = network()
        resources.update({
            "LaunchTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
                "LaunchTemplateData": {"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"}}},
            "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
                "MinSize": "0", "MaxSize": "1", "VPCZoneIdentifier": SUBNETS,
                "LaunchTemplate": {"LaunchTemplateId": ref("LaunchTemplate"), "Version": att("LaunchTemplate", "LatestVersionNumber")}}},
            "Topic": {"Type": "AWS::SNS::Topic", "Properties": {}},
            "HookRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("autoscaling.amazonaws.com")}},
            "Drain": {"Type": "AWS::AutoScaling::LifecycleHook", "Properties": {
                "AutoScalingGroupName": ref("Asg"), "LifecycleTransition": "autoscaling:EC2_INSTANCE_TERMINATING",
                "DefaultResult": "CONTINUE", "HeartbeatTimeout": 300, "NotificationTargetARN": ref("Topic"),
                "RoleARN": att("HookRole", "Arn"), "NotificationMetadata": "drain-ecs"}},
        })
        template = {"Resources": resources}
        self.assertEqual(deploy(name, template)["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        self.assertTrue(ids["Drain"].startswith(f"{name}-Drain-"), ids["Drain"])
        hook = autoscaling.describe_lifecycle_hooks(AutoScalingGroupName=ids["Asg"])["LifecycleHooks"][0]
        role_arn = client("iam").get_role(RoleName=ids["HookRole"])["Role"]["Arn"]
        self.assertEqual({k: hook.get(k) for k in ("LifecycleHookName", "LifecycleTransition", "DefaultResult", "HeartbeatTimeout",
                                                     "NotificationTargetARN", "RoleARN", "NotificationMetadata")},
                         {"LifecycleHookName": ids["Drain"], "LifecycleTransition": "autoscaling:EC2_INSTANCE_TERMINATING",
                          "DefaultResult": "CONTINUE", "HeartbeatTimeout": 300, "NotificationTargetARN": ids["Topic"],
                          "RoleARN": role_arn, "NotificationMetadata": "drain-ecs"})

        updated = copy.deepcopy(template)
        updated["Resources"]["Drain"]["Properties"].update(HeartbeatTimeout=900, DefaultResult="ABANDON")
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        hook = autoscaling.describe_lifecycle_hooks(AutoScalingGroupName=ids["Asg"])["LifecycleHooks"][0]
        self.assertEqual((hook["LifecycleHookName"], hook["HeartbeatTimeout"], hook["DefaultResult"]), (ids["Drain"], 900, "ABANDON"))
        del updated["Resources"]["Drain"]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(autoscaling.describe_lifecycle_hooks(AutoScalingGroupName=ids["Asg"])["LifecycleHooks"], [])
        self.delete(name)


class ReplicationAndOidcTest(ModelTest):
    def test_registry_replication_rules_and_an_oidc_provider_are_created_updated_and_deleted(self) -> None:
        ecr, iam, name = client("ecr"), client("iam"), self.name("registry")
        rule = lambda prefix: {"Destinations": [{"Region": "eu-west-1", "RegistryId": ref("AWS::AccountId")}],  # noqa: E731
                               "RepositoryFilters": [{"Filter": prefix, "FilterType": "PREFIX_MATCH"}]}
        template = {"Resources": {
            "Replication": {"Type": "AWS::ECR::ReplicationConfiguration", "Properties": {
                "ReplicationConfiguration": {"Rules": [rule("team0/"), rule("team1/")]}}},
            "GitHub": {"Type": "AWS::IAM::OIDCProvider", "Properties": {
                "Url": f"https://token.{self.tag}.example.com", "ClientIdList": ["sts.amazonaws.com"],
                "Tags": [{"Key": "team", "Value": "platform"}]}},
        }, "Outputs": {"ProviderArn": {"Value": att("GitHub", "Arn")}}}
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        self.assertEqual(ids["Replication"], ACCOUNT)
        rules = ecr.describe_registry()["replicationConfiguration"]["rules"]
        self.assertEqual([(r["destinations"], r["repositoryFilters"]) for r in rules],
                         [([{"region": "eu-west-1", "registryId": ACCOUNT}], [{"filter": f"team{i}/", "filterType": "PREFIX_MATCH"}])
                          for i in (0, 1)])
        self.assertEqual(ids["GitHub"], f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.{self.tag}.example.com")
        self.assertEqual(outputs(stack)["ProviderArn"], ids["GitHub"])
        provider = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ids["GitHub"])
        self.assertEqual((provider["ClientIDList"], provider["Tags"]), (["sts.amazonaws.com"], [{"Key": "team", "Value": "platform"}]))

        updated = copy.deepcopy(template)
        updated["Resources"]["Replication"]["Properties"]["ReplicationConfiguration"]["Rules"] = [rule("apps/")]
        updated["Resources"]["GitHub"]["Properties"].update(ClientIdList=["sts.amazonaws.com", "other"], Tags=[])
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual([r["repositoryFilters"][0]["filter"] for r in ecr.describe_registry()["replicationConfiguration"]["rules"]], ["apps/"])
        provider = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ids["GitHub"])
        self.assertEqual((provider["ClientIDList"], provider.get("Tags", [])), (["sts.amazonaws.com", "other"], []))
        self.delete(name)
        self.assertEqual(ecr.describe_registry()["replicationConfiguration"]["rules"], [])
        with self.assertRaises(ClientError):
            iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ids["GitHub"])


class CloudWatchAlarmTest(ModelTest):
    def test_a_metric_math_alarm_is_put_updated_and_deleted(self) -> None:
        cw, name = client("cloudwatch"), self.name("alarms")
        metric = lambda i, metric_name: {"Id": i, "ReturnData": False, "MetricStat": {  # noqa: E731
            "Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": metric_name,
                       "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/web/0123"}]},
            "Period": 60, "Stat": "Sum"}}
        template = {"Resources": {"Errors": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
            "AlarmDescription": "5xx above 5%", "ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 3,
            "DatapointsToAlarm": 2, "Threshold": 5, "TreatMissingData": "notBreaching",
            "Metrics": [{"Id": "expr_1", "Expression": "IF(r0 > 0, 100 * e0 / r0, 0)", "Label": "rate"},
                        metric("e0", "HTTPCode_Target_5XX_Count"), metric("r0", "RequestCount")]}}},
            "Outputs": {"Arn": {"Value": att("Errors", "Arn")}}}
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        alarm_name = physical_ids(name)["Errors"]
        self.assertTrue(alarm_name.startswith(f"{name}-Errors"), alarm_name)
        alarm = cw.describe_alarms(AlarmNames=[alarm_name])["MetricAlarms"][0]
        self.assertEqual(outputs(stack)["Arn"], alarm["AlarmArn"])
        self.assertEqual((alarm["Threshold"], alarm["EvaluationPeriods"], alarm["DatapointsToAlarm"], alarm["TreatMissingData"]),
                         (5.0, 3, 2, "notBreaching"))
        queries = {q["Id"]: q for q in alarm["Metrics"]}
        self.assertEqual(queries["expr_1"]["Expression"], "IF(r0 > 0, 100 * e0 / r0, 0)")
        self.assertEqual(queries["e0"]["MetricStat"]["Metric"]["MetricName"], "HTTPCode_Target_5XX_Count")
        self.assertEqual(queries["r0"]["MetricStat"]["Metric"]["Dimensions"], [{"Name": "TargetGroup", "Value": "targetgroup/web/0123"}])

        updated = copy.deepcopy(template)
        updated["Resources"]["Errors"]["Properties"]["Threshold"] = 10
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(cw.describe_alarms(AlarmNames=[alarm_name])["MetricAlarms"][0]["Threshold"], 10.0)
        self.delete(name)
        self.assertEqual(cw.describe_alarms(AlarmNames=[alarm_name])["MetricAlarms"], [])

    def test_an_unknown_property_fails_the_alarm(self) -> None:
        name = self.name("alarm-bad")
        template = {"Resources": {"Bad": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
            "ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 1, "Threshold": 1,
            "MetricName": "CPUUtilization", "Namespace": "AWS/ECS", "Period": 60, "Statistic": "Average", "Nonsense": 1}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn("Nonsense", self.failure(name))


class HttpNamespaceTest(ModelTest):
    def test_an_http_namespace_is_created_tagged_updated_and_deleted(self) -> None:
        sd, name = client("servicediscovery"), self.name("namespace")
        template = {"Resources": {"Ns": {"Type": "AWS::ServiceDiscovery::HttpNamespace", "Properties": {
            "Name": f"shop-{self.tag}", "Description": "shop", "Tags": [{"Key": "team", "Value": "shop"}]}}},
            "Outputs": {"Arn": {"Value": att("Ns", "Arn")}, "Id": {"Value": att("Ns", "Id")}}}
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ns_id = physical_ids(name)["Ns"]
        self.assertEqual(outputs(stack)["Id"], ns_id)
        namespace = sd.get_namespace(Id=ns_id)["Namespace"]
        self.assertEqual((namespace["Name"], namespace["Type"], namespace["Arn"]), (f"shop-{self.tag}", "HTTP", outputs(stack)["Arn"]))
        self.assertEqual(sd.list_tags_for_resource(ResourceARN=namespace["Arn"])["Tags"], [{"Key": "team", "Value": "shop"}])
        updated = copy.deepcopy(template)
        updated["Resources"]["Ns"]["Properties"].update(Description="shop v2", Tags=[])
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(sd.list_tags_for_resource(ResourceARN=namespace["Arn"])["Tags"], [])
        self.delete(name)
        with self.assertRaises(ClientError):
            sd.get_namespace(Id=ns_id)


class CertificateAndListenerTest(ModelTest):
    def template(self, certificate: Any) -> dict:
        resources = network()
        resources.update({
            "Igw": {"Type": "AWS::EC2::InternetGateway", "Properties": {}},
            "Attach": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": ref("Vpc"), "InternetGatewayId": ref("Igw")}},
            "LbSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "lb", "VpcId": ref("Vpc")}},
            "Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "DependsOn": ["Attach"], "Properties": {
                "Scheme": "internet-facing", "Type": "application", "Subnets": SUBNETS, "SecurityGroups": [att("LbSg", "GroupId")]}},
            "Targets": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {
                "Port": 8080, "Protocol": "HTTP", "TargetType": "ip", "VpcId": ref("Vpc")}},
            "Https": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "LoadBalancerArn": ref("Lb"), "Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "Certificates": [{"CertificateArn": certificate}],
                "DefaultActions": [{"Type": "forward", "TargetGroupArn": ref("Targets")}]}},
        })
        return {"Resources": resources}

    def test_a_listener_takes_an_imported_certificate_arn_of_this_account_and_region(self) -> None:
        elbv2, name = client("elbv2"), self.name("listener")
        imported = f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/{uuid.uuid4()}"
        self.assertEqual(deploy(name, self.template(imported))["StackStatus"], "CREATE_COMPLETE")
        listener = elbv2.describe_listeners(ListenerArns=[physical_ids(name)["Https"]])["Listeners"][0]
        self.assertEqual((listener["Port"], listener["Protocol"], listener["Certificates"]), (443, "HTTPS", [{"CertificateArn": imported}]))
        self.delete(name)
        for case, arn in (("other-region", f"arn:aws:acm:eu-west-1:{ACCOUNT}:certificate/{uuid.uuid4()}"),
                          ("malformed", f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/not-a-certificate")):
            with self.subTest(case=case):
                bad = self.name(f"listener-{case}")
                self.assertEqual(deploy(bad, self.template(arn))["StackStatus"], "ROLLBACK_COMPLETE")
                self.assertIn("Certificate", self.failure(bad))

    def test_a_certificate_is_requested_validated_through_its_hosted_zone_and_used_by_a_listener(self) -> None:
        acm, route53, name = client("acm"), client("route53"), self.name("certificate")
        zone = f"models-{self.tag}.example.com"
        template = self.template(ref("Cert"))
        template["Resources"].update({
            "Zone": {"Type": "AWS::Route53::HostedZone", "Properties": {"Name": zone}},
            "Cert": {"Type": "AWS::CertificateManager::Certificate", "Properties": {
                "DomainName": f"app.{zone}", "SubjectAlternativeNames": [f"api.{zone}"], "ValidationMethod": "DNS",
                "DomainValidationOptions": [{"DomainName": f"app.{zone}", "HostedZoneId": ref("Zone")},
                                            {"DomainName": f"api.{zone}", "HostedZoneId": ref("Zone")}],
                "Tags": [{"Key": "team", "Value": "platform"}]}},
        })
        template["Outputs"] = {"CertArn": {"Value": ref("Cert")}}
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        cert = acm.describe_certificate(CertificateArn=ids["Cert"])["Certificate"]
        self.assertEqual(outputs(stack)["CertArn"], cert["CertificateArn"])
        self.assertEqual((cert["DomainName"], cert["Status"], cert["Type"]), (f"app.{zone}", "ISSUED", "AMAZON_ISSUED"))
        self.assertEqual(sorted(cert["SubjectAlternativeNames"]), sorted([f"app.{zone}", f"api.{zone}"]))
        self.assertEqual(cert["InUseBy"], [ids["Https"]])
        self.assertEqual(acm.list_tags_for_certificate(CertificateArn=ids["Cert"])["Tags"], [{"Key": "team", "Value": "platform"}])
        records = route53.list_resource_record_sets(HostedZoneId=ids["Zone"])["ResourceRecordSets"]
        cnames = sorted((r["Name"], r["ResourceRecords"][0]["Value"]) for r in records if r["Type"] == "CNAME")
        expected = sorted((o["ResourceRecord"]["Name"], o["ResourceRecord"]["Value"]) for o in cert["DomainValidationOptions"])
        self.assertEqual(cnames, expected)
        self.assertEqual(len(cnames), 2)
        listener = client("elbv2").describe_listeners(ListenerArns=[ids["Https"]])["Listeners"][0]
        self.assertEqual(listener["Certificates"], [{"CertificateArn": ids["Cert"]}])

        updated = copy.deepcopy(template)
        updated["Resources"]["Cert"]["Properties"]["Tags"] = [{"Key": "owner", "Value": "apps"}]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(physical_ids(name)["Cert"], ids["Cert"])
        self.assertEqual(acm.list_tags_for_certificate(CertificateArn=ids["Cert"])["Tags"], [{"Key": "owner", "Value": "apps"}])

        email = copy.deepcopy(template)  # moto validates by DNS only: email validation fails rather than pretend
        email["Resources"]["Cert"]["Properties"].update(ValidationMethod="EMAIL")
        del email["Resources"]["Cert"]["Properties"]["DomainValidationOptions"]
        email["Resources"]["Cert"]["Properties"]["DomainName"] = f"www.{zone}"
        other = self.name("certificate-email")
        self.assertEqual(deploy(other, {"Resources": {"Cert": email["Resources"]["Cert"]}})["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn("validates by DNS only", self.failure(other))


if __name__ == "__main__":
    unittest.main()
