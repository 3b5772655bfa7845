import { Chart, App, JsonPatch, ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { droppedFields } from '../../../../lib/eks/private/rendered-fields';

describe('droppedFields: what cdk8s\'s conversion to the API\'s field names leaves out', () => {
  test('fields renamed by the conversion (hostPid -> hostPID) and quantities unwrapped ({ value }) are not dropped', () => {
    expect(droppedFields(
      { spec: { hostPid: true, containers: [{ name: 'a', resources: { limits: { cpu: { value: '1' } } } }] } },
      { spec: { hostPID: true, containers: [{ name: 'a', resources: { limits: { cpu: '1' } } }] } },
    )).toEqual([]);
  });

  test('a field missing from the rendered object is reported with its path, in arrays and under odd keys too', () => {
    expect(droppedFields(
      { spec: { hostPidd: true, containers: [{ name: 'a', resources: { limits: { cpu: '1' } } }] }, metadata: { labels: { 'app.kubernetes.io/name': 'x' } } },
      { spec: { containers: [{ name: 'a', resources: { limits: { cpu: undefined } } }] }, metadata: { labels: {} } },
    )).toEqual([
      { path: 'spec.hostPidd', value: true },
      { path: 'spec.containers[0].resources.limits.cpu', value: '1' },
      { path: 'metadata.labels["app.kubernetes.io/name"]', value: 'x' },
    ]);
  });

  test('unset (undefined or null) fields are not reported', () => {
    expect(droppedFields({ spec: { a: undefined, b: null } }, { spec: {} })).toEqual([]);
  });

  test('on a real KubeDeployment: a patch by the API\'s name or a misspelt field is dropped by cdk8s and found; the cdk8s name is not', () => {
    const chart = new Chart(new App(), 'c');
    const deployment = new k8s.KubeDeployment(chart, 'd', {
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostPID', true));
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostIpc', true));
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/dnsPolcy', 'None'));
    const rendered = deployment.toJson();
    expect(rendered.spec.template.spec).toEqual({ containers: [{ name: 'c', image: 'i' }], hostIPC: true });
    expect(droppedFields(ApiObject.prototype.toJson.call(deployment), rendered)).toEqual([
      { path: 'spec.template.spec.hostPID', value: true },
      { path: 'spec.template.spec.dnsPolcy', value: 'None' },
    ]);
  });
});
