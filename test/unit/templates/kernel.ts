// The wasm kernel in Node, shared by the template tests.
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import type { KernelModules } from '../../../workers/quantum/kernel/kernel.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { runCircuit, type RunResult } from '../../../workers/quantum/engine/run.ts';

let modules: Promise<KernelModules> | undefined;
const kernelModules = () => (modules ??= loadKernelNode());

/** A StateFactory on the kernel (SIMD build when available). */
export async function stateFactory(): Promise<(n: number) => Statevector> {
  const loaded = await kernelModules();
  return (n) => Statevector.create(loaded, n);
}

/** Parses and runs QASM as the worker does (SPEC §9's result). */
export async function simulate(qasm: string, options: { shots?: number; seed?: number } = {}): Promise<RunResult> {
  const circuit = parseQasm(qasm);
  return runCircuit(circuit, Statevector.create(await kernelModules(), circuit.qubits), options);
}

/** Final amplitudes of the unitary part, re/im interleaved. */
export async function amplitudes(qasm: string): Promise<Float64Array> {
  const circuit = parseQasm(qasm);
  const state = Statevector.create(await kernelModules(), circuit.qubits);
  runCircuit(circuit, state);
  return state.amplitudes();
}
