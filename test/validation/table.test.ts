import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ContainerErrors } from '../../lib';
import { newStack } from '../support/stack';
import { thrownBy } from '../support/thrown';
import { AREAS } from './index';
import { renderValidationTable, WRITE_COMMAND } from './render';
import { ValidationRow } from './table';

/**
 * Runs the validation table (test/validation/rows/*.ts, rendered as docs/validation.md): every
 * enforced row's bad value must be refused (a ValidationError naming the property, or the row's
 * warning), and its edge value must synthesize without it.
 */

/** Builds a case into a new stack and synthesizes it (node validations run at synth). */
function synthesize(build: (stack: Stack) => unknown): Stack {
  const stack = newStack();
  build(stack);
  Template.fromStack(stack);
  return stack;
}

function expectedProperty(row: ValidationRow): string {
  return row.errorProperty ?? row.property.replace(/ \(.*\)$/, '').split('.').pop()!.replace(/\(.*\)$/, '');
}

function warningsWith(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data)).filter((m) => m.includes(`[ack: ${id}]`));
}

for (const area of AREAS) {
  describe(`validation table: ${area.title}`, () => {
    const errors = area.rows.filter((r) => r.enforcement === 'error');
    const warnings = area.rows.filter((r) => r.enforcement === 'warning');

    // An area may have no warning rows: jest refuses an empty table, so such a block is not declared.
    const cases = (rows: ValidationRow[]) => rows.map((r) => [`${r.type}.${r.property}`, r] as const);
    if (errors.length) {
      test.each(cases(errors))('%s: bad value refused with a ValidationError', (_, row) => {
        const e = thrownBy(() => synthesize(row.bad!));
        if (!ContainerErrors.isValidationError(e)) throw new Error(`expected a ValidationError, got ${e === undefined ? 'no error' : String(e)}`);
        expect(e.property).toContain(expectedProperty(row));
      });
      test.each(cases(errors))('%s: edge value accepted', (_, row) => {
        expect(thrownBy(() => synthesize(row.edge!))).toBeUndefined();
      });
    }
    if (warnings.length) {
      test.each(cases(warnings))('%s: bad value warned', (_, row) => {
        expect(warningsWith(synthesize(row.bad!), row.warningId!)).toHaveLength(1);
      });
      test.each(cases(warnings))('%s: edge value not warned', (_, row) => {
        expect(warningsWith(synthesize(row.edge!), row.warningId!)).toEqual([]);
      });
    }
  });
}

test('every enforced row names the file that enforces it, and the file exists', () => {
  const root = path.join(__dirname, '..', '..');
  const missing = AREAS.flatMap((a) => a.rows)
    .filter((r) => r.enforcement === 'error' || r.enforcement === 'warning')
    .filter((r) => !r.where || !fs.existsSync(path.join(root, r.where)))
    .map((r) => `${r.type}.${r.property}: ${r.where ?? 'no where'}`);
  expect(missing).toEqual([]);
});

test('docs/validation.md is rendered from the rows', () => {
  const file = path.join(__dirname, '..', '..', 'docs', 'validation.md');
  const checkedIn = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (checkedIn !== renderValidationTable()) throw new Error(`docs/validation.md is stale: run \`${WRITE_COMMAND}\` and check it in`);
});
