// Every native gate form (workers/quantum/qasm/gates.ts) against an independent reference, equal
// up to a global phase of the whole gate, for random parameters and a random placement of its
// qubits among two more:
//  (a) the npm package quantum-circuit's own state, run column by column into a unitary, for
//      every gate it knows and gets right;
//  (b) for the others, a matrix written here from the mathematics (test/unit/quantum/gateMath.ts).
// "Ours" is the parsed op twice over: applied by the dense helper of dense.ts, and run through
// the WebAssembly kernel (both builds).
import { describe, expect, it } from 'vitest';
import { NATIVE_GATES, QELIB1_GATES, parseQasm } from '../../../workers/quantum/qasm/index.ts';
import * as G from '../quantum/gateMath.ts';
import { ReferenceCircuit, quantumCircuitGate } from '../quantum/quantumCircuit.ts';
import { BUILDS, kernelUnitary, unitaryOps } from '../quantum/simulate.ts';
import { distanceUpToPhase, seededRandom, unitaryOf } from './dense.ts';

const SEED = Number(process.env.QELIB1_SEED ?? 20240611);
const TRIALS = 3;
const EXTRA_QUBITS = 2;
const TOLERANCE = 1e-10;

/** qelib1.inc's gates and OpenQASM's U and CX: name → [parameters, qubits]. */
const SIGNATURES: Record<string, [number, number]> = {
  U: [3, 1], CX: [0, 2],
  u3: [3, 1], u2: [2, 1], u1: [1, 1], cx: [0, 2], id: [0, 1], u0: [1, 1], u: [3, 1], p: [1, 1],
  x: [0, 1], y: [0, 1], z: [0, 1], h: [0, 1], s: [0, 1], sdg: [0, 1], t: [0, 1], tdg: [0, 1],
  rx: [1, 1], ry: [1, 1], rz: [1, 1], sx: [0, 1], sxdg: [0, 1],
  cz: [0, 2], cy: [0, 2], swap: [0, 2], ch: [0, 2], ccx: [0, 3], cswap: [0, 3],
  crx: [1, 2], cry: [1, 2], crz: [1, 2], cu1: [1, 2], cp: [1, 2], cu3: [3, 2], csx: [0, 2], cu: [4, 2],
  rxx: [1, 2], rzz: [1, 2], rccx: [0, 3], rc3x: [0, 4], c3x: [0, 4], c3sqrtx: [0, 4], c4x: [0, 5],
};

/** Gates quantum-circuit imports but computes differently from qelib1.inc. */
const QUANTUM_CIRCUIT_DIFFERS: Record<string, string> = {
  cu: "resolves to its cu3 (Qiskit's name 'cu') and drops the fourth parameter γ",
  rxx: 'its xx gate is exp(−iθ·X⊗X) where qelib1.inc means exp(−iθ/2·X⊗X)',
};

/** CX with control c and target t, on n qubits. */
const cx = (c: number, t: number, n: number) => G.embed(G.controlled(G.X, 1), [c, t], n);
const on = (gate: G.Matrix, q: number, n: number) => G.embed(gate, [q], n);

/** √X, the square root of X with eigenvalues 1 and i: e^{iπ/4}·RX(π/2). */
const SQRT_X = G.scale(G.RX(Math.PI / 2), G.cis(Math.PI / 4));

/**
 * The relative-phase Toffoli of D. Maslov, "Advantages of using relative-phase Toffolis with an
 * application to multiple control Toffoli optimization" (2016): the target conjugated by H, with
 * three CNOTs interleaved with T and T† on it. Qubits a, b, c = 0, 1, 2 (c the target).
 */
function relativePhaseToffoli(): G.Matrix {
  const [a, b, c, n] = [0, 1, 2, 3];
  return G.sequence([on(G.H, c, n), on(G.T, c, n), cx(b, c, n), on(G.TDG, c, n), cx(a, c, n), on(G.T, c, n), cx(b, c, n), on(G.TDG, c, n), on(G.H, c, n)]);
}

/**
 * The same paper's relative-phase Toffoli with three controls a, b, c on the target d, six CNOTs:
 * V = H·T·CX(c, d)·T†·H on the target, a four-CNOT phase block of a and b on it, then V⁻¹
 * (which is again H, T, CX(c, d), T†, H in time order).
 */
function relativePhaseC3X(): G.Matrix {
  const [a, b, c, d, n] = [0, 1, 2, 3, 4];
  const h = on(G.H, d, n);
  const t = on(G.T, d, n);
  const tdg = on(G.TDG, d, n);
  const v = [h, t, cx(c, d, n), tdg, h];
  return G.sequence([...v, cx(a, d, n), t, cx(b, d, n), tdg, cx(a, d, n), t, cx(b, d, n), tdg, ...v]);
}

/** (b): references from the mathematics, on the gate's own qubit arguments (bit j = argument j). */
const FIRST_PRINCIPLES: Record<string, (params: number[]) => G.Matrix> = {
  U: ([theta, phi, lambda]) => G.U3(theta, phi, lambda),
  CX: () => G.controlled(G.X, 1),
  u0: () => G.identity(2), // an idle step: does nothing
  cu: ([theta, phi, lambda, gamma]) => G.controlled(G.scale(G.U3(theta, phi, lambda), G.cis(gamma)), 1),
  rxx: ([theta]) => G.pauliRotation(G.multiply(on(G.X, 0, 2), on(G.X, 1, 2)), theta),
  rccx: relativePhaseToffoli,
  rc3x: relativePhaseC3X,
  c3x: () => G.controlled(G.X, 3),
  c3sqrtx: () => G.controlled(SQRT_X, 3),
  c4x: () => G.controlled(G.X, 4),
};

const usesQuantumCircuit = (name: string) => !(name in FIRST_PRINCIPLES);

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const program = (n: number, body: string) => `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${n}];\n${body}\n`;

/** A permutation matrix's shape: the entry (row, col) is nonzero. */
function support(m: G.Matrix): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < m.length; i += 2) out.push(Math.hypot(m[i], m[i + 1]) > 1e-12);
  return out;
}

describe('qelib1 native gate forms', () => {
  it('are exactly the gates of qelib1.inc plus U and CX, with their parameter and qubit counts', () => {
    expect([...NATIVE_GATES.keys()].sort()).toEqual(Object.keys(SIGNATURES).sort());
    expect([...QELIB1_GATES].sort()).toEqual(Object.keys(SIGNATURES).filter((name) => name !== 'U' && name !== 'CX').sort());
    for (const [name, [params, qubits]] of Object.entries(SIGNATURES)) {
      const native = NATIVE_GATES.get(name)!;
      expect({ name, params: native.params, qubits: native.qubits }).toEqual({ name, params, qubits });
    }
  });

  it('each have one reference: quantum-circuit where it knows the gate and agrees with qelib1.inc, else the mathematics', () => {
    for (const name of NATIVE_GATES.keys()) {
      const resolved = quantumCircuitGate(name);
      if (usesQuantumCircuit(name)) expect(resolved, `quantum-circuit should know ${name}`).not.toBeNull();
      else if (!(name in QUANTUM_CIRCUIT_DIFFERS)) expect(resolved, `quantum-circuit has learnt ${name}: use it as the reference`).toBeNull();
    }
    // What quantum-circuit lacks, as found: it reports u0 (an idle gate) and the multi-controlled
    // gates unknown, and its importer drops OpenQASM's own U and CX silently.
    expect(Object.keys(FIRST_PRINCIPLES).filter((name) => quantumCircuitGate(name) === null).sort()).toEqual(['CX', 'U', 'c3sqrtx', 'c3x', 'c4x', 'rc3x', 'rccx', 'u0']);
  });

  for (const name of NATIVE_GATES.keys()) {
    const reference = usesQuantumCircuit(name) ? 'quantum-circuit' : 'the mathematics';
    it(`${name} equals ${reference} up to a global phase`, async () => {
      const random = seededRandom(SEED ^ [...name].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 7));
      const native = NATIVE_GATES.get(name)!;
      const n = native.qubits + EXTRA_QUBITS;
      for (let trial = 0; trial < TRIALS; trial++) {
        const params = Array.from({ length: native.params }, () => (random() * 4 - 2) * Math.PI);
        const placement = shuffle([...Array(n).keys()], random).slice(0, native.qubits);
        const call = `${name}${params.length ? `(${params.map((p) => p.toPrecision(17)).join(',')})` : ''} ${placement.map((q) => `q[${q}]`).join(',')};`;
        const source = program(n, call);
        const ops = unitaryOps(parseQasm(source));
        expect(ops).toHaveLength(1);
        const expected = usesQuantumCircuit(name) ? new ReferenceCircuit(source, n).unitary() : G.embed(FIRST_PRINCIPLES[name](params), placement, n);
        const context = `seed ${SEED} (QELIB1_SEED), trial ${trial}: ${call}`;
        expect(distanceUpToPhase(expected, unitaryOf(ops, n)), `dense, ${context}`).toBeLessThan(TOLERANCE);
        for (const build of BUILDS) {
          expect(distanceUpToPhase(expected, await kernelUnitary(ops, n, build.simd)), `${build.name} kernel, ${context}`).toBeLessThan(TOLERANCE);
        }
      }
    });
  }
});

describe('the references themselves', () => {
  it('quantum-circuit really differs on the gates it gets wrong (else move them to (a))', () => {
    for (const [name, call, n] of [
      ['cu', 'cu(0.7,0.2,-0.4,1.1) q[0],q[1];', 2],
      ['rxx', 'rxx(0.7) q[0],q[1];', 2],
    ] as const) {
      const theirs = new ReferenceCircuit(program(n, call), n).unitary();
      const ours = unitaryOf(unitaryOps(parseQasm(program(n, call))), n);
      expect(distanceUpToPhase(theirs, ours), `${name}: ${QUANTUM_CIRCUIT_DIFFERS[name]}`).toBeGreaterThan(0.1);
    }
    // A gate it does not know is an error here, not a silent skip as in quantum-circuit itself.
    expect(() => new ReferenceCircuit(program(4, 'c3x q[0],q[1],q[2],q[3];'), 4).state()).toThrow(/Unknown gate/);
    // U and CX vanish in its import: the state stays |00⟩.
    const dropped = new ReferenceCircuit(program(2, 'U(1,2,3) q[0];\nCX q[0],q[1];\nid q[1];'), 2).state();
    expect(Array.from(dropped)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    // Its xx at θ/2 is qelib1.inc's rxx at θ, and its cu equals cu3 when γ = 0.
    const rxx = unitaryOf(unitaryOps(parseQasm(program(2, 'rxx(0.7) q[0],q[1];'))), 2);
    expect(distanceUpToPhase(new ReferenceCircuit(program(2, 'rxx(0.35) q[0],q[1];'), 2).unitary(), rxx)).toBeLessThan(TOLERANCE);
    const cu = unitaryOf(unitaryOps(parseQasm(program(2, 'cu(0.7,0.2,-0.4,0) q[0],q[1];'))), 2);
    expect(distanceUpToPhase(new ReferenceCircuit(program(2, 'cu(0.7,0.2,-0.4,1.1) q[0],q[1];'), 2).unitary(), cu)).toBeLessThan(TOLERANCE);
  });

  it('√X squares to X and has eigenvalues 1 and i; the 3-controlled one is not its inverse', () => {
    expect(distanceUpToPhase(G.multiply(SQRT_X, SQRT_X), G.X)).toBeLessThan(1e-15);
    expect(Array.from(G.multiply(SQRT_X, SQRT_X)).map((x) => Math.round(x * 1e12) / 1e12 + 0)).toEqual(Array.from(G.X));
    // ½[[1+i, 1−i], [1−i, 1+i]]
    expect(Array.from(SQRT_X).map((x) => Math.round(x * 1e12) / 1e12 + 0)).toEqual([0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5]);
    const c3sqrtxInverse = G.controlled(G.scale(G.RX(-Math.PI / 2), G.cis(-Math.PI / 4)), 3);
    expect(distanceUpToPhase(c3sqrtxInverse, G.controlled(SQRT_X, 3))).toBeGreaterThan(0.5);
  });

  it("U3 from rotations is OpenQASM's closed form [[c, −e^{iλ}s], [e^{iφ}s, e^{i(φ+λ)}c]]", () => {
    const [theta, phi, lambda] = [1.1, -0.7, 2.3];
    const [c, s] = [Math.cos(theta / 2), Math.sin(theta / 2)];
    const closed = [c, 0, -s * Math.cos(lambda), -s * Math.sin(lambda), s * Math.cos(phi), s * Math.sin(phi), c * Math.cos(phi + lambda), c * Math.sin(phi + lambda)];
    const u3 = G.U3(theta, phi, lambda);
    for (let i = 0; i < 8; i++) expect(u3[i]).toBeCloseTo(closed[i], 14);
  });

  for (const [name, build, controls] of [
    ['rccx', relativePhaseToffoli, 2],
    ['rc3x', relativePhaseC3X, 3],
  ] as const) {
    it(`${name}: Maslov's circuit is the multi-controlled X up to phases ±1, ±i on the basis states (not the plain gate)`, () => {
      const maslov = build();
      const plain = G.controlled(G.X, controls);
      // |U| is the permutation of the multi-controlled X: flips the target where all controls are 1…
      expect(support(maslov)).toEqual(support(plain));
      // …and U·X_c^† is diagonal, with fourth roots of unity on it: only relative phases.
      const diagonal = G.multiply(maslov, plain); // plain is its own inverse
      const dim = G.dimension(diagonal);
      for (let i = 0; i < dim; i++) {
        const [re, im] = [diagonal[2 * (i * dim + i)], diagonal[2 * (i * dim + i) + 1]];
        expect(Math.min(...[[1, 0], [-1, 0], [0, 1], [0, -1]].map(([r, m]) => Math.hypot(re - r, im - m))), `phase at ${i}`).toBeLessThan(1e-12);
      }
      // Phases that differ from the plain gate by more than a global one.
      expect(distanceUpToPhase(maslov, plain)).toBeGreaterThan(0.5);
      // The native form has the same shape.
      const native = NATIVE_GATES.get(name)!.matrix([]);
      expect(support(native)).toEqual(support(plain));
    });
  }

  it('the comparison notices a wrong relative phase, and ignores a global one', () => {
    const cz = unitaryOf(unitaryOps(parseQasm(program(2, 'cz q[0],q[1];'))), 2);
    const cs = unitaryOf(unitaryOps(parseQasm(program(2, 'cp(pi/2) q[0],q[1];'))), 2);
    expect(distanceUpToPhase(cz, cs)).toBeGreaterThan(0.5);
    const rz = unitaryOf(unitaryOps(parseQasm(program(1, 'rz(0.3) q[0];'))), 1);
    const u1 = unitaryOf(unitaryOps(parseQasm(program(1, 'u1(0.3) q[0];'))), 1);
    expect(distanceUpToPhase(rz, u1)).toBeLessThan(1e-15);
    // A qubit placement mistake is caught too: cx with control and target swapped.
    expect(distanceUpToPhase(G.embed(G.controlled(G.X, 1), [1, 0], 2), unitaryOf(unitaryOps(parseQasm(program(2, 'cx q[0],q[1];'))), 2))).toBeGreaterThan(0.5);
  });
});
