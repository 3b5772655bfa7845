import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** CloudFormation's quota of resources in one template. */
export const CFN_MAX_RESOURCES = 500;
/** Warn when a stack reaches this share of the quota. */
export const STACK_LIMIT_WARN_FRACTION = 0.8;

const checked = new WeakSet<Stack>();

/**
 * Makes the stack that holds `scope` warn at synth when it nears CloudFormation's quota of 500
 * resources per template, naming the fix: split services across stacks (a cluster in one stack,
 * services in others). Registers once per stack, so every construct of the library may call it in
 * its constructor. It only walks the construct tree (no rendering): about 20 ms for a stack of
 * 830 resources on the project's 2-core machines.
 *
 * What aws-cdk-lib 2.276 already does, and this does not repeat: it throws
 * `TooManyResourcesInStack` above 500 resources (context `@aws-cdk/core:stackResourceLimit`), only
 * adds an *info* message from 80%, and warns (`@aws-cdk/core:Stack.templateSize`) from 80% of the
 * 1 MB template size.
 */
export function checkStackLimits(scope: IConstruct): void {
  const stack = Stack.of(scope);
  if (checked.has(stack)) return;
  checked.add(stack);
  stack.node.addValidation({
    validate: () => {
      reportStackLimits(stack);
      return [];
    },
  });
}

/** Adds the warning of {@link checkStackLimits} to one stack now (the finished tree); returns the count. */
export function reportStackLimits(stack: Stack): number {
  const resources = countStackResources(stack);
  const limit = maxResources(stack);
  if (limit > 0 && resources >= Math.floor(limit * STACK_LIMIT_WARN_FRACTION)) {
    const over = resources > limit;
    Annotations.of(stack).addWarningV2('cdk-containers:stack-resource-limit',
      `${resources} resources in one template, ${Math.round((100 * resources) / limit)}% of CloudFormation's limit of ${limit}`
      + `${over ? ' (synth and deploy will fail)' : ''}: move services (or whole applications) into other stacks: `
      + 'an EcsCluster in one stack, its EcsServices in others (they take the cluster as ecs.ICluster).');
  }
  return resources;
}

/** The resources in a stack's own template (those of nested stacks are in theirs). */
export function countStackResources(stack: Stack): number {
  let n = 0;
  for (const c of stack.node.findAll()) {
    if (CfnResource.isCfnResource(c) && c.stack === stack) n++;
  }
  return n;
}

/** The stack's limit: CloudFormation's 500, or the `@aws-cdk/core:stackResourceLimit` context (0 = off). */
function maxResources(stack: Stack): number {
  const context = stack.node.tryGetContext('@aws-cdk/core:stackResourceLimit');
  return context !== undefined ? parseInt(String(context), 10) : CFN_MAX_RESOURCES;
}
