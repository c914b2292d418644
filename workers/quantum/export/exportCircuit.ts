// Qiskit / Cirq / SVG export of an OpenQASM 2.0 circuit through the npm quantum-circuit package.
// The package (~258 KB gzip) is imported dynamically: its own chunk, loaded on the first export.
import { parseQasm, QasmError } from '../qasm/index.ts';
import { StatementReader, type GateCall, type Statement } from '../qasm/syntax.ts';

export type ExportFormat = 'qiskit' | 'cirq' | 'svg';

/** A circuit that cannot be exported, with the 1-based line to blame when there is one. */
export class ExportError extends Error {
  readonly line?: number;

  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ExportError';
    this.line = line;
  }
}

/**
 * qelib1 gates quantum-circuit imports but cannot export (Qiskit gets calls to undefined
 * functions, Cirq a warning comment), and the built-ins U / CX, which its importer drops silently.
 */
export const UNSUPPORTED_GATES: ReadonlySet<string> = new Set(['u0', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x', 'U', 'CX']);

type QuantumCircuitClass = typeof import('quantum-circuit').default;
let loading: Promise<QuantumCircuitClass> | undefined;

function loadQuantumCircuit(): Promise<QuantumCircuitClass> {
  // mathjs 6 (inside quantum-circuit) reads `global`, which a worker lacks: shim it first.
  (globalThis as { global?: unknown }).global ??= globalThis;
  loading ??= import('quantum-circuit').then((module) => {
    // CommonJS interop: Vite and Node both put module.exports on `default`.
    const exported = module as unknown as { default?: QuantumCircuitClass };
    return exported.default ?? (module as unknown as QuantumCircuitClass);
  });
  return loading;
}

/** Every gate call, including those inside `gate` bodies and `if` statements. */
function gateCalls(statement: Statement): GateCall[] {
  if (statement.kind === 'apply') return [statement];
  if (statement.kind === 'gate') return statement.body.filter((s): s is GateCall => s.kind === 'apply');
  if (statement.kind === 'if' && statement.body.kind === 'apply') return [statement.body];
  return [];
}

/** Throws ExportError for malformed QASM or a gate quantum-circuit cannot export. */
export function checkExportable(qasm: string): void {
  try {
    parseQasm(qasm);
  } catch (error) {
    if (error instanceof QasmError) throw new ExportError(`Line ${error.line}: ${error.message}`, error.line);
    throw error;
  }
  const reader = new StatementReader(qasm);
  for (let statement = reader.next(); statement; statement = reader.next()) {
    for (const call of gateCalls(statement)) {
      if (UNSUPPORTED_GATES.has(call.name)) {
        throw new ExportError(`quantum-circuit cannot export gate '${call.name}' (line ${call.line})`, call.line);
      }
    }
  }
}

/**
 * The circuit as a Qiskit or Cirq Python program, or as an SVG drawing. The SVG is meant to be
 * shown only as an image (`<img src="data:image/svg+xml,...">`, as ExportMenu.svelte does), where no script
 * in it can run; it is also refused here if it holds a script or an event attribute.
 */
export async function exportCircuit(qasm: string, format: ExportFormat): Promise<string> {
  checkExportable(qasm);
  const QuantumCircuit = await loadQuantumCircuit();
  const circuit = new QuantumCircuit();
  let errors: unknown[] = [];
  circuit.importQASM(qasm, (found) => (errors = found ?? []));
  if (errors.length) throw new ExportError(`quantum-circuit cannot read this circuit: ${describe(errors[0])}`);
  if (format === 'qiskit') return circuit.exportToQiskit({}, false, null, false);
  if (format === 'cirq') return circuit.exportToCirq({}, false);
  const svg = circuit.exportSVG(true);
  if (/<script|\son\w+\s*=/i.test(svg)) throw new ExportError('the drawing contains a script and was refused');
  return svg;
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'msg' in error) return String((error as { msg: unknown }).msg);
  return JSON.stringify(error);
}
