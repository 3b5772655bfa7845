import { ACCOUNT_ID, ECR_NAME } from '../../../../lib/ecr/private/patterns';

describe('ECR_NAME: the name grammar of repositories and repository prefixes', () => {
  test.each([
    'api', 'a', '0', 'shop/api', 'shop/api-v2', 'team.one/app_1', 'a/b/c/d', 'docker-hub', 'ecr-public-cache', 'x9', 'a-b.c_d',
    'my--api', 'my---api', 'my__api', 'team/a__b--c',
  ])('%s is a name', (name) => {
    expect(ECR_NAME.test(name)).toBe(true);
  });

  test.each([
    ['', 'empty'],
    ['Shop/Api', 'upper case'],
    ['-api', 'a leading separator'],
    ['api-', 'a trailing separator'],
    ['my._api', 'mixed separators in a row'],
    ['my___api', 'three underscores'],
    ['my_-api', 'an underscore and a hyphen in a row'],
    ['my..api', 'two dots in a row'],
    ['/api', 'an empty first namespace'],
    ['shop/', 'an empty last component'],
    ['shop//api', 'an empty namespace in the middle'],
    ['shop/-api', 'a separator right after a slash'],
    ['my api', 'a space'],
    ['api:latest', 'a tag'],
    ['shop/api@sha256', 'a digest marker'],
    ['caf\u00e9', 'a non-ASCII letter'],
  ])('%j is not a name (%s)', (name) => {
    expect(ECR_NAME.test(name)).toBe(false);
  });

  test('the grammar leaves lengths to its callers: a 300-character name still matches', () => {
    expect(ECR_NAME.test('a'.repeat(300))).toBe(true);
  });
});

describe('ACCOUNT_ID', () => {
  test('exactly twelve digits', () => {
    expect(ACCOUNT_ID.test('123456789012')).toBe(true);
    expect(ACCOUNT_ID.test('012345678901')).toBe(true);
    expect(ACCOUNT_ID.test('12345678901')).toBe(false);
    expect(ACCOUNT_ID.test('1234567890123')).toBe(false);
    expect(ACCOUNT_ID.test('12345678901a')).toBe(false);
    expect(ACCOUNT_ID.test(' 123456789012')).toBe(false);
    expect(ACCOUNT_ID.test('1234-5678-9012')).toBe(false);
  });
});
