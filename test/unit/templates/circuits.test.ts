// Every circuit template parses and simulates to the result worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  bell,
  bernsteinVazirani,
  deutschJozsa,
  ghz,
  grover,
  groverIterations,
  qft,
  teleportation,
} from '../../../workers/quantum/templates/circuits.ts';
import { amplitudes, simulate } from './kernel.ts';

const probabilitiesOf = async (qasm: string) => (await simulate(qasm)).probabilities!;

/** P(the low n qubits read `value`), summing over the rest (the ancilla). */
function marginal(p: number[], n: number, value: number): number {
  return p.reduce((sum, pi, i) => sum + ((i & (2 ** n - 1)) === value ? pi : 0), 0);
}

describe('Bell and GHZ', () => {
  it('Bell: 00 and 11 with p = 1/2', async () => {
    expect(await probabilitiesOf(bell())).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0, 12), expect.closeTo(0, 12), expect.closeTo(0.5, 12)]);
  });

  for (const n of [2, 3, 6]) {
    it(`GHZ(${n}): all zeros and all ones with p = 1/2`, async () => {
      const p = await probabilitiesOf(ghz(n));
      p.forEach((value, i) => expect(value, `p[${i}]`).toBeCloseTo(i === 0 || i === 2 ** n - 1 ? 0.5 : 0, 12));
    });
  }
});

describe('QFT of a basis state', () => {
  for (const [n, input] of [
    [3, 5],
    [4, 0],
    [5, 19],
  ]) {
    it(`QFT(${n}) |${input}⟩: uniform magnitudes, phases e^{2πi·x·k/2^n}`, async () => {
      const a = await amplitudes(qft(n, input));
      const size = 2 ** n;
      for (let k = 0; k < size; k++) {
        const angle = (2 * Math.PI * ((input * k) % size)) / size;
        expect(a[2 * k], `re[${k}]`).toBeCloseTo(Math.cos(angle) / Math.sqrt(size), 10);
        expect(a[2 * k + 1], `im[${k}]`).toBeCloseTo(Math.sin(angle) / Math.sqrt(size), 10);
      }
    });
  }
});

describe('Grover', () => {
  for (const n of [2, 3, 4, 5]) {
    const size = 2 ** n;
    const k = groverIterations(n);
    const success = Math.sin((2 * k + 1) * Math.asin(1 / Math.sqrt(size))) ** 2;
    it(`n = ${n}, ${k} iteration(s): p(marked) = sin²((2k+1)·asin(1/√N)) = ${success.toFixed(6)}`, async () => {
      for (const marked of [0, 1, size - 1, Math.floor(size / 3)]) {
        const p = await probabilitiesOf(grover(n, marked));
        expect(p[marked], `marked ${marked}`).toBeCloseTo(success, 10);
      }
    });
  }
});

describe('Deutsch–Jozsa and Bernstein–Vazirani', () => {
  for (const n of [1, 3, 5]) {
    it(`DJ(${n}): all zeros iff constant`, async () => {
      expect(marginal(await probabilitiesOf(deutschJozsa(n, 'constant')), n, 0)).toBeCloseTo(1, 12);
      expect(marginal(await probabilitiesOf(deutschJozsa(n, 'balanced')), n, 0)).toBeCloseTo(0, 12);
    });
  }

  for (const secret of ['1', '101', '0110', '110101']) {
    it(`BV reads ${secret} with p = 1`, async () => {
      const n = secret.length;
      expect(marginal(await probabilitiesOf(bernsteinVazirani(secret)), n, parseInt(secret, 2))).toBeCloseTo(1, 12);
    });
  }
});

describe('teleportation', () => {
  const SEED = 20261122;
  const SHOTS = 4000;

  it(`delivers ry(θ)|0⟩ to Bob: P(c2 = 1) = sin²(θ/2) (seed ${SEED})`, async () => {
    const theta = (2 * Math.PI) / 3; // P(1) = 3/4
    const { counts } = await simulate(teleportation(theta), { shots: SHOTS, seed: SEED });
    const ones = Object.entries(counts!).reduce((sum, [key, count]) => sum + ((Number(key) >> 2) & 1 ? count : 0), 0);
    const expected = Math.sin(theta / 2) ** 2;
    const sigma = Math.sqrt((SHOTS * expected * (1 - expected)));
    expect(Math.abs(ones - SHOTS * expected), `seed ${SEED}: ${ones} ones of ${SHOTS}`).toBeLessThan(5 * sigma);
    // Alice's two bits are uniform: every one of the four outcomes shows up.
    const alice = new Set(Object.keys(counts!).map((key) => Number(key) & 3));
    expect(alice.size, `seed ${SEED}`).toBe(4);
  });

  it(`undoing ry(θ) on Bob's qubit reads 0 every time, whatever Alice measured (seed ${SEED})`, async () => {
    const theta = 1.234;
    const qasm = teleportation(theta).replace('measure q[2] -> c2[0];', `ry(${-theta}) q[2];\nmeasure q[2] -> c2[0];`);
    const { counts } = await simulate(qasm, { shots: 1000, seed: SEED });
    for (const [key, count] of Object.entries(counts!)) expect((Number(key) >> 2) & 1, `seed ${SEED}: ${count} shots read ${key}`).toBe(0);
  });
});

describe('bad parameters are refused', () => {
  it('names the range', () => {
    expect(() => grover(6, 0)).toThrow(/2 to 5/);
    expect(() => grover(3, 8)).toThrow(/0 to 7/);
    expect(() => bernsteinVazirani('12')).toThrow(/0 and 1/);
    expect(() => qft(3, 8)).toThrow(/0 to 7/);
    expect(() => ghz(1)).toThrow(/2 to 24/);
  });
});
