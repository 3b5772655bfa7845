import { App, Stack, Token } from 'aws-cdk-lib';
import { ContainerErrors, EcrRepository, ValidationError } from '../../lib';

describe('ValidationError', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack');

  test('names the construct path, the property, the value and what is allowed', () => {
    // WHEN
    const error = new ValidationError(stack, { property: 'repositoryName', value: 'Bad_Name', allowed: 'lower case letters', hint: 'use bad-name' });

    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('[Stack] repositoryName: got "Bad_Name"; allowed: lower case letters. Hint: use bad-name');
    expect(error.constructPath).toBe('Stack');
    expect(error.value).toBe('Bad_Name');
  });

  test('renders tokens as tokens, numbers as numbers and long objects truncated', () => {
    expect(new ValidationError(stack, { property: 'p', value: Token.asString({ Ref: 'X' }), allowed: 'a' }).message).toMatch(/got an unresolved token \(\$\{Token\[/);
    expect(new ValidationError(stack, { property: 'p', value: 3, allowed: 'a' }).message).toContain('got 3;');
    expect(new ValidationError(stack, { property: 'p', value: 'x'.repeat(300).split(''), allowed: 'a' }).message).toMatch(/\.\.\.; allowed/);
  });
});

describe('ContainerErrors.isValidationError', () => {
  const stack = new Stack(new App(), 'Stack');

  test('recognises the library\'s validation errors, including one thrown by a construct', () => {
    expect(ContainerErrors.isValidationError(new ValidationError(stack, { property: 'p', value: 1, allowed: 'a' }))).toBe(true);
    let thrown: unknown;
    try {
      new EcrRepository(stack, 'Images', { repositoryName: 'Bad_Name' });
    } catch (e) {
      thrown = e;
    }
    expect(ContainerErrors.isValidationError(thrown)).toBe(true);
  });

  test('recognises an error from another copy of the package (a second class with the same marker)', () => {
    // A copy of the library loaded twice (two versions side by side) has its own ValidationError
    // class: instanceof says no, the process-wide marker still says yes.
    let copy: unknown;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const other = require('../../lib/errors') as typeof import('../../lib/errors');
      copy = new other.ValidationError(stack, { property: 'p', value: 1, allowed: 'a' });
    });
    expect(copy).not.toBeInstanceOf(ValidationError);
    expect(ContainerErrors.isValidationError(copy)).toBe(true);
  });

  test.each([
    ['a plain Error with the same name', Object.assign(new Error('[Stack] p: got 1; allowed: a.'), { name: 'ValidationError' })],
    ['aws-cdk-lib\'s own error', (() => { try { new Stack(new App(), 'bad name!'); } catch (e) { return e; } return undefined; })()],
    ['a string', 'ValidationError'],
    ['null', null],
    ['undefined', undefined],
  ])('says no to %s', (_, x) => {
    expect(ContainerErrors.isValidationError(x)).toBe(false);
  });
});
