import { describe, expect, it } from 'vitest';
import {
  EditError,
  PALETTE,
  addGate,
  addQubit,
  emptyModel,
  formatAngle,
  fromQasm,
  gateName,
  moveGate,
  parseAngle,
  removeGate,
  removeQubit,
  setParams,
  toQasm,
  type CircuitModel,
} from '../../../src/features/quantum/editor/model.ts';

const HEADER = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';
const bell: CircuitModel = {
  qubits: 2,
  gates: [
    { name: 'h', qubits: [0], params: [] },
    { name: 'cx', qubits: [0, 1], params: [] },
    { name: 'measure', qubits: [0], params: [] },
  ],
};

describe('toQasm', () => {
  it('writes header, registers and one line per gate', () => {
    expect(toQasm(bell)).toBe(`${HEADER}qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q[0] -> c[0];\n`);
  });

  it('writes parameters, π multiples by name', () => {
    const model = { qubits: 1, gates: [{ name: 'rx', qubits: [0], params: [0.5] }, { name: 'u3', qubits: [0], params: [Math.PI / 2, 0, -Math.PI] }] };
    expect(toQasm(model)).toContain('rx(0.5) q[0];\nu3(pi/2,0,-pi) q[0];');
  });

  it('formats angles readably and exactly', () => {
    expect(formatAngle(0)).toBe('0');
    expect(formatAngle(Math.PI)).toBe('pi');
    expect(formatAngle((3 * Math.PI) / 4)).toBe('3*pi/4');
    expect(formatAngle(-Math.PI / 3)).toBe('-pi/3');
    expect(formatAngle(0.1)).toBe('0.1');
    for (const value of [Math.PI / 8, (5 * Math.PI) / 6, -2 * Math.PI, 1e-7, 123.456]) expect(parseAngle(formatAngle(value))).toBeCloseTo(value, 14);
  });
});

describe('fromQasm', () => {
  it('reads what toQasm writes, for every palette gate', () => {
    let model = emptyModel(3);
    for (const kind of PALETTE) {
      model = addGate(model, { name: kind.name, qubits: [0, 1, 2].slice(0, kind.arity), params: kind.defaults.map((d) => d / 3) });
    }
    const text = toQasm(model);
    const read = fromQasm(text);
    expect(read?.gates.map((g) => g.name)).toEqual(PALETTE.map((k) => k.name));
    expect(toQasm(read as CircuitModel)).toBe(text);
  });

  it('round trips stably from looser text (spaces, comments, measure q -> c, π expressions)', () => {
    const text = `${HEADER}// Bell\nqreg r[2];\ncreg m[2];\nh r[0];\ncx r[0], r[1];\nrz( 2*pi/4 ) r[1]; // comment\nmeasure r -> m;\n`;
    const read = fromQasm(text) as CircuitModel;
    expect(read.qubits).toBe(2);
    expect(read.gates.map((g) => g.name)).toEqual(['h', 'cx', 'rz', 'measure', 'measure']);
    expect(read.gates[2].params[0]).toBeCloseTo(Math.PI / 2, 15);
    const once = toQasm(read);
    expect(toQasm(fromQasm(once) as CircuitModel)).toBe(once);
  });

  it('keeps gate names as written (u, U, CX)', () => {
    const read = fromQasm(`${HEADER}qreg q[2];\nu(1,2,3) q[0];\nU(1,2,3) q[1];\nCX q[0],q[1];\n`) as CircuitModel;
    expect(read.gates.map((g) => g.name)).toEqual(['u', 'U', 'CX']);
    expect(toQasm(read)).toContain('u(1,2,3) q[0];\nU(1,2,3) q[1];\nCX q[0],q[1];');
  });

  it('accepts a circuit without creg or gates', () => {
    expect(fromQasm(`${HEADER}qreg q[3];\n`)).toEqual({ qubits: 3, gates: [] });
  });

  it.each([
    ['malformed', `${HEADER}qreg q[2];\nh q[0]\n`],
    ['unknown gate', `${HEADER}qreg q[2];\nfoo q[0];\n`],
    ['non-palette qelib1 gate', `${HEADER}qreg q[2];\ncy q[0],q[1];\n`],
    ['two qregs', `${HEADER}qreg a[1];\nqreg b[1];\nh a[0];\n`],
    ['broadcast', `${HEADER}qreg q[2];\nh q;\n`],
    ['measure into another bit', `${HEADER}qreg q[2];\ncreg c[2];\nmeasure q[0] -> c[1];\n`],
    ['barrier', `${HEADER}qreg q[2];\nbarrier q;\n`],
    ['reset', `${HEADER}qreg q[2];\nreset q[0];\n`],
    ['if', `${HEADER}qreg q[1];\ncreg c[1];\nif(c==1) x q[0];\n`],
    ['gate definition', `${HEADER}qreg q[1];\ngate g a { h a; }\ng q[0];\n`],
    ['out of range qubit', `${HEADER}qreg q[2];\nh q[2];\n`],
    ['wrong parameter count', `${HEADER}qreg q[1];\nrx(1,2) q[0];\n`],
    ['infinite parameter', `${HEADER}qreg q[1];\nrx(1/0) q[0];\n`],
    ['too many qubits', `${HEADER}qreg q[40];\n`],
    ['no qreg', HEADER],
  ])('returns null for %s', (_, text) => {
    expect(fromQasm(text)).toBeNull();
  });
});

describe('parseAngle', () => {
  it('evaluates numbers and π expressions, refuses the rest', () => {
    expect(parseAngle('0.25')).toBe(0.25);
    expect(parseAngle('-pi/2')).toBeCloseTo(-Math.PI / 2, 15);
    expect(parseAngle('sin(pi/2)')).toBeCloseTo(1, 15);
    for (const bad of ['', 'abc', '1/0', 'NaN', 'Infinity', '1 2', 'pi)']) expect(parseAngle(bad)).toBeNull();
  });
});

describe('edits', () => {
  it('adds at the end or at a position, copying the gate', () => {
    const gate = { name: 'x', qubits: [1], params: [] };
    const added = addGate(bell, gate, 1);
    expect(added.gates[1]).toEqual(gate);
    expect(added.gates[1]).not.toBe(gate);
    expect(addGate(bell, gate).gates[3]).toEqual(gate);
    expect(bell.gates).toHaveLength(3); // the original is untouched
  });

  it.each([
    ['unknown gate', { name: 'cy', qubits: [0, 1], params: [] }],
    ['wrong arity', { name: 'cx', qubits: [0], params: [] }],
    ['out of range', { name: 'h', qubits: [2], params: [] }],
    ['repeated qubit', { name: 'cx', qubits: [1, 1], params: [] }],
    ['missing parameter', { name: 'rx', qubits: [0], params: [] }],
    ['NaN parameter', { name: 'rx', qubits: [0], params: [NaN] }],
    ['infinite parameter', { name: 'rx', qubits: [0], params: [Infinity] }],
  ])('refuses to add a gate with %s', (_, gate) => {
    expect(() => addGate(bell, gate)).toThrow(EditError);
  });

  it('refuses a bad insert position', () => {
    expect(() => addGate(bell, { name: 'h', qubits: [0], params: [] }, 9)).toThrow(EditError);
  });

  it('removes a gate and refuses a missing one', () => {
    expect(removeGate(bell, 1).gates.map((g) => g.name)).toEqual(['h', 'measure']);
    expect(() => removeGate(bell, 3)).toThrow(EditError);
  });

  it('sets parameters, refusing NaN, ∞ and wrong counts', () => {
    const model = addGate(bell, { name: 'rx', qubits: [0], params: [1] });
    expect(setParams(model, 3, [0.5]).gates[3].params).toEqual([0.5]);
    expect(() => setParams(model, 3, [NaN])).toThrow(EditError);
    expect(() => setParams(model, 3, [-Infinity])).toThrow(EditError);
    expect(() => setParams(model, 3, [1, 2])).toThrow(EditError);
    expect(() => setParams(model, 0, [1])).toThrow(EditError);
  });

  it('moves a gate (remove + insert), optionally onto other qubits', () => {
    expect(moveGate(bell, 0, 2).gates.map((g) => g.name)).toEqual(['cx', 'measure', 'h']);
    expect(moveGate(bell, 0, 0, [1]).gates[0].qubits).toEqual([1]);
    expect(() => moveGate(bell, 0, 0, [5])).toThrow(EditError);
  });

  it('adds and removes qubits, refusing a used one or the last one', () => {
    const three = addQubit(bell);
    expect(three.qubits).toBe(3);
    expect(removeQubit(three).qubits).toBe(2);
    expect(() => removeQubit(bell)).toThrow(/Qubit 1 has gates/);
    expect(() => removeQubit(emptyModel(1))).toThrow(EditError);
    // Removing a middle qubit renumbers those above it.
    const spread = addGate(emptyModel(3), { name: 'h', qubits: [2], params: [] });
    expect(removeQubit(spread, 1).gates[0].qubits).toEqual([1]);
    expect(() => addQubit(emptyModel(32))).toThrow(EditError);
  });

  it('names gates for screen readers', () => {
    expect(gateName({ name: 'rx', qubits: [0], params: [1] }, 2)).toBe('RX on q0, gate 3');
    expect(gateName(bell.gates[1], 1)).toBe('CX on q0, q1, gate 2');
  });
});
