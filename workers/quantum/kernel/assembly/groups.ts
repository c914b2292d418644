// Every op visits "groups": the amplitudes that differ only in its target bits, at the
// indices whose control bits are all 1. A group's base index has all those ("fixed") bits 0.
//
// The bases are walked as an outer loop times an inner run. The inner run covers the lowest
// stretch of free bits, so it is a plain pointer walk with a constant stride (V8 compiles
// that into a tight loop); the outer loop steps through the remaining free bits with
// `x = ((x | mask) + 1) & ~mask`, which carries straight over the masked bits. Threads split
// the outer loop, so the inner run is capped to leave it enough steps to share.

import { STATE_PTR, TARGETS_PTR, OFFSETS_PTR } from './layout';

const MAX_RUN_BITS: u32 = 10;

/** Set by `planGroups`: inner run length in bytes and its stride; outer mask, range, start. */
export let innerSpan: usize = 0;
export let innerStride: usize = 0;
export let outerMask: u32 = 0;
export let outerFrom: u32 = 0;
export let outerTo: u32 = 0;
export let outerStart: u32 = 0;

/** Plans the walk over this part's share (part of parts) of the groups. */
export function planGroups(n: i32, fixedMask: u32, part: i32, parts: i32): void {
  const low = ctz(~fixedMask); // lowest free bit
  const run = min<u32>(min<u32>(ctz(fixedMask >> low), (n as u32) - low), MAX_RUN_BITS);
  innerStride = (16 as usize) << low;
  innerSpan = innerStride << run;
  outerMask = fixedMask | (((1 << run) - 1) << low);
  const count = (1 as u64) << ((n as u64) - (popcnt(outerMask) as u64));
  outerFrom = ((count * (part as u64)) / (parts as u64)) as u32;
  outerTo = ((count * ((part + 1) as u64)) / (parts as u64)) as u32;
  outerStart = depositFree(outerFrom, outerMask);
}

/** The base of outer step g: g's bits placed, low to high, into the zero bits of `mask`. */
function depositFree(g: u32, mask: u32): u32 {
  let x: u32 = 0;
  for (let bit: u32 = 1; g != 0; bit <<= 1) {
    if (mask & bit) continue;
    if (g & 1) x |= bit;
    g >>= 1;
  }
  return x;
}

export function nextBase(x: u32, mask: u32): u32 {
  return ((x | mask) + 1) & ~mask;
}

/** Address of amplitude `index` (re at +0, im at +8). */
export function amplitudePtr(index: u32): usize {
  return STATE_PTR + ((index as usize) << 4);
}

/** Target j of the current op (bit j of its matrix rows and columns). */
export function target(j: i32): i32 {
  return load<i32>(TARGETS_PTR + ((j as usize) << 2));
}

/** Byte offset of each amplitude of a group from the group's base (bit j ↔ targets[j]). */
export function writeOffsets(k: i32): void {
  for (let r = 0; r < 1 << k; r++) {
    let offset: u32 = 0;
    for (let j = 0; j < k; j++) {
      if ((r >> j) & 1) offset += (16 as u32) << target(j);
    }
    store<u32>(OFFSETS_PTR + ((r as usize) << 2), offset);
  }
}

export function offsetOf(r: i32): usize {
  return load<u32>(OFFSETS_PTR + ((r as usize) << 2)) as usize;
}
