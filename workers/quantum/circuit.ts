// The circuit form shared by the QASM front end (workers/quantum/qasm/) and the simulator
// (workers/quantum/kernel/): flat, every register resolved to qubit / classical-bit indices.
//
// Qubit order (SPEC §9, Qiskit's): several qregs are laid end to end in declaration order
// (the first register's [0] is qubit 0); in a state index i, qubit k is 1 when bit k of i is set.
// Classical bits likewise: cregs end to end in declaration order.

/**
 * A unitary on `targets`, applied only where every qubit in `controls` is 1.
 * `matrix` is 2^t × 2^t complex (t = targets.length), row-major, re/im interleaved
 * (length 2·4^t). Row/column index bit j refers to targets[j] (targets[0] = least significant).
 * Native gates equal their qelib1.inc definition up to a global phase (OpenQASM 2 cannot
 * control a gate, so a gate's global phase never shows).
 */
export interface UnitaryOp {
  kind: 'unitary';
  /** The gate as written (e.g. "cx", "u3", a user gate's inner gate), for messages and drawing. */
  name: string;
  params: number[];
  targets: number[];
  controls: number[];
  matrix: Float64Array;
  /** 1-based line of the QASM statement this came from. */
  line: number;
}

export interface MeasureOp {
  kind: 'measure';
  qubit: number;
  clbit: number;
  line: number;
}

export interface ResetOp {
  kind: 'reset';
  qubit: number;
  line: number;
}

/** `if (creg == value) op;` — compares the whole classical register, read as an unsigned integer. */
export interface IfOp {
  kind: 'if';
  creg: { name: string; offset: number; size: number };
  value: number;
  op: UnitaryOp | MeasureOp | ResetOp;
  line: number;
}

export type Op = UnitaryOp | MeasureOp | ResetOp | IfOp;

export interface Register {
  name: string;
  size: number;
  /** Index of its [0] among all qubits (or all classical bits). */
  offset: number;
}

export interface Circuit {
  qubits: number;
  clbits: number;
  qregs: Register[];
  cregs: Register[];
  /** In program order; `barrier` is not an op (it is not a gate). */
  ops: Op[];
}
