// quantum.run: a textbook circuit by name and size ("make a 3-qubit GHZ state"), run in the
// quantum worker; the reply gives the likeliest outcomes and opens the circuit in the lab.
import type { Slots } from '../../../../workers/assistant/slots.ts';
import {
  bell,
  bernsteinVazirani,
  deutschJozsa,
  ghz,
  grover,
  qft,
  teleportation,
} from '../../../../workers/quantum/templates/circuits.ts';
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';

interface Built {
  name: string;
  qasm: string;
  /** Circuits with mid-circuit measurements run shot by shot. */
  shots?: number;
}

/** The template's QASM for the requested size (sizes outside the template's range throw a RangeError). */
function build(template: string, qubits: number | undefined, number: number | undefined): Built | string {
  switch (template) {
    case 'bell':
      return { name: 'Bell state', qasm: bell() };
    case 'ghz':
      return { name: `${qubits ?? 3}-qubit GHZ state`, qasm: ghz(qubits ?? 3) };
    case 'qft':
      return { name: `${qubits ?? 3}-qubit QFT`, qasm: qft(qubits ?? 3, number ?? 0) };
    case 'grover': {
      const n = qubits ?? 3;
      const marked = number ?? 2 ** n - 1;
      return { name: `Grover search on ${n} qubits for item ${marked}`, qasm: grover(n, marked) };
    }
    case 'deutsch-jozsa':
      return { name: `Deutsch–Jozsa on ${qubits ?? 3} qubits (balanced oracle)`, qasm: deutschJozsa(qubits ?? 3, 'balanced') };
    case 'bernstein-vazirani': {
      const secret = (number ?? 5).toString(2).padStart(qubits ?? 3, '0');
      return { name: `Bernstein–Vazirani with secret ${secret}`, qasm: bernsteinVazirani(secret) };
    }
    case 'teleportation':
      return { name: 'teleportation', qasm: teleportation(), shots: 1024 };
    case 'qaoa':
    case 'vqe':
      return `${template.toUpperCase()} needs its optimiser: open the Quantum lab and pick it under Optimisers.`;
    default:
      return 'Which circuit? I know Bell, GHZ, QFT, Grover, Deutsch–Jozsa, Bernstein–Vazirani and teleportation.';
  }
}

const bits = (index: number, qubits: number) => index.toString(2).padStart(qubits, '0');

export async function runQuantum(slots: Slots, services: AssistantServices): Promise<Reply> {
  let built: Built | string;
  try {
    built = build(slots.template ?? '', slots.qubits, slots.number);
  } catch (error) {
    return { intent: 'quantum.run', text: `I cannot build that: ${(error as Error).message}.` };
  }
  if (typeof built === 'string') return { intent: 'quantum.run', text: built, links: [{ label: 'Open Quantum lab', href: '#/quantum' }] };
  const outcome = await services.runQuantum(built.qasm, built.shots);
  const open = { label: 'Open in Quantum lab', href: '#/quantum', qasm: built.qasm };
  if (!outcome.ok) return { intent: 'quantum.run', text: `The ${built.name} did not run: ${outcome.error.message}`, links: [open] };
  const { result } = outcome;
  let summary: string;
  if (result.counts) {
    const entries = Object.entries(result.counts).sort((a, b) => b[1] - a[1]).slice(0, 4);
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    const width = Math.max(...entries.map(([k]) => Number(k).toString(2).length), 1);
    summary = entries.map(([k, c]) => `${bits(Number(k), width)}: ${c}/${total}`).join(', ');
  } else {
    summary = result.top
      .slice(0, 4)
      .map((t) => `|${bits(t.index, result.qubits)}⟩ ${(t.p * 100).toFixed(1)} %`)
      .join(', ');
  }
  return { intent: 'quantum.run', text: `Ran the ${built.name}: ${summary}.`, links: [open] };
}
