import { describe, expect, it } from 'vitest';
import { blochVectors, parsePauli, pauliExpectation } from '../../workers/quantum/engine/pauli.ts';

const s = Math.SQRT1_2;
// |ψ⟩ as re/im pairs, index bit k = qubit k
const plus = new Float64Array([s, 0, s, 0]); // |+⟩
const plusI = new Float64Array([s, 0, 0, s]); // |+i⟩
const one = new Float64Array([0, 0, 1, 0]); // |1⟩
const bell = new Float64Array([s, 0, 0, 0, 0, 0, s, 0]); // (|00⟩ + |11⟩)/√2

describe('Pauli expectation values', () => {
  it.each([
    [plus, 'X', 1],
    [plus, 'Z', 0],
    [plusI, 'Y', 1],
    [plusI, 'X', 0],
    [one, 'Z', -1],
    [bell, 'ZZ', 1],
    [bell, 'XX', 1],
    [bell, 'YY', -1],
    [bell, 'ZI', 0],
  ])('⟨%#⟩', (state, pauli, expected) => {
    expect(pauliExpectation(state, pauli)).toBeCloseTo(expected, 12);
  });

  it('reads the rightmost letter as qubit 0', () => {
    const q1 = new Float64Array([0, 0, 0, 0, 1, 0, 0, 0]); // |10⟩: qubit 1 is 1
    expect(pauliExpectation(q1, 'ZI')).toBeCloseTo(-1, 12);
    expect(pauliExpectation(q1, 'IZ')).toBeCloseTo(1, 12);
  });

  it('refuses what is not a Pauli string of the right length', () => {
    expect(() => parsePauli('XQ', 2)).toThrow(/not a Pauli string/);
    expect(() => parsePauli('XZZ', 2)).toThrow(/3 letters/);
    expect(parsePauli(' xz ', 2)).toBe('XZ');
  });

  it('gives Bloch vectors per qubit', () => {
    expect(blochVectors(plus, 1)[0]).toEqual({ x: expect.closeTo(1, 12), y: expect.closeTo(0, 12), z: expect.closeTo(0, 12) });
    expect(blochVectors(plusI, 1)[0]).toEqual({ x: expect.closeTo(0, 12), y: expect.closeTo(1, 12), z: expect.closeTo(0, 12) });
    const [a, b] = blochVectors(bell, 2); // maximally entangled: both at the centre
    for (const v of [a, b]) expect(Math.hypot(v.x, v.y, v.z)).toBeCloseTo(0, 12);
  });
});
