// The plain build's kernels: the same products with scalar f64, re and im apart.

import { MATRIX_PTR } from './layout';
import { nextBase, amplitudePtr, offsetOf, innerSpan, innerStride, outerMask, outerFrom, outerTo, outerStart } from './groups';

export function apply1Plain(step: usize, controlMask: u32): void {
  const m00r = load<f64>(MATRIX_PTR);
  const m00i = load<f64>(MATRIX_PTR, 8);
  const m01r = load<f64>(MATRIX_PTR, 16);
  const m01i = load<f64>(MATRIX_PTR, 24);
  const m10r = load<f64>(MATRIX_PTR, 32);
  const m10i = load<f64>(MATRIX_PTR, 40);
  const m11r = load<f64>(MATRIX_PTR, 48);
  const m11i = load<f64>(MATRIX_PTR, 56);
  // Locals, not globals, in the loops: V8 reloads a mutable global on every iteration.
  const span = innerSpan;
  const stride = innerStride;
  const mask = outerMask;
  const to = outerTo;
  let x = outerStart;
  for (let g = outerFrom; g < to; g++) {
    const start = amplitudePtr(x | controlMask);
    const end = start + span;
    for (let p = start; p < end; p += stride) {
      const r0 = load<f64>(p);
      const i0 = load<f64>(p, 8);
      const r1 = load<f64>(p + step);
      const i1 = load<f64>(p + step, 8);
      store<f64>(p, m00r * r0 - m00i * i0 + m01r * r1 - m01i * i1);
      store<f64>(p, m00r * i0 + m00i * r0 + m01r * i1 + m01i * r1, 8);
      store<f64>(p + step, m10r * r0 - m10i * i0 + m11r * r1 - m11i * i1);
      store<f64>(p + step, m10r * i0 + m10i * r0 + m11r * i1 + m11i * r1, 8);
    }
    x = nextBase(x, mask);
  }
}

/** Row `row` of the 4×4 matrix at MATRIX_PTR times (r0,i0)…(r3,i3): real part. */
function row2Re(row: usize, r0: f64, i0: f64, r1: f64, i1: f64, r2: f64, i2: f64, r3: f64, i3: f64): f64 {
  const m = MATRIX_PTR + (row << 6);
  return load<f64>(m) * r0 - load<f64>(m, 8) * i0 + load<f64>(m, 16) * r1 - load<f64>(m, 24) * i1
    + load<f64>(m, 32) * r2 - load<f64>(m, 40) * i2 + load<f64>(m, 48) * r3 - load<f64>(m, 56) * i3;
}

/** Imaginary part, as row2Re. */
function row2Im(row: usize, r0: f64, i0: f64, r1: f64, i1: f64, r2: f64, i2: f64, r3: f64, i3: f64): f64 {
  const m = MATRIX_PTR + (row << 6);
  return load<f64>(m) * i0 + load<f64>(m, 8) * r0 + load<f64>(m, 16) * i1 + load<f64>(m, 24) * r1
    + load<f64>(m, 32) * i2 + load<f64>(m, 40) * r2 + load<f64>(m, 48) * i3 + load<f64>(m, 56) * r3;
}

export function apply2Plain(controlMask: u32): void {
  const o1 = offsetOf(1);
  const o2 = offsetOf(2);
  const o3 = offsetOf(3);
  // Locals, not globals, in the loops: V8 reloads a mutable global on every iteration.
  const span = innerSpan;
  const stride = innerStride;
  const mask = outerMask;
  const to = outerTo;
  let x = outerStart;
  for (let g = outerFrom; g < to; g++) {
    const start = amplitudePtr(x | controlMask);
    const end = start + span;
    for (let p = start; p < end; p += stride) {
      const r0 = load<f64>(p);
      const i0 = load<f64>(p, 8);
      const r1 = load<f64>(p + o1);
      const i1 = load<f64>(p + o1, 8);
      const r2 = load<f64>(p + o2);
      const i2 = load<f64>(p + o2, 8);
      const r3 = load<f64>(p + o3);
      const i3 = load<f64>(p + o3, 8);
      store<f64>(p, row2Re(0, r0, i0, r1, i1, r2, i2, r3, i3));
      store<f64>(p, row2Im(0, r0, i0, r1, i1, r2, i2, r3, i3), 8);
      store<f64>(p + o1, row2Re(1, r0, i0, r1, i1, r2, i2, r3, i3));
      store<f64>(p + o1, row2Im(1, r0, i0, r1, i1, r2, i2, r3, i3), 8);
      store<f64>(p + o2, row2Re(2, r0, i0, r1, i1, r2, i2, r3, i3));
      store<f64>(p + o2, row2Im(2, r0, i0, r1, i1, r2, i2, r3, i3), 8);
      store<f64>(p + o3, row2Re(3, r0, i0, r1, i1, r2, i2, r3, i3));
      store<f64>(p + o3, row2Im(3, r0, i0, r1, i1, r2, i2, r3, i3), 8);
    }
    x = nextBase(x, mask);
  }
}

export function applyKPlain(dim: i32, controlMask: u32, gather: usize): void {
  // Locals, not globals, in the loops: V8 reloads a mutable global on every iteration.
  const span = innerSpan;
  const stride = innerStride;
  const mask = outerMask;
  const to = outerTo;
  let x = outerStart;
  for (let g = outerFrom; g < to; g++) {
    const start = amplitudePtr(x | controlMask);
    const end = start + span;
    for (let p = start; p < end; p += stride) {
      for (let c = 0; c < dim; c++) {
        const a = p + offsetOf(c);
        const dst = gather + ((c as usize) << 4);
        store<f64>(dst, load<f64>(a));
        store<f64>(dst, load<f64>(a, 8), 8);
      }
      let m = MATRIX_PTR;
      for (let r = 0; r < dim; r++) {
        let re: f64 = 0;
        let im: f64 = 0;
        for (let c = 0; c < dim; c++) {
          const a = gather + ((c as usize) << 4);
          const ar = load<f64>(a);
          const ai = load<f64>(a, 8);
          const mr = load<f64>(m);
          const mi = load<f64>(m, 8);
          re += mr * ar - mi * ai;
          im += mr * ai + mi * ar;
          m += 16;
        }
        const dst = p + offsetOf(r);
        store<f64>(dst, re);
        store<f64>(dst, im, 8);
      }
    }
    x = nextBase(x, mask);
  }
}
