// Random circuits up to 10 qubits, seeded (QSIM_RANDOM_SEED overrides; the seed is in every test
// name and failure message). Our parser + WebAssembly kernel (SIMD and plain builds, fused as
// Statevector.run fuses) against the npm package quantum-circuit on the same QASM: amplitudes
// equal within 1e-10 up to one global phase. A second set uses every native gate, including
// those quantum-circuit lacks, against the unfused dense reference of test/unit/qasm/dense.ts.
import { describe, expect, it } from 'vitest';
import type { UnitaryOp } from '../../../workers/quantum/circuit.ts';
import { NATIVE_GATES, parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { applyOp, distanceUpToPhase, seededRandom } from '../qasm/dense.ts';
import { ReferenceCircuit } from './quantumCircuit.ts';
import { BUILDS, kernelState, unitaryOps } from './simulate.ts';

const SEED = Number(process.env.QSIM_RANDOM_SEED ?? 424242);
const CIRCUITS = 30;
const TOLERANCE = 1e-10;

/** qelib1.inc's gates that quantum-circuit knows and computes as qelib1.inc does (see qelib1.test.ts). */
const SHARED_GATES = [
  'u3', 'u2', 'u1', 'cx', 'id', 'u', 'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx', 'ry', 'rz', 'sx', 'sxdg',
  'cz', 'cy', 'swap', 'ch', 'ccx', 'cswap', 'crx', 'cry', 'crz', 'cu1', 'cp', 'cu3', 'csx', 'rzz',
];

/** User-defined gates with parameters and nesting, understood by both. */
const DEFINITIONS = `gate pair(a, b) x, y { ry(a) x; cx x, y; rz(b / 2 - pi) y; }
gate nest(a) x, y, z { pair(a, -a) x, z; h y; cp(2 * a) y, z; u2(a, pi / 4) x; }`;
const DEFINED: Record<string, [number, number]> = { pair: [2, 2], nest: [1, 3] };

interface RandomCircuit {
  source: string;
  qubits: number;
  statements: number;
}

function randomCircuit(random: () => number, qubits: number, gates: readonly string[], withDefinitions: boolean): RandomCircuit {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  // One or two quantum registers, laid end to end.
  const split = random() < 0.5 ? int(1, qubits - 1) : qubits;
  const name = (q: number) => (q < split ? `a[${q}]` : `b[${q - split}]`);
  const angle = () => {
    const r = random();
    if (r < 0.15) return `${['', '-'][int(0, 1)]}${int(1, 7)}*pi/${[2, 4, 8][int(0, 2)]}`;
    return ((random() * 4 - 2) * Math.PI).toPrecision(17);
  };
  const lines = ['OPENQASM 2.0;', 'include "qelib1.inc";'];
  if (withDefinitions) lines.push(DEFINITIONS);
  lines.push(`qreg a[${split}];`);
  if (split < qubits) lines.push(`qreg b[${qubits - split}];`);
  const names = withDefinitions ? [...gates, ...Object.keys(DEFINED)] : gates;
  const usable = names.filter((gate) => (NATIVE_GATES.get(gate)?.qubits ?? DEFINED[gate][1]) <= qubits);
  const statements = int(20, 60);
  for (let s = 0; s < statements; s++) {
    const gate = usable[int(0, usable.length - 1)];
    const [params, arity] = NATIVE_GATES.has(gate) ? [NATIVE_GATES.get(gate)!.params, NATIVE_GATES.get(gate)!.qubits] : DEFINED[gate];
    const order = [...Array(qubits).keys()];
    for (let i = order.length - 1; i > 0; i--) {
      const j = int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const args = order.slice(0, arity).map(name).join(', ');
    lines.push(`${gate}${params ? `(${Array.from({ length: params }, angle).join(', ')})` : ''} ${args};`);
  }
  return { source: lines.join('\n') + '\n', qubits, statements };
}

function denseState(ops: readonly UnitaryOp[], n: number): Float64Array {
  const state = new Float64Array(2 * 2 ** n);
  state[0] = 1;
  for (const op of ops) applyOp(state, n, op);
  return state;
}

describe(`random circuits against quantum-circuit (seed ${SEED}, QSIM_RANDOM_SEED)`, () => {
  const random = seededRandom(SEED);
  // Every size from 2 to 10 qubits, more than once.
  const circuits = Array.from({ length: CIRCUITS }, (_, i) => randomCircuit(random, 2 + (i % 9), SHARED_GATES, true));

  circuits.forEach((circuit, index) => {
    it(`circuit ${index}: ${circuit.qubits} qubits, ${circuit.statements} gates`, async () => {
      const context = `seed ${SEED}, circuit ${index}:\n${circuit.source}`;
      const ops = unitaryOps(parseQasm(circuit.source));
      const reference = new ReferenceCircuit(circuit.source, circuit.qubits);
      expect(reference.importedGates, `quantum-circuit imported every gate; ${context}`).toBe(circuit.statements);
      const expected = reference.state();
      for (const build of BUILDS) {
        const ours = await kernelState(ops, circuit.qubits, build.simd);
        expect(distanceUpToPhase(expected, ours), `${build.name} build; ${context}`).toBeLessThan(TOLERANCE);
      }
      expect(distanceUpToPhase(expected, denseState(ops, circuit.qubits)), `dense reference; ${context}`).toBeLessThan(TOLERANCE);
    });
  });

  it('sizes span 2 to 10 qubits and the circuits use every shared gate', () => {
    expect(new Set(circuits.map((circuit) => circuit.qubits))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const used = new Set(circuits.flatMap((circuit) => [...circuit.source.matchAll(/^(\w+)[( ]/gm)].map((m) => m[1])));
    for (const gate of [...SHARED_GATES, ...Object.keys(DEFINED)]) expect(used, gate).toContain(gate);
  });

  it('a wrong gate would be noticed: a flipped rotation angle in one gate breaks the match', async () => {
    const source = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg a[3];\nh a[0];\ncx a[0], a[1];\nry(0.4) a[2];\ncrz(0.9) a[1], a[2];\n';
    const expected = new ReferenceCircuit(source, 3).state();
    const ours = await kernelState(unitaryOps(parseQasm(source.replace('crz(0.9)', 'crz(-0.9)'))), 3, true);
    expect(distanceUpToPhase(expected, ours)).toBeGreaterThan(0.01);
  });
});

describe(`random circuits of every native gate, kernel against the dense reference (seed ${SEED})`, () => {
  const random = seededRandom(SEED + 1);
  const everything = [...NATIVE_GATES.keys()];
  for (let index = 0; index < 20; index++) {
    const circuit = randomCircuit(random, 5 + (index % 6), everything, false); // c4x needs 5
    it(`circuit ${index}: ${circuit.qubits} qubits, ${circuit.statements} gates`, async () => {
      const ops = unitaryOps(parseQasm(circuit.source));
      const expected = denseState(ops, circuit.qubits);
      for (const build of BUILDS) {
        const ours = await kernelState(ops, circuit.qubits, build.simd);
        expect(distanceUpToPhase(expected, ours), `${build.name} build; seed ${SEED + 1}, circuit ${index}:\n${circuit.source}`).toBeLessThan(TOLERANCE);
      }
    });
  }
});
