// Our side of the comparisons: QASM → parser → WebAssembly kernel (SIMD or plain build).
import type { Circuit, UnitaryOp } from '../../../workers/quantum/circuit.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import type { KernelModules } from '../../../workers/quantum/kernel/kernel.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';

let modules: Promise<KernelModules> | undefined;
export const kernelModules = () => (modules ??= loadKernelNode());

export const BUILDS = [
  { name: 'simd', simd: true },
  { name: 'plain', simd: false },
] as const;

export const unitaryOps = (circuit: Circuit) => circuit.ops.filter((op): op is UnitaryOp => op.kind === 'unitary');

/** A statevector on the requested build (failing if the SIMD build is asked for and missing). */
export async function statevector(n: number, simd: boolean): Promise<Statevector> {
  const state = Statevector.create(await kernelModules(), n, { simd });
  if (state.simd !== simd) throw new Error(`asked for the ${simd ? 'SIMD' : 'plain'} build, got the other`);
  return state;
}

/** The final amplitudes (re/im interleaved) of `ops` from |0…0⟩, fused as Statevector.run does. */
export async function kernelState(ops: readonly UnitaryOp[], n: number, simd: boolean): Promise<Float64Array> {
  const state = await statevector(n, simd);
  state.run(ops);
  return state.amplitudes();
}

/** The unitary of `ops` on n qubits through the kernel, column by column. */
export async function kernelUnitary(ops: readonly UnitaryOp[], n: number, simd: boolean): Promise<Float64Array> {
  const state = await statevector(n, simd);
  const dim = 2 ** n;
  const out = new Float64Array(2 * dim * dim);
  for (let col = 0; col < dim; col++) {
    const basis = new Float64Array(2 * dim);
    basis[2 * col] = 1;
    state.setAmplitudes(basis);
    state.run(ops);
    const column = state.amplitudes();
    for (let row = 0; row < dim; row++) {
      out[2 * (row * dim + col)] = column[2 * row];
      out[2 * (row * dim + col) + 1] = column[2 * row + 1];
    }
  }
  return out;
}
