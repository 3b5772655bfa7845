import { IConstruct } from 'constructs';

/**
 * How a construct that renders Kubernetes objects (`EksWorkload`, `EksNamespace`) hands them to the
 * library's checks (`lib/compliance`) without either module importing the other: the construct
 * carries a function under this symbol that renders its objects as they would be written.
 */
const KUBERNETES_OBJECTS = Symbol.for('cdk-containers.kubernetes-objects');

/** One rendered Kubernetes object, as plain JSON. */
export type KubernetesObjectJson = Record<string, unknown>;

/** Lets the library's checks read the objects `construct` renders. */
export function attachKubernetesObjects(construct: IConstruct, render: () => KubernetesObjectJson[]): void {
  Object.defineProperty(construct, KUBERNETES_OBJECTS, { value: render, enumerable: false });
}

/** The objects `construct` renders, or undefined when it renders none. */
export function kubernetesObjectsOf(construct: IConstruct): KubernetesObjectJson[] | undefined {
  const render = (construct as unknown as Record<symbol, (() => KubernetesObjectJson[]) | undefined>)[KUBERNETES_OBJECTS];
  return render?.();
}
