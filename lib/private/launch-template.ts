import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The launch template settings {@link hardenedLaunchTemplateProps} returns. */
export type HardenedLaunchTemplateProps = Required<Pick<ec2.LaunchTemplateProps,
  'requireImdsv2' | 'httpEndpoint' | 'httpTokens' | 'httpPutResponseHopLimit' | 'detailedMonitoring'>>;

/**
 * The instance metadata and monitoring settings of every launch template the library writes for
 * container hosts (EKS managed node groups, ECS EC2 capacity); spread them into `ec2.LaunchTemplateProps`.
 *
 * - IMDSv2 required, the metadata endpoint on: Control Tower CT.EC2.PR.1
 *   (`ec2_launch_template_imdsv2_check`) and cdk-nag's NIST.800.53.R5-EC2IMDSv2Enabled;
 * - a metadata hop limit of 1, so containers cannot reach the host's instance credentials through
 *   IMDS (pods and tasks get their own: EKS Pod Identity, ECS task roles): Control Tower
 *   CT.EC2.PR.2 (`ec2_launch_template_token_hop_limit_check`);
 * - detailed (one-minute) monitoring: Control Tower CT.EC2.PR.10 (`ec2_launch_template_monitoring_enabled_check`).
 */
export function hardenedLaunchTemplateProps(): HardenedLaunchTemplateProps {
  return {
    requireImdsv2: true,
    httpEndpoint: true,
    httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
    httpPutResponseHopLimit: 1,
    detailedMonitoring: true,
  };
}

/**
 * An encrypted gp3 EBS volume, deleted with its instance, for a launch template's block devices.
 * Encryption at rest: Control Tower CT.EC2.PR.14 (`ec2_launch_template_encrypted_volumes_check`),
 * cdk-nag's AwsSolutions-EC26 and NIST.800.53.R5-EC2EBSVolumeEncrypted. gp3 rather than gp2: a
 * 3,000 IOPS baseline at any size, at a lower price per GiB.
 *
 * @param sizeGiB the volume size in GiB
 */
export function encryptedGp3Volume(sizeGiB: number): ec2.BlockDeviceVolume {
  return ec2.BlockDeviceVolume.ebs(sizeGiB, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true });
}
