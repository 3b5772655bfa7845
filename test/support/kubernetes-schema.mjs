// Validates Kubernetes objects (a JSON array on stdin) against the Kubernetes OpenAPI schema that
// kubernetes-models ships (its validators are generated from the API's OpenAPI document), custom
// resources of Karpenter (karpenter.sh: NodePool) against the CRD schemas @kubernetes-models/karpenter
// generates from Karpenter's own CustomResourceDefinitions, and
// prints a JSON array of findings: [{ index, kind, name, errors: [...] }]. An ES module, run in its
// own Node process by test/support/kubernetes.ts, because kubernetes-models is published as ESM only.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import * as karpenter from '@kubernetes-models/karpenter';
import * as models from 'kubernetes-models';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const objects = JSON.parse(Buffer.concat(chunks).toString('utf8'));

/** The model class of an apiVersion and kind: `apps/v1` Deployment is `models.apps.v1.Deployment`, `v1` Service `models.v1.Service`. */
function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  // kubernetes-models names groups in camel case: networking.k8s.io is networkingK8sIo.
  const groupKey = group === '' ? undefined : group.replace(/\.([a-z])/g, (_, c) => c.toUpperCase());
  const root = groupKey === undefined ? models : models[groupKey] ?? karpenter[groupKey];
  return root?.[version]?.[kind];
}

const findings = [];
objects.forEach((object, index) => {
  const Model = modelOf(object.apiVersion ?? '', object.kind ?? '');
  const name = object.metadata?.name;
  if (Model === undefined) {
    findings.push({ index, kind: object.kind, name, errors: [`no schema for ${object.apiVersion} ${object.kind}`] });
    return;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    const errors = (error.errors ?? [{ message: error.message }]).map((e) => `${e.instancePath ?? ''} ${e.message}`.trim());
    findings.push({ index, kind: object.kind, name, errors });
  }
});
process.stdout.write(JSON.stringify(findings));
