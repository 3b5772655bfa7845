// The unit tier asserts templates directly; aws-cdk-lib's own CloudFormation validation (about 2 s
// per synthesizing process) runs in the compliance tier instead, in strict mode.
process.env.CDK_VALIDATION = 'false';
