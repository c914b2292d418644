// Every dense op visits "groups": the 2^k amplitudes that differ only in the target bits,
// at the indices whose control bits are all 1. A group's base index has every target and
// control bit 0; `nextBase` steps through those bases in increasing order (adding 1 with
// the fixed bits pre-set carries straight over them), so no per-index bit insertion is needed.

import { STATE_PTR } from './layout';

export function nextBase(x: u32, fixedMask: u32): u32 {
  return ((x | fixedMask) + 1) & ~fixedMask;
}

/** How many groups an op with these target and control bits has on n qubits. */
export function groupCount(n: i32, fixedMask: u32): u32 {
  return (1 as u32) << ((n as u32) - popcnt(fixedMask));
}

/** Address of amplitude `index` (re at +0, im at +8). */
export function amplitudePtr(index: u32): usize {
  return STATE_PTR + ((index as usize) << 4);
}
