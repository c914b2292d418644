// Fixed layout of the linear memory. Page 0 holds the host's parameters and the kernel's
// scratch; the state starts at page 1 so its amplitudes are 16-byte (v128) aligned and
// 2^n amplitudes of 16 bytes end at 65536 + 16·2^n (n ≤ 27 stays below 4 GiB).

/** Max targets of one dense op (the host's fusion never asks for more). */
export const MAX_TARGETS: i32 = 5;

/** Dense 2^k × 2^k complex matrix from the host, row-major, re/im interleaved (f64). */
export const MATRIX_PTR: usize = 1024;
/** k target qubits from the host (i32 each); matrix row/col bit j ↔ targets[j]. */
export const TARGETS_PTR: usize = MATRIX_PTR + 16 * 32 * 32;
/** Byte offset of each of the 2^k amplitudes of a group from its base (u32). */
export const OFFSETS_PTR: usize = TARGETS_PTR + 64;
/** The 2^k amplitudes of the group being transformed (f64 re/im pairs). */
export const GATHER_PTR: usize = OFFSETS_PTR + 4 * 32;
/** Same amplitudes with re and im swapped (SIMD build). */
export const SWAPPED_PTR: usize = GATHER_PTR + 16 * 32;
/** SIMD build: each matrix element as two vectors [re, re] and [-im, im]. */
export const EXPANDED_PTR: usize = 20480;
/** Amplitude i (re, im) lives at STATE_PTR + 16·i. */
export const STATE_PTR: usize = 65536;
