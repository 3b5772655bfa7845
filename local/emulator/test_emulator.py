"""Tests for the moto CloudFormation extension, through the real server and boto3.

Run: python3 -m unittest discover -s local/emulator -p 'test_*.py'
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
import unittest
import uuid

import boto3
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
REGION, ACCOUNT = "us-east-1", "123456789012"
_server: subprocess.Popen | None = None
_log = None
_endpoint = ""


def setUpModule() -> None:
    global _server, _endpoint, _log
    _log = open(os.environ.get("EMULATOR_LOG", os.devnull), "w")  # set EMULATOR_LOG=file to debug
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION)
    _server = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=_log, text=True)
    try:
        line = _server.stdout.readline()  # type: ignore[union-attr]
        if not line.startswith("EMULATOR READY "):
            raise RuntimeError(f"emulator did not start: {line!r}")
        _endpoint = line.split()[-1]
    except BaseException:
        tearDownModule()
        raise


def tearDownModule() -> None:
    if _server and _server.poll() is None:
        _server.terminate()
        try:
            _server.wait(15)
        except subprocess.TimeoutExpired:
            _server.kill()
            _server.wait()
    for stream in (_server and _server.stdout, _log):
        if stream:
            stream.close()


def client(service: str):  # type: ignore[no-untyped-def]
    return boto3.client(service, endpoint_url=_endpoint, region_name=REGION,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def trust(service: str) -> dict:
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}


def network() -> dict:
    return {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16", "EnableDnsHostnames": True, "EnableDnsSupport": True}},
        "SubnetA": {"Type": "AWS::EC2::Subnet", "Properties": {
            "VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a"}},
        "SubnetB": {"Type": "AWS::EC2::Subnet", "Properties": {
            "VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1b"}},
    }


SUBNETS = [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]


def eks_template() -> dict:
    resources = network()
    resources.update({
        "ClusterRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("eks.amazonaws.com")}},
        "NodeRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("ec2.amazonaws.com")}},
        "PodRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("eks-fargate-pods.amazonaws.com")}},
        "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {  # unnamed, as the CDK leaves it
            "RoleArn": {"Fn::GetAtt": ["ClusterRole", "Arn"]}, "Version": "1.33",
            "ResourcesVpcConfig": {"SubnetIds": SUBNETS, "EndpointPublicAccess": True, "EndpointPrivateAccess": True},
            "KubernetesNetworkConfig": {"ServiceIpv4Cidr": "172.20.0.0/16"},
            "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}]}},
            "Tags": [{"Key": "project", "Value": "cdk-containers"}]}},
        "Nodes": {"Type": "AWS::EKS::Nodegroup", "Properties": {
            "ClusterName": {"Ref": "Cluster"}, "NodeRole": {"Fn::GetAtt": ["NodeRole", "Arn"]}, "Subnets": SUBNETS,
            "ScalingConfig": {"MinSize": 1, "MaxSize": 3, "DesiredSize": 2}, "InstanceTypes": ["t4g.large"],
            "AmiType": "AL2023_ARM_64_STANDARD", "CapacityType": "SPOT", "Labels": {"role": "worker"},
            "Tags": {"team": "platform"}}},
        "Fargate": {"Type": "AWS::EKS::FargateProfile", "Properties": {
            "ClusterName": {"Ref": "Cluster"}, "PodExecutionRoleArn": {"Fn::GetAtt": ["PodRole", "Arn"]},
            "Subnets": SUBNETS, "Selectors": [{"Namespace": "apps", "Labels": [{"Key": "app", "Value": "web"}]}]}},
        "FromVpc": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {  # proves the cluster SG is real
            "GroupId": {"Fn::GetAtt": ["Cluster", "ClusterSecurityGroupId"]}, "IpProtocol": "tcp",
            "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}},
    })
    return {"Resources": resources, "Outputs": {
        "ClusterName": {"Value": {"Ref": "Cluster"}},
        "ClusterArn": {"Value": {"Fn::GetAtt": ["Cluster", "Arn"]}, "Export": {"Name": "emu-cluster-arn"}},
        "Endpoint": {"Value": {"Fn::GetAtt": ["Cluster", "Endpoint"]}},
        "Issuer": {"Value": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}},
        "ClusterSg": {"Value": {"Fn::GetAtt": ["Cluster", "ClusterSecurityGroupId"]}},
        "NodegroupName": {"Value": {"Fn::GetAtt": ["Nodes", "NodegroupName"]}},
        "FargateArn": {"Value": {"Fn::GetAtt": ["Fargate", "Arn"]}},
    }}


def ecs_template() -> dict:
    resources = network()
    resources.update({
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {}},
        "LaunchTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
            "LaunchTemplateData": {"ImageId": "ami-12c6146b", "InstanceType": "t3.medium"}}},
        "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
            "MinSize": "0", "MaxSize": "2", "VPCZoneIdentifier": SUBNETS,
            "LaunchTemplate": {"LaunchTemplateId": {"Ref": "LaunchTemplate"},
                               "Version": {"Fn::GetAtt": ["LaunchTemplate", "LatestVersionNumber"]}}}},
        "Provider": {"Type": "AWS::ECS::CapacityProvider", "Properties": {
            "AutoScalingGroupProvider": {"AutoScalingGroupArn": {"Ref": "Asg"},
                                         "ManagedScaling": {"Status": "ENABLED", "TargetCapacity": 90},
                                         "ManagedTerminationProtection": "DISABLED"}}},
        "Associations": {"Type": "AWS::ECS::ClusterCapacityProviderAssociations", "Properties": {
            "Cluster": {"Ref": "Cluster"}, "CapacityProviders": [{"Ref": "Provider"}, "FARGATE"],
            "DefaultCapacityProviderStrategy": [{"CapacityProvider": {"Ref": "Provider"}, "Weight": 1, "Base": 1}]}},
    })
    return {"Resources": resources, "Outputs": {
        "ProviderName": {"Value": {"Ref": "Provider"}},
        "ClusterName": {"Value": {"Ref": "Cluster"}},
    }}


def deploy(name: str, template: dict, change_set_type: str = "CREATE", disable_rollback: bool = False) -> dict:
    """Deploy like the CDK CLI: create a change set, wait for it, execute it, wait for the stack
    (`disable_rollback`: as `cdk deploy --no-rollback`)."""
    cfn = client("cloudformation")
    cs = cfn.create_change_set(StackName=name, ChangeSetName=f"cdk-deploy-{uuid.uuid4().hex[:8]}",
                               ChangeSetType=change_set_type, TemplateBody=json.dumps(template),
                               Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
    for _ in range(50):
        if cfn.describe_change_set(ChangeSetName=cs["Id"])["Status"] == "CREATE_COMPLETE":
            break
        time.sleep(0.1)
    cfn.execute_change_set(ChangeSetName=cs["Id"], DisableRollback=disable_rollback)
    for _ in range(50):
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        if stack["StackStatus"].endswith(("_COMPLETE", "_FAILED")):
            return stack
        time.sleep(0.1)
    raise AssertionError(f"stack {name} stuck in {stack['StackStatus']}")


def physical_ids(name: str, strict: bool = True) -> dict[str, str]:
    cfn = client("cloudformation")
    listed = cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
    described = cfn.describe_stack_resources(StackName=name)["StackResources"]
    ids = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in listed}
    # moto omits fields in DescribeStackResources (and lists "") where it has none (SG ingress, skipped types)
    assert ids == {r.get("LogicalResourceId", ""): r.get("PhysicalResourceId", "") for r in described}
    if strict:
        assert all(r["ResourceType"] for r in listed), "a resource type was skipped by the emulator"
    return ids


def outputs(stack: dict) -> dict[str, str]:
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs") or []}


class StackTestCase(unittest.TestCase):
    """A test that deploys stacks: `name(prefix)` gives each a fresh name, and every one is deleted afterwards."""

    def setUp(self) -> None:
        self.cfn = client("cloudformation")
        self.stacks: list[str] = []
        self.addCleanup(self._delete_all)

    def _delete_all(self) -> None:
        for name in reversed(self.stacks):
            try:
                self.cfn.delete_stack(StackName=name)
            except ClientError:
                pass

    def name(self, prefix: str) -> str:
        name = f"{prefix}-{uuid.uuid4().hex[:6]}"
        self.stacks.append(name)
        return name


class EksStackTest(unittest.TestCase):
    def setUp(self) -> None:
        self.name = f"eks-{uuid.uuid4().hex[:6]}"
        self.cfn, self.eks = client("cloudformation"), client("eks")
        self.addCleanup(self._delete_quietly)

    def _delete_quietly(self) -> None:
        try:
            self.cfn.delete_stack(StackName=self.name)
        except ClientError:
            pass

    def test_create_read_back_and_delete(self) -> None:
        stack = deploy(self.name, eks_template())
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(self.name)
        cluster_name = ids["Cluster"]
        self.assertTrue(cluster_name.startswith(f"{self.name}-Cluster-"))
        self.assertEqual(ids["Nodes"], f"{cluster_name}/{ids['Nodes'].split('/')[1]}")
        self.assertEqual(ids["Fargate"].split("|")[0], cluster_name)

        cluster = self.eks.describe_cluster(name=cluster_name)["cluster"]
        self.assertEqual(cluster["version"], "1.33")
        self.assertTrue(cluster["roleArn"].startswith(f"arn:aws:iam::{ACCOUNT}:role/"))
        vpc = cluster["resourcesVpcConfig"]
        self.assertEqual(sorted(vpc["subnetIds"]), sorted([ids["SubnetA"], ids["SubnetB"]]))
        self.assertEqual(vpc["vpcId"], ids["Vpc"])
        self.assertEqual(cluster["kubernetesNetworkConfig"]["serviceIpv4Cidr"], "172.20.0.0/16")
        self.assertEqual(cluster["logging"]["clusterLogging"][0]["types"], ["api", "audit"])
        self.assertEqual(cluster["tags"], {"project": "cdk-containers"})
        sg = client("ec2").describe_security_groups(GroupIds=[vpc["clusterSecurityGroupId"]])["SecurityGroups"][0]
        self.assertEqual(sg["IpPermissions"][0]["FromPort"], 443)

        ng_name = ids["Nodes"].split("/")[1]
        self.assertEqual(self.eks.list_nodegroups(clusterName=cluster_name)["nodegroups"], [ng_name])
        ng = self.eks.describe_nodegroup(clusterName=cluster_name, nodegroupName=ng_name)["nodegroup"]
        self.assertEqual(ng["scalingConfig"], {"minSize": 1, "maxSize": 3, "desiredSize": 2})
        self.assertEqual((ng["instanceTypes"], ng["amiType"], ng["capacityType"]), (["t4g.large"], "AL2023_ARM_64_STANDARD", "SPOT"))
        self.assertEqual((ng["labels"], ng["tags"]), ({"role": "worker"}, {"team": "platform"}))
        self.assertTrue(ng["nodeRole"].startswith(f"arn:aws:iam::{ACCOUNT}:role/"))

        fp_name = ids["Fargate"].split("|")[1]
        fp = self.eks.describe_fargate_profile(clusterName=cluster_name, fargateProfileName=fp_name)["fargateProfile"]
        self.assertEqual(fp["selectors"], [{"namespace": "apps", "labels": {"app": "web"}}])
        self.assertEqual(len(fp["subnets"]), 2)

        out = outputs(self.cfn.describe_stacks(StackName=self.name)["Stacks"][0])
        self.assertEqual(out["ClusterName"], cluster_name)
        self.assertEqual(out["ClusterArn"], cluster["arn"])
        self.assertEqual(out["Endpoint"], cluster["endpoint"].rstrip("/"))
        self.assertEqual(out["Issuer"], cluster["identity"]["oidc"]["issuer"])
        self.assertEqual(out["ClusterSg"], vpc["clusterSecurityGroupId"])
        self.assertEqual(out["NodegroupName"], ng_name)
        self.assertEqual(out["FargateArn"], fp["fargateProfileArn"])
        exports = {e["Name"]: e["Value"] for e in self.cfn.list_exports()["Exports"]}
        self.assertEqual(exports["emu-cluster-arn"], cluster["arn"])

        self.cfn.delete_stack(StackName=self.name)
        self.assertNotIn(cluster_name, self.eks.list_clusters()["clusters"])
        with self.assertRaises(ClientError):
            self.eks.describe_nodegroup(clusterName=cluster_name, nodegroupName=ng_name)
        with self.assertRaises(ClientError):
            client("ec2").describe_security_groups(GroupIds=[vpc["clusterSecurityGroupId"]])
        self.assertNotIn("emu-cluster-arn", [e["Name"] for e in self.cfn.list_exports()["Exports"]])
        status = self.cfn.describe_stacks(StackName=stack["StackId"])["Stacks"][0]["StackStatus"]
        self.assertEqual(status, "DELETE_COMPLETE")

    def test_update_changes_nodegroup_scaling_in_place(self) -> None:
        template = eks_template()
        deploy(self.name, template)
        ids = physical_ids(self.name)
        cluster_name, ng_name = ids["Nodes"].split("/")
        before = self.eks.describe_nodegroup(clusterName=cluster_name, nodegroupName=ng_name)["nodegroup"]

        updated = copy.deepcopy(template)
        props = updated["Resources"]["Nodes"]["Properties"]
        props["ScalingConfig"] = {"MinSize": 2, "MaxSize": 5, "DesiredSize": 4}
        props["Labels"] = {"tier": "spot"}
        stack = deploy(self.name, updated, "UPDATE")
        self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
        after = self.eks.describe_nodegroup(clusterName=cluster_name, nodegroupName=ng_name)["nodegroup"]
        self.assertEqual(after["nodegroupArn"], before["nodegroupArn"])  # updated, not replaced
        self.assertEqual(after["scalingConfig"], {"minSize": 2, "maxSize": 5, "desiredSize": 4})
        self.assertEqual(after["labels"], {"tier": "spot"})
        self.assertEqual(physical_ids(self.name), ids)
        self.assertEqual(outputs(stack)["NodegroupName"], ng_name)

    def test_unsupported_eks_types_stay_visible_gaps(self) -> None:
        with open(os.path.join(HERE, "known-gaps.json"), encoding="utf-8") as gaps:
            self.assertIn("AWS::EKS::Addon", json.load(gaps))  # the gap this test shows is on the one list
        template = eks_template()
        template["Resources"]["Addon"] = {"Type": "AWS::EKS::Addon", "Properties": {
            "AddonName": "vpc-cni", "ClusterName": {"Ref": "Cluster"}}}
        deploy(self.name, template)
        listed = self.cfn.list_stack_resources(StackName=self.name)["StackResourceSummaries"]
        # moto lists a skipped type with an empty logical id, type and physical id, so the harness
        # must diff the template's logical ids against the listed ones to name what was skipped.
        self.assertEqual(len(listed), len(template["Resources"]))
        self.assertNotIn("Addon", [r["LogicalResourceId"] for r in listed])
        self.assertIn(("", "", ""), [(r["LogicalResourceId"], r["ResourceType"], r["PhysicalResourceId"]) for r in listed])


    def test_failed_resource_fails_the_stack_and_reads_still_work(self) -> None:
        # moto 5.2.1 cannot create an ECR repository whose generated name has capitals.
        template = eks_template()
        template["Resources"]["Barrier"] = {"Type": "AWS::ECR::Repository", "DependsOn": ["Cluster"], "Properties": {}}
        stack = deploy(self.name, template, disable_rollback=True)  # `cdk deploy --no-rollback` keeps what was made
        self.assertEqual(stack["StackStatus"], "CREATE_FAILED")
        events = self.cfn.describe_stack_events(StackName=self.name)["StackEvents"]
        reason = next(e["ResourceStatusReason"] for e in events if e["ResourceStatus"] == "CREATE_FAILED")
        self.assertIn("Barrier", reason)
        listed = self.cfn.list_stack_resources(StackName=self.name)["StackResourceSummaries"]  # no 500
        self.assertNotIn("Barrier", [r["LogicalResourceId"] for r in listed])
        self.cfn.describe_stack_resources(StackName=self.name)
        with self.assertRaises(ClientError):  # a failed change set is not silently re-run
            # (moto's ListChangeSets ignores StackName: pick this stack's)
            failed = [c for c in self.cfn.list_change_sets(StackName=self.name)["Summaries"] if c["StackName"] == self.name]
            self.cfn.execute_change_set(ChangeSetName=failed[0]["ChangeSetId"])
        cluster_name = physical_ids(self.name, strict=False)["Cluster"]
        self.cfn.delete_stack(StackName=self.name)
        self.assertNotIn(cluster_name, self.eks.list_clusters()["clusters"])


class EcsStackTest(unittest.TestCase):
    def setUp(self) -> None:
        self.name = f"ecs-{uuid.uuid4().hex[:6]}"
        self.cfn, self.ecs = client("cloudformation"), client("ecs")
        self.addCleanup(lambda: self.cfn.delete_stack(StackName=self.name))

    def test_capacity_provider_and_associations(self) -> None:
        template = ecs_template()
        stack = deploy(self.name, template)
        ids = physical_ids(self.name)
        provider_name, cluster_name = ids["Provider"], ids["Cluster"]
        self.assertEqual(ids["Associations"], cluster_name)
        self.assertEqual(outputs(stack), {"ProviderName": provider_name, "ClusterName": cluster_name})

        provider = self.ecs.describe_capacity_providers(capacityProviders=[provider_name])["capacityProviders"][0]
        asg = client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[ids["Asg"]])["AutoScalingGroups"][0]
        asg_provider = provider["autoScalingGroupProvider"]
        self.assertEqual(asg_provider["autoScalingGroupArn"], asg["AutoScalingGroupARN"])
        self.assertEqual((asg_provider["managedScaling"]["status"], asg_provider["managedScaling"]["targetCapacity"]), ("ENABLED", 90))
        self.assertEqual(asg_provider["managedTerminationProtection"], "DISABLED")

        cluster = self.ecs.describe_clusters(clusters=[cluster_name])["clusters"][0]
        self.assertEqual(cluster["capacityProviders"], [provider_name, "FARGATE"])
        self.assertEqual(cluster["defaultCapacityProviderStrategy"],
                         [{"capacityProvider": provider_name, "weight": 1, "base": 1}])

        updated = copy.deepcopy(template)
        updated["Resources"]["Provider"]["Properties"]["AutoScalingGroupProvider"]["ManagedScaling"]["TargetCapacity"] = 75
        deploy(self.name, updated, "UPDATE")
        provider = self.ecs.describe_capacity_providers(capacityProviders=[provider_name])["capacityProviders"][0]
        self.assertEqual(provider["autoScalingGroupProvider"]["managedScaling"]["targetCapacity"], 75)

        self.cfn.delete_stack(StackName=self.name)
        self.assertEqual(self.ecs.describe_capacity_providers(capacityProviders=[provider_name])["capacityProviders"], [])
        # moto 5.2.1 never deletes an AWS::ECS::Cluster with its stack; the association must be gone.
        cluster = self.ecs.describe_clusters(clusters=[cluster_name])["clusters"][0]
        self.assertEqual((cluster["capacityProviders"], cluster["defaultCapacityProviderStrategy"]), ([], []))


BOOTSTRAP_PARAM = "/cdk-bootstrap/hnb659fds/version"  # as in every CDK stack; `cdk bootstrap` writes it


def ecr_template(keep: int, pull_account: str | None = None) -> dict:
    rules = {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
                                                         "countNumber": keep}, "action": {"type": "expire"}}]}
    props: dict = {"RepositoryName": "emu/repo", "LifecyclePolicy": {"LifecyclePolicyText": json.dumps(rules)}}
    if pull_account:
        props["RepositoryPolicyText"] = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{pull_account}:root"}, "Action": ["ecr:BatchGetImage"]}]}
    return {"Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": BOOTSTRAP_PARAM}},
            "Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": props},
                          "Barrier": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "ready"}}}}


class CdkCliSequenceTest(unittest.TestCase):
    """The calls the CDK CLI 2.1148 makes to deploy, update and re-deploy stacks through change sets."""

    def setUp(self) -> None:
        self.cfn = client("cloudformation")
        client("ssm").put_parameter(Name=BOOTSTRAP_PARAM, Value="30", Type="String", Overwrite=True)
        self.names = [f"cli-a-{uuid.uuid4().hex[:6]}", f"cli-b-{uuid.uuid4().hex[:6]}"]
        for name in self.names:
            self.addCleanup(self._delete_quietly, name)

    def _delete_quietly(self, name: str) -> None:
        try:
            self.cfn.delete_stack(StackName=name)
        except ClientError:
            pass

    def cli_deploy(self, name: str, template: dict, update: bool) -> dict:
        change_set = "cdk-deploy-change-set"  # the CLI's fixed name, for every stack
        if update:  # cleanupOldChangeset: delete the previous one (it may not exist), wait until it is gone
            self.cfn.delete_change_set(StackName=name, ChangeSetName=change_set)
            with self.assertRaises(ClientError) as gone:
                self.cfn.describe_change_set(StackName=name, ChangeSetName=change_set)
            self.assertEqual(gone.exception.response["Error"]["Code"], "ChangeSetNotFound")
            self.assertEqual(gone.exception.response["ResponseMetadata"]["HTTPStatusCode"], 404)
        cs = self.cfn.create_change_set(StackName=name, ChangeSetName=change_set, TemplateBody=json.dumps(template),
                                        ChangeSetType="UPDATE" if update else "CREATE",
                                        # the CLI keeps BootstrapVersion's previous value (the SSM path) on updates
                                        Parameters=[{"ParameterKey": "BootstrapVersion", "UsePreviousValue": True}] if update else [])
        described = self.cfn.describe_change_set(StackName=cs["StackId"], ChangeSetName=cs["Id"])
        self.assertEqual((described["Status"], described["StackName"]), ("CREATE_COMPLETE", name))
        by_name = self.cfn.describe_change_set(StackName=name, ChangeSetName=change_set)
        self.assertEqual(by_name["ChangeSetId"], cs["Id"])  # this stack's, not another stack's same-named one
        self.cfn.execute_change_set(StackName=cs["StackId"], ChangeSetName=cs["Id"])
        with self.assertRaises(ClientError):  # CloudFormation removes a stack's change sets once one ran
            self.cfn.describe_change_set(StackName=name, ChangeSetName=change_set)
        return self.cfn.describe_stacks(StackName=name)["Stacks"][0]

    def test_update_through_change_sets_with_the_cli_change_set_name(self) -> None:
        a, b = self.names
        self.assertEqual(self.cli_deploy(a, ecr_template(50), update=False)["StackStatus"], "CREATE_COMPLETE")
        # a pending same-named change set on another stack must not be found, deleted or executed
        other = self.cfn.create_change_set(StackName=b, ChangeSetName="cdk-deploy-change-set", ChangeSetType="CREATE",
                                           TemplateBody=json.dumps({"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}))
        ecr = client("ecr")
        created = ecr.describe_repositories(repositoryNames=["emu/repo"])["repositories"][0]
        lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName="emu/repo")["lifecyclePolicyText"])
        self.assertEqual(lifecycle["rules"][0]["selection"]["countNumber"], 50)
        with self.assertRaises(ClientError):
            ecr.get_repository_policy(repositoryName="emu/repo")

        for keep in (20, 10):  # twice: the second update deletes a change set that no longer exists
            stack = self.cli_deploy(a, ecr_template(keep, "111111111111"), update=True)
            self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
            lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName="emu/repo")["lifecyclePolicyText"])
            self.assertEqual(lifecycle["rules"][0]["selection"]["countNumber"], keep)
            self.assertIn("111111111111", ecr.get_repository_policy(repositoryName="emu/repo")["policyText"])
        updated = ecr.describe_repositories(repositoryNames=["emu/repo"])["repositories"][0]
        self.assertEqual(updated["createdAt"], created["createdAt"])  # in place, not replaced

        self.cli_deploy(a, ecr_template(10), update=True)  # the policy removed from the template goes
        with self.assertRaises(ClientError):
            ecr.get_repository_policy(repositoryName="emu/repo")
        pending = self.cfn.describe_change_set(StackName=b, ChangeSetName="cdk-deploy-change-set")
        self.assertEqual((pending["ChangeSetId"], pending["ExecutionStatus"]), (other["Id"], "AVAILABLE"))

    def test_direct_update_keeps_the_ssm_parameter_path(self) -> None:  # cdk deploy --method direct
        a = self.names[0]
        self.cli_deploy(a, ecr_template(50), update=False)
        self.cfn.update_stack(StackName=a, TemplateBody=json.dumps(ecr_template(30)),
                              Parameters=[{"ParameterKey": "BootstrapVersion", "UsePreviousValue": True}])
        stack = self.cfn.describe_stacks(StackName=a)["Stacks"][0]
        self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
        lifecycle = json.loads(client("ecr").get_lifecycle_policy(repositoryName="emu/repo")["lifecyclePolicyText"])
        self.assertEqual(lifecycle["rules"][0]["selection"]["countNumber"], 30)

    def test_unnamed_ssm_parameter_gets_a_generated_name(self) -> None:
        a = self.names[0]
        self.cli_deploy(a, ecr_template(5), update=False)
        name = physical_ids(a)["Barrier"]
        self.assertTrue(name.startswith(f"{a}-Barrier-"), name)
        self.assertEqual(client("ssm").get_parameter(Name=name)["Parameter"]["Value"], "ready")
        self.cfn.delete_stack(StackName=a)
        with self.assertRaises(ClientError):
            client("ssm").get_parameter(Name=name)

    def test_ssm_parameter_tags_are_a_map(self) -> None:
        # CloudFormation's AWS::SSM::Parameter takes Tags as a JSON map (what cdk.Tags.of(app) writes).
        a = self.names[0]
        template = {"Resources": {"Tagged": {"Type": "AWS::SSM::Parameter", "Properties": {
            "Name": f"/{a}/tagged", "Type": "String", "Value": "v", "Tags": {"project": "local-app", "tier": "web"}}}}}
        self.cli_deploy(a, template, update=False)
        self.assertEqual(self.cfn.describe_stacks(StackName=a)["Stacks"][0]["StackStatus"], "CREATE_COMPLETE")
        tags = client("ssm").list_tags_for_resource(ResourceType="Parameter", ResourceId=f"/{a}/tagged")["TagList"]
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in tags), [("project", "local-app"), ("tier", "web")])
        self.cfn.delete_stack(StackName=a)


def vpc_ecs_template(image: str, count: int = 2) -> dict:
    resources = network()
    resources.update({
        "Igw": {"Type": "AWS::EC2::InternetGateway", "Properties": {}},
        "Attach": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "InternetGatewayId": {"Ref": "Igw"}}},
        "PublicRt": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
        "PublicAssoc": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"RouteTableId": {"Ref": "PublicRt"}, "SubnetId": {"Ref": "SubnetA"}}},
        "Default": {"Type": "AWS::EC2::Route", "DependsOn": ["Attach"], "Properties": {
            "RouteTableId": {"Ref": "PublicRt"}, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Igw"}}},
        "Eip": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"}},
        "Nat": {"Type": "AWS::EC2::NatGateway", "Properties": {"SubnetId": {"Ref": "SubnetA"}, "AllocationId": {"Fn::GetAtt": ["Eip", "AllocationId"]}}},
        "PrivateRt": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
        "PrivateAssoc": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"RouteTableId": {"Ref": "PrivateRt"}, "SubnetId": {"Ref": "SubnetB"}}},
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "emu-apps"}},
        "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "tasks", "VpcId": {"Ref": "Vpc"}}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "Family": "emu-web", "Cpu": "512", "Memory": "1024", "NetworkMode": "awsvpc", "RequiresCompatibilities": ["FARGATE"],
            "RuntimePlatform": {"CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"},
            "Volumes": [{"Name": "tmp"}],
            "ContainerDefinitions": [{"Name": "web", "Image": image, "Essential": True, "Memory": 512,
                                      "PortMappings": [{"ContainerPort": 8080, "Protocol": "tcp"}],
                                      "MountPoints": [{"SourceVolume": "tmp", "ContainerPath": "/tmp", "ReadOnly": False}]}]}},
        "Service": {"Type": "AWS::ECS::Service", "Properties": {
            "Cluster": {"Ref": "Cluster"}, "ServiceName": "web", "TaskDefinition": {"Ref": "Task"}, "DesiredCount": count}},
    })
    return {"Resources": resources}


class DeleteAndTaskDefinitionTest(unittest.TestCase):
    def test_task_definition_keeps_every_property_and_stack_delete_removes_the_vpc(self) -> None:
        name, ecs, ec2 = f"vpc-{uuid.uuid4().hex[:6]}", client("ecs"), client("ec2")
        deploy(name, vpc_ecs_template("nginx:1"))
        td = ecs.describe_task_definition(taskDefinition="emu-web")["taskDefinition"]
        self.assertEqual((td["cpu"], td["memory"], td["networkMode"], td["requiresCompatibilities"], td["revision"]),
                         ("512", "1024", "awsvpc", ["FARGATE"], 1))
        self.assertEqual(td["runtimePlatform"], {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"})
        self.assertEqual(td["containerDefinitions"][0]["portMappings"][0]["containerPort"], 8080)

        # moto passed PascalCase containers through here; and it did not update the service, whose own
        # JSON is unchanged but whose Ref to the task definition now resolves to revision 2.
        deploy(name, vpc_ecs_template("nginx:2"), "UPDATE")
        td = ecs.describe_task_definition(taskDefinition="emu-web")["taskDefinition"]
        self.assertEqual((td["revision"], td["cpu"], td["containerDefinitions"][0]["name"], td["containerDefinitions"][0]["image"]),
                         (2, "512", "web", "nginx:2"))
        service = ecs.describe_services(cluster="emu-apps", services=["web"])["services"][0]
        self.assertEqual(service["taskDefinition"], td["taskDefinitionArn"])
        ids = physical_ids(name, strict=False)
        self.assertTrue(ec2.describe_vpc_attribute(VpcId=ids["Vpc"], Attribute="enableDnsHostnames")["EnableDnsHostnames"]["Value"])
        task = ecs.run_task(cluster="emu-apps", taskDefinition="emu-web", launchType="FARGATE", networkConfiguration={
            "awsvpcConfiguration": {"subnets": [ids["SubnetB"]], "securityGroups": [ids["Sg"]]}})["tasks"][0]  # moto: 500
        self.assertEqual(task["attachments"][0]["type"], "ElasticNetworkInterface")
        ecs.stop_task(cluster="emu-apps", task=task["taskArn"])

        ids = physical_ids(name, strict=False)
        self.cfn_delete(name)
        self.assertEqual(ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [ids["Vpc"]]}])["Vpcs"], [])
        self.assertEqual(ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [ids["Vpc"]]}])["RouteTables"], [])
        self.assertEqual(ec2.describe_internet_gateways(Filters=[{"Name": "internet-gateway-id", "Values": [ids["Igw"]]}])["InternetGateways"], [])
        self.assertEqual(ec2.describe_nat_gateways(NatGatewayIds=[ids["Nat"]])["NatGateways"][0]["State"], "deleted")
        self.assertNotIn(ids["Eip"], [a.get("AllocationId") for a in ec2.describe_addresses()["Addresses"]])
        self.assertEqual(ecs.describe_services(cluster="emu-apps", services=["web"])["services"][0]["status"], "INACTIVE")
        self.assertEqual(ecs.describe_clusters(clusters=["emu-apps"])["clusters"][0]["status"], "INACTIVE")

    def cfn_delete(self, name: str) -> None:
        cfn = client("cloudformation")
        stack_id = cfn.describe_stacks(StackName=name)["Stacks"][0]["StackId"]
        cfn.delete_stack(StackName=name)
        self.assertEqual(cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"], "DELETE_COMPLETE")


class PlacementTest(unittest.TestCase):
    def test_run_task_places_by_registered_resources_and_reports_resource_failures(self) -> None:
        ecs, ec2 = client("ecs"), client("ec2")
        ecs.create_cluster(clusterName="emu-placement")
        ecs.register_task_definition(family="emu-worker", cpu="1024", memory="2048", requiresCompatibilities=["EC2"],
                                     containerDefinitions=[{"name": "w", "image": "busybox"}])  # sized at task level only
        reservation = ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.large", MinCount=2, MaxCount=2)
        for instance in reservation["Instances"]:
            ecs.register_container_instance(
                cluster="emu-placement", instanceIdentityDocument=json.dumps({"instanceId": instance["InstanceId"]}),
                totalResources=[{"name": "CPU", "type": "INTEGER", "integerValue": 2048},
                                {"name": "MEMORY", "type": "INTEGER", "integerValue": 7782}])
        arns = ecs.list_container_instances(cluster="emu-placement")["containerInstanceArns"]
        self.assertEqual(len(arns), 2)
        described = ecs.describe_container_instances(cluster="emu-placement", containerInstances=arns)["containerInstances"]
        self.assertEqual({r["name"]: r["integerValue"] for r in described[0]["registeredResources"] if r["name"] in ("CPU", "MEMORY")},
                         {"CPU": 2048, "MEMORY": 7782})
        outcomes = [ecs.run_task(cluster="emu-placement", taskDefinition="emu-worker", launchType="EC2") for _ in range(5)]
        self.assertEqual([len(o["tasks"]) for o in outcomes], [1, 1, 1, 1, 0])  # 2 x 2048 CPU units / 1024 each
        self.assertEqual([f["reason"] for f in outcomes[4]["failures"]], ["RESOURCE:CPU", "RESOURCE:CPU"])
        self.assertEqual(sorted(f["arn"] for f in outcomes[4]["failures"]), sorted(arns))


class RegistryScanningTest(unittest.TestCase):
    def test_registry_scanning_configuration(self) -> None:
        name, ecr = f"scan-{uuid.uuid4().hex[:6]}", client("ecr")
        deploy(name, {"Resources": {"Scanning": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {
            "ScanType": "ENHANCED", "Rules": [{"ScanFrequency": "CONTINUOUS_SCAN",
                                               "RepositoryFilters": [{"Filter": "*", "FilterType": "WILDCARD"}]}]}}}})
        self.assertEqual(physical_ids(name)["Scanning"], ACCOUNT)
        config = ecr.get_registry_scanning_configuration()["scanningConfiguration"]
        self.assertEqual((config["scanType"], config["rules"][0]["scanFrequency"]), ("ENHANCED", "CONTINUOUS_SCAN"))
        self.assertEqual(config["rules"][0]["repositoryFilters"], [{"filter": "*", "filterType": "WILDCARD"}])
        client("cloudformation").delete_stack(StackName=name)
        self.assertEqual(ecr.get_registry_scanning_configuration()["scanningConfiguration"]["scanType"], "BASIC")


class LauncherTest(unittest.TestCase):
    def test_ready_endpoint(self) -> None:
        import urllib.request
        with urllib.request.urlopen(f"{_endpoint}/moto-api/", timeout=5) as resp:
            self.assertEqual(resp.status, 200)

    def test_refuses_other_moto_version(self) -> None:
        code = ("import sys, moto; moto.__version__ = '0.0.0'; sys.path.insert(0, %r); import server; "
                "server.main(['--port', '0'])" % HERE)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("pip install 'moto[server]==5.2.1'", proc.stderr)


class KnownGapsTest(unittest.TestCase):
    def test_every_known_gap_is_a_type_the_emulator_does_not_model(self) -> None:
        # With every model of the server loaded, no known gap may have one: a modelled type is no gap.
        code = ("import json, sys; sys.path.insert(0, %r); import cfn_extension, cfn_models, api_fixes, eks_extras; "
                "from moto.cloudformation import parsing; modelled = parsing.get_model_map(); "
                "print(json.dumps({t: t in modelled for t in cfn_extension.KNOWN_GAPS}))" % HERE)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        modelled = json.loads(proc.stdout.strip().splitlines()[-1])
        with open(os.path.join(HERE, "known-gaps.json"), encoding="utf-8") as gaps:
            listed = json.load(gaps)
        self.assertEqual(sorted(modelled), sorted(listed))
        self.assertEqual([t for t, m in modelled.items() if m], [])
        for gap in listed.values():
            self.assertEqual(sorted(gap), ["provenBy", "reason"])


if __name__ == "__main__":
    unittest.main()
