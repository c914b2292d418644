// Fixed layout of the linear memory. Page 0 holds the host's parameters and the kernel's
// scratch; the state starts at page 1 so its amplitudes are 16-byte (v128) aligned and
// 2^n amplitudes of 16 bytes end at 65536 + 16·2^n (n ≤ 27 stays below 4 GiB).

/** Max targets of one dense op (the host's fusion never asks for more). */
export const MAX_TARGETS: i32 = 5;
/** Max threads sharing one state (each needs its own gather scratch). */
export const MAX_PARTS: i32 = 8;

/** Dense 2^k × 2^k complex matrix from the host, row-major, re/im interleaved (f64). */
export const MATRIX_PTR: usize = 1024;
/** k target qubits from the host (i32 each); matrix row/col bit j ↔ targets[j]. */
export const TARGETS_PTR: usize = MATRIX_PTR + 16 * 32 * 32;
/** Byte offset of each of the 2^k amplitudes of a group from its base (u32), from `prepare`. */
export const OFFSETS_PTR: usize = TARGETS_PTR + 64;
/** 64 bytes the host uses to coordinate threads (the kernel never touches them). */
export const CONTROL_PTR: usize = OFFSETS_PTR + 4 * 32;
/** Per part: the 2^k amplitudes of the group being transformed, then the same swapped. */
export const GATHER_PTR: usize = 18432;
export const GATHER_BYTES: usize = 2 * 16 * 32;
/** SIMD build: each matrix element as two vectors [re, re] and [-im, im], from `prepare`. */
export const EXPANDED_PTR: usize = GATHER_PTR + GATHER_BYTES * MAX_PARTS;
/** Amplitude i (re, im) lives at STATE_PTR + 16·i. */
export const STATE_PTR: usize = 65536;
