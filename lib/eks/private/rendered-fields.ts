/**
 * The fields cdk8s leaves out when it renders an object. cdk8s's typed objects (`KubeDeployment`,
 * `KubeService`, ...) apply JSON patches to their props, then convert the props to the API's field
 * names (`hostPid` becomes `hostPID`, `{ value: '250m' }` becomes `'250m'`) and silently drop
 * every field the conversion does not know: a patched `hostPID` (the API's name), a misspelt field,
 * or a Quantity patched as a plain string never reaches the manifest. Comparing the props as patched
 * with the object as rendered finds those fields.
 */

import { isRecord } from '../../private/validate';
import { fieldPath } from './kubernetes-schema';

/** A field the rendering left out. */
export interface DroppedField {
  /** Where, e.g. `spec.template.spec.hostPID`. */
  readonly path: string;
  /** The value it had in the props. */
  readonly value: unknown;
}

/**
 * The fields present in `patched` (the props after the patches) that `rendered` does not have
 * under their own or their converted name.
 */
export function droppedFields(patched: unknown, rendered: unknown): DroppedField[] {
  const dropped: DroppedField[] = [];
  compare(patched, rendered, '', dropped);
  return dropped;
}

function compare(patched: unknown, rendered: unknown, at: string, dropped: DroppedField[]): void {
  if (patched === undefined || patched === null) return;
  if (Array.isArray(patched)) {
    if (!Array.isArray(rendered)) return;
    patched.forEach((item, index) => compare(item, rendered[index], `${at}[${index}]`, dropped));
    return;
  }
  if (!isRecord(patched) || !isRecord(rendered)) return;
  const byNormalName = new Map(Object.keys(rendered).map((key) => [normal(key), key]));
  for (const [key, value] of Object.entries(patched)) {
    if (value === undefined || value === null) continue;
    const renderedKey = key in rendered ? key : byNormalName.get(normal(key));
    const path = fieldPath(at, key);
    if (renderedKey === undefined || rendered[renderedKey] === undefined) dropped.push({ path, value });
    else compare(value, rendered[renderedKey], path, dropped);
  }
}

/** cdk8s's prop names differ from the API's in case and punctuation only (`hostPid`, `hostPID`). */
function normal(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
