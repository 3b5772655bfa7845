import { EksClusterRule, EksWorkloadChecks, EksWorkloadRule } from '../../../lib';
import { ValidationRow, error, typed } from '../table';

/** The validation table's rows for this area (see ../table.ts): the inputs of EksWorkloadChecks. */

const WHERE = 'lib/compliance/eks-workload-checks.ts';

export const rows: ValidationRow[] = [
  error({
    type: 'EksWorkloadChecks', property: 'acknowledge(reason)', rule: 'a reason of at least 10 characters',
    source: 'library', where: WHERE, errorProperty: 'reason',
    bad: (s) => EksWorkloadChecks.acknowledge(s, EksWorkloadRule.HOST_NAMESPACES, 'because'),
    edge: (s) => EksWorkloadChecks.acknowledge(s, EksWorkloadRule.HOST_NAMESPACES, 'CNI agent!'),
  }),
  error({
    type: 'EksWorkloadChecks', property: 'acknowledge(rule)', rule: 'one of the EksWorkloadRule ids (CdkContainers-EKS4 to CdkContainers-EKS14)',
    source: 'library', where: WHERE, errorProperty: 'rule',
    bad: (s) => EksWorkloadChecks.acknowledge(s, EksClusterRule.SECRETS_ENCRYPTION as unknown as EksWorkloadRule, 'checked by hand in review'),
    edge: (s) => EksWorkloadChecks.acknowledge(s, EksWorkloadRule.HOST_PORTS, 'checked by hand in review'),
  }),
  ...typed('EksWorkloadChecks', 'a construct (IConstruct)', 'acknowledge(scope)', 'visit(node)'),
];
