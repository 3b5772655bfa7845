// The unit tier asserts templates directly; aws-cdk-lib's own CloudFormation validation (about 2 s
// per synthesizing process) runs in the compliance tier instead, in strict mode.
process.env.CDK_VALIDATION = 'false';

// EksCluster places its Kubernetes version in the EKS release calendar on the day of synthesis; the
// unit tier judges on one fixed day, so that a version pinned by a test does not leave support (and
// start failing) as the months pass. Tests of the calendar set the context on their own stacks.
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'cdk-containers:kubernetesSupportDate': '2026-12-07' });
