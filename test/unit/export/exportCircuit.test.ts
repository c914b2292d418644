// Qiskit / Cirq / SVG export through quantum-circuit, and the gates and QASM it must refuse.
import { describe, expect, it } from 'vitest';
import { ExportError, exportCircuit } from '../../../workers/quantum/export/exportCircuit.ts';

const qasm = (body: string, qubits = 2, clbits = 0) =>
  `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${qubits}];\n${clbits ? `creg c[${clbits}];\n` : ''}${body}`;
const BELL = qasm('h q[0];\ncx q[0], q[1];\nmeasure q -> c;\n', 2, 2);

describe('exportCircuit', () => {
  it('writes a Bell circuit as a Qiskit program', async () => {
    const text = await exportCircuit(BELL, 'qiskit');
    expect(text).toContain('QuantumCircuit');
    expect(text).toContain('qc.h(q[0])');
    expect(text).toContain('qc.cx(q[0], q[1])');
    expect(text).toContain('qc.measure(q[1], c[1])');
  });

  it('writes a Bell circuit as a Cirq program', async () => {
    const text = await exportCircuit(BELL, 'cirq');
    expect(text).toContain('import cirq');
    expect(text).toContain('cirq.H(q[0])');
    expect(text).toContain('cirq.CNOT(q[0], q[1])');
  });

  it('draws an SVG with no script or event attributes', async () => {
    const svg = await exportCircuit(BELL, 'svg');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son\w+\s*=/i);
  });

  it('exports user-defined gates', async () => {
    const text = await exportCircuit(qasm('gate bell a, b { h a; cx a, b; }\nbell q[0], q[1];\n'), 'qiskit');
    expect(text).toContain('bell');
  });

  it.each([
    ['rccx q[0], q[1], q[2];', 'rccx', 3],
    ['u0(1) q[0];', 'u0', 1],
    ['c3x q[0], q[1], q[2], q[3];', 'c3x', 4],
    ['U(0.1, 0.2, 0.3) q[0];', 'U', 1],
    ['CX q[0], q[1];', 'CX', 2],
  ])('refuses %s with the gate and its line', async (statement, gate, qubits) => {
    const source = qasm(`h q[0];\n${statement}\n`, Math.max(qubits, 2));
    await expect(exportCircuit(source, 'qiskit')).rejects.toThrow(`quantum-circuit cannot export gate '${gate}' (line 5)`);
  });

  it('refuses an unsupported gate inside a gate definition, at its line', async () => {
    const source = qasm('gate g a, b, c {\n  h a;\n  rccx a, b, c;\n}\ng q[0], q[1], q[2];\n', 3);
    await expect(exportCircuit(source, 'cirq')).rejects.toThrow("quantum-circuit cannot export gate 'rccx' (line 6)");
  });

  it('gives the line of malformed QASM', async () => {
    const error = await exportCircuit(qasm('h q[0];\nfoo q[1];\n'), 'svg').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).line).toBe(5);
    expect((error as ExportError).message).toMatch(/^Line 5: /);
  });
});
