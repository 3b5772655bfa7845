/**
 * Runs the emulator extension's own Python tests (local/emulator/test_*.py) in the integ
 * tier, so CI checks the moto patches the deploy tests rely on.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

test('the moto 5.2.1 extension passes its Python tests', () => {
  // WHEN
  const run = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', path.join(__dirname, '..', '..', 'local', 'emulator'), '-p', 'test_*.py'],
    { encoding: 'utf8', timeout: 300_000 });
  // THEN
  const summary = `${run.stderr}`.trim().split('\n').slice(-3).join(' ');
  process.stdout.write(`emulator extension tests: ${summary}\n`);
  expect(run.error).toBeUndefined();
  expect(run.stderr).toMatch(/^OK$/m);
  expect(run.status).toBe(0);
});
