import { App, Stack } from 'aws-cdk-lib';

/**
 * A new stack in a new app, with no account or region (environment-agnostic), for a unit test to
 * build in. Its id starts every construct path the test asserts on: `Stack` unless another is given
 * (the EKS tests use `Test`, so their paths read `Test/Platform/...`).
 */
export function newStack(id: string = 'Stack'): Stack {
  return new Stack(new App(), id);
}
