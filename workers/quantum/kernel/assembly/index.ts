// Statevector kernel entry: complex128 amplitudes in imported linear memory (see layout.ts).
// Built twice from this source: kernel.wasm (plain) and kernel-simd.wasm (--enable simd).

export { apply } from './apply';
export { init, norm, probabilityOfOne, project } from './measure';
export { MAX_TARGETS, MATRIX_PTR, TARGETS_PTR, STATE_PTR } from './layout';
