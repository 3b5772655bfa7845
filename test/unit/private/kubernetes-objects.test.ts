import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { attachKubernetesObjects, kubernetesObjectsOf } from '../../../lib/private/kubernetes-objects';

describe('kubernetes-objects: the hand-over of rendered objects to the checks', () => {
  test('a construct with objects answers them, rendered when asked; others answer undefined', () => {
    const stack = new Stack();
    const owner = new Construct(stack, 'Owner');
    let renders = 0;
    attachKubernetesObjects(owner, () => {
      renders++;
      return [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }];
    });
    expect(renders).toBe(0);
    expect(kubernetesObjectsOf(owner)).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }]);
    expect(renders).toBe(1);
    expect(kubernetesObjectsOf(new Construct(stack, 'Other'))).toBeUndefined();
    expect(Object.keys(owner)).not.toContain('cdk-containers.kubernetes-objects');
  });
});
