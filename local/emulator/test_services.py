"""Tests for the ECS service, load balancer and target group models of cfn_models.py, through the real
server and boto3 (the server and deploy helpers are test_emulator.py's).

Run: python3 -m unittest discover -s local/emulator -p 'test_*.py'
"""

from __future__ import annotations

import copy
import time
import unittest
import uuid

import test_emulator as emu
from test_emulator import SUBNETS, client, deploy, network, physical_ids


def setUpModule() -> None:
    emu.setUpModule()


def tearDownModule() -> None:
    emu.tearDownModule()


def service_template(desired: int = 2, access_logs: bool = True, insights: str = "enhanced") -> dict:
    resources = network()
    resources.update({
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {
            "ClusterSettings": [{"Name": "containerInsights", "Value": insights}]}},
        "Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "svc", "VpcId": {"Ref": "Vpc"}}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "Family": "svc", "Cpu": "256", "Memory": "512", "NetworkMode": "awsvpc", "RequiresCompatibilities": ["FARGATE"],
            "ContainerDefinitions": [{"Name": "web", "Image": "nginx", "PortMappings": [{"ContainerPort": 8080}]}]}},
        "Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
            "Type": "application", "Scheme": "internal", "Subnets": SUBNETS, "SecurityGroups": [{"Ref": "Group"}],
            "LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "false"},
                                       {"Key": "access_logs.s3.enabled", "Value": "true" if access_logs else "false"}]}},
        "Targets": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {
            "Port": 8080, "Protocol": "HTTP", "TargetType": "ip", "VpcId": {"Ref": "Vpc"}, "HealthCheckPath": "/healthz"}},
        "Listener": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
            "LoadBalancerArn": {"Ref": "Alb"}, "Port": 80, "Protocol": "HTTP",
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "Targets"}}]}},
        "Service": {"Type": "AWS::ECS::Service", "DependsOn": ["Listener"], "Properties": {
            "Cluster": {"Ref": "Cluster"}, "TaskDefinition": {"Ref": "Task"}, "DesiredCount": desired,
            "CapacityProviderStrategy": [{"CapacityProvider": "FARGATE", "Base": 1, "Weight": 1},
                                         {"CapacityProvider": "FARGATE_SPOT", "Weight": 3}],
            "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": SUBNETS, "SecurityGroups": [{"Ref": "Group"}],
                                                             "AssignPublicIp": "DISABLED"}},
            "LoadBalancers": [{"ContainerName": "web", "ContainerPort": 8080, "TargetGroupArn": {"Ref": "Targets"}}],
            "DeploymentConfiguration": {"MaximumPercent": 200, "MinimumHealthyPercent": 100,
                                        "DeploymentCircuitBreaker": {"Enable": True, "Rollback": True}},
            "EnableExecuteCommand": False, "HealthCheckGracePeriodSeconds": 60, "PropagateTags": "SERVICE"}},
    })
    return {"Resources": resources}


class EcsServiceTest(unittest.TestCase):
    def setUp(self) -> None:
        self.name = f"svc-{uuid.uuid4().hex[:8]}"
        self.cfn, self.ecs, self.elbv2 = client("cloudformation"), client("ecs"), client("elbv2")

    def service(self) -> dict:
        ids = physical_ids(self.name)
        return self.ecs.describe_services(cluster=ids["Cluster"], services=[ids["Service"]])["services"][0]

    def test_service_holds_what_the_template_says(self) -> None:
        self.assertEqual(deploy(self.name, service_template())["StackStatus"], "CREATE_COMPLETE")
        ids, service = physical_ids(self.name), self.service()
        self.assertEqual(service["loadBalancers"], [{"containerName": "web", "containerPort": 8080, "targetGroupArn": ids["Targets"]}])
        self.assertEqual(service["capacityProviderStrategy"], [{"capacityProvider": "FARGATE", "base": 1, "weight": 1},
                                                               {"capacityProvider": "FARGATE_SPOT", "weight": 3}])
        self.assertNotIn("launchType", service)  # a strategy, not a launch type
        self.assertEqual(service["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"], "DISABLED")
        self.assertEqual(sorted(service["networkConfiguration"]["awsvpcConfiguration"]["subnets"]), sorted([ids["SubnetA"], ids["SubnetB"]]))
        self.assertEqual(service["deploymentConfiguration"], {"maximumPercent": 200, "minimumHealthyPercent": 100,
                                                              "deploymentCircuitBreaker": {"enable": True, "rollback": True}})
        self.assertEqual([service["healthCheckGracePeriodSeconds"], service["enableExecuteCommand"], service["propagateTags"]], [60, False, "SERVICE"])
        cluster = self.ecs.describe_clusters(clusters=[ids["Cluster"]], include=["SETTINGS"])["clusters"][0]
        self.assertEqual(cluster["settings"], [{"name": "containerInsights", "value": "enhanced"}])

    def test_load_balancer_type_scheme_and_attributes(self) -> None:
        deploy(self.name, service_template())
        alb = self.elbv2.describe_load_balancers(LoadBalancerArns=[physical_ids(self.name)["Alb"]])["LoadBalancers"][0]
        self.assertEqual([alb["Type"], alb["Scheme"]], ["application", "internal"])
        attrs = {a["Key"]: a["Value"] for a in self.elbv2.describe_load_balancer_attributes(LoadBalancerArn=alb["LoadBalancerArn"])["Attributes"]}
        self.assertEqual([attrs["deletion_protection.enabled"], attrs["access_logs.s3.enabled"]], ["false", "true"])

    def test_update_applies_desired_count_and_attributes_in_place(self) -> None:
        deploy(self.name, service_template())
        self.balancers = len(self.elbv2.describe_load_balancers()["LoadBalancers"])
        before = self.service()
        cluster_before = physical_ids(self.name)["Cluster"]
        self.assertEqual(deploy(self.name, service_template(desired=3, access_logs=False, insights="disabled"), "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        cluster = self.ecs.describe_clusters(clusters=[cluster_before], include=["SETTINGS"])["clusters"][0]
        self.assertEqual([cluster["status"], cluster["settings"]], ["ACTIVE", [{"name": "containerInsights", "value": "disabled"}]])  # updated, not replaced
        after = self.service()
        self.assertEqual([after["serviceArn"], after["desiredCount"]], [before["serviceArn"], 3])
        self.assertEqual(after["loadBalancers"], before["loadBalancers"])
        alb = physical_ids(self.name)["Alb"]
        self.assertEqual(len(self.elbv2.describe_load_balancers()["LoadBalancers"]), self.balancers)  # updated, not replaced
        attrs = {a["Key"]: a["Value"] for a in self.elbv2.describe_load_balancer_attributes(LoadBalancerArn=alb)["Attributes"]}
        self.assertEqual(attrs["access_logs.s3.enabled"], "false")

    def test_unknown_service_property_fails_the_resource(self) -> None:
        template = copy.deepcopy(service_template())
        template["Resources"]["Service"]["Properties"]["VolumeConfigurations"] = []
        stack = deploy(self.name, template, disable_rollback=True)
        self.assertEqual(stack["StackStatus"], "CREATE_FAILED")
        events = self.cfn.describe_stack_events(StackName=self.name)["StackEvents"]
        reasons = [e.get("ResourceStatusReason", "") for e in events if e["ResourceStatus"] == "CREATE_FAILED"]
        self.assertTrue(any("VolumeConfigurations" in r for r in reasons), reasons)

    def test_delete_removes_listeners_rules_and_the_target_group(self) -> None:
        template = service_template()
        template["Resources"]["Rule"] = {"Type": "AWS::ElasticLoadBalancingV2::ListenerRule", "Properties": {
            "ListenerArn": {"Ref": "Listener"}, "Priority": 10,
            "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
            "Actions": [{"Type": "forward", "TargetGroupArn": {"Ref": "Targets"}}]}}
        deploy(self.name, template)
        ids = physical_ids(self.name)
        group = ids["Targets"]
        self.assertEqual(len(self.elbv2.describe_rules(ListenerArn=ids["Listener"])["Rules"]), 2)  # the default and ours
        stack_id = self.cfn.describe_stacks(StackName=self.name)["Stacks"][0]["StackId"]
        self.cfn.delete_stack(StackName=self.name)
        for _ in range(50):
            if self.cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"] == "DELETE_COMPLETE":
                break
            time.sleep(0.1)
        self.assertEqual(self.cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"], "DELETE_COMPLETE")
        arns = [g["TargetGroupArn"] for g in self.elbv2.describe_target_groups()["TargetGroups"]]
        self.assertNotIn(group, arns)
        balancers = [b["LoadBalancerArn"] for b in self.elbv2.describe_load_balancers()["LoadBalancers"]]
        self.assertNotIn(ids["Alb"], balancers)


class LogGroupTest(unittest.TestCase):
    def test_log_group_keeps_its_key_and_retention(self) -> None:
        name = f"logs-{uuid.uuid4().hex[:8]}"
        template = {"Resources": {
            "Key": {"Type": "AWS::KMS::Key", "Properties": {}},
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {
                "RetentionInDays": 365, "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}, "Tags": [{"Key": "team", "Value": "platform"}]}}}}
        self.assertEqual(deploy(name, template)["StackStatus"], "CREATE_COMPLETE")
        ids = physical_ids(name)
        group = next(g for g in client("logs").describe_log_groups(logGroupNamePrefix=ids["Logs"])["logGroups"] if g["logGroupName"] == ids["Logs"])
        self.assertEqual(group["retentionInDays"], 365)
        self.assertTrue(group["kmsKeyId"].endswith(f":key/{ids['Key']}"), group)


if __name__ == "__main__":
    unittest.main()
