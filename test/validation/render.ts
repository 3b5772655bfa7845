import { AREAS } from './index';
import { ValidationRow } from './table';

/** The command that rewrites docs/validation.md. */
export const WRITE_COMMAND = 'npm run docs:validation';

const ENFORCEMENT: Record<ValidationRow['enforcement'], string> = {
  error: 'ValidationError',
  warning: 'warning',
  type: 'type',
  none: 'no rule',
};

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** docs/validation.md, rendered from the rows. */
export function renderValidationTable(): string {
  const all = AREAS.flatMap((a) => a.rows);
  const count = (e: ValidationRow['enforcement']): number => all.filter((r) => r.enforcement === e).length;
  const out: string[] = [
    '# Validation table',
    '',
    `<!-- Generated from test/validation/rows/*.ts by \`${WRITE_COMMAND}\`; test/validation/table.test.ts fails when this file is stale. -->`,
    '',
    'Every input of the public API (a property of a struct the API takes, or a method argument), the',
    'rule AWS applies to it, where the rule comes from and how the library enforces it at synth.',
    '',
    '- **ValidationError**: bad input throws at synth, naming the construct path, the property, the value',
    '  and what is allowed. Each such row is tested with a value the rule refuses and with the nearest',
    '  value it allows (so the check is not stricter than AWS).',
    '- **warning**: legal but likely wrong; the warning has a stable id you can acknowledge with',
    '  `Annotations.of(scope).acknowledgeWarning(id, reason)`. Tested the same way.',
    '- **type**: the type leaves nothing to check (an enum, a construct interface, a boolean).',
    '- **no rule**: AWS takes any value (free text stored as given).',
    '',
    'A value that is an unresolved token (a `CfnParameter`, another resource\'s attribute) is checked',
    'where the rule says so once it resolves at synth; otherwise it is passed to CloudFormation as is.',
    '',
    `Rows: ${all.length} (${count('error')} ValidationError, ${count('warning')} warning, ${count('type')} type, ${count('none')} no rule).`,
    '',
    'Sources: *API* = the service\'s API reference (the data type or action named); *CFN* = the',
    'CloudFormation resource schema (as cfn-lint ships it); *guide* = the service\'s user guide; *library*',
    '= a rule of this library\'s own (a secure or safe default), not AWS\'s.',
  ];
  for (const area of AREAS) {
    out.push('', `## ${area.title}`);
    const types = [...new Set(area.rows.map((r) => r.type))];
    for (const type of types) {
      out.push('', `### ${type}`, '', '| Input | Rule | Source | Enforced | Where |', '| --- | --- | --- | --- | --- |');
      for (const r of area.rows.filter((x) => x.type === type)) {
        const enforced = r.enforcement === 'warning' ? `warning \`${r.warningId}\`` : ENFORCEMENT[r.enforcement];
        out.push(`| \`${cell(r.property)}\` | ${cell(r.rule)} | ${cell(r.source)} | ${enforced} | ${r.where ? `\`${r.where}\`` : ''} |`);
      }
    }
  }
  const warnings = all.filter((r) => r.enforcement === 'warning');
  out.push('', '## Warnings', '', 'Each warning\'s id, for `Annotations.of(scope).acknowledgeWarning(id, reason)` on the construct that adds it:', '',
    '| Id | Input | When |', '| --- | --- | --- |');
  for (const r of warnings) out.push(`| \`${r.warningId}\` | \`${r.type}.${cell(r.property)}\` | ${cell(r.rule)} |`);
  return `${out.join('\n')}\n`;
}
