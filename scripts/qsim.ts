// `npm run qsim -- FILE.qasm [--shots N] [--seed S] [--json]`: runs a QASM file on the same
// kernel and engine as the quantum worker, in Node, and prints SPEC §9's result.
// Exit 2 (with a message on stderr) for bad QASM (`FILE:LINE: message`), a circuit that
// needs --shots, a state too large for memory, or bad arguments.
import { readFile } from 'node:fs/promises';
import { parseQasm, QasmError } from '../workers/quantum/qasm/index.ts';
import { NeedsShotsError, runCircuit, type RunResult } from '../workers/quantum/engine/run.ts';
import { loadKernelNode } from '../workers/quantum/kernel/loadNode.ts';
import { Statevector, StateTooLargeError } from '../workers/quantum/kernel/statevector.ts';

const USAGE = 'usage: npm run qsim -- FILE.qasm [--shots N] [--seed S] [--json]';

interface Args {
  file: string;
  shots?: number;
  seed?: number;
  json: boolean;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  const args: Partial<Args> = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value\n${USAGE}`);
    const whole = (text: string, name: string, min: number) => {
      const n = Number(text);
      if (!Number.isSafeInteger(n) || n < min) fail(`${name} must be a whole number ≥ ${min}, not "${text}"\n${USAGE}`);
      return n;
    };
    if (flag === '--json') args.json = true;
    else if (flag === '--shots') args.shots = whole(value(), '--shots', 1);
    else if (flag === '--seed') args.seed = whole(value(), '--seed', 0);
    else if (flag.startsWith('--')) fail(`unknown option ${flag}\n${USAGE}`);
    else if (file === undefined) file = argv[i];
    else fail(`one QASM file at a time\n${USAGE}`);
  }
  if (!file) fail(USAGE);
  return { ...args, file } as Args;
}

function readable(result: RunResult): string {
  const lines = [`${result.qubits} qubits`];
  const rows: [number, number][] =
    result.top ?? (result.probabilities ?? []).map((p, i): [number, number] => [i, p]).filter(([, p]) => p > 1e-12);
  for (const [index, p] of rows) lines.push(`  |${index.toString(2).padStart(result.qubits, '0')}⟩  ${p.toFixed(6)}`);
  if (result.counts) {
    lines.push('counts:');
    for (const [key, count] of Object.entries(result.counts)) lines.push(`  ${key}: ${count}`);
  }
  return lines.join('\n');
}

const args = parseArgs(process.argv.slice(2));
let source: string;
try {
  source = await readFile(args.file, 'utf8');
} catch (error) {
  fail(`${args.file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

try {
  const circuit = parseQasm(source);
  const simulator = Statevector.create(await loadKernelNode(), circuit.qubits);
  const result = runCircuit(circuit, simulator, { shots: args.shots, seed: args.seed });
  process.stdout.write(`${args.json ? JSON.stringify(result) : readable(result)}\n`);
} catch (error) {
  if (error instanceof QasmError) fail(`${args.file}:${error.line}: ${error.message}`);
  if (error instanceof NeedsShotsError) fail(`${args.file}:${error.line}: ${error.message}`);
  if (error instanceof StateTooLargeError) fail(`${args.file}: ${error.message}`);
  throw error;
}
