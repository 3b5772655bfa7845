import * as fs from 'fs';
import * as path from 'path';
import { renderValidationTable } from './render';

/** Rewrites docs/validation.md from the rows (`npm run docs:validation`). */
const file = path.join(__dirname, '..', '..', 'docs', 'validation.md');
fs.writeFileSync(file, renderValidationTable());
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
