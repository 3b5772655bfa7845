import { App, Stack, Token } from 'aws-cdk-lib';
import { ValidationError } from '../../lib';

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
