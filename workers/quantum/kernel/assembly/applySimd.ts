// The SIMD build's kernels: one complex number per v128 ([re, im]), multiplied as
//   m·a = [mr, mr]·[ar, ai] + [-mi, mi]·[ai, ar]
// with the matrix pre-expanded into those two vectors per element (expandMatrix).

import { MATRIX_PTR, GATHER_BYTES, EXPANDED_PTR } from './layout';
import { nextBase, amplitudePtr, offsetOf, innerSpan, innerStride, outerMask, outerFrom, outerTo, outerStart } from './groups';

function signedIm(im: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(im), 0, -im);
}

function swapped(a: v128): v128 {
  return f64x2.shuffle(a, a, 1, 0);
}

/** Each matrix element as [re, re] and [-im, im], so a complex product is two mul + one add. */
export function expandMatrix(elements: i32): void {
  for (let e = 0; e < elements; e++) {
    const src = MATRIX_PTR + ((e as usize) << 4);
    const dst = EXPANDED_PTR + ((e as usize) << 5);
    v128.store(dst, f64x2.splat(load<f64>(src)));
    v128.store(dst, signedIm(load<f64>(src, 8)), 16);
  }
}

/** m·a for the expanded element at `m`, given a and a with re/im swapped. */
function mulExpanded(m: usize, a: v128, s: v128): v128 {
  return f64x2.add(f64x2.mul(v128.load(m), a), f64x2.mul(v128.load(m, 16), s));
}

export function apply1Simd(step: usize, controlMask: u32): void {
  const m00r = f64x2.splat(load<f64>(MATRIX_PTR));
  const m00i = signedIm(load<f64>(MATRIX_PTR, 8));
  const m01r = f64x2.splat(load<f64>(MATRIX_PTR, 16));
  const m01i = signedIm(load<f64>(MATRIX_PTR, 24));
  const m10r = f64x2.splat(load<f64>(MATRIX_PTR, 32));
  const m10i = signedIm(load<f64>(MATRIX_PTR, 40));
  const m11r = f64x2.splat(load<f64>(MATRIX_PTR, 48));
  const m11i = signedIm(load<f64>(MATRIX_PTR, 56));
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
      const a0 = v128.load(p);
      const a1 = v128.load(p + step);
      const s0 = swapped(a0);
      const s1 = swapped(a1);
      v128.store(p, f64x2.add(
        f64x2.add(f64x2.mul(m00r, a0), f64x2.mul(m00i, s0)),
        f64x2.add(f64x2.mul(m01r, a1), f64x2.mul(m01i, s1))));
      v128.store(p + step, f64x2.add(
        f64x2.add(f64x2.mul(m10r, a0), f64x2.mul(m10i, s0)),
        f64x2.add(f64x2.mul(m11r, a1), f64x2.mul(m11i, s1))));
    }
    x = nextBase(x, mask);
  }
}

export function apply2Simd(controlMask: u32): void {
  const o1 = offsetOf(1);
  const o2 = offsetOf(2);
  const o3 = offsetOf(3);
  const m = EXPANDED_PTR; // row r starts at m + 128·r (4 elements of 32 bytes)
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
      const a0 = v128.load(p);
      const a1 = v128.load(p + o1);
      const a2 = v128.load(p + o2);
      const a3 = v128.load(p + o3);
      const s0 = swapped(a0);
      const s1 = swapped(a1);
      const s2 = swapped(a2);
      const s3 = swapped(a3);
      v128.store(p, f64x2.add(
        f64x2.add(mulExpanded(m, a0, s0), mulExpanded(m + 32, a1, s1)),
        f64x2.add(mulExpanded(m + 64, a2, s2), mulExpanded(m + 96, a3, s3))));
      v128.store(p + o1, f64x2.add(
        f64x2.add(mulExpanded(m + 128, a0, s0), mulExpanded(m + 160, a1, s1)),
        f64x2.add(mulExpanded(m + 192, a2, s2), mulExpanded(m + 224, a3, s3))));
      v128.store(p + o2, f64x2.add(
        f64x2.add(mulExpanded(m + 256, a0, s0), mulExpanded(m + 288, a1, s1)),
        f64x2.add(mulExpanded(m + 320, a2, s2), mulExpanded(m + 352, a3, s3))));
      v128.store(p + o3, f64x2.add(
        f64x2.add(mulExpanded(m + 384, a0, s0), mulExpanded(m + 416, a1, s1)),
        f64x2.add(mulExpanded(m + 448, a2, s2), mulExpanded(m + 480, a3, s3))));
    }
    x = nextBase(x, mask);
  }
}

export function applyKSimd(dim: i32, controlMask: u32, gather: usize): void {
  const swappedCopy = gather + GATHER_BYTES / 2;
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
      // Gather the group (and its swapped copy) into scratch that stays in L1.
      for (let c = 0; c < dim; c++) {
        const a = v128.load(p + offsetOf(c));
        v128.store(gather + ((c as usize) << 4), a);
        v128.store(swappedCopy + ((c as usize) << 4), swapped(a));
      }
      let m = EXPANDED_PTR;
      for (let r = 0; r < dim; r++) {
        // Two sums (re-weighted and im-weighted) halve the dependency chain of the adds.
        let sumRe = f64x2.splat(0);
        let sumIm = f64x2.splat(0);
        for (let c = 0; c < dim; c++) {
          const at = (c as usize) << 4;
          sumRe = f64x2.add(sumRe, f64x2.mul(v128.load(m), v128.load(gather + at)));
          sumIm = f64x2.add(sumIm, f64x2.mul(v128.load(m, 16), v128.load(swappedCopy + at)));
          m += 32;
        }
        v128.store(p + offsetOf(r), f64x2.add(sumRe, sumIm));
      }
    }
    x = nextBase(x, mask);
  }
}
