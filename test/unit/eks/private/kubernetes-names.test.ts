import { Stack } from 'aws-cdk-lib';
import { checkKubernetesName, checkPortName, isKubernetesName } from '../../../../lib/eks/private/kubernetes-names';

describe('Kubernetes name grammars', () => {
  test.each([
    ['dns1123Label', 'web', true], ['dns1123Label', '1web', true], ['dns1123Label', 'web-', false], ['dns1123Label', 'Web', false],
    ['dns1123Label', 'a'.repeat(63), true], ['dns1123Label', 'a'.repeat(64), false], ['dns1123Label', '', false], ['dns1123Label', 'a.b', false],
    ['dns1035Label', 'web', true], ['dns1035Label', '1web', false], ['dns1035Label', 'web-1', true], ['dns1035Label', '-web', false],
    ['dns1123Subdomain', 'my.secret-1', true], ['dns1123Subdomain', 'my..secret', false], ['dns1123Subdomain', 'a'.repeat(254), false],
    ['envVarName', 'LOG_LEVEL', true], ['envVarName', '_x.y-z', true], ['envVarName', '1X', false], ['envVarName', 'A=B', false], ['envVarName', '', false],
    ['configMapKey', 'password', true], ['configMapKey', 'tls.crt', true], ['configMapKey', '.', false], ['configMapKey', '..', false], ['configMapKey', '..data', false], ['configMapKey', '.hidden', true], ['configMapKey', 'a/b', false],
    ['relaxedEnvVarName', '1_LEVEL', true], ['relaxedEnvVarName', 'MY VAR', true], ['relaxedEnvVarName', 'A=B', false], ['relaxedEnvVarName', 'é', false], ['relaxedEnvVarName', '', false],
  ] as const)('%s %j is %s', (grammar, value, ok) => {
    expect(isKubernetesName(grammar, value)).toBe(ok);
  });

  test('a token is refused for object names and passed where asked', () => {
    const stack = new Stack();
    expect(() => checkKubernetesName(stack, 'name', stack.account, 'dns1123Label')).toThrow(/literal string.*never pass through CloudFormation/s);
    expect(() => checkKubernetesName(stack, 'name', stack.account, 'dns1123Label', 'pass')).not.toThrow();
    expect(() => checkKubernetesName(stack, 'name', 'Bad', 'dns1123Label')).toThrow(/property: name|name/);
  });

  test.each([
    ['http', true], ['grpc-web', true], ['a'.repeat(15), true], ['a'.repeat(16), false], ['8080', false], ['http--2', false], ['-http', false], ['HTTP', false],
  ])('port name %j is %s', (name, ok) => {
    const check = () => checkPortName(new Stack(), 'name', name);
    if (ok) expect(check).not.toThrow();
    else expect(check).toThrow(/IANA service name/);
  });
});
