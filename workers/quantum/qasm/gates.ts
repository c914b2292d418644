// The gates the simulator runs directly: OpenQASM's built-in U and CX, and every gate of
// Qiskit's qelib1.inc. Each equals its qelib1.inc definition up to a global phase of the
// whole gate (test/unit/qasm/qelib1.test.ts checks this against the definitions); a
// controlled gate's block keeps its phase relative to the uncontrolled one.
// Two exceptions, where qelib1.inc's text is wrong: its c3sqrtx expands to C3-SX† and its
// c4x to no 4-controlled X at all. Here they are the gates their names mean, as Qiskit's
// C3SXGate and C4XGate (the test checks them against Qiskit's definitions of those).
import * as M from './matrices.ts';

export interface NativeGate {
  name: string;
  /** Number of real parameters. */
  params: number;
  /** Number of qubit arguments. */
  qubits: number;
  /** The first `controls` qubit arguments are controls; the rest are targets, in order. */
  controls: number;
  /** The 2^t × 2^t matrix on the targets (see circuit.ts for the layout). */
  matrix(params: readonly number[]): Float64Array;
}

const ONE: M.Complex = [1, 0];
const I: M.Complex = [0, 1];
const MINUS_I: M.Complex = [0, -1];
const MINUS_ONE: M.Complex = [-1, 0];

/** Relative-phase Toffoli (qubits a, b, c; bit 0 = a): flips c when a, b are 1, up to phases ±i and -1. */
const RCCX = () => M.monomial([0, 1, 2, 7, 4, 5, 6, 3], [ONE, ONE, ONE, I, ONE, MINUS_ONE, ONE, MINUS_I]);

/** Relative-phase 3-controlled X (qubits a, b, c, d; bit 0 = a): flips d when a, b, c are 1, up to phases i, -i, -1. */
const RC3X = () =>
  M.monomial(
    [0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14, 7],
    [ONE, ONE, ONE, I, ONE, ONE, ONE, MINUS_ONE, ONE, ONE, ONE, MINUS_I, ONE, ONE, ONE, ONE],
  );

const table: NativeGate[] = [];
function native(name: string, params: number, qubits: number, controls: number, matrix: NativeGate['matrix']) {
  table.push({ name, params, qubits, controls, matrix });
}

// OpenQASM 2 built-ins.
native('U', 3, 1, 0, ([t, p, l]) => M.u3(t, p, l));
native('CX', 0, 2, 1, M.pauliX);

// qelib1.inc, in its order.
native('u3', 3, 1, 0, ([t, p, l]) => M.u3(t, p, l));
native('u2', 2, 1, 0, ([p, l]) => M.u3(Math.PI / 2, p, l));
native('u1', 1, 1, 0, ([l]) => M.phaseGate(l));
native('cx', 0, 2, 1, M.pauliX);
native('id', 0, 1, 0, M.identity);
native('u0', 1, 1, 0, M.identity);
native('u', 3, 1, 0, ([t, p, l]) => M.u3(t, p, l));
native('p', 1, 1, 0, ([l]) => M.phaseGate(l));
native('x', 0, 1, 0, M.pauliX);
native('y', 0, 1, 0, M.pauliY);
native('z', 0, 1, 0, M.pauliZ);
native('h', 0, 1, 0, M.hadamard);
native('s', 0, 1, 0, () => M.phaseGate(Math.PI / 2));
native('sdg', 0, 1, 0, () => M.phaseGate(-Math.PI / 2));
native('t', 0, 1, 0, () => M.phaseGate(Math.PI / 4));
native('tdg', 0, 1, 0, () => M.phaseGate(-Math.PI / 4));
native('rx', 1, 1, 0, ([t]) => M.rx(t));
native('ry', 1, 1, 0, ([t]) => M.ry(t));
native('rz', 1, 1, 0, ([p]) => M.rz(p));
native('sx', 0, 1, 0, M.sqrtX);
native('sxdg', 0, 1, 0, M.sqrtXDagger);
native('cz', 0, 2, 1, M.pauliZ);
native('cy', 0, 2, 1, M.pauliY);
native('swap', 0, 2, 0, M.swap);
native('ch', 0, 2, 1, M.hadamard);
native('ccx', 0, 3, 2, M.pauliX);
native('cswap', 0, 3, 1, M.swap);
native('crx', 1, 2, 1, ([l]) => M.rx(l));
native('cry', 1, 2, 1, ([l]) => M.ry(l));
native('crz', 1, 2, 1, ([l]) => M.rz(l));
native('cu1', 1, 2, 1, ([l]) => M.phaseGate(l));
native('cp', 1, 2, 1, ([l]) => M.phaseGate(l));
native('cu3', 3, 2, 1, ([t, p, l]) => M.u3(t, p, l));
native('csx', 0, 2, 1, M.sqrtX);
native('cu', 4, 2, 1, ([t, p, l, g]) => M.u3(t, p, l, g));
native('rxx', 1, 2, 0, ([t]) => M.rxx(t));
native('rzz', 1, 2, 0, ([t]) => M.rzz(t));
native('rccx', 0, 3, 0, RCCX);
native('rc3x', 0, 4, 0, RC3X);
native('c3x', 0, 4, 3, M.pauliX);
native('c3sqrtx', 0, 4, 3, M.sqrtX);
native('c4x', 0, 5, 4, M.pauliX);

export const NATIVE_GATES: ReadonlyMap<string, NativeGate> = new Map(table.map((gate) => [gate.name, gate]));

/** The gates `include "qelib1.inc"` brings (all natives but OpenQASM's own U and CX). */
export const QELIB1_GATES: readonly string[] = table.map((gate) => gate.name).filter((name) => name !== 'U' && name !== 'CX');
