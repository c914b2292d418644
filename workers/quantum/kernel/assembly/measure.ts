// State preparation and the non-unitary steps of a measurement trajectory. These are
// single memory-bound passes, so the plain scalar code serves both builds.

import { STATE_PTR } from './layout';
import { nextBase, amplitudePtr } from './groups';

/** |0…0⟩ on n qubits. */
export function init(n: i32): void {
  memory.fill(STATE_PTR, 0, (16 as usize) << n);
  store<f64>(STATE_PTR, 1.0);
}

/** Σ |a_i|². */
export function norm(n: i32): f64 {
  const end = STATE_PTR + ((16 as usize) << n);
  let sum: f64 = 0;
  for (let p = STATE_PTR; p < end; p += 16) {
    const re = load<f64>(p);
    const im = load<f64>(p, 8);
    sum += re * re + im * im;
  }
  return sum;
}

/** Probability that qubit q reads 1. */
export function probabilityOfOne(n: i32, q: i32): f64 {
  const bit: u32 = (1 as u32) << q;
  const groups: u32 = (1 as u32) << (n - 1);
  let sum: f64 = 0;
  let x: u32 = 0;
  for (let g: u32 = 0; g < groups; g++) {
    const p = amplitudePtr(x | bit);
    const re = load<f64>(p);
    const im = load<f64>(p, 8);
    sum += re * re + im * im;
    x = nextBase(x, bit);
  }
  return sum;
}

/**
 * Keeps the amplitudes where qubit q equals `outcome`, multiplied by `scale`
 * (1/√p to renormalise), and zeroes the others. With `toZero`, the kept amplitudes are
 * moved to q = 0 (a reset after reading `outcome`).
 */
export function project(n: i32, q: i32, outcome: i32, scale: f64, toZero: bool): void {
  const bit: u32 = (1 as u32) << q;
  const groups: u32 = (1 as u32) << (n - 1);
  const step = (16 as usize) << q;
  let x: u32 = 0;
  for (let g: u32 = 0; g < groups; g++) {
    const p0 = amplitudePtr(x);
    const p1 = p0 + step;
    const keep = outcome ? p1 : p0;
    const re = load<f64>(keep) * scale;
    const im = load<f64>(keep, 8) * scale;
    const to = toZero ? p0 : keep;
    const drop = to == p0 ? p1 : p0;
    store<f64>(to, re);
    store<f64>(to, im, 8);
    store<f64>(drop, 0);
    store<f64>(drop, 0, 8);
    x = nextBase(x, bit);
  }
}
