// The gates a program can apply: the natives (gates.ts), the program's own `gate` definitions
// (checked when defined, expanded into native ops at each application) and `opaque` ones.
import type { UnitaryOp } from '../circuit.ts';
import { QasmError } from './errors.ts';
import { evaluate, type Expr } from './expr.ts';
import { NATIVE_GATES, QELIB1_GATES, type NativeGate } from './gates.ts';
import type { GateCall, GateDecl } from './syntax.ts';

export type GateEntry =
  /** `implicit`: a qelib1.inc gate made available without the include; a definition may replace it. */
  | { kind: 'native'; name: string; params: number; qubits: number; native: NativeGate; implicit: boolean }
  /** `size`: native ops one application expands to (may be Infinity), so a blow-up is refused before it is built. */
  | { kind: 'defined'; name: string; params: number; qubits: number; body: BodyCall[]; size: number }
  | { kind: 'opaque'; name: string; params: number; qubits: number };

/** One gate application inside a definition: arguments are indices into the definition's qubits. */
interface BodyCall {
  gate: GateEntry;
  params: Expr[];
  args: number[];
}

export class GateTable {
  private readonly gates = new Map<string, GateEntry>();
  private readonly definedAt = new Map<string, number>();

  /** `implicitQelib1`: qelib1.inc's gates are usable before (or without) the include. */
  constructor(implicitQelib1: boolean) {
    this.addNative(NATIVE_GATES.get('U')!, false);
    this.addNative(NATIVE_GATES.get('CX')!, false);
    if (implicitQelib1) for (const name of QELIB1_GATES) this.addNative(NATIVE_GATES.get(name)!, true);
  }

  /** `include "qelib1.inc";` */
  includeQelib1(line: number): void {
    for (const name of QELIB1_GATES) {
      const existing = this.gates.get(name);
      if (existing?.kind === 'native') existing.implicit = false;
      else if (existing) throw new QasmError(line, `qelib1.inc defines '${name}', which line ${this.definedAt.get(name)} already defined`);
      else this.addNative(NATIVE_GATES.get(name)!, false);
    }
  }

  define(decl: GateDecl): void {
    const { name, line } = decl;
    const existing = this.gates.get(name);
    if (existing && !(existing.kind === 'native' && existing.implicit)) {
      const previous = this.definedAt.get(name);
      if (previous !== undefined) throw new QasmError(line, `gate '${name}' is already defined on line ${previous}`);
      if (name === 'U' || name === 'CX') throw new QasmError(line, `gate '${name}' is built into OpenQASM and cannot be redefined`);
      throw new QasmError(line, `gate '${name}' is already defined by qelib1.inc`);
    }
    checkUnique(decl.params, `gate '${name}': parameter`, line);
    checkUnique(decl.qubits, `gate '${name}': qubit argument`, line);
    const sizes = { name, params: decl.params.length, qubits: decl.qubits.length };
    const entry: GateEntry = decl.kind === 'opaque' ? { kind: 'opaque', ...sizes } : { kind: 'defined', ...sizes, body: [], size: 0 };
    if (entry.kind === 'defined') {
      for (const statement of decl.body) {
        const args = statement.args.map((arg) => {
          const index = decl.qubits.indexOf(arg.name);
          if (arg.index !== null) throw new QasmError(statement.line, `gate '${name}': indexing (${arg.name}[${arg.index}]) is not allowed in a gate body`);
          if (index < 0) throw new QasmError(statement.line, `gate '${name}': '${arg.name}' is not one of its qubit arguments`);
          return index;
        });
        // barrier only needs its arguments checked: it is not a gate.
        if (statement.kind !== 'apply') continue;
        const gate = this.lookup(statement, statement.line);
        const twice = args.find((arg, i) => args.indexOf(arg) !== i);
        if (twice !== undefined) throw new QasmError(statement.line, `gate '${gate.name}' is given '${decl.qubits[twice]}' twice`);
        entry.body.push({ gate, params: statement.params, args });
        entry.size += opsPerApplication(gate);
      }
    }
    this.gates.set(name, entry);
    this.definedAt.set(name, line);
  }

  /** The gate a call names, checked against its parameter and qubit counts. */
  lookup(call: GateCall, line: number): GateEntry {
    const gate = this.gates.get(call.name);
    if (!gate) throw new QasmError(line, `unknown gate '${call.name}'`);
    if (call.params.length !== gate.params) {
      throw new QasmError(line, `gate '${gate.name}' takes ${plural(gate.params, 'parameter')}, got ${call.params.length}`);
    }
    if (call.args.length !== gate.qubits) {
      throw new QasmError(line, `gate '${gate.name}' takes ${plural(gate.qubits, 'qubit')}, got ${call.args.length}`);
    }
    return gate;
  }

  /**
   * Emits the native ops of `gate` on `qubits`, all carrying `line` (the application's).
   * `context` names the gates being expanded, for messages.
   */
  expand(gate: GateEntry, params: readonly number[], qubits: readonly number[], line: number, emit: (op: UnitaryOp) => void, context = ''): void {
    if (gate.kind === 'native') {
      const { native } = gate;
      emit({
        kind: 'unitary',
        name: native.name,
        params: [...params],
        controls: qubits.slice(0, native.controls),
        targets: qubits.slice(native.controls),
        matrix: native.matrix(params),
        line,
      });
    } else if (gate.kind === 'opaque') {
      throw new QasmError(line, `${context}opaque gate '${gate.name}' has no definition, so it cannot be simulated`);
    } else {
      const inner = `${context}in gate '${gate.name}': `;
      for (const call of gate.body) {
        const values = call.params.map((expr) => evaluate(expr, params));
        checkFinite(values, call.gate.name, line, inner);
        this.expand(call.gate, values, call.args.map((i) => qubits[i]), line, emit, inner);
      }
    }
  }

  private addNative(native: NativeGate, implicit: boolean): void {
    this.gates.set(native.name, { kind: 'native', name: native.name, params: native.params, qubits: native.qubits, native, implicit });
  }
}

/** Native ops one application of `gate` emits (an opaque gate counts 1: expanding it throws). */
export function opsPerApplication(gate: GateEntry): number {
  return gate.kind === 'defined' ? gate.size : 1;
}

/** NaN and ±Infinity would poison the whole state vector: refuse them where they arise. */
export function checkFinite(values: readonly number[], gateName: string, line: number, context = ''): void {
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new QasmError(line, `${context}parameter ${i + 1} of '${gateName}' is ${value}, not a finite number`);
  });
}

function checkUnique(names: readonly string[], what: string, line: number): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new QasmError(line, `${what} '${name}' appears twice`);
    seen.add(name);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
