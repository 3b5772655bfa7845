import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { ContainersCompliance } from '../../lib/compliance';
import { cfnLint } from './cfn-lint';

/** Every Control Tower proactive rule folder cdk-validator-cfnguard ships (all services, not only those the library uses). */
const CONTROL_TOWER_RULES = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');
export const CONTROL_TOWER_RULE_SETS: string[] = fs.readdirSync(CONTROL_TOWER_RULES).sort();

/** One finding of one tool. */
export interface ComplianceFinding {
  readonly tool: string;
  readonly rule: string;
  readonly path: string;
}

/** What every tool of the compliance tier found in one app. */
export interface ComplianceResult {
  readonly findings: ComplianceFinding[];
  /** Findings per tool (tools that ran and found nothing have 0). */
  readonly counts: Record<string, number>;
  /** The synthesized templates. */
  readonly templates: string[];
  /** The app, synthesized. */
  readonly app: App;
  /** Findings the validation plugins report as acknowledged: the id, the resource, and where the acknowledgement sits. */
  readonly suppressed: Array<{ readonly id: string; readonly path: string; readonly at: string }>;
  /** Every acknowledgement the app (the library included) made for the validation plugins (not cfn-lint's): its id and the construct it sits on. */
  readonly acknowledgements: Array<{ readonly id: string; readonly at: string }>;
}

interface ReportedViolation {
  readonly ruleName: string;
  readonly violatingConstructs: Array<{ readonly constructPath?: string; readonly resourceLogicalId?: string }>;
  readonly acknowledgedId?: string;
  readonly acknowledgedAt?: string;
}

interface ValidationReport {
  readonly pluginReports: Array<{
    readonly pluginName: string;
    readonly violations: ReportedViolation[];
    readonly suppressedViolations?: ReportedViolation[];
  }>;
}

/** The library's own checks report as error annotations whose message starts with their rule id. */
const OWN_CHECKS = 'cdk-containers';
const OWN_RULE = /^\[(CdkContainers-[A-Za-z0-9]+)\]/;

const TOOLS = ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321', 'Serverless', 'cdk-validator-cfnguard', 'CloudFormation Validate', 'cfn-lint', OWN_CHECKS];

/**
 * Synthesizes an app with every tool of the compliance tier: cdk-nag (AwsSolutions, HIPAA Security,
 * NIST 800-53 R4 and R5, PCI DSS 3.2.1, Serverless), every Control Tower rule folder of cdk-validator-cfnguard, aws-cdk-lib's CloudFormation validation in
 * strict mode, cfn-lint over every template (stages' included) and the library's own checks
 * (`EksClusterChecks`). Acknowledged findings are not reported.
 */
export function runCompliance(build: (app: App) => void, prepare?: (app: App) => void): ComplianceResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-containers-compliance-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  build(app);
  prepare?.(app);
  // The same gate a user's app adds in one call (README, Compliance).
  ContainersCompliance.addChecks(app, [
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new NIST80053R4Checks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
    new ServerlessChecks(app),
    new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: CONTROL_TOWER_RULE_SETS.map((set) => path.join(CONTROL_TOWER_RULES, set)) }),
  ]);

  const findings: ComplianceFinding[] = [];
  const suppressed: Array<{ id: string; path: string; at: string }> = [];
  try {
    app.synth();
  } catch (error) {
    if (!/Validation ?Failed/i.test(String(error))) throw error;
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ValidationReport;
    for (const plugin of report.pluginReports) {
      for (const violation of plugin.violations) {
        for (const construct of violation.violatingConstructs) {
          findings.push({ tool: plugin.pluginName, rule: violation.ruleName, path: construct.constructPath ?? construct.resourceLogicalId ?? '?' });
        }
      }
      for (const violation of plugin.suppressedViolations ?? []) {
        for (const construct of violation.violatingConstructs) {
          suppressed.push({ id: violation.acknowledgedId ?? '?', path: construct.constructPath ?? '?', at: violation.acknowledgedAt ?? '?' });
        }
      }
    }
  }
  const acknowledgements = app.node.findAll().flatMap((c) => c.node.metadata
    // Made through Validations.acknowledge (the library, the app); aws-cdk-lib's own, made inside its
    // constructs for rules it may trip (W3010 on literal AZs, say), are not the app's to account for.
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && (!m.trace || m.trace[0]?.includes('Validations.acknowledge')))
    .flatMap((m) => Object.keys(m.data as Record<string, string>))
    .filter((id) => !id.startsWith('cfn-lint::'))
    .map((id) => ({ id, at: c.node.path })));
  // The library's checks: error annotations (each once, however often the aspect was added).
  const own = new Set<string>();
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      const rule = entry.type === 'aws:cdk:error' && typeof entry.data === 'string' ? OWN_RULE.exec(entry.data)?.[1] : undefined;
      if (rule && !own.has(`${rule} ${construct.node.path}`)) {
        own.add(`${rule} ${construct.node.path}`);
        findings.push({ tool: OWN_CHECKS, rule, path: construct.node.path });
      }
    }
  }
  // Every template, including those of stages (assembly-*/ folders).
  const templates = (fs.readdirSync(outdir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.template.json')).sort().map((f) => path.join(outdir, f));
  for (const finding of cfnLint(templates)) {
    findings.push({ tool: 'cfn-lint', rule: finding.Rule.Id, path: `${path.basename(finding.Filename)}: ${finding.Message}` });
  }
  const counts: Record<string, number> = {};
  for (const tool of TOOLS) counts[tool] = 0;
  for (const f of findings) counts[f.tool] = (counts[f.tool] ?? 0) + 1;
  return { findings, counts, templates, app, suppressed, acknowledgements };
}

/**
 * The acknowledgements of an app that are not exact: those that sit elsewhere than on the
 * resource whose finding they cover, and those that cover no finding at all (stale, or on the
 * wrong resource or id).
 */
export function inexactAcknowledgements(result: ComplianceResult): { misplaced: unknown[]; unused: unknown[] } {
  const used = (a: { id: string; at: string }) => result.suppressed.some((s) => s.at === a.at && s.id === a.id);
  return { misplaced: result.suppressed.filter((s) => s.at !== s.path), unused: result.acknowledgements.filter((a) => !used(a)) };
}
