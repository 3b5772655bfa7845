import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { encryptedGp3Volume, hardenedLaunchTemplateProps } from '../../../lib/private/launch-template';

describe('hardenedLaunchTemplateProps', () => {
  test('IMDSv2 required with the endpoint on, hop limit 1, detailed monitoring', () => {
    expect(hardenedLaunchTemplateProps()).toEqual({
      requireImdsv2: true,
      httpEndpoint: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: 1,
      detailedMonitoring: true,
    });
  });

  test('a fresh object each call, so one caller cannot change another\'s', () => {
    expect(hardenedLaunchTemplateProps()).not.toBe(hardenedLaunchTemplateProps());
  });

  test('spread into a launch template with an encrypted gp3 volume: the metadata options, monitoring and the volume in the template', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    new ec2.LaunchTemplate(stack, 'Template', {
      ...hardenedLaunchTemplateProps(),
      blockDevices: [{ deviceName: '/dev/xvda', volume: encryptedGp3Volume(50) }],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        Monitoring: { Enabled: true },
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 50, VolumeType: 'gp3', DeleteOnTermination: true } }],
      }),
    });
  });
});

describe('encryptedGp3Volume', () => {
  test('an encrypted gp3 EBS volume of the given size, deleted with its instance', () => {
    const volume = encryptedGp3Volume(30);
    expect(volume.ebsDevice).toEqual({ volumeSize: 30, encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true });
    expect(volume.virtualName).toBeUndefined();
  });
});
