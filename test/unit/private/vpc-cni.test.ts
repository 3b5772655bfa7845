import { Lazy, Token } from 'aws-cdk-lib';
import { prefixDelegationOf } from '../../../lib/private/vpc-cni';

describe('prefixDelegationOf: the VPC CNI add-on\'s ENABLE_PREFIX_DELEGATION', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['{}', false],
    [{ env: { WARM_IP_TARGET: '2' } }, false],
    [{ env: { ENABLE_PREFIX_DELEGATION: 'true' } }, true],
    [{ env: { ENABLE_PREFIX_DELEGATION: 'TRUE' } }, true],
    [{ env: { ENABLE_PREFIX_DELEGATION: 'false' } }, false],
    ['{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}', true],
    ['{"env":{"ENABLE_PREFIX_DELEGATION":"false"}}', false],
  ])('%j -> %s', (config, expected) => {
    expect(prefixDelegationOf(config)).toBe(expected);
  });

  test('what cannot be told is undefined: a token, text that is not JSON, a value of the wrong type', () => {
    expect(prefixDelegationOf(Token.asString(Lazy.string({ produce: () => '{}' })))).toBeUndefined();
    expect(prefixDelegationOf({ env: { ENABLE_PREFIX_DELEGATION: Lazy.string({ produce: () => 'true' }) } })).toBeUndefined();
    expect(prefixDelegationOf('{not json')).toBeUndefined();
    expect(prefixDelegationOf({ env: { ENABLE_PREFIX_DELEGATION: true } })).toBeUndefined();
  });
});
