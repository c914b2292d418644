// The npm package quantum-circuit (MIT) as an independent reference simulator for the tests.
// In it, as in ours, qubit k is bit k of a state index. Two things to mind: it collapses the
// state at a `measure` (strip measurements before comparing with SPEC §9's probabilities), and
// it skips a gate it does not know with a console message instead of an error — run() here
// turns that message into an exception — and its importer drops OpenQASM's built-in U and CX
// without any message at all (write u3 and cx for it).
import { createRequire } from 'node:module';

interface Complex {
  re: number;
  im: number;
}

interface GateDefinition {
  params?: string[];
  exportInfo?: { qasm?: { name?: string }; qiskit?: { name?: string } };
}

interface QuantumCircuitInstance {
  numQubits: number;
  basicGates: Record<string, GateDefinition>;
  importQASM(source: string, errors: (errors: unknown[]) => void): void;
  addGate(name: string, column: number, wires: number[]): void;
  numGates(decompose: boolean): number;
  run(initialValues: null, options?: { initialState?: [number, number][] }): void;
  stateAsArray(onlyPossible: boolean): { index: number; amplitude: Complex }[];
}

type QuantumCircuitClass = new (qubits?: number) => QuantumCircuitInstance;

// mathjs 6 inside quantum-circuit looks for `global` (absent in workers; harmless in Node).
(globalThis as { global?: unknown }).global ??= globalThis;
const QuantumCircuit = quietly(() => createRequire(import.meta.url)('quantum-circuit') as QuantumCircuitClass);

/** Loads it without the antlr4 "circular dependency" warnings its QASM parser triggers. */
function quietly<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(warning).includes('circular dependency')) emitWarning.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `measure …;` statements removed (lines and comments kept), so quantum-circuit does not collapse. */
export function stripMeasurements(source: string): string {
  return source
    .split('\n')
    .map((line) => {
      const comment = line.indexOf('//');
      const code = comment < 0 ? line : line.slice(0, comment);
      return code.replace(/\bmeasure\b[^;]*;/g, '') + (comment < 0 ? '' : line.slice(comment));
    })
    .join('\n');
}

/** Calls `body` with console.log watched for quantum-circuit's "Unknown gate" notice. */
function strict<T>(what: string, body: () => T): T {
  const log = console.log;
  const unknown: string[] = [];
  console.log = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.startsWith('Unknown gate')) unknown.push(text);
    else log(...args);
  };
  try {
    const result = body();
    if (unknown.length) throw new Error(`quantum-circuit ${what}: ${unknown[0]}`);
    return result;
  } finally {
    console.log = log;
  }
}

/** An imported circuit, ready to run from any initial state. */
export class ReferenceCircuit {
  private readonly circuit: QuantumCircuitInstance;
  /** Gate applications it imported (a user-defined gate counts once): a check against silent drops. */
  readonly importedGates: number;

  /** `qubits`: the number declared. */
  constructor(
    source: string,
    readonly qubits: number,
  ) {
    this.circuit = new QuantumCircuit();
    const errors: unknown[] = [];
    strict('import', () => this.circuit.importQASM(source, (list) => errors.push(...(list ?? []))));
    if (errors.length) throw new Error(`quantum-circuit could not import the QASM: ${JSON.stringify(errors)}`);
    if (this.circuit.numQubits > qubits) throw new Error(`quantum-circuit counts ${this.circuit.numQubits} qubits, expected ${qubits}`);
    this.importedGates = this.circuit.numGates(false);
    // It counts qubits up to the last one a gate uses: an identity on the last one declared.
    if (this.circuit.numQubits < qubits) this.circuit.addGate('id', -1, [qubits - 1]);
  }

  /** The final state (re/im interleaved), from |0…0⟩ or from `initial` (re/im interleaved). */
  state(initial?: Float64Array): Float64Array {
    const size = 2 ** this.qubits;
    const initialState = initial ? Array.from({ length: size }, (_, i): [number, number] => [initial[2 * i], initial[2 * i + 1]]) : undefined;
    strict('run', () => this.circuit.run(null, initialState ? { initialState } : {}));
    const out = new Float64Array(2 * size);
    for (const { index, amplitude } of this.circuit.stateAsArray(false)) {
      out[2 * index] = amplitude.re;
      out[2 * index + 1] = amplitude.im;
    }
    return out;
  }

  /** The circuit's 2^n × 2^n unitary (row-major, re/im interleaved), one run per basis state. */
  unitary(): Float64Array {
    const dim = 2 ** this.qubits;
    const out = new Float64Array(2 * dim * dim);
    for (let col = 0; col < dim; col++) {
      const basis = new Float64Array(2 * dim);
      basis[2 * col] = 1;
      const column = this.state(basis);
      for (let row = 0; row < dim; row++) {
        out[2 * (row * dim + col)] = column[2 * row];
        out[2 * (row * dim + col) + 1] = column[2 * row + 1];
      }
    }
    return out;
  }
}

/**
 * The quantum-circuit gate a QASM gate name resolves to, as its importer does it (its own name,
 * else the gate exported under that QASM or Qiskit name), or null when it does not know it.
 * OpenQASM's built-in U and CX count as unknown: its importer drops them without a word.
 */
export function quantumCircuitGate(name: string): string | null {
  const gates = new QuantumCircuit(1).basicGates;
  if (name === 'U' || name === 'CX') return null;
  if (gates[name]) return name;
  for (const [own, definition] of Object.entries(gates)) {
    if (definition.exportInfo?.qasm?.name === name || definition.exportInfo?.qiskit?.name === name) return own;
  }
  return null;
}
