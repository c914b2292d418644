// The visual editor's circuit: qubit count and gates in program order. Pure functions only:
// every edit returns a new model (so undo can keep snapshots) or throws an EditError.
import { parseQasm } from '../../../../workers/quantum/qasm/index.ts';
import { TokenStream } from '../../../../workers/quantum/qasm/lexer.ts';
import { evaluate, parseExpr } from '../../../../workers/quantum/qasm/expr.ts';

export interface Gate {
  /** As written in QASM ("h", "cx", "u3", "measure"). */
  name: string;
  qubits: number[];
  params: number[];
}

export interface CircuitModel {
  qubits: number;
  gates: Gate[];
}

export interface GateKind {
  /** Palette and drawing label. */
  label: string;
  name: string;
  arity: number;
  paramNames: string[];
  defaults: number[];
}

const theta = { paramNames: ['θ'], defaults: [Math.PI / 2] };
const none = { paramNames: [], defaults: [] };
const kind = (label: string, name: string, arity: number, params: Pick<GateKind, 'paramNames' | 'defaults'> = none): GateKind => ({
  label,
  name,
  arity,
  ...params,
});

export const PALETTE: readonly GateKind[] = [
  kind('H', 'h', 1),
  kind('X', 'x', 1),
  kind('Y', 'y', 1),
  kind('Z', 'z', 1),
  kind('S', 's', 1),
  kind('T', 't', 1),
  kind('Sdg', 'sdg', 1),
  kind('Tdg', 'tdg', 1),
  kind('RX', 'rx', 1, theta),
  kind('RY', 'ry', 1, theta),
  kind('RZ', 'rz', 1, theta),
  // u3(θ, φ, λ); the defaults make it a Hadamard, so a fresh U visibly does something.
  kind('U', 'u3', 1, { paramNames: ['θ', 'φ', 'λ'], defaults: [Math.PI / 2, 0, Math.PI] }),
  kind('CX', 'cx', 2),
  kind('CZ', 'cz', 2),
  kind('SWAP', 'swap', 2),
  kind('CCX', 'ccx', 3),
  kind('Measure', 'measure', 1),
];

/** Names the reader accepts beyond the palette's own: other spellings of the same gates. */
const ALIASES: Record<string, string> = { u: 'u3', U: 'u3', CX: 'cx' };

/** Keeps the drawing usable; bigger circuits stay text-only. */
export const MAX_QUBITS = 32;
export const MAX_GATES = 2000;

export class EditError extends Error {}

/** The palette entry for a gate name as written (aliases included), or undefined. */
export function gateKind(name: string): GateKind | undefined {
  const canonical = ALIASES[name] ?? name;
  return PALETTE.find((entry) => entry.name === canonical);
}

export const emptyModel = (qubits = 2): CircuitModel => ({ qubits, gates: [] });

// ---- Writing ----

/** Writes simple multiples of π as such (pi/2 reads better than 1.5707963267948966). */
export function formatAngle(value: number): string {
  if (value === 0) return '0';
  for (const denominator of [1, 2, 3, 4, 6, 8]) {
    const multiple = Math.round((value / Math.PI) * denominator);
    if (multiple === 0 || Math.abs(multiple) > 4 * denominator) continue;
    if (Math.abs(value - (multiple * Math.PI) / denominator) > 1e-12) continue;
    const sign = multiple < 0 ? '-' : '';
    const count = Math.abs(multiple) === 1 ? '' : `${Math.abs(multiple)}*`;
    return denominator === 1 ? `${sign}${count}pi` : `${sign}${count}pi/${denominator}`;
  }
  return String(value);
}

export function gateLine(gate: Gate): string {
  const args = gate.qubits.map((q) => `q[${q}]`).join(',');
  if (gate.name === 'measure') return `measure q[${gate.qubits[0]}] -> c[${gate.qubits[0]}];`;
  const params = gate.params.length ? `(${gate.params.map(formatAngle).join(',')})` : '';
  return `${gate.name}${params} ${args};`;
}

export function toQasm(model: CircuitModel): string {
  const header = ['OPENQASM 2.0;', 'include "qelib1.inc";', `qreg q[${model.qubits}];`, `creg c[${model.qubits}];`];
  return [...header, ...model.gates.map(gateLine)].join('\n') + '\n';
}

// ---- Reading ----

/** Evaluates a parameter expression ("0.5", "-pi/4", "2*pi/3"); null unless finite. */
export function parseAngle(text: string): number | null {
  if (!text.trim()) return null;
  try {
    const tokens = new TokenStream(text);
    const value = evaluate(parseExpr(tokens));
    if (tokens.peek().kind !== 'eof') return null;
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Splits "a, b(c, d)" at top-level commas. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

const QREG = /^qreg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]$/;
const CREG = /^creg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]$/;
const MEASURE_ONE = /^measure\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*->\s*([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]$/;
const MEASURE_ALL = /^measure\s+([A-Za-z_]\w*)\s*->\s*([A-Za-z_]\w*)$/;
const GATE = /^([A-Za-z_]\w*)\s*(?:\((.*)\))?\s+(.+)$/s;
const QUBIT = /^([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]$/;

/**
 * Reads the QASM subset toQasm writes (whitespace, comments, `measure q -> c` and the aliases
 * u/U/CX tolerated); null for anything else, so the editor never shows a circuit it misread.
 */
export function fromQasm(text: string): CircuitModel | null {
  try {
    parseQasm(text); // the real parser checks ranges, duplicates and syntax; we only read shapes
  } catch {
    return null;
  }
  const statements = text
    .replace(/\/\/[^\n]*/g, '')
    .split(';')
    .map((statement) => statement.trim());
  if (statements.pop() !== '') return null; // text after the last ';'
  let qreg: { name: string; size: number } | null = null;
  let creg: string | null = null;
  const gates: Gate[] = [];
  for (const [index, statement] of statements.entries()) {
    if (index === 0 && /^OPENQASM\s+2\.0$/.test(statement)) continue;
    if (/^include\s+"qelib1\.inc"$/.test(statement)) continue;
    let match: RegExpExecArray | null;
    if ((match = QREG.exec(statement))) {
      if (qreg) return null; // one register only
      qreg = { name: match[1], size: Number(match[2]) };
    } else if ((match = CREG.exec(statement))) {
      if (creg) return null;
      creg = match[1];
    } else if (!qreg) {
      return null;
    } else if ((match = MEASURE_ALL.exec(statement))) {
      if (match[1] !== qreg.name || match[2] !== creg) return null;
      for (let q = 0; q < qreg.size; q++) gates.push({ name: 'measure', qubits: [q], params: [] });
    } else if ((match = MEASURE_ONE.exec(statement))) {
      // toQasm measures q[i] into c[i]; another bit would be lost on the way back.
      if (match[1] !== qreg.name || match[3] !== creg || match[2] !== match[4]) return null;
      gates.push({ name: 'measure', qubits: [Number(match[2])], params: [] });
    } else if ((match = GATE.exec(statement))) {
      const gate = readGate(match, qreg.name);
      if (!gate) return null;
      gates.push(gate);
    } else {
      return null;
    }
  }
  if (!qreg || qreg.size < 1 || qreg.size > MAX_QUBITS || gates.length > MAX_GATES) return null;
  return { qubits: qreg.size, gates };
}

function readGate([, name, paramText, argText]: RegExpExecArray, register: string): Gate | null {
  const kind = gateKind(name);
  if (!kind || kind.name === 'measure') return null;
  const params = paramText === undefined ? [] : splitTopLevel(paramText).map(parseAngle);
  if (params.length !== kind.paramNames.length || params.some((p) => p === null)) return null;
  const qubits: number[] = [];
  for (const arg of splitTopLevel(argText)) {
    const match = QUBIT.exec(arg);
    if (!match || match[1] !== register) return null; // whole-register broadcasts are not drawn
    qubits.push(Number(match[2]));
  }
  if (qubits.length !== kind.arity) return null;
  return { name, qubits, params: params as number[] };
}

// ---- Editing ----

function checkGate(model: CircuitModel, gate: Gate): void {
  const kind = gateKind(gate.name);
  if (!kind) throw new EditError(`Unknown gate ${gate.name}.`);
  if (gate.qubits.length !== kind.arity) throw new EditError(`${kind.label} acts on ${kind.arity} qubit(s).`);
  if (gate.qubits.some((q) => !Number.isInteger(q) || q < 0 || q >= model.qubits)) throw new EditError(`${kind.label}: qubit out of range.`);
  if (new Set(gate.qubits).size !== gate.qubits.length) throw new EditError(`${kind.label} needs different qubits.`);
  checkParams(kind, gate.params);
}

function checkParams(kind: GateKind, params: number[]): void {
  if (params.length !== kind.paramNames.length) throw new EditError(`${kind.label} takes ${kind.paramNames.length} parameter(s).`);
  if (params.some((p) => !Number.isFinite(p))) throw new EditError('Parameters must be finite numbers.');
}

function checkIndex(model: CircuitModel, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= model.gates.length) throw new EditError(`No gate ${index}.`);
}

/** Inserts `gate` before position `at` (default: the end). */
export function addGate(model: CircuitModel, gate: Gate, at = model.gates.length): CircuitModel {
  checkGate(model, gate);
  if (model.gates.length >= MAX_GATES) throw new EditError(`At most ${MAX_GATES} gates.`);
  if (!Number.isInteger(at) || at < 0 || at > model.gates.length) throw new EditError(`Cannot insert at ${at}.`);
  const gates = [...model.gates];
  gates.splice(at, 0, { name: gate.name, qubits: [...gate.qubits], params: [...gate.params] });
  return { ...model, gates };
}

export function removeGate(model: CircuitModel, index: number): CircuitModel {
  checkIndex(model, index);
  return { ...model, gates: model.gates.filter((_, i) => i !== index) };
}

export function setParams(model: CircuitModel, index: number, params: number[]): CircuitModel {
  checkIndex(model, index);
  const gate = model.gates[index];
  checkParams(gateKind(gate.name) as GateKind, params);
  return { ...model, gates: model.gates.map((g, i) => (i === index ? { ...g, params: [...params] } : g)) };
}

/** Moves a gate to position `to` (in the list without it) and optionally onto other qubits. */
export function moveGate(model: CircuitModel, from: number, to: number, qubits?: number[]): CircuitModel {
  checkIndex(model, from);
  const gate = model.gates[from];
  return addGate(removeGate(model, from), { ...gate, qubits: qubits ?? gate.qubits }, to);
}

export function addQubit(model: CircuitModel): CircuitModel {
  if (model.qubits >= MAX_QUBITS) throw new EditError(`At most ${MAX_QUBITS} qubits in the editor.`);
  return { ...model, qubits: model.qubits + 1 };
}

/** Removes qubit `index` (default: the last) and renumbers those above it; refused if used. */
export function removeQubit(model: CircuitModel, index = model.qubits - 1): CircuitModel {
  if (model.qubits <= 1) throw new EditError('A circuit needs at least one qubit.');
  if (!Number.isInteger(index) || index < 0 || index >= model.qubits) throw new EditError(`No qubit ${index}.`);
  if (model.gates.some((g) => g.qubits.includes(index))) throw new EditError(`Qubit ${index} has gates; delete them first.`);
  const renumber = (q: number) => (q > index ? q - 1 : q);
  return { qubits: model.qubits - 1, gates: model.gates.map((g) => ({ ...g, qubits: g.qubits.map(renumber) })) };
}

/** Screen-reader name of a placed gate ("RX on q0, gate 3"; 1-based like the drawing). */
export function gateName(gate: Gate, index: number): string {
  const label = gateKind(gate.name)?.label ?? gate.name;
  return `${label} on ${gate.qubits.map((q) => `q${q}`).join(', ')}, gate ${index + 1}`;
}
