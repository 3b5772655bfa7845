import { ALL_ROWS } from '../validation';
import { coveredInput } from '../validation/table';
import { BUILT_ASSEMBLY, readAssembly } from './support/jsii';

/**
 * The validation table (docs/validation.md) covers every input of the public API as the jsii
 * assembly declares it: every property of a struct that an initializer or method takes (and of the
 * structs inside it), and every other method argument. A new prop without a row fails here; so does
 * a row for a prop that no longer exists.
 */

interface TypeRef { fqn?: string; collection?: { elementtype: TypeRef }; union?: { types: TypeRef[] }; primitive?: string }
interface Parameter { name: string; type: TypeRef }
interface Callable { name?: string; parameters?: Parameter[] }
interface JsiiType {
  kind: string; name: string; datatype?: boolean; interfaces?: string[];
  properties?: Array<{ name: string; type: TypeRef }>; initializer?: Callable; methods?: Callable[];
}

const assembly = readAssembly(BUILT_ASSEMBLY) as unknown as { name: string; types: Record<string, JsiiType> };
const own = (fqn: string | undefined): JsiiType | undefined => (fqn?.startsWith(`${assembly.name}.`) ? assembly.types[fqn] : undefined);

/** Every input of the assembly, as `Type.property` or `Class.method(argument)`. */
function inputs(): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visitStruct = (fqn: string): void => {
    const t = own(fqn);
    if (!t?.datatype || seen.has(fqn)) return;
    seen.add(fqn);
    for (const p of t.properties ?? []) {
      found.add(`${t.name}.${p.name}`);
      structsIn(p.type).forEach(visitStruct);
    }
    (t.interfaces ?? []).forEach(visitStruct);
  };
  for (const t of Object.values(assembly.types)) {
    if (t.kind !== 'class') continue;
    const callables: Array<[string, Callable]> = [
      ...(t.initializer ? [['constructor', t.initializer] as [string, Callable]] : []),
      ...(t.methods ?? []).map((m) => [m.name!, m] as [string, Callable]),
    ];
    for (const [name, callable] of callables) {
      // A construct's scope and id (initializers, static from... methods): construct-tree names, not AWS input.
      const inTree = (callable.parameters ?? []).some((p) => p.name === 'scope' && p.type.fqn === 'constructs.Construct');
      for (const p of callable.parameters ?? []) {
        if (inTree && (p.name === 'scope' || p.name === 'id')) continue;
        const structs = structsIn(p.type);
        if (structs.length && structs.every((s) => own(s)?.datatype)) structs.forEach(visitStruct);
        else found.add(`${t.name}.${name}(${p.name})`);
      }
    }
  }
  return found;
}

function structsIn(ref: TypeRef): string[] {
  if (ref.collection) return structsIn(ref.collection.elementtype);
  if (ref.union) return ref.union.types.flatMap(structsIn);
  return own(ref.fqn)?.datatype ? [ref.fqn!] : [];
}

test('every input of the public API has a row in the validation table', () => {
  const covered = new Set(ALL_ROWS.map(coveredInput));
  expect([...inputs()].filter((i) => !covered.has(i)).sort()).toEqual([]);
});

test('every row names an input the public API has', () => {
  const all = inputs();
  expect([...new Set(ALL_ROWS.map(coveredInput))].filter((c) => !all.has(c)).sort()).toEqual([]);
});

test('the input list reaches nested structs and method arguments', () => {
  const all = inputs();
  // A struct inside a struct (the load balancer options of a service) and a plain method argument.
  expect(all.has('ServiceLoadBalancerOptions.certificate')).toBe(true);
  expect(all.has('EcsTaskDefinition.addContainer(id)')).toBe(true);
  expect(all.has('EcsTaskDefinition.constructor(id)')).toBe(false);
  expect(all.has('EcrRepository.fromRepositoryName(scope)')).toBe(false);
});
