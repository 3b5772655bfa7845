import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** What {@link synthExample} returns: the stack, what the example function returned, and the template. */
export interface SynthesizedExample<T> {
  /** The stack the example was built in. */
  readonly stack: Stack;
  /** What the example function returned (the constructs it built). */
  readonly built: T;
  /** The stack's template, synthesized once the example is built. */
  readonly template: Template;
}

/**
 * Builds one of the examples/ functions in a new stack `id` of a new app (with `props`, for an
 * environment) and synthesizes it.
 */
export function synthExample<T>(id: string, example: (stack: Stack) => T, props?: StackProps): SynthesizedExample<T> {
  const stack = new Stack(new App(), id, props);
  const built = example(stack);
  return { stack, built, template: Template.fromStack(stack) };
}
