"""EKS Pod Identity associations and EKS capabilities (eks_extras.py): deployed through change sets, as the CDK
CLI does, and read back through the EKS API with boto3 (the calls @aws-sdk/client-eks makes).

Run: python3 -m unittest test_eks_extras -v   (in local/emulator)
"""

from __future__ import annotations

import copy
import re
import uuid

from botocore.exceptions import ClientError

import test_emulator as emulator
from test_emulator import ACCOUNT, REGION, SUBNETS, client, deploy, network, outputs, physical_ids, trust
from test_models import ModelTest, att, ref

setUpModule = emulator.setUpModule  # one emulator for this module, started and stopped like test_emulator's
tearDownModule = emulator.tearDownModule

IDC = "arn:aws:sso:::instance/ssoins-72230e1b2c3d4e5f"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/pods"
ASSOCIATION_ARN = re.compile(rf"^arn:aws:eks:{REGION}:{ACCOUNT}:podidentityassociation/(?P<cluster>[^/]+)/(?P<id>a-[0-9a-z]{{17}})$")
CAPABILITY_ARN = re.compile(rf"^arn:aws:eks:{REGION}:{ACCOUNT}:capability/(?P<cluster>[^/]+)/(?P<name>[^/]+)/[0-9a-f-]{{36}}$")
SERVER_URL = re.compile(rf"^https://[0-9a-z]+\.eks-capabilities\.{REGION}\.amazonaws\.com$")


def pod_trust() -> dict:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"},
                                                   "Action": ["sts:AssumeRole", "sts:TagSession"]}]}


def template() -> dict:
    """The minimal cluster of test_lifecycle, an association for apps/web and an Argo CD capability."""
    resources = network()
    resources.update({
        "ClusterRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("eks.amazonaws.com")}},
        "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {"RoleArn": att("ClusterRole", "Arn"), "ResourcesVpcConfig": {"SubnetIds": SUBNETS}}},
        "WebRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": pod_trust()}},
        "OtherRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": pod_trust()}},
        "Association": {"Type": "AWS::EKS::PodIdentityAssociation", "Properties": {
            "ClusterName": ref("Cluster"), "Namespace": "apps", "ServiceAccount": "web", "RoleArn": att("WebRole", "Arn"),
            "Tags": [{"Key": "team", "Value": "apps"}]}},
        "ArgoRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust("capabilities.eks.amazonaws.com")}},
        "Argo": {"Type": "AWS::EKS::Capability", "Properties": {
            "CapabilityName": "argocd", "ClusterName": ref("Cluster"), "Type": "ARGOCD", "RoleArn": att("ArgoRole", "Arn"),
            "DeletePropagationPolicy": "RETAIN",
            "Configuration": {"ArgoCd": {
                "Namespace": "argocd", "AwsIdc": {"IdcInstanceArn": IDC, "IdcRegion": "eu-west-1"},
                "RbacRoleMappings": [{"Role": "ADMIN", "Identities": [{"Id": "g-admins", "Type": "SSO_GROUP"}]}]}},
            "Tags": [{"Key": "team", "Value": "platform"}]}},
    })
    return {"Resources": resources, "Outputs": {
        "WebRoleArn": {"Value": att("WebRole", "Arn")},
        "OtherRoleArn": {"Value": att("OtherRole", "Arn")},
        "ArgoRoleArn": {"Value": att("ArgoRole", "Arn")},
        "AssociationRef": {"Value": ref("Association")},
        "AssociationArn": {"Value": att("Association", "AssociationArn")},
        "AssociationId": {"Value": att("Association", "AssociationId")},
        "CapabilityRef": {"Value": ref("Argo")},
        "CapabilityArn": {"Value": att("Argo", "Arn")},
        "CapabilityStatus": {"Value": att("Argo", "Status")},
        "ServerUrl": {"Value": att("Argo", "Configuration.ArgoCd.ServerUrl")},
        "IdcApplication": {"Value": att("Argo", "Configuration.ArgoCd.AwsIdc.IdcManagedApplicationArn")},
    }}


def error_code(err: ClientError) -> str:
    return err.response["Error"]["Code"]


class CloudFormationTest(ModelTest):
    def test_deployed_association_and_capability_read_back_update_and_go_with_the_stack(self) -> None:
        eks, name = client("eks"), self.name("eks-extras")
        stack = deploy(name, template())
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        out, ids = outputs(stack), physical_ids(name)  # strict: no type was skipped
        cluster = ids["Cluster"]

        # the association: Ref and Fn::GetAtt as CloudFormation answers them, read back as the SDK reads it
        match = ASSOCIATION_ARN.match(ids["Association"])
        self.assertIsNotNone(match, ids["Association"])
        self.assertEqual((match["cluster"], match["id"]), (cluster, out["AssociationId"]))  # type: ignore[index]
        self.assertEqual((out["AssociationRef"], out["AssociationArn"]), (ids["Association"], ids["Association"]))
        listed = eks.list_pod_identity_associations(clusterName=cluster)["associations"]
        self.assertEqual(listed, [{"clusterName": cluster, "namespace": "apps", "serviceAccount": "web",
                                   "associationArn": ids["Association"], "associationId": out["AssociationId"]}])
        self.assertEqual(eks.list_pod_identity_associations(clusterName=cluster, namespace="other")["associations"], [])
        self.assertEqual(len(eks.list_pod_identity_associations(clusterName=cluster, namespace="apps", serviceAccount="web")["associations"]), 1)
        self.assertEqual(eks.list_pod_identity_associations(clusterName=cluster, serviceAccount="api")["associations"], [])
        association = eks.describe_pod_identity_association(clusterName=cluster, associationId=out["AssociationId"])["association"]
        self.assertEqual({k: association[k] for k in ("roleArn", "tags", "disableSessionTags", "namespace", "serviceAccount")},
                         {"roleArn": out["WebRoleArn"], "tags": {"team": "apps"}, "disableSessionTags": False,
                          "namespace": "apps", "serviceAccount": "web"})
        self.assertNotIn("targetRoleArn", association)

        # the capability: ACTIVE, its configuration in the API's casing
        match = CAPABILITY_ARN.match(ids["Argo"])
        self.assertIsNotNone(match, ids["Argo"])
        self.assertEqual((match["cluster"], match["name"]), (cluster, "argocd"))  # type: ignore[index]
        self.assertEqual((out["CapabilityRef"], out["CapabilityArn"], out["CapabilityStatus"]), (ids["Argo"], ids["Argo"], "ACTIVE"))
        summaries = eks.list_capabilities(clusterName=cluster)["capabilities"]
        self.assertEqual([(c["capabilityName"], c["arn"], c["type"], c["status"]) for c in summaries],
                         [("argocd", ids["Argo"], "ARGOCD", "ACTIVE")])
        capability = eks.describe_capability(clusterName=cluster, capabilityName="argocd")["capability"]
        self.assertEqual({k: capability[k] for k in ("arn", "clusterName", "type", "status", "roleArn", "deletePropagationPolicy", "tags")},
                         {"arn": ids["Argo"], "clusterName": cluster, "type": "ARGOCD", "status": "ACTIVE",
                          "roleArn": out["ArgoRoleArn"], "deletePropagationPolicy": "RETAIN", "tags": {"team": "platform"}})
        argo = capability["configuration"]["argoCd"]
        self.assertEqual(argo["namespace"], "argocd")
        self.assertEqual((argo["awsIdc"]["idcInstanceArn"], argo["awsIdc"]["idcRegion"]), (IDC, "eu-west-1"))
        self.assertEqual(argo["awsIdc"]["idcManagedApplicationArn"], out["IdcApplication"])
        self.assertTrue(out["IdcApplication"].startswith(f"arn:aws:sso::{ACCOUNT}:application/ssoins-72230e1b2c3d4e5f/apl-"))
        self.assertEqual(argo["rbacRoleMappings"], [{"role": "ADMIN", "identities": [{"id": "g-admins", "type": "SSO_GROUP"}]}])
        self.assertNotIn("networkAccess", argo)
        self.assertEqual(argo["serverUrl"], out["ServerUrl"])
        self.assertRegex(out["ServerUrl"], SERVER_URL)

        # RoleArn (both), role mappings, network access and tags update in place
        updated = copy.deepcopy(template())
        props = updated["Resources"]["Association"]["Properties"]
        props["RoleArn"], props["Tags"] = att("OtherRole", "Arn"), [{"Key": "team", "Value": "web"}]
        argo_props = updated["Resources"]["Argo"]["Properties"]
        argo_props["RoleArn"] = att("OtherRole", "Arn")
        argo_props["Configuration"]["ArgoCd"]["RbacRoleMappings"].append(
            {"Role": "VIEWER", "Identities": [{"Id": "u-dev", "Type": "SSO_USER"}]})
        argo_props["Configuration"]["ArgoCd"]["NetworkAccess"] = {"VpceIds": ["vpce-0123456789abcdef0"]}
        stack = deploy(name, updated, "UPDATE")
        self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(physical_ids(name)["Association"], ids["Association"])  # in place, not replaced
        after = eks.describe_pod_identity_association(clusterName=cluster, associationId=out["AssociationId"])["association"]
        self.assertEqual((after["roleArn"], after["tags"], after["createdAt"]), (out["OtherRoleArn"], {"team": "web"}, association["createdAt"]))
        self.assertGreaterEqual(after["modifiedAt"], after["createdAt"])
        capability = eks.describe_capability(clusterName=cluster, capabilityName="argocd")["capability"]
        self.assertEqual((capability["arn"], capability["roleArn"]), (ids["Argo"], out["OtherRoleArn"]))
        self.assertEqual(capability["configuration"]["argoCd"]["rbacRoleMappings"], [
            {"role": "ADMIN", "identities": [{"id": "g-admins", "type": "SSO_GROUP"}]},
            {"role": "VIEWER", "identities": [{"id": "u-dev", "type": "SSO_USER"}]}])
        self.assertEqual(capability["configuration"]["argoCd"]["networkAccess"], {"vpceIds": ["vpce-0123456789abcdef0"]})
        self.assertEqual(capability["configuration"]["argoCd"]["serverUrl"], out["ServerUrl"])

        # create-only changes replace: a new association for the new service account, the old one deleted;
        # the capability deleted and created again (same name, new ARN)
        replaced = copy.deepcopy(updated)
        replaced["Resources"]["Association"]["Properties"]["ServiceAccount"] = "api"
        replaced["Resources"]["Argo"]["Properties"]["Configuration"]["ArgoCd"]["Namespace"] = "gitops"
        self.assertEqual(deploy(name, replaced, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        new_ids = physical_ids(name)
        self.assertNotEqual(new_ids["Association"], ids["Association"])
        self.assertEqual([a["serviceAccount"] for a in eks.list_pod_identity_associations(clusterName=cluster)["associations"]], ["api"])
        with self.assertRaises(ClientError) as gone:
            eks.describe_pod_identity_association(clusterName=cluster, associationId=out["AssociationId"])
        self.assertEqual(error_code(gone.exception), "ResourceNotFoundException")
        self.assertNotEqual(new_ids["Argo"], ids["Argo"])
        capability = eks.describe_capability(clusterName=cluster, capabilityName="argocd")["capability"]
        self.assertEqual((capability["arn"], capability["configuration"]["argoCd"]["namespace"]), (new_ids["Argo"], "gitops"))

        # out of the template: deleted, the cluster stays
        removed = copy.deepcopy(replaced)
        for logical_id in ("Association", "Argo"):
            del removed["Resources"][logical_id]
        removed["Outputs"] = {}
        self.assertEqual(deploy(name, removed, "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(eks.list_pod_identity_associations(clusterName=cluster)["associations"], [])
        self.assertEqual(eks.list_capabilities(clusterName=cluster)["capabilities"], [])

        # back in, then the stack goes: they go with it
        self.assertEqual(deploy(name, template(), "UPDATE")["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(len(eks.list_pod_identity_associations(clusterName=cluster)["associations"]), 1)
        self.delete(name)
        for call in (lambda: eks.list_pod_identity_associations(clusterName=cluster),
                     lambda: eks.list_capabilities(clusterName=cluster)):
            with self.assertRaises(ClientError) as no_cluster:
                call()
            self.assertEqual(error_code(no_cluster.exception), "ResourceNotFoundException")

    def test_a_cluster_that_does_not_exist_fails_the_deploy_with_the_reason(self) -> None:
        missing = f"missing-{uuid.uuid4().hex[:6]}"
        for logical_id in ("Association", "Argo"):
            name = self.name(f"eks-nocluster-{logical_id.lower()}")
            broken = template()
            broken["Resources"][logical_id]["Properties"]["ClusterName"] = missing
            broken["Resources"] = {k: v for k, v in broken["Resources"].items()
                                   if k in (logical_id, "WebRole", "ArgoRole")}
            broken["Outputs"] = {}
            self.assertEqual(deploy(name, broken)["StackStatus"], "ROLLBACK_COMPLETE")
            self.assertEqual(self.failure(name), f"ResourceNotFoundException: No cluster found for name: {missing}.")

    def test_a_property_the_emulator_cannot_apply_fails_the_resource(self) -> None:
        cases = [("Association", lambda p: p.update(Bogus="x"), "AWS::EKS::PodIdentityAssociation: the emulator cannot apply Bogus"),
                 ("Argo", lambda p: p.update(Bogus="x"), "AWS::EKS::Capability: the emulator cannot apply Bogus"),
                 # ServerUrl is read-only: EKS makes it, CreateCapability does not take it
                 ("Argo", lambda p: p["Configuration"]["ArgoCd"].update(ServerUrl="https://mine"), "Configuration.ArgoCd.ServerUrl"),
                 ("Argo", lambda p: p.update(Type="FLUX"), "'FLUX' is not one of ACK, KRO, ARGOCD")]
        for i, (logical_id, change, reason) in enumerate(cases):
            name = self.name(f"eks-unknown-{i}")
            broken = template()
            change(broken["Resources"][logical_id]["Properties"])
            self.assertEqual(deploy(name, broken)["StackStatus"], "ROLLBACK_COMPLETE")
            self.assertIn(reason, self.failure(name))


class ApiTest(ModelTest):
    """The REST API as EKS answers it (the CloudFormation models go through the same backend)."""

    def setUp(self) -> None:
        super().setUp()
        self.eks, self.cluster = client("eks"), f"api-{self.tag}"
        self.eks.create_cluster(name=self.cluster, roleArn=f"arn:aws:iam::{ACCOUNT}:role/cluster", resourcesVpcConfig={})
        self.addCleanup(self._delete_cluster)

    def _delete_cluster(self) -> None:
        try:
            self.eks.delete_cluster(name=self.cluster)
        except ClientError:
            pass

    def code(self, call, **kwargs) -> str:  # type: ignore[no-untyped-def]
        with self.assertRaises(ClientError) as raised:
            call(**kwargs)
        return error_code(raised.exception)

    def test_pod_identity_associations(self) -> None:
        eks, cluster = self.eks, self.cluster
        self.assertEqual(self.code(eks.create_pod_identity_association, clusterName="no-such-cluster", namespace="apps",
                                   serviceAccount="web", roleArn=ROLE), "ResourceNotFoundException")
        created = eks.create_pod_identity_association(clusterName=cluster, namespace="apps", serviceAccount="web",
                                                      roleArn=ROLE, tags={"team": "apps"})["association"]
        self.assertRegex(created["associationArn"], ASSOCIATION_ARN)
        self.assertEqual(self.code(eks.create_pod_identity_association, clusterName=cluster, namespace="apps",
                                   serviceAccount="web", roleArn=ROLE), "ResourceInUseException")  # one per service account
        self.assertEqual(self.code(eks.create_pod_identity_association, clusterName=cluster, namespace="apps",
                                   serviceAccount="api", roleArn="not-a-role"), "InvalidParameterException")
        for account in ("api", "worker"):
            eks.create_pod_identity_association(clusterName=cluster, namespace="jobs", serviceAccount=account, roleArn=ROLE)
        first = eks.list_pod_identity_associations(clusterName=cluster, maxResults=2)
        rest = eks.list_pod_identity_associations(clusterName=cluster, maxResults=2, nextToken=first["nextToken"])
        self.assertEqual([a["serviceAccount"] for a in first["associations"] + rest["associations"]], ["web", "api", "worker"])
        self.assertNotIn("nextToken", rest)
        self.assertEqual([a["serviceAccount"] for a in eks.list_pod_identity_associations(
            clusterName=cluster, namespace="jobs")["associations"]], ["api", "worker"])

        target = f"arn:aws:iam::{ACCOUNT}:role/target"
        updated = eks.update_pod_identity_association(clusterName=cluster, associationId=created["associationId"],
                                                      roleArn=f"arn:aws:iam::{ACCOUNT}:role/other", targetRoleArn=target)["association"]
        self.assertEqual((updated["roleArn"], updated["targetRoleArn"]), (f"arn:aws:iam::{ACCOUNT}:role/other", target))
        self.assertTrue(updated["externalId"])  # EKS makes one for the target role's trust policy
        cleared = eks.update_pod_identity_association(clusterName=cluster, associationId=created["associationId"],
                                                      targetRoleArn="")["association"]
        self.assertEqual((cleared["roleArn"], "targetRoleArn" in cleared, "externalId" in cleared),
                         (f"arn:aws:iam::{ACCOUNT}:role/other", False, False))

        eks.tag_resource(resourceArn=created["associationArn"], tags={"tier": "1"})
        eks.untag_resource(resourceArn=created["associationArn"], tagKeys=["team"])
        self.assertEqual(eks.list_tags_for_resource(resourceArn=created["associationArn"])["tags"], {"tier": "1"})

        deleted = eks.delete_pod_identity_association(clusterName=cluster, associationId=created["associationId"])["association"]
        self.assertEqual(deleted["associationId"], created["associationId"])
        self.assertEqual(self.code(eks.describe_pod_identity_association, clusterName=cluster,
                                   associationId=created["associationId"]), "ResourceNotFoundException")

    def test_capabilities(self) -> None:
        eks, cluster = self.eks, self.cluster
        argo = {"argoCd": {"awsIdc": {"idcInstanceArn": IDC},
                           "rbacRoleMappings": [{"role": "ADMIN", "identities": [{"id": "g-admins", "type": "SSO_GROUP"}]}]}}
        common = {"clusterName": cluster, "roleArn": ROLE, "deletePropagationPolicy": "RETAIN"}
        self.assertEqual(self.code(eks.create_capability, capabilityName="argocd", type="ARGOCD", configuration=argo,
                                   **dict(common, clusterName="no-such-cluster")), "ResourceNotFoundException")
        self.assertEqual(self.code(eks.create_capability, capabilityName="argocd", type="ARGOCD", **common),
                         "InvalidParameterException")  # Argo CD needs its Identity Center configuration
        self.assertEqual(self.code(eks.create_capability, capabilityName="argocd", type="ARGOCD",
                                   configuration={"argoCd": {"awsIdc": {"idcInstanceArn": "arn:aws:iam::1:role/x"}}}, **common),
                         "InvalidParameterException")
        created = eks.create_capability(capabilityName="argocd", type="ARGOCD", configuration=argo, tags={"a": "b"}, **common)["capability"]
        self.assertRegex(created["arn"], CAPABILITY_ARN)
        self.assertEqual((created["status"], created["configuration"]["argoCd"]["namespace"],
                          created["configuration"]["argoCd"]["awsIdc"]["idcRegion"]), ("ACTIVE", "argocd", REGION))
        self.assertEqual(self.code(eks.create_capability, capabilityName="argo-two", type="ARGOCD", configuration=argo, **common),
                         "ResourceInUseException")  # one capability of each type per cluster
        self.assertEqual(self.code(eks.create_capability, capabilityName="argocd", type="KRO", **common),
                         "ResourceInUseException")  # names are unique in the cluster
        eks.create_capability(capabilityName="kro", type="KRO", **common)
        self.assertEqual([(c["capabilityName"], c["type"]) for c in eks.list_capabilities(clusterName=cluster)["capabilities"]],
                         [("argocd", "ARGOCD"), ("kro", "KRO")])
        self.assertNotIn("configuration", eks.describe_capability(clusterName=cluster, capabilityName="kro")["capability"])

        update = eks.update_capability(clusterName=cluster, capabilityName="argocd", roleArn=f"arn:aws:iam::{ACCOUNT}:role/argo", configuration={
            "argoCd": {"rbacRoleMappings": {
                "addOrUpdateRoleMappings": [{"role": "VIEWER", "identities": [{"id": "u-1", "type": "SSO_USER"}, {"id": "u-2", "type": "SSO_USER"}]}],
                "removeRoleMappings": [{"role": "ADMIN", "identities": [{"id": "g-admins", "type": "SSO_GROUP"}]}]},
                "networkAccess": {"vpceIds": ["vpce-1"]}}})["update"]
        self.assertEqual(update["status"], "Successful")
        described = eks.describe_capability(clusterName=cluster, capabilityName="argocd")["capability"]
        self.assertEqual(described["roleArn"], f"arn:aws:iam::{ACCOUNT}:role/argo")
        self.assertEqual(described["configuration"]["argoCd"]["rbacRoleMappings"],
                         [{"role": "VIEWER", "identities": [{"id": "u-1", "type": "SSO_USER"}, {"id": "u-2", "type": "SSO_USER"}]}])
        self.assertEqual(described["configuration"]["argoCd"]["networkAccess"], {"vpceIds": ["vpce-1"]})
        self.assertEqual(self.code(eks.update_capability, clusterName=cluster, capabilityName="kro",
                                   configuration={"argoCd": {"networkAccess": {"vpceIds": ["vpce-1"]}}}), "InvalidParameterException")
        self.assertEqual(eks.list_tags_for_resource(resourceArn=created["arn"])["tags"], {"a": "b"})

        self.assertEqual(eks.delete_capability(clusterName=cluster, capabilityName="kro")["capability"]["status"], "DELETING")
        self.assertEqual(self.code(eks.describe_capability, clusterName=cluster, capabilityName="kro"), "ResourceNotFoundException")

    def test_deleting_the_cluster_deletes_its_associations_and_capabilities(self) -> None:
        eks, cluster = self.eks, self.cluster
        eks.create_pod_identity_association(clusterName=cluster, namespace="apps", serviceAccount="web", roleArn=ROLE)
        eks.create_capability(clusterName=cluster, capabilityName="kro", type="KRO", roleArn=ROLE, deletePropagationPolicy="RETAIN")
        eks.delete_cluster(name=cluster)
        self.assertEqual(self.code(eks.list_pod_identity_associations, clusterName=cluster), "ResourceNotFoundException")
        eks.create_cluster(name=cluster, roleArn=f"arn:aws:iam::{ACCOUNT}:role/cluster", resourcesVpcConfig={})  # same name, new cluster
        self.assertEqual(eks.list_pod_identity_associations(clusterName=cluster)["associations"], [])
        self.assertEqual(eks.list_capabilities(clusterName=cluster)["capabilities"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
