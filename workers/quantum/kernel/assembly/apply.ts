// Dense k-qubit unitary on chosen targets, applied where all control bits are 1, in one
// pass over the state. The SIMD build holds one complex number per v128 ([re, im]) and
// multiplies as  m·a = [mr, mr]·[ar, ai] + [-mi, mi]·[ai, ar];  the plain build does the
// same with scalar f64. `ASC_FEATURE_SIMD` is a compile-time constant, so each build
// keeps only its own branch. Every kernel walks the groups as groups.ts describes.

import { MATRIX_PTR, TARGETS_PTR, OFFSETS_PTR, GATHER_PTR, GATHER_BYTES, EXPANDED_PTR } from './layout';
import { planGroups, nextBase, amplitudePtr, innerSpan, innerStride, outerMask, outerFrom, outerTo, outerStart } from './groups';

/**
 * Applies the 2^k × 2^k matrix at MATRIX_PTR to the targets at TARGETS_PTR (k of them),
 * on the amplitudes whose bits in `controlMask` are all 1.
 */
export function apply(n: i32, k: i32, controlMask: u32): void {
  prepare(k);
  applyPart(n, k, controlMask, 0, 1);
}

/** Derives what every part reads from the matrix and targets (once per op, before the parts). */
export function prepare(k: i32): void {
  writeOffsets(k);
  if (ASC_FEATURE_SIMD) expandMatrix(1 << (2 * k));
}

/** Applies the prepared op to one share (part of parts) of the groups; parts may run in parallel. */
export function applyPart(n: i32, k: i32, controlMask: u32, part: i32, parts: i32): void {
  let targetMask: u32 = 0;
  for (let j = 0; j < k; j++) targetMask |= (1 as u32) << target(j);
  planGroups(n, targetMask | controlMask, part, parts);
  const gather = GATHER_PTR + (part as usize) * GATHER_BYTES;
  if (ASC_FEATURE_SIMD) {
    if (k == 1) apply1Simd(offsetOf(1), controlMask);
    else if (k == 2) apply2Simd(controlMask);
    else applyKSimd(1 << k, controlMask, gather);
  } else {
    if (k == 1) apply1Plain(offsetOf(1), controlMask);
    else if (k == 2) apply2Plain(controlMask);
    else applyKPlain(1 << k, controlMask, gather);
  }
}

function target(j: i32): i32 {
  return load<i32>(TARGETS_PTR + ((j as usize) << 2));
}

/** Byte offset of each amplitude of a group from the group's base (bit j ↔ targets[j]). */
function writeOffsets(k: i32): void {
  for (let r = 0; r < 1 << k; r++) {
    let offset: u32 = 0;
    for (let j = 0; j < k; j++) {
      if ((r >> j) & 1) offset += (16 as u32) << target(j);
    }
    store<u32>(OFFSETS_PTR + ((r as usize) << 2), offset);
  }
}

function offsetOf(r: i32): usize {
  return load<u32>(OFFSETS_PTR + ((r as usize) << 2)) as usize;
}

// ---------------------------------------------------------------- SIMD build

function signedIm(im: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(im), 0, -im);
}

function swapped(a: v128): v128 {
  return f64x2.shuffle(a, a, 1, 0);
}

/** Each matrix element as [re, re] and [-im, im], so a complex product is two mul + one add. */
function expandMatrix(elements: i32): void {
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

function apply1Simd(step: usize, controlMask: u32): void {
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

function apply2Simd(controlMask: u32): void {
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

function applyKSimd(dim: i32, controlMask: u32, gather: usize): void {
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

// ---------------------------------------------------------------- plain build

function apply1Plain(step: usize, controlMask: u32): void {
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

function apply2Plain(controlMask: u32): void {
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

function applyKPlain(dim: i32, controlMask: u32, gather: usize): void {
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
