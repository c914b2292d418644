// Statevector kernel entry: complex128 amplitudes in imported linear memory (see layout.ts).
// Built from this source as kernel.wasm (plain), kernel-simd.wasm (--enable simd) and
// kernel-threads.wasm (SIMD on shared memory, for several threads on one state).

export { apply, prepare, applyPart } from './apply';
export { init, norm, probabilityOfOne, project } from './measure';
export { MAX_TARGETS, MAX_PARTS, MATRIX_PTR, TARGETS_PTR, CONTROL_PTR, STATE_PTR } from './layout';
