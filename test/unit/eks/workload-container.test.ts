import { Duration } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { App, Stack } from 'aws-cdk-lib';
import {
  WorkloadImage, WorkloadProbe, WorkloadProbeKind, WorkloadSecretKey, WorkloadVolume, WorkloadVolumeKind,
} from '../../../lib/eks';

describe('the workload container choices keep what they were given', () => {
  test('WorkloadImage', () => {
    const repository = ecr.Repository.fromRepositoryName(new Stack(new App(), 'S'), 'R', 'shop/web');
    expect(WorkloadImage.fromEcrRepository(repository, 'v1')).toMatchObject({ repository, tagOrDigest: 'v1', imageReference: undefined });
    expect(WorkloadImage.fromRegistry('nginx:1')).toMatchObject({ imageReference: 'nginx:1', repository: undefined });
  });

  test('WorkloadProbe', () => {
    const timing = { period: Duration.seconds(5) };
    expect(WorkloadProbe.httpGet('/h', 80, timing)).toMatchObject({ kind: WorkloadProbeKind.HTTP_GET, path: '/h', port: 80, options: timing });
    expect(WorkloadProbe.tcpSocket(81)).toMatchObject({ kind: WorkloadProbeKind.TCP_SOCKET, port: 81, options: {} });
    expect(WorkloadProbe.exec(['true'])).toMatchObject({ kind: WorkloadProbeKind.EXEC, command: ['true'], port: undefined });
  });

  test('WorkloadVolume and WorkloadSecretKey', () => {
    expect(WorkloadVolume.emptyDir('tmp', { inMemory: true })).toMatchObject({ kind: WorkloadVolumeKind.EMPTY_DIR, name: 'tmp', emptyDirOptions: { inMemory: true } });
    expect(WorkloadVolume.configMap('cfg', 'app-config')).toMatchObject({ kind: WorkloadVolumeKind.CONFIG_MAP, sourceName: 'app-config' });
    expect(WorkloadVolume.secret('tls', 'web-tls')).toMatchObject({ kind: WorkloadVolumeKind.SECRET, sourceName: 'web-tls' });
    expect(WorkloadSecretKey.of('db', 'password')).toMatchObject({ secretName: 'db', key: 'password' });
  });
});
