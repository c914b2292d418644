// Textbook circuits as OpenQASM 2.0 text (qelib1.inc gates only), for the template picker.
// Bit order as everywhere in the lab: qubit 0 is the rightmost bit of an index or bitstring.

const HEADER = ['OPENQASM 2.0;', 'include "qelib1.inc";'];

function program(qubits: number, clbits: number, body: string[]): string {
  const regs = [`qreg q[${qubits}];`];
  if (clbits > 0) regs.push(`creg c[${clbits}];`);
  return [...HEADER, ...regs, ...body, ''].join('\n');
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const onAll = (gate: string, qubits: number[]) => qubits.map((q) => `${gate} q[${q}];`);
const measureAll = (n: number) => range(n).map((q) => `measure q[${q}] -> c[${q}];`);

function checkQubits(what: string, n: number, min: number, max: number): void {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`${what}: n must be a whole number from ${min} to ${max}, not ${n}`);
}

/** (|00⟩ + |11⟩)/√2. */
export function bell(): string {
  return program(2, 2, ['h q[0];', 'cx q[0], q[1];', ...measureAll(2)]);
}

/** (|0…0⟩ + |1…1⟩)/√2 on n qubits. */
export function ghz(n: number): string {
  checkQubits('GHZ', n, 2, 24);
  return program(n, n, ['h q[0];', ...range(n - 1).map((q) => `cx q[${q}], q[${q + 1}];`), ...measureAll(n)]);
}

/**
 * QFT of the basis state |input⟩ (prepared by X gates), with the final swaps, so the amplitude
 * of |k⟩ is e^{2πi·input·k/2^n}/√2^n. No measurement: the amplitudes are the point.
 */
export function qft(n: number, input = 0): string {
  checkQubits('QFT', n, 1, 16);
  if (!Number.isInteger(input) || input < 0 || input >= 2 ** n) throw new RangeError(`QFT: input must be 0 to ${2 ** n - 1}, not ${input}`);
  const body = onAll('x', range(n).filter((q) => (input >> q) & 1));
  for (let j = n - 1; j >= 0; j--) {
    body.push(`h q[${j}];`);
    for (let k = j - 1; k >= 0; k--) body.push(`cp(pi/${2 ** (j - k)}) q[${k}], q[${j}];`);
  }
  for (let i = 0; i < Math.floor(n / 2); i++) body.push(`swap q[${i}], q[${n - 1 - i}];`);
  return program(n, 0, body);
}

/** ⌊π/4·√(2^n)⌋: the iteration count that brings the marked amplitude nearest to 1. */
export const groverIterations = (n: number) => Math.floor((Math.PI / 4) * Math.sqrt(2 ** n));

/** Z on |1…1⟩ of all n qubits: cz, or H · multi-controlled X · H on the last qubit. */
function allOnesPhase(n: number): string[] {
  if (n === 2) return ['cz q[0], q[1];'];
  const mcx = ({ 3: 'ccx', 4: 'c3x', 5: 'c4x' } as Record<number, string>)[n];
  const qubits = range(n).map((q) => `q[${q}]`).join(', ');
  return [`h q[${n - 1}];`, `${mcx} ${qubits};`, `h q[${n - 1}];`];
}

/** Grover search for one marked item among 2^n (n = 2..5). */
export function grover(n: number, marked: number): string {
  checkQubits('Grover', n, 2, 5);
  if (!Number.isInteger(marked) || marked < 0 || marked >= 2 ** n) throw new RangeError(`Grover: marked item must be 0 to ${2 ** n - 1}, not ${marked}`);
  const all = range(n);
  // X on the marked item's zero bits turns "is marked" into "is all ones".
  const flipZeros = onAll('x', all.filter((q) => !((marked >> q) & 1)));
  const body = onAll('h', all);
  for (let i = 0; i < groverIterations(n); i++) {
    body.push(...flipZeros, ...allOnesPhase(n), ...flipZeros); // oracle: −1 on |marked⟩
    body.push(...onAll('h', all), ...onAll('x', all), ...allOnesPhase(n), ...onAll('x', all), ...onAll('h', all)); // diffuser
  }
  return program(n, n, [...body, ...measureAll(n)]);
}

export type OracleKind = 'constant' | 'balanced';

/**
 * Deutsch–Jozsa on n input qubits and one ancilla (q[n]): the inputs read all zeros iff the
 * oracle is constant. Constant: f = 1 (X on the ancilla); balanced: f = parity of the inputs.
 */
export function deutschJozsa(n: number, kind: OracleKind): string {
  checkQubits('Deutsch–Jozsa', n, 1, 12);
  const inputs = range(n);
  const oracle = kind === 'constant' ? ['x q[' + n + '];'] : inputs.map((q) => `cx q[${q}], q[${n}];`);
  const body = [`x q[${n}];`, ...onAll('h', [...inputs, n]), ...oracle, ...onAll('h', inputs), ...measureAll(n)];
  return program(n + 1, n, body);
}

/** Bernstein–Vazirani: one query reads the secret bitstring s (rightmost character = qubit 0). */
export function bernsteinVazirani(secret: string): string {
  if (!/^[01]{1,12}$/.test(secret)) throw new RangeError(`Bernstein–Vazirani: the secret must be 1 to 12 characters of 0 and 1, not "${secret}"`);
  const n = secret.length;
  const inputs = range(n);
  const oracle = inputs.filter((q) => secret[n - 1 - q] === '1').map((q) => `cx q[${q}], q[${n}];`);
  const body = [`x q[${n}];`, ...onAll('h', [...inputs, n]), ...oracle, ...onAll('h', inputs), ...measureAll(n)];
  return program(n + 1, n, body);
}

/**
 * Teleports ry(theta)|0⟩ from q[0] to q[2]: Alice's measurements go to c0 and c1, Bob's `if`
 * corrections follow, and c2 reads Bob's qubit (P(1) = sin²(theta/2)). Needs shots.
 */
export function teleportation(theta = (2 * Math.PI) / 3): string {
  if (!Number.isFinite(theta)) throw new RangeError(`Teleportation: theta must be a finite number, not ${theta}`);
  return [
    ...HEADER,
    'qreg q[3];',
    'creg c0[1];',
    'creg c1[1];',
    'creg c2[1];',
    `ry(${theta}) q[0];`,
    'h q[1];',
    'cx q[1], q[2];',
    'cx q[0], q[1];',
    'h q[0];',
    'measure q[0] -> c0[0];',
    'measure q[1] -> c1[0];',
    'if(c1==1) x q[2];',
    'if(c0==1) z q[2];',
    'measure q[2] -> c2[0];',
    '',
  ].join('\n');
}

/** What the template picker offers: a title, one line of explanation, and the parameters used. */
export const TEMPLATES = {
  bell: { title: 'Bell', description: 'Two entangled qubits: 00 and 11, half the time each.' },
  ghz: { title: 'GHZ', description: 'n qubits all 0 or all 1, half the time each.' },
  qft: { title: 'QFT', description: 'Quantum Fourier transform of a basis state: equal magnitudes, rotating phases.' },
  grover: { title: 'Grover', description: 'Finds the marked item among 2^n in about π/4·√(2^n) oracle calls.' },
  deutschJozsa: { title: 'Deutsch–Jozsa', description: 'One query tells a constant oracle (reads all 0) from a balanced one.' },
  bernsteinVazirani: { title: 'Bernstein–Vazirani', description: 'One query reads the secret bitstring s of f(x) = s·x.' },
  teleportation: { title: 'Teleportation', description: 'Moves ry(θ)|0⟩ from q[0] to q[2] with two measurements and corrections (needs shots).' },
} as const;

export type TemplateId = keyof typeof TEMPLATES;
