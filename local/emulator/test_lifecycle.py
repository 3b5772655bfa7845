"""Stack lifecycle in the emulator, as CloudFormation does it: deletes that leave nothing behind but
what the template retains, updates that apply or fail (and roll back), failed creates that roll
back, and cross-stack references (exports/imports and Fn::GetStackOutput).

Each test deploys through change sets, like the CDK CLI, and reads back through the service APIs.
Run: python3 -m unittest discover -s local/emulator -p 'test_*.py'
"""

from __future__ import annotations

import copy
import json
import unittest
import uuid
from typing import Any, Callable

import boto3
from botocore.exceptions import ClientError

import test_emulator as emulator
from test_emulator import ACCOUNT, SUBNETS, StackTestCase, client, deploy, network, physical_ids, trust

setUpModule = emulator.setUpModule  # one emulator for this module, started and stopped like test_emulator's
tearDownModule = emulator.tearDownModule

Inventory = dict[str, list[str]]


def _pages(call: Callable[..., dict], key: str, token: str = "NextToken", **kwargs: Any) -> list[Any]:
    items, kwargs = [], dict(kwargs)
    while True:
        page = call(**kwargs)
        items += page.get(key) or []
        if not page.get(token):
            return items
        kwargs[token] = page[token]


def inventory() -> Inventory:
    """What lives in the account, by kind, through the service APIs (the harness's clean-account
    check in Python): ids of live objects only, so terminated instances, deleted NAT gateways,
    INACTIVE ECS objects, deregistered task definitions and keys pending deletion are gone."""
    ec2, ecs, eks, iam, kms = (client(s) for s in ("ec2", "ecs", "eks", "iam", "kms"))
    clusters = _pages(ecs.list_clusters, "clusterArns", "nextToken")
    described = ecs.describe_clusters(clusters=clusters)["clusters"] if clusters else []
    services = []
    for cluster in clusters:
        arns = _pages(ecs.list_services, "serviceArns", "nextToken", cluster=cluster)
        for i in range(0, len(arns), 10):
            services += [s["serviceArn"] for s in ecs.describe_services(cluster=cluster, services=arns[i:i + 10])["services"]
                         if s["status"] in ("ACTIVE", "DRAINING")]
    eks_clusters = _pages(eks.list_clusters, "clusters", "nextToken")
    keys = []
    for key in _pages(kms.list_keys, "Keys", "NextMarker"):
        meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if meta["KeyManager"] == "CUSTOMER" and meta["KeyState"] != "PendingDeletion":
            keys.append(key["KeyId"])
    found = {
        "ec2:instance": [i["InstanceId"] for r in _pages(ec2.describe_instances, "Reservations") for i in r["Instances"]
                         if i["State"]["Name"] != "terminated"],
        "ec2:network-interface": [f"{n['NetworkInterfaceId']} ({n.get('Description', '')})"
                                  for n in _pages(ec2.describe_network_interfaces, "NetworkInterfaces")],
        "ec2:volume": [v["VolumeId"] for v in _pages(ec2.describe_volumes, "Volumes") if v["State"] != "deleted"],
        "ec2:vpc": [v["VpcId"] for v in _pages(ec2.describe_vpcs, "Vpcs") if not v.get("IsDefault")],
        "ec2:subnet": [s["SubnetId"] for s in _pages(ec2.describe_subnets, "Subnets") if not s.get("DefaultForAz")],
        "ec2:security-group": [g["GroupId"] for g in _pages(ec2.describe_security_groups, "SecurityGroups")
                               if g["GroupName"] != "default"],
        "ec2:route-table": [r["RouteTableId"] for r in _pages(ec2.describe_route_tables, "RouteTables")
                            if not any(a.get("Main") for a in r.get("Associations") or [])],
        "ec2:internet-gateway": [g["InternetGatewayId"] for g in _pages(ec2.describe_internet_gateways, "InternetGateways")],
        "ec2:nat-gateway": [n["NatGatewayId"] for n in _pages(ec2.describe_nat_gateways, "NatGateways")
                            if n["State"] not in ("deleted", "failed")],
        "ec2:elastic-ip": [a["AllocationId"] for a in ec2.describe_addresses()["Addresses"]],
        "ec2:vpc-endpoint": [e["VpcEndpointId"] for e in _pages(ec2.describe_vpc_endpoints, "VpcEndpoints")
                             if e["State"].lower() != "deleted"],
        "ec2:flow-log": [f["FlowLogId"] for f in _pages(ec2.describe_flow_logs, "FlowLogs")],
        "ec2:launch-template": [t["LaunchTemplateName"] for t in _pages(ec2.describe_launch_templates, "LaunchTemplates")],
        "autoscaling:group": [g["AutoScalingGroupName"] for g in
                              _pages(client("autoscaling").describe_auto_scaling_groups, "AutoScalingGroups")],
        "ecs:cluster": [c["clusterArn"] for c in described if c["status"] == "ACTIVE"],
        "ecs:service": services,
        "ecs:task-definition": _pages(ecs.list_task_definitions, "taskDefinitionArns", "nextToken", status="ACTIVE"),
        "ecs:capacity-provider": [c["name"] for c in ecs.describe_capacity_providers()["capacityProviders"]
                                  if c["status"] == "ACTIVE" and c["name"] not in ("FARGATE", "FARGATE_SPOT")],
        "eks:cluster": eks_clusters,
        "eks:nodegroup": [f"{c}/{n}" for c in eks_clusters for n in _pages(eks.list_nodegroups, "nodegroups", "nextToken", clusterName=c)],
        "eks:fargate-profile": [f"{c}/{n}" for c in eks_clusters
                                for n in _pages(eks.list_fargate_profiles, "fargateProfileNames", "nextToken", clusterName=c)],
        "ecr:repository": [r["repositoryName"] for r in _pages(client("ecr").describe_repositories, "repositories", "nextToken")],
        "iam:role": [r["RoleName"] for r in _pages(iam.list_roles, "Roles", "Marker")],
        "iam:policy": [p["PolicyName"] for p in _pages(iam.list_policies, "Policies", "Marker", Scope="Local")],
        "iam:instance-profile": [p["InstanceProfileName"] for p in _pages(iam.list_instance_profiles, "InstanceProfiles", "Marker")],
        "kms:key": keys,
        "logs:log-group": [g["logGroupName"] for g in _pages(client("logs").describe_log_groups, "logGroups", "nextToken")],
        "ssm:parameter": [p["Name"] for p in _pages(client("ssm").describe_parameters, "Parameters")],
        "s3:bucket": [b["Name"] for b in client("s3").list_buckets()["Buckets"]],
    }
    return {kind: sorted(ids) for kind, ids in found.items()}


def inventory_diff(before: Inventory, after: Inventory) -> list[str]:
    lines = []
    for kind in before:
        lines += [f"+{kind} {i}" for i in sorted(set(after[kind]) - set(before[kind]))]
        lines += [f"-{kind} {i}" for i in sorted(set(before[kind]) - set(after[kind]))]
    return lines


def ref(name: str) -> dict:
    return {"Ref": name}


def att(name: str, attribute: str) -> dict:
    return {"Fn::GetAtt": [name, attribute]}


ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
KEY_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}]}


def everything_template(tag: str) -> dict:
    """Most of what this library's apps create, with a VPC: network (IGW, NAT + EIP, gateway and
    interface endpoints, flow log), IAM (roles, inline + managed policies, instance profile), an
    Auto Scaling group of 2 running instances protected from scale-in, ECS (cluster, capacity
    provider, task definition, service), EKS (cluster, node group, Fargate profile), KMS, logs,
    SSM, S3 and ECR, with Retain / RetainExceptOnCreate / Delete policies."""
    resources = network()
    resources.update({
        "Igw": {"Type": "AWS::EC2::InternetGateway", "Properties": {}},
        "Attach": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": ref("Vpc"), "InternetGatewayId": ref("Igw")}},
        "PublicRt": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": ref("Vpc")}},
        "PublicAssoc": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"RouteTableId": ref("PublicRt"), "SubnetId": ref("SubnetA")}},
        "Default": {"Type": "AWS::EC2::Route", "DependsOn": ["Attach"], "Properties": {
            "RouteTableId": ref("PublicRt"), "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": ref("Igw")}},
        "Eip": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"}},
        "Nat": {"Type": "AWS::EC2::NatGateway", "Properties": {"SubnetId": ref("SubnetA"), "AllocationId": att("Eip", "AllocationId")}},
        "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "tasks", "VpcId": ref("Vpc")}},
        "SgIn": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
            "GroupId": att("Sg", "GroupId"), "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}},
        "S3Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {
            "VpcId": ref("Vpc"), "ServiceName": "com.amazonaws.us-east-1.s3", "RouteTableIds": [ref("PublicRt")], "VpcEndpointType": "Gateway"}},
        "EcrEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {
            "VpcId": ref("Vpc"), "ServiceName": "com.amazonaws.us-east-1.ecr.api", "SubnetIds": SUBNETS,
            "VpcEndpointType": "Interface", "SecurityGroupIds": [att("Sg", "GroupId")]}},
        "FlowLogs": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Delete", "Properties": {"RetentionInDays": 7}},
        "FlowRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("vpc-flow-logs.amazonaws.com")}},
        "Flow": {"Type": "AWS::EC2::FlowLog", "Properties": {
            "ResourceId": ref("Vpc"), "ResourceType": "VPC", "TrafficType": "ALL", "LogGroupName": ref("FlowLogs"),
            "DeliverLogsPermissionArn": att("FlowRole", "Arn")}},
        "NodeRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("ec2.amazonaws.com")}},
        "Inline": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "read", "Roles": [ref("NodeRole")], "PolicyDocument": ALLOW_ALL}},
        "Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": [ref("NodeRole")], "PolicyDocument": ALLOW_ALL}},
        "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [ref("NodeRole")]}},
        "LaunchTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {
            "ImageId": "ami-12c6146b", "InstanceType": "t3.medium", "IamInstanceProfile": {"Arn": att("Profile", "Arn")},
            "SecurityGroupIds": [att("Sg", "GroupId")]}}},
        "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
            "MinSize": "2", "MaxSize": "3", "DesiredCapacity": "2", "NewInstancesProtectedFromScaleIn": True, "VPCZoneIdentifier": SUBNETS,
            "LaunchTemplate": {"LaunchTemplateId": ref("LaunchTemplate"), "Version": att("LaunchTemplate", "LatestVersionNumber")}}},
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {}},
        "Provider": {"Type": "AWS::ECS::CapacityProvider", "Properties": {"AutoScalingGroupProvider": {
            "AutoScalingGroupArn": ref("Asg"), "ManagedScaling": {"Status": "ENABLED", "TargetCapacity": 100},
            "ManagedTerminationProtection": "ENABLED"}}},
        "Associations": {"Type": "AWS::ECS::ClusterCapacityProviderAssociations", "Properties": {
            "Cluster": ref("Cluster"), "CapacityProviders": [ref("Provider")],
            "DefaultCapacityProviderStrategy": [{"CapacityProvider": ref("Provider"), "Weight": 1}]}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "Family": f"life-{tag}", "Memory": "512", "ContainerDefinitions": [{"Name": "w", "Image": "busybox", "Memory": 256}]}},
        "Service": {"Type": "AWS::ECS::Service", "Properties": {"Cluster": ref("Cluster"), "TaskDefinition": ref("Task"), "DesiredCount": 1}},
        "ClusterRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("eks.amazonaws.com")}},
        "PodRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("eks-fargate-pods.amazonaws.com")}},
        "Eks": {"Type": "AWS::EKS::Cluster", "Properties": {"RoleArn": att("ClusterRole", "Arn"), "ResourcesVpcConfig": {"SubnetIds": SUBNETS}}},
        "Nodes": {"Type": "AWS::EKS::Nodegroup", "Properties": {
            "ClusterName": ref("Eks"), "NodeRole": att("NodeRole", "Arn"), "Subnets": SUBNETS,
            "ScalingConfig": {"MinSize": 1, "MaxSize": 2, "DesiredSize": 1}}},
        "Fargate": {"Type": "AWS::EKS::FargateProfile", "Properties": {
            "ClusterName": ref("Eks"), "PodExecutionRoleArn": att("PodRole", "Arn"), "Subnets": SUBNETS, "Selectors": [{"Namespace": "apps"}]}},
        "Key": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Delete", "Properties": {"KeyPolicy": KEY_POLICY, "PendingWindowInDays": 7}},
        "KeptKey": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "Properties": {"KeyPolicy": KEY_POLICY}},
        "Alias": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": f"alias/life-{tag}", "TargetKeyId": ref("Key")}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Delete", "Properties": {
            "LogGroupName": f"/life/{tag}/delete", "KmsKeyId": att("Key", "Arn")}},
        "KeptLogs": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "RetainExceptOnCreate", "Properties": {"LogGroupName": f"/life/{tag}/kept"}},
        "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "v"}},
        "Bucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Delete", "Properties": {}},
        "KeptBucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "Properties": {}},
        "Repo": {"Type": "AWS::ECR::Repository", "DeletionPolicy": "Delete", "Properties": {"RepositoryName": f"life/{tag}/delete", "EmptyOnDelete": True}},
        "KeptRepo": {"Type": "AWS::ECR::Repository", "DeletionPolicy": "Retain", "Properties": {"RepositoryName": f"life/{tag}/kept"}},
    })
    return {"Resources": resources}


class LifecycleTest(StackTestCase):
    def status(self, stack_id: str) -> str:
        return self.cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]

    def events(self, stack: str) -> list[tuple[str, str, str]]:
        """(logical id, status, reason), oldest first."""
        events = self.cfn.describe_stack_events(StackName=stack)["StackEvents"][::-1]
        return [(e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason") or "") for e in events]

    def change_set(self, name: str, template: dict, kind: str = "UPDATE") -> dict:
        return self.cfn.create_change_set(StackName=name, ChangeSetName=f"cs-{uuid.uuid4().hex[:6]}", ChangeSetType=kind,
                                          TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])


class DeleteTest(LifecycleTest):
    def test_a_deleted_stack_has_no_outputs_and_recreates_nothing(self) -> None:
        # `cdk destroy` polls DescribeStacks with the deleted stack's id: its outputs must not bring back
        # the resources they name (moto re-created the KMS key behind an exported ARN on each poll).
        name = self.name("outputs")
        stack = deploy(name, {"Resources": {"Key": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Delete", "Properties": {
            "KeyPolicy": KEY_POLICY, "PendingWindowInDays": 7}}}, "Outputs": {"KeyArn": {
                "Value": {"Fn::GetAtt": ["Key", "Arn"]}, "Export": {"Name": f"{name}-key-arn"}}}})
        self.assertEqual([o["OutputKey"] for o in stack["Outputs"]], ["KeyArn"])
        before = inventory()
        self.cfn.delete_stack(StackName=name)
        deleted = self.cfn.describe_stacks(StackName=stack["StackId"])["Stacks"][0]
        self.assertEqual(deleted["StackStatus"], "DELETE_COMPLETE")
        self.assertNotIn("Outputs", deleted)
        self.cfn.describe_stacks(StackName=stack["StackId"])
        self.assertEqual(inventory_diff(before, inventory()), [f"-kms:key {stack['Outputs'][0]['OutputValue'].split('/')[-1]}"])

    def test_delete_leaves_only_what_the_template_retains(self) -> None:
        ec2, tag = client("ec2"), uuid.uuid4().hex[:6]
        before = inventory()
        name = self.name("everything")
        stack = deploy(name, everything_template(tag))
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        deployed = inventory()
        group = client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[ids["Asg"]])["AutoScalingGroups"][0]
        instance_ids = sorted(i["InstanceId"] for i in group["Instances"])
        self.assertEqual(len(instance_ids), 2)
        self.assertTrue(all(i["ProtectedFromScaleIn"] for i in group["Instances"]))
        reservations = ec2.describe_instances(InstanceIds=instance_ids)["Reservations"]
        instances = [i for r in reservations for i in r["Instances"]]
        enis = sorted(n["NetworkInterfaceId"] for i in instances for n in i["NetworkInterfaces"])
        volumes = sorted(m["Ebs"]["VolumeId"] for i in instances for m in i["BlockDeviceMappings"])
        self.assertEqual((len(enis), len(volumes)), (2, 2))
        nat = ec2.describe_nat_gateways(NatGatewayIds=[ids["Nat"]])["NatGateways"][0]
        nat_eni = nat["NatGatewayAddresses"][0]["NetworkInterfaceId"]
        described = ec2.describe_network_interfaces(NetworkInterfaceIds=[nat_eni])["NetworkInterfaces"][0]
        self.assertEqual(described["Description"], f"Interface for NAT Gateway {ids['Nat']}")
        endpoint_enis = ec2.describe_vpc_endpoints(VpcEndpointIds=[ids["EcrEndpoint"]])["VpcEndpoints"][0]["NetworkInterfaceIds"]
        self.assertEqual(len(endpoint_enis), 2)
        self.assertEqual({n["Description"] for n in ec2.describe_network_interfaces(NetworkInterfaceIds=endpoint_enis)["NetworkInterfaces"]},
                         {f"VPC Endpoint Interface {ids['EcrEndpoint']}"})
        created = inventory_diff(before, deployed)
        for kind, count in (("ec2:network-interface", 5), ("iam:role", 4), ("kms:key", 2), ("logs:log-group", 3),
                            ("s3:bucket", 2), ("ecr:repository", 2), ("ec2:security-group", 2), ("eks:nodegroup", 1)):
            self.assertEqual(len([c for c in created if c.startswith(f"+{kind} ")]), count, (kind, created))
        task_definition = physical_ids(name)["Task"]

        self.cfn.delete_stack(StackName=name)
        self.assertEqual(self.status(stack["StackId"]), "DELETE_COMPLETE")
        after = inventory()
        retained = {f"+kms:key {ids['KeptKey']}", f"+logs:log-group /life/{tag}/kept", f"+s3:bucket {ids['KeptBucket']}",
                    f"+ecr:repository life/{tag}/kept"}
        self.assertEqual(set(inventory_diff(before, after)), retained)  # nothing else left, nothing else gone

        states = {i["InstanceId"]: i["State"]["Name"] for r in ec2.describe_instances(InstanceIds=instance_ids)["Reservations"]
                  for i in r["Instances"]}
        self.assertEqual(states, dict.fromkeys(instance_ids, "terminated"))  # protected from scale-in, still terminated
        live_enis = {n["NetworkInterfaceId"] for n in ec2.describe_network_interfaces()["NetworkInterfaces"]}
        self.assertEqual(live_enis & {*enis, nat_eni, *endpoint_enis}, set())
        self.assertEqual({v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]} & set(volumes), set())
        ecs = client("ecs")
        revision = ecs.describe_task_definition(taskDefinition=task_definition)["taskDefinition"]
        self.assertEqual((revision["status"], revision["taskDefinitionArn"]), ("INACTIVE", task_definition))
        key = client("kms").describe_key(KeyId=ids["Key"])["KeyMetadata"]
        self.assertEqual((key["KeyState"], key["Enabled"]), ("PendingDeletion", False))
        pending_days = (key["DeletionDate"] - key["CreationDate"]).total_seconds() / 86400
        self.assertAlmostEqual(pending_days, 7, delta=0.1)  # PendingWindowInDays
        self.assertEqual(client("kms").describe_key(KeyId=ids["KeptKey"])["KeyMetadata"]["KeyState"], "Enabled")
        skipped = {e[0] for e in self.events(stack["StackId"]) if e[1] == "DELETE_SKIPPED"}
        self.assertEqual(skipped, {"KeptKey", "KeptLogs", "KeptBucket", "KeptRepo"})

    def test_failed_delete_keeps_the_stack_until_a_delete_succeeds(self) -> None:
        name, s3, ssm = self.name("undeletable"), client("s3"), client("ssm")
        template = {"Resources": {
            "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
            "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "v"}}}}
        stack = deploy(name, template)
        ids = physical_ids(name)
        s3.put_object(Bucket=ids["Bucket"], Key="data", Body=b"1")

        self.cfn.delete_stack(StackName=name)
        self.assertEqual(self.status(name), "DELETE_FAILED")  # still found by name: the stack is kept
        failed = [e for e in self.events(name) if e[1] == "DELETE_FAILED"]
        self.assertEqual(failed[0][0], "Bucket")
        self.assertIn("The bucket you tried to delete is not empty", failed[0][2])
        self.assertIn("[Bucket]", failed[-1][2])
        with self.assertRaises(ClientError):  # what could be deleted was
            ssm.get_parameter(Name=ids["Param"])
        self.assertEqual([r["LogicalResourceId"] for r in self.cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
                          if r["PhysicalResourceId"]], ["Bucket"])
        with self.assertRaises(ClientError) as refused:  # a DELETE_FAILED stack can only be deleted
            self.change_set(name, template)
        self.assertIn("DELETE_FAILED state and can not be updated", str(refused.exception))

        self.cfn.delete_stack(StackName=name, RetainResources=["Bucket"])  # the console's "retain and delete"
        self.assertEqual(self.status(stack["StackId"]), "DELETE_COMPLETE")
        self.assertEqual(s3.get_object(Bucket=ids["Bucket"], Key="data")["Body"].read(), b"1")
        s3.delete_object(Bucket=ids["Bucket"], Key="data")
        s3.delete_bucket(Bucket=ids["Bucket"])


def eks_cluster_template(version: str = "1.32", **cluster: Any) -> dict:
    resources = network()
    resources["Other"] = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.9.0.0/16"}}
    resources["OtherSubnet"] = {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": ref("Other"), "CidrBlock": "10.9.0.0/24"}}
    resources["ClusterRole"] = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("eks.amazonaws.com")}}
    resources["Marker"] = {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "v1"}}
    props = {"RoleArn": att("ClusterRole", "Arn"), "Version": version,
             "ResourcesVpcConfig": {"SubnetIds": SUBNETS, "EndpointPublicAccess": True, "EndpointPrivateAccess": False},
             "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}]}},
             "AccessConfig": {"AuthenticationMode": "API_AND_CONFIG_MAP", "BootstrapClusterCreatorAdminPermissions": False},
             "UpgradePolicy": {"SupportType": "STANDARD"}, "DeletionProtection": True,
             "Tags": [{"Key": "team", "Value": "platform"}, {"Key": "stage", "Value": "dev"}]}
    props.update(cluster)
    resources["Cluster"] = {"Type": "AWS::EKS::Cluster", "Properties": props}
    return {"Resources": resources}


class EksUpdateTest(LifecycleTest):
    def test_cluster_update_applies_every_property_moto_can_hold(self) -> None:
        name, eks = self.name("eks-update"), client("eks")
        stack = deploy(name, eks_cluster_template())
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        cluster_name = physical_ids(name)["Cluster"]
        created = eks.describe_cluster(name=cluster_name)["cluster"]
        self.assertEqual((created["deletionProtection"], created["accessConfig"]["authenticationMode"],
                          created["upgradePolicy"]), (True, "API_AND_CONFIG_MAP", {"supportType": "STANDARD"}))
        self.assertEqual(created["logging"]["clusterLogging"], [
            {"types": ["api"], "enabled": True},
            {"types": ["audit", "authenticator", "controllerManager", "scheduler"], "enabled": False}])

        self.cfn.delete_stack(StackName=name)  # deletion protection is on: EKS refuses, the stack stays
        self.assertEqual(self.status(name), "DELETE_FAILED")
        self.assertIn("deletion protection", next(e[2] for e in self.events(name) if e[:2] == ("Cluster", "DELETE_FAILED")))
        self.assertEqual(eks.describe_cluster(name=cluster_name)["cluster"]["status"], "ACTIVE")
        self.cfn.delete_stack(StackName=name, RetainResources=["Cluster"])  # leaves it, as the console's retain does
        self.assertEqual(self.status(stack["StackId"]), "DELETE_COMPLETE")

        name = self.name("eks-update")
        deploy(name, eks_cluster_template())
        cluster_name = physical_ids(name)["Cluster"]
        created = eks.describe_cluster(name=cluster_name)["cluster"]
        updated = eks_cluster_template(
            "1.33", ResourcesVpcConfig={"SubnetIds": SUBNETS[:1], "EndpointPublicAccess": False, "EndpointPrivateAccess": True},
            Logging={"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}, {"Type": "scheduler"}]}},
            AccessConfig={"AuthenticationMode": "API", "BootstrapClusterCreatorAdminPermissions": False},
            UpgradePolicy={"SupportType": "EXTENDED"}, ZonalShiftConfig={"Enabled": True}, DeletionProtection=False,
            Tags=[{"Key": "team", "Value": "containers"}, {"Key": "owner", "Value": "me"}])
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        cluster = eks.describe_cluster(name=cluster_name)["cluster"]
        self.assertEqual((cluster["arn"], cluster["createdAt"]), (created["arn"], created["createdAt"]))  # in place
        self.assertEqual(cluster["version"], "1.33")
        vpc = cluster["resourcesVpcConfig"]
        self.assertEqual((vpc["subnetIds"], vpc["endpointPublicAccess"], vpc["endpointPrivateAccess"]),
                         ([physical_ids(name)["SubnetA"]], False, True))
        self.assertEqual(vpc["clusterSecurityGroupId"], created["resourcesVpcConfig"]["clusterSecurityGroupId"])
        self.assertEqual(cluster["logging"]["clusterLogging"][0], {"types": ["api", "audit", "scheduler"], "enabled": True})
        self.assertEqual(cluster["accessConfig"]["authenticationMode"], "API")
        self.assertEqual((cluster["upgradePolicy"], cluster["zonalShiftConfig"]), ({"supportType": "EXTENDED"}, {"enabled": True}))
        self.assertEqual(cluster["tags"], {"team": "containers", "owner": "me"})
        self.assertFalse(cluster["deletionProtection"])
        self.cfn.delete_stack(StackName=name)  # protection now off
        self.assertEqual(self.status(physical_ids_stack_id(self.cfn, name)), "DELETE_COMPLETE")
        self.assertNotIn(cluster_name, eks.list_clusters()["clusters"])

    def test_cluster_update_it_cannot_apply_fails_and_rolls_back(self) -> None:
        name, eks, ssm = self.name("eks-refused"), client("eks"), client("ssm")
        template = eks_cluster_template("1.32", DeletionProtection=False)
        deploy(name, template)
        ids = physical_ids(name)
        cases = {  # each: a change EKS refuses, with the reason it gives
            "Unsupported Kubernetes minor version update from 1.32 to 1.34": {"Version": "1.34"},
            "Unsupported authentication mode update from API_AND_CONFIG_MAP to CONFIG_MAP": {
                "AccessConfig": {"AuthenticationMode": "CONFIG_MAP", "BootstrapClusterCreatorAdminPermissions": False}},
            "are not in the cluster's VPC": {"ResourcesVpcConfig": {"SubnetIds": [ref("SubnetA"), ref("OtherSubnet")]}},
        }
        for reason, change in cases.items():
            with self.subTest(reason=reason):
                bad = copy.deepcopy(template)
                bad["Resources"]["Cluster"]["Properties"].update(change, Tags=[{"Key": "team", "Value": "x"}])
                bad["Resources"]["Marker"]["Properties"]["Value"] = "v2"  # updated before the cluster, then undone
                bad["Resources"]["Added"] = {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "new"}}
                self.assertEqual(deploy(name, bad, "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
                events = self.events(name)
                failure = next(e for e in reversed(events) if e[:2] == ("Cluster", "UPDATE_FAILED"))
                self.assertIn(reason, failure[2])
                self.assertIn("failed to update: [Cluster]", next(e[2] for e in reversed(events) if e[1] == "UPDATE_ROLLBACK_IN_PROGRESS"))
                cluster = eks.describe_cluster(name=ids["Cluster"])["cluster"]
                self.assertEqual((cluster["version"], cluster["tags"]["team"]), ("1.32", "platform"))
                self.assertEqual(ssm.get_parameter(Name=ids["Marker"])["Parameter"]["Value"], "v1")
                self.assertEqual(set(physical_ids(name)), set(ids))  # the added parameter was deleted again
                self.assertEqual(self.cfn.get_template(StackName=name)["TemplateBody"], template)

        bad = copy.deepcopy(template)
        bad["Resources"]["Cluster"]["Properties"]["Version"] = "1.31"  # no downgrades either
        stack = deploy(name, bad, "UPDATE", disable_rollback=True)  # `cdk deploy --no-rollback`
        self.assertEqual(stack["StackStatus"], "UPDATE_FAILED")
        self.assertIn("from 1.32 to 1.31", next(e[2] for e in reversed(self.events(name)) if e[1] == "UPDATE_FAILED"))
        self.cfn.delete_stack(StackName=name)  # an UPDATE_FAILED stack still deletes
        self.assertEqual(self.status(stack["StackId"]), "DELETE_COMPLETE")
        self.assertNotIn(ids["Cluster"], eks.list_clusters()["clusters"])

    def test_children_update_in_place_replace_or_fail(self) -> None:
        name, eks, ecs = self.name("eks-children"), client("eks"), client("ecs")
        template = eks_cluster_template("1.33", DeletionProtection=False)
        template["Resources"].update({
            "NodeRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("ec2.amazonaws.com")}},
            "NodeTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"InstanceType": "t3.large"}}},
            "OtherTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"InstanceType": "t3.large"}}},
            "Nodes": {"Type": "AWS::EKS::Nodegroup", "Properties": {
                "ClusterName": ref("Cluster"), "NodeRole": att("NodeRole", "Arn"), "Subnets": SUBNETS, "NodegroupName": "workers",
                "ScalingConfig": {"MinSize": 1, "MaxSize": 2, "DesiredSize": 1}, "Version": "1.32", "Tags": {"team": "a"},
                "LaunchTemplate": {"Id": ref("NodeTemplate"), "Version": "1"}}},
            "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
                "MinSize": "0", "MaxSize": "1", "VPCZoneIdentifier": SUBNETS,
                "LaunchTemplate": {"LaunchTemplateId": ref("NodeTemplate"), "Version": "1"}}},
            "Provider": {"Type": "AWS::ECS::CapacityProvider", "Properties": {
                "AutoScalingGroupProvider": {"AutoScalingGroupArn": ref("Asg"), "ManagedScaling": {"Status": "ENABLED"},
                                             "ManagedTerminationProtection": "DISABLED", "ManagedDraining": "ENABLED"},
                "Tags": [{"Key": "team", "Value": "a"}]}},
        })
        deploy(name, template)
        ids = physical_ids(name)
        cluster_name = ids["Cluster"]
        before = eks.describe_nodegroup(clusterName=cluster_name, nodegroupName="workers")["nodegroup"]

        updated = copy.deepcopy(template)
        nodes = updated["Resources"]["Nodes"]["Properties"]
        nodes.update(Version="1.33", ReleaseVersion="1.33.0-20250101", Tags={"team": "b"},
                     LaunchTemplate={"Id": ref("NodeTemplate"), "Version": "2"})
        provider = updated["Resources"]["Provider"]["Properties"]
        provider["AutoScalingGroupProvider"]["ManagedDraining"] = "DISABLED"
        provider["Tags"] = [{"Key": "team", "Value": "b"}]
        self.assertEqual(deploy(name, updated, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        ng = eks.describe_nodegroup(clusterName=cluster_name, nodegroupName="workers")["nodegroup"]
        self.assertEqual((ng["nodegroupArn"], ng["createdAt"]), (before["nodegroupArn"], before["createdAt"]))
        self.assertEqual((ng["version"], ng["releaseVersion"], ng["tags"], ng["launchTemplate"]["version"]),
                         ("1.33", "1.33.0-20250101", {"team": "b"}, "2"))
        cp = ecs.describe_capacity_providers(capacityProviders=[ids["Provider"]], include=["TAGS"])["capacityProviders"][0]
        self.assertEqual((cp["autoScalingGroupProvider"]["managedDraining"], cp["tags"]), ("DISABLED", [{"key": "team", "value": "b"}]))

        refusals = {  # changes CloudFormation or EKS refuses: each fails the update, which rolls back
            "Rename workers and update the stack again": ("Nodes", {"InstanceTypes": ["m6i.large"]}),
            "not to another launch template": ("Nodes", {"LaunchTemplate": {"Id": ref("OtherTemplate"), "Version": "1"}}),
            "is not supported for node group": ("Nodes", {"Version": "1.34"}),
            "cannot apply a change to ManagedInstancesProvider": ("Provider", {"ManagedInstancesProvider": {"InfrastructureRoleArn": "x"}}),
            "replacing a cluster that has node groups": ("Cluster", {"EncryptionConfig": [
                {"Provider": {"KeyArn": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1"}, "Resources": ["secrets"]}]}),
        }
        for reason, (logical_id, change) in refusals.items():
            with self.subTest(reason=reason):
                bad = copy.deepcopy(updated)
                bad["Resources"][logical_id]["Properties"].update(change)
                self.assertEqual(deploy(name, bad, "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
                failure = next(e for e in reversed(self.events(name)) if e[:2] == (logical_id, "UPDATE_FAILED"))
                self.assertIn(reason, failure[2])
                self.assertEqual(eks.describe_nodegroup(clusterName=cluster_name, nodegroupName="workers")["nodegroup"]["version"], "1.33")

        # an unnamed node group with a create-only change is replaced (a new name), as in CloudFormation
        replaced = copy.deepcopy(updated)
        del replaced["Resources"]["Nodes"]["Properties"]["NodegroupName"]
        self.assertEqual(deploy(name, replaced, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        replaced["Resources"]["Nodes"]["Properties"]["InstanceTypes"] = ["m6i.large"]
        first = physical_ids(name)["Nodes"]
        self.assertEqual(deploy(name, replaced, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        second = physical_ids(name)["Nodes"]
        self.assertNotEqual(first, second)
        self.assertEqual(eks.list_nodegroups(clusterName=cluster_name)["nodegroups"], [second.split("/")[1]])
        self.assertEqual(eks.describe_nodegroup(clusterName=cluster_name, nodegroupName=second.split("/")[1])["nodegroup"]["instanceTypes"],
                         ["m6i.large"])


def physical_ids_stack_id(cfn: Any, name: str) -> str:
    """The stack id of a stack (deleted stacks are found by id only)."""
    return next(s["StackId"] for s in cfn.list_stacks()["StackSummaries"] if s["StackName"] == name)


def broken() -> dict:
    """A resource moto 5.2.1 fails to create: an unnamed ECR repository (its generated name has capitals)."""
    return {"Type": "AWS::ECR::Repository", "Properties": {}}


class RollbackTest(LifecycleTest):
    def test_failed_create_rolls_back_and_the_stack_can_be_deleted_and_created_again(self) -> None:
        ssm, logs, kms = client("ssm"), client("logs"), client("kms")
        tag = uuid.uuid4().hex[:6]
        resources = network()
        resources.update({
            "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": ref("Vpc")}},
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("ecs-tasks.amazonaws.com")}},
            "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": f"/rollback/{tag}", "Type": "String", "Value": "v"}},
            "KeptKey": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "Properties": {"KeyPolicy": KEY_POLICY}},
            "Logs": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "RetainExceptOnCreate", "Properties": {"LogGroupName": f"/rollback/{tag}"}},
            "Broken": broken(),
        })
        template = {"Resources": resources, "Outputs": {"ParamName": {"Value": ref("Param")}}}
        before = inventory()
        name = self.name("rollback")
        stack = deploy(name, template)
        self.assertEqual(stack["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertNotIn("Outputs", stack)
        events = self.events(name)
        self.assertEqual(events[-1][1:], ("ROLLBACK_COMPLETE", ""))
        self.assertEqual(next(e for e in events if e[1] == "CREATE_FAILED")[0], "Broken")
        self.assertIn("The following resource(s) failed to create: [Broken]",
                      next(e[2] for e in events if e[1] == "ROLLBACK_IN_PROGRESS"))
        self.assertEqual(self.cfn.list_stack_resources(StackName=name)["StackResourceSummaries"], [])
        # what it created is gone, but a DeletionPolicy Retain key (RetainExceptOnCreate does not keep)
        left = inventory_diff(before, inventory())
        self.assertEqual(len(left), 1, left)
        self.assertTrue(left[0].startswith("+kms:key "))
        self.assertEqual(kms.describe_key(KeyId=left[0].split()[1])["KeyMetadata"]["KeyState"], "Enabled")
        with self.assertRaises(ClientError):
            ssm.get_parameter(Name=f"/rollback/{tag}")
        self.assertEqual(logs.describe_log_groups(logGroupNamePrefix=f"/rollback/{tag}")["logGroups"], [])

        with self.assertRaises(ClientError) as refused:  # as in CloudFormation: a ROLLBACK_COMPLETE stack can only be deleted
            self.change_set(name, template)
        self.assertIn("ROLLBACK_COMPLETE state and can not be updated", str(refused.exception))
        with self.assertRaises(ClientError) as exists:
            self.change_set(name, template, "CREATE")
        self.assertEqual(exists.exception.response["Error"]["Code"], "AlreadyExistsException")
        self.cfn.delete_stack(StackName=stack["StackId"])  # what the CDK CLI does before creating it again
        self.assertEqual(self.status(stack["StackId"]), "DELETE_COMPLETE")
        del resources["Broken"]
        again = deploy(name, template)
        self.assertEqual(again["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(ssm.get_parameter(Name=f"/rollback/{tag}")["Parameter"]["Value"], "v")
        self.assertEqual(again["Outputs"][0]["OutputValue"], f"/rollback/{tag}")

    def test_failed_update_rolls_back_to_the_previous_template(self) -> None:
        name, ssm, ec2 = self.name("update-rollback"), client("ssm"), client("ec2")
        tag = uuid.uuid4().hex[:6]

        def parameters() -> dict[str, str]:
            names = [p["Name"] for p in ssm.describe_parameters()["Parameters"] if p["Name"].startswith(f"/u/{tag}/")]
            return {n: ssm.get_parameter(Name=n)["Parameter"]["Value"] for n in names}

        def param(suffix: str, value: str) -> dict:
            return {"Type": "AWS::SSM::Parameter", "Properties": {"Name": f"/u/{tag}/{suffix}", "Type": "String", "Value": value}}

        v1 = {"Resources": {"Kept": param("kept", "1"), "Renamed": param("old", "1"), "Removed": param("removed", "1"),
                            "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}}},
              "Outputs": {"Renamed": {"Value": ref("Renamed")}}}
        stack = deploy(name, v1)
        vpc_id = physical_ids(name)["Vpc"]
        v2 = copy.deepcopy(v1)
        v2["Resources"]["Kept"]["Properties"]["Value"] = "2"  # updated in place
        v2["Resources"]["Renamed"]["Properties"]["Name"] = f"/u/{tag}/new"  # replaced
        del v2["Resources"]["Removed"]
        v2["Resources"]["Added"] = param("added", "2")
        v2["Resources"]["AddedSubnet"] = {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": ref("Vpc"), "CidrBlock": "10.1.0.0/24"}}
        # the failure comes after every resource change: an export name another stack already exports
        other = self.name("exporter")
        deploy(other, {"Resources": {"P": param("other", "x")}, "Outputs": {"O": {"Value": "x", "Export": {"Name": f"taken-{tag}"}}}})
        failing = copy.deepcopy(v2)
        failing["Outputs"]["Taken"] = {"Value": ref("Kept"), "Export": {"Name": f"taken-{tag}"}}

        self.assertEqual(deploy(name, failing, "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
        self.assertIn(f"Export with name taken-{tag} is already exported by stack {other}",
                      next(e[2] for e in reversed(self.events(name)) if e[1] == "UPDATE_ROLLBACK_IN_PROGRESS"))
        self.assertEqual(parameters(), {f"/u/{tag}/kept": "1", f"/u/{tag}/old": "1", f"/u/{tag}/removed": "1", f"/u/{tag}/other": "x"})
        self.assertEqual(ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"], [])
        self.assertEqual(self.cfn.get_template(StackName=name)["TemplateBody"], v1)
        self.assertEqual(sorted(physical_ids(name)), ["Kept", "Removed", "Renamed", "Vpc"])
        described = self.cfn.describe_stacks(StackName=name)["Stacks"][0]
        self.assertEqual(described["Outputs"][0]["OutputValue"], f"/u/{tag}/old")
        statuses = [e[1] for e in self.events(name)]
        self.assertEqual(statuses[-3:], ["UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                                         "UPDATE_ROLLBACK_COMPLETE"])

        self.assertEqual(deploy(name, v2, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")  # the same update, without the failure
        self.assertEqual(parameters(), {f"/u/{tag}/kept": "2", f"/u/{tag}/new": "1", f"/u/{tag}/added": "2", f"/u/{tag}/other": "x"})
        self.assertEqual(len(ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]), 1)
        self.cfn.delete_stack(StackName=name)
        self.assertEqual(self.status(stack["StackId"]), "DELETE_COMPLETE")

    def test_direct_create_stack_rolls_back_or_deletes_on_failure(self) -> None:
        ssm = client("ssm")
        for on_failure, final in (("ROLLBACK", "ROLLBACK_COMPLETE"), ("DELETE", "DELETE_COMPLETE"), ("DO_NOTHING", "CREATE_FAILED")):
            with self.subTest(on_failure=on_failure):
                name, param = self.name("direct"), f"/direct/{uuid.uuid4().hex[:6]}"
                stack_id = self.cfn.create_stack(StackName=name, OnFailure=on_failure, TemplateBody=json.dumps({"Resources": {
                    "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": param, "Type": "String", "Value": "v"}},
                    "Broken": broken()}}))["StackId"]
                self.assertEqual(self.status(stack_id), final)
                names = [p["Name"] for p in ssm.describe_parameters()["Parameters"]]
                self.assertEqual(param in names, on_failure == "DO_NOTHING")  # kept only without rollback
                self.cfn.delete_stack(StackName=stack_id)
                self.assertEqual(self.status(stack_id), "DELETE_COMPLETE")
                self.assertNotIn(param, [p["Name"] for p in ssm.describe_parameters()["Parameters"]])


class CrossStackTest(LifecycleTest):
    def producer(self, tag: str, value: str, export: bool = True) -> dict:
        outputs: dict[str, Any] = {
            "ParamName": {"Value": ref("Param")},
            "Literal": {"Value": value}}
        if export:  # what the CDK writes for a strong reference: Export Name "<stack>:ExportsOutput..."
            outputs["ParamName"]["Export"] = {"Name": {"Fn::Sub": "${AWS::StackName}:ExportsOutputRefParam"}}
            outputs["Literal"]["Export"] = {"Name": f"literal-{tag}"}
        return {"Resources": {"Param": {"Type": "AWS::SSM::Parameter", "Properties": {
            "Name": f"/x/{tag}/{value}", "Type": "String", "Value": value}}}, "Outputs": outputs}

    def test_strong_references_import_and_protect_the_export(self) -> None:
        ssm, tag = client("ssm"), uuid.uuid4().hex[:6]
        producer, consumer = self.name("producer"), self.name("consumer")
        deploy(producer, self.producer(tag, "a"))
        imported = {"Resources": {
            "Copy": {"Type": "AWS::SSM::Parameter", "Properties": {
                "Type": "String", "Value": {"Fn::ImportValue": f"{producer}:ExportsOutputRefParam"}}},
            "Literal": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Fn::ImportValue": f"literal-{tag}"}}}}}
        stack = deploy(consumer, imported)  # a CREATE change set (moto gave it no exports: ExportNotFound)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(consumer)
        self.assertEqual(ssm.get_parameter(Name=ids["Copy"])["Parameter"]["Value"], f"/x/{tag}/a")
        self.assertEqual(ssm.get_parameter(Name=ids["Literal"])["Parameter"]["Value"], "a")
        self.assertEqual(self.cfn.list_imports(ExportName=f"literal-{tag}")["Imports"], [consumer])

        # changing an imported export's value (here: the parameter's replacement renames it) is refused
        self.assertEqual(deploy(producer, self.producer(tag, "b"), "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
        reason = next(e[2] for e in reversed(self.events(producer)) if e[1] == "UPDATE_ROLLBACK_IN_PROGRESS")
        self.assertIn(f"Export {producer}:ExportsOutputRefParam cannot be updated as it is in use by {consumer}", reason)
        self.assertIn(f"Export literal-{tag} cannot be updated as it is in use by {consumer}", reason)
        self.assertEqual(ssm.get_parameter(Name=f"/x/{tag}/a")["Parameter"]["Value"], "a")  # rolled back to the old name
        with self.assertRaises(ClientError):
            ssm.get_parameter(Name=f"/x/{tag}/b")
        exports = {e["Name"]: e["Value"] for e in self.cfn.list_exports()["Exports"]}
        self.assertEqual(exports[f"literal-{tag}"], "a")
        # removing it is refused too, and so is deleting the producer
        unexported = self.producer(tag, "a", export=False)
        self.assertEqual(deploy(producer, unexported, "UPDATE")["StackStatus"], "UPDATE_ROLLBACK_COMPLETE")
        self.assertIn(f"Export literal-{tag} cannot be deleted as it is in use by {consumer}",
                      next(e[2] for e in reversed(self.events(producer)) if e[1] == "UPDATE_ROLLBACK_IN_PROGRESS"))
        self.cfn.delete_stack(StackName=producer)
        self.assertEqual(self.status(producer), "DELETE_FAILED")
        self.assertIn("cannot be deleted as it is in use by", self.events(producer)[-1][2])
        self.assertEqual(ssm.get_parameter(Name=f"/x/{tag}/a")["Parameter"]["Value"], "a")  # nothing was deleted

        # once the consumer is gone, the same changes go through
        self.cfn.delete_stack(StackName=consumer)
        with self.assertRaises(ClientError):
            self.cfn.list_imports(ExportName=f"literal-{tag}")
        self.cfn.delete_stack(StackName=producer)
        self.assertNotIn(f"literal-{tag}", [e["Name"] for e in self.cfn.list_exports()["Exports"]])
        with self.assertRaises(ClientError):
            ssm.get_parameter(Name=f"/x/{tag}/a")

        missing = self.name("consumer")  # an import of an export nobody makes fails the create, which rolls back
        self.assertEqual(deploy(missing, imported)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn("ExportNotFound", next(e[2] for e in self.events(missing) if e[1] == "CREATE_FAILED"))

    def test_weak_references_read_another_stacks_output(self) -> None:
        ssm, tag = client("ssm"), uuid.uuid4().hex[:6]
        producer = self.name("weak-producer")
        deploy(producer, self.producer(tag, "a", export=False))
        # the shape aws-cdk-lib 2.276 synthesizes with "@aws-cdk/core:defaultCrossStackReferences": "weak" (cdk init's default)
        weak = {"Fn::GetStackOutput": {"StackName": producer, "Region": "us-east-1", "OutputName": "ParamName"}}
        consumer_template = {"Resources": {"Copy": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": weak}}},
                             "Outputs": {"Seen": {"Value": weak}}}
        consumer = self.name("weak-consumer")
        stack = deploy(consumer, consumer_template)
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(ssm.get_parameter(Name=physical_ids(consumer)["Copy"])["Parameter"]["Value"], f"/x/{tag}/a")
        self.assertEqual(stack["Outputs"][0]["OutputValue"], f"/x/{tag}/a")

        # cross-region: the consumer in eu-west-1 reads the us-east-1 producer's output
        west = boto3.client("cloudformation", endpoint_url=emulator._endpoint, region_name="eu-west-1",
                                     aws_access_key_id="testing", aws_secret_access_key="testing")
        west_name = f"weak-west-{tag}"
        cs = west.create_change_set(StackName=west_name, ChangeSetName="cdk-deploy-change-set", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(consumer_template))
        west.execute_change_set(ChangeSetName=cs["Id"])
        west_stack = west.describe_stacks(StackName=west_name)["Stacks"][0]
        self.addCleanup(west.delete_stack, StackName=west_name)
        self.assertEqual((west_stack["StackStatus"], west_stack["Outputs"][0]["OutputValue"]), ("CREATE_COMPLETE", f"/x/{tag}/a"))

        # weak: the producer updates and deletes freely; a consumer update reads the current value
        self.assertEqual(deploy(producer, self.producer(tag, "b", export=False), "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        consumer_template["Resources"]["Copy"]["Properties"]["Description"] = "re-read"
        self.assertEqual(deploy(consumer, consumer_template, "UPDATE")["Outputs"][0]["OutputValue"], f"/x/{tag}/b")
        self.cfn.delete_stack(StackName=producer)
        self.assertIn(producer, [s["StackName"] for s in self.cfn.list_stacks(StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"]])

        # a missing output fails the create, with the reason
        gone = self.name("weak-consumer")
        self.assertEqual(deploy(gone, consumer_template)["StackStatus"], "ROLLBACK_COMPLETE")
        self.assertIn(f"stack {producer} does not exist", next(e[2] for e in self.events(gone) if e[1] == "CREATE_FAILED"))


if __name__ == "__main__":
    unittest.main()
