import serializer from '../support/asset-hash-serializer';

// A 64-hex asset hash as the CDK puts it into S3 keys (sha256 of the asset's bytes).
const HASH = '8b4d4b5ffab16b1d2a6f3b5b64bd2e5ac3e4a8dba1e3cf6b80c1a7e0d2b0f9c1';

/** A template with assets: a state machine definition in the bootstrap bucket and a nested stack's template URL. */
const template = {
  Resources: {
    Workflow: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionS3Location: {
          Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' },
          Key: `${HASH}.json`,
        },
        RoleArn: 'arn:aws:iam::111111111111:role/workflow',
      },
    },
    Nested: {
      Type: 'AWS::CloudFormation::Stack',
      Properties: {
        TemplateURL: { 'Fn::Sub': `https://s3.\${AWS::Region}.\${AWS::URLSuffix}/cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}/${HASH}.json` },
      },
    },
  },
};

describe('asset hash snapshot serializer', () => {
  test('handles strings that contain a 64-hex hash, and nothing else', () => {
    expect(serializer.test(`${HASH}.json`)).toBe(true);
    expect(serializer.test(`prefix/${HASH}`)).toBe(true);
    expect(serializer.test('cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}')).toBe(false);
    expect(serializer.test(HASH.slice(0, 63))).toBe(false);
    expect(serializer.test({ S3Key: `${HASH}.json` })).toBe(false);
    expect(serializer.test(64)).toBe(false);
  });

  test('blanks every hash in a string and keeps the rest', () => {
    expect(serializer.serialize(`${HASH}.json`)).toBe('"[ASSET_HASH].json"');
    expect(serializer.serialize(`a/${HASH}/b/${HASH}.zip`)).toBe('"a/[ASSET_HASH]/b/[ASSET_HASH].zip"');
  });

  test('a template snapshot shows the S3 key and the bootstrap bucket Fn::Sub with the hash blanked, the rest as is', () => {
    // The serializer is registered for every tier in jest.config.js (snapshotSerializers).
    expect(template).toMatchInlineSnapshot(`
{
  "Resources": {
    "Nested": {
      "Properties": {
        "TemplateURL": {
          "Fn::Sub": "https://s3.\${AWS::Region}.\${AWS::URLSuffix}/cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}/[ASSET_HASH].json",
        },
      },
      "Type": "AWS::CloudFormation::Stack",
    },
    "Workflow": {
      "Properties": {
        "DefinitionS3Location": {
          "Bucket": {
            "Fn::Sub": "cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}",
          },
          "Key": "[ASSET_HASH].json",
        },
        "RoleArn": "arn:aws:iam::111111111111:role/workflow",
      },
      "Type": "AWS::StepFunctions::StateMachine",
    },
  },
}
`);
  });
});
