// parseQasm on well-formed programs: registers, broadcasting, native forms, user gates, if.
import { describe, expect, it } from 'vitest';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { conditionals, measures, placements, unitaries } from './helpers.ts';

const HEADER = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';

describe('registers', () => {
  it('lays quantum and classical registers end to end in declaration order', () => {
    const circuit = parseQasm(`${HEADER}qreg a[2];\ncreg c[2];\nqreg b[3];\ncreg d[1];\nx b[1];\nmeasure b[1] -> d[0];\nmeasure a[1] -> c[1];`);
    expect(circuit.qubits).toBe(5);
    expect(circuit.clbits).toBe(3);
    expect(circuit.qregs).toEqual([
      { name: 'a', size: 2, offset: 0 },
      { name: 'b', size: 3, offset: 2 },
    ]);
    expect(circuit.cregs).toEqual([
      { name: 'c', size: 2, offset: 0 },
      { name: 'd', size: 1, offset: 2 },
    ]);
    expect(placements(circuit)).toEqual(['x >3']);
    expect(measures(circuit).map(({ qubit, clbit, line }) => ({ qubit, clbit, line }))).toEqual([
      { qubit: 3, clbit: 2, line: 8 },
      { qubit: 1, clbit: 1, line: 9 },
    ]);
  });

  it('accepts a program without the OPENQASM header or the include', () => {
    const circuit = parseQasm('qreg q[1];\nh q[0];');
    expect(placements(circuit)).toEqual(['h >0']);
    expect(circuit.ops[0].line).toBe(2);
  });

  it('counts lines across CRLF, lone CR, comments and blank lines', () => {
    const circuit = parseQasm('// comment\r\nqreg q[1];\r\n\r\nx q[0]; // é ✓\rh q[0];\n');
    expect(unitaries(circuit).map((op) => [op.name, op.line])).toEqual([
      ['x', 4],
      ['h', 5],
    ]);
  });
});

describe('broadcasting', () => {
  it('applies a one-qubit gate to each qubit of a register', () => {
    expect(placements(parseQasm(`${HEADER}qreg q[3];\nh q;`))).toEqual(['h >0', 'h >1', 'h >2']);
  });

  it('pairs registers of equal size and repeats single qubits', () => {
    const circuit = parseQasm(`${HEADER}qreg a[2];\nqreg b[2];\ncx a, b;\ncx a[1], b;\nccx b[1], a, b[0];`);
    expect(placements(circuit)).toEqual(['cx 0>2', 'cx 1>3', 'cx 1>2', 'cx 1>3', 'ccx 3,0>2', 'ccx 3,1>2']);
  });

  it('measures and resets whole registers qubit by qubit', () => {
    const circuit = parseQasm(`${HEADER}qreg q[2];\ncreg c[2];\nreset q;\nmeasure q -> c;\nbarrier q;`);
    expect(circuit.ops.map((op) => (op.kind === 'measure' ? `m${op.qubit}>${op.clbit}` : op.kind === 'reset' ? `r${op.qubit}` : op.kind))).toEqual([
      'r0',
      'r1',
      'm0>0',
      'm1>1',
    ]);
  });
});

describe('native forms', () => {
  it('gives controlled gates their controls and targets in argument order', () => {
    const circuit = parseQasm(`${HEADER}qreg q[5];\ncx q[3],q[1];\nccx q[4],q[0],q[2];\ncswap q[2],q[4],q[0];\nc4x q[4],q[3],q[2],q[1],q[0];\nswap q[1],q[3];\nrzz(0.2) q[0],q[4];\nrccx q[0],q[1],q[2];`);
    expect(placements(circuit)).toEqual(['cx 3>1', 'ccx 4,0>2', 'cswap 2>4,0', 'c4x 4,3,2,1>0', 'swap >1,3', 'rzz >0,4', 'rccx >0,1,2']);
  });

  it('keeps the parameters, evaluated, and builds the matrix (crz: RZ on the target; cu: e^{iγ}·U3)', () => {
    const [crz, cu] = unitaries(parseQasm(`${HEADER}qreg q[2];\ncrz(pi/2) q[0],q[1];\ncu(0,0,0,pi) q[0],q[1];`));
    expect(crz.params).toEqual([Math.PI / 2]);
    const c = Math.SQRT1_2;
    expect([...crz.matrix].map((x) => Math.round(x * 1e12) / 1e12)).toEqual([c, -c, 0, 0, 0, 0, c, c].map((x) => Math.round(x * 1e12) / 1e12));
    // cu(0,0,0,π) on the controlled block is -I: a relative phase, so it is kept.
    expect([...cu.matrix].map((x) => Math.round(x * 1e12) / 1e12 + 0)).toEqual([-1, 0, 0, 0, 0, 0, -1, 0]);
    expect(cu.controls).toEqual([0]);
  });

  it('accepts the OpenQASM built-ins U and CX', () => {
    expect(placements(parseQasm('qreg q[2];\nU(pi,0,pi) q[1];\nCX q[1],q[0];'))).toEqual(['U >1', 'CX 1>0']);
  });
});

describe('gate definitions', () => {
  it('expands nested definitions with parameters into native ops carrying the application line', () => {
    const source = `${HEADER}qreg q[3];
gate rot(t) a { rz(t/2) a; ry(-t) a; }
gate pair(t, s) a, b {
  rot(t*s) a;
  cx a, b;
  barrier a, b;
  rot(s) b;
}
pair(pi, 0.5) q[2], q[0];`;
    const ops = unitaries(parseQasm(source));
    expect(ops.map((op) => `${op.name}(${op.params.map((p) => p.toFixed(6)).join(',')}) ${op.controls}>${op.targets}`)).toEqual([
      `rz(${(Math.PI / 4).toFixed(6)}) >2`,
      `ry(${(-Math.PI / 2).toFixed(6)}) >2`,
      'cx() 2>0',
      `rz(${(0.25).toFixed(6)}) >0`,
      `ry(${(-0.5).toFixed(6)}) >0`,
    ]);
    expect(ops.map((op) => op.line)).toEqual([11, 11, 11, 11, 11]);
  });

  it('broadcasts a user gate over registers, and allows empty parameter lists', () => {
    const circuit = parseQasm(`${HEADER}qreg a[2];\nqreg b[2];\ngate bell() x, y { h x; cx x, y; }\nbell a, b;\nbell() a[0], b[1];`);
    expect(placements(circuit)).toEqual(['h >0', 'cx 0>2', 'h >1', 'cx 1>3', 'h >0', 'cx 0>3']);
  });

  it('lets a program without the include define a gate named like a qelib1 gate', () => {
    const circuit = parseQasm('qreg q[1];\ngate h a { U(pi/2,0,pi) a; }\nh q[0];');
    expect(placements(circuit)).toEqual(['U >0']);
  });

  it('accepts an opaque declaration that is never applied', () => {
    expect(parseQasm(`${HEADER}opaque magic(t) a, b;\nqreg q[1];\nx q[0];`).ops).toHaveLength(1);
  });
});

describe('if', () => {
  it('conditions a gate on a whole classical register', () => {
    const circuit = parseQasm(`${HEADER}qreg q[2];\ncreg a[1];\ncreg c[2];\nif (c == 3) x q[1];\nif(c==0) measure q[0] -> a[0];\nif (a == 1) reset q[0];`);
    const ops = conditionals(circuit);
    expect(ops.map(({ creg, value, op, line }) => ({ creg, value, kind: op.kind, line }))).toEqual([
      { creg: { name: 'c', size: 2, offset: 1 }, value: 3, kind: 'unitary', line: 6 },
      { creg: { name: 'c', size: 2, offset: 1 }, value: 0, kind: 'measure', line: 7 },
      { creg: { name: 'a', size: 1, offset: 0 }, value: 1, kind: 'reset', line: 8 },
    ]);
  });

  it('conditions every op a broadcast or a user gate produces', () => {
    const circuit = parseQasm(`${HEADER}qreg q[2];\ncreg c[1];\ngate g a { h a; t a; }\nif (c == 1) g q;`);
    const ops = conditionals(circuit);
    expect(ops.map(({ op }) => (op.kind === 'unitary' ? `${op.name}${op.targets}` : op.kind))).toEqual(['h0', 't0', 'h1', 't1']);
    expect(ops.every((op) => op.value === 1 && op.creg.name === 'c' && op.line === 6)).toBe(true);
  });
});
