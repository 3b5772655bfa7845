/**
 * The one list of known emulator gaps (local/emulator/known-gaps.json, read by the Python emulator and
 * by the created-vs-skipped accounting): each entry names a test file of the repository that proves the
 * type's behaviour elsewhere, and each is used, by a template an integ app synthesizes or by the
 * emulator's own tests; an entry nothing uses is a stale excuse. (That no gap has an emulator model is
 * checked by local/emulator/test_emulator.py, KnownGapsTest.)
 */
import { App, Stack } from 'aws-cdk-lib';
import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_GAPS, KNOWN_GAPS_FILE } from '../../local/known-gaps';
import * as ecr from './integ.ecr';
import * as ecsEc2 from './integ.ecs-ec2';
import * as ecsFargate from './integ.ecs-fargate';
import * as ecsTraffic from './integ.ecs-traffic';
import * as eks from './integ.eks';
import * as eksWorkloads from './integ.eks-workloads';
import * as platform from './integ.platform';

const ROOT = path.join(__dirname, '..', '..');
const APPS: Array<[(app: App) => Stack[], Record<string, string>]> = [
  [ecr.build, {}], [ecr.build, { 'integ:variant': 'v2' }], [ecsFargate.build, {}], [ecsFargate.build, { 'integ:variant': 'v2' }],
  [ecsEc2.build, {}], [ecsTraffic.build, {}], [eks.build, {}], [eksWorkloads.build, {}], [platform.build, {}],
];

describe('known emulator gaps', () => {
  let integTypes: Set<string>;
  let emulatorTests: string;

  beforeAll(() => {
    integTypes = new Set();
    for (const [build, context] of APPS) {
      const app = new App({ context });
      for (const stack of build(app)) {
        const template = app.synth().getStackByName(stack.stackName).template as { Resources?: Record<string, { Type: string }> };
        for (const resource of Object.values(template.Resources ?? {})) integTypes.add(resource.Type);
      }
    }
    const dir = path.dirname(KNOWN_GAPS_FILE);
    emulatorTests = fs.readdirSync(dir).filter((f) => /^test_.*\.py$/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  });

  test('the list is the shipped room\'s JSON file, and it is not empty', () => {
    expect(path.relative(ROOT, KNOWN_GAPS_FILE)).toBe(path.join('local', 'emulator', 'known-gaps.json'));
    expect(Object.keys(KNOWN_GAPS).length).toBeGreaterThan(0);
  });

  test.each(Object.entries(KNOWN_GAPS))('%s has a reason and a test that proves it elsewhere', (type, gap) => {
    expect(gap.reason).toMatch(/^moto 5\.2\.1\b/);
    const proof = path.join(ROOT, gap.provenBy);
    expect(fs.existsSync(proof)).toBe(true);
    expect(fs.readFileSync(proof, 'utf8')).toContain(type);
  });

  test.each(Object.keys(KNOWN_GAPS))('%s is used by an integ app template or the emulator\'s tests', (type) => {
    expect(integTypes.has(type) || emulatorTests.includes(`"Type": "${type}"`)).toBe(true);
  });
});
