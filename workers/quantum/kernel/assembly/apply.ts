// Dense k-qubit unitary on chosen targets, applied where all control bits are 1, in one
// pass over the state. The SIMD build holds one complex number per v128 ([re, im]) and
// multiplies as  m·a = [mr, mr]·[ar, ai] + [-mi, mi]·[ai, ar];  the plain build does the
// same with scalar f64. `ASC_FEATURE_SIMD` is a compile-time constant, so each build
// keeps only its own branch (applySimd.ts or applyPlain.ts). Every kernel walks the groups
// as groups.ts describes.

import { GATHER_PTR, GATHER_BYTES } from './layout';
import { planGroups, target, writeOffsets, offsetOf } from './groups';
import { expandMatrix, apply1Simd, apply2Simd, applyKSimd } from './applySimd';
import { apply1Plain, apply2Plain, applyKPlain } from './applyPlain';

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
