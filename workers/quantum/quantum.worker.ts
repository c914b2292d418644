// The quantum worker: QASM front end + the WebAssembly statevector kernel + the engine,
// the same code `npm run qsim` runs in Node. Cancelling a run terminates this worker.

import * as Comlink from 'comlink';
import type { QuantumApi, QuantumRunError, QuantumRunRequest, QuantumRunResult } from './api.ts';
import { NeedsShotsError, runCircuit, topProbabilities } from './engine/run.ts';
import { blochVectors, parsePauli, pauliExpectation } from './engine/pauli.ts';
import { loadKernelBrowser } from './kernel/loadBrowser.ts';
import { Statevector, StateTooLargeError } from './kernel/statevector.ts';
import { timeStandardCircuit } from './kernel/benchCircuit.ts';
import { ExportError, exportCircuit } from './export/exportCircuit.ts';
import { runOptimiser } from './templates/optimisers.ts';
import { parseQasm, QasmError } from './qasm/index.ts';

const HISTOGRAM_BARS = 32;
const AMPLITUDE_ROWS = 64;
/** Bloch vectors cost one pass per qubit: skip them for very large states. */
const BLOCH_MAX_QUBITS = 20;

const kernel = loadKernelBrowser();

function asError(error: unknown): QuantumRunError {
  if (error instanceof QasmError || error instanceof NeedsShotsError) return { message: error.message, line: error.line };
  if (error instanceof StateTooLargeError) return { message: error.message };
  throw error;
}

async function run(request: QuantumRunRequest, onProgress?: (fraction: number) => void): Promise<QuantumRunResult> {
  const started = performance.now();
  const circuit = parseQasm(request.qasm);
  const simulator = Statevector.create(await kernel, circuit.qubits, { maxBytes: request.memoryBudgetBytes });
  const outcome = runCircuit(circuit, simulator, { shots: request.shots, seed: request.seed, onProgress });
  const trajectories = outcome.probabilities === undefined && outcome.top === undefined;
  const result: QuantumRunResult = {
    qubits: circuit.qubits,
    trajectories,
    top: [],
    amplitudes: [],
    bloch: [],
    counts: outcome.counts,
    expectations: [],
    milliseconds: 0,
    kernel: simulator.simd ? 'simd' : 'plain',
  };
  if (!trajectories) {
    const amplitudes = simulator.amplitudes();
    const probabilities = simulator.probabilities();
    const top = topProbabilities(probabilities, Math.max(HISTOGRAM_BARS, AMPLITUDE_ROWS));
    result.top = top.slice(0, HISTOGRAM_BARS).map(([index, p]) => ({ index, p }));
    result.amplitudes = top.slice(0, AMPLITUDE_ROWS).map(([index, p]) => ({
      index,
      re: amplitudes[2 * index],
      im: amplitudes[2 * index + 1],
      p,
    }));
    if (circuit.qubits <= BLOCH_MAX_QUBITS) result.bloch = blochVectors(amplitudes, circuit.qubits);
    result.expectations = (request.paulis ?? []).map((text) => {
      try {
        const pauli = parsePauli(text, circuit.qubits);
        return { pauli, value: pauliExpectation(amplitudes, pauli) };
      } catch (error) {
        return { pauli: text, value: null, error: (error as Error).message };
      }
    });
  }
  result.milliseconds = performance.now() - started;
  return result;
}

const api: QuantumApi = {
  async check(qasm) {
    try {
      return { ok: true, qubits: parseQasm(qasm).qubits };
    } catch (error) {
      return { ok: false, error: asError(error) };
    }
  },
  async run(request, onProgress) {
    try {
      return { ok: true, result: await run(request, onProgress) };
    } catch (error) {
      return { ok: false, error: asError(error) };
    }
  },
  async optimise(request, onProgress) {
    const modules = await kernel;
    // At most ~10 progress messages a second: each one crosses to the page.
    let last = 0;
    const report = onProgress && ((fraction: number, best: number) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      void onProgress(fraction, best);
    });
    return runOptimiser((n) => Statevector.create(modules, n), request, report);
  },
  async exportCircuit(qasm, format) {
    try {
      return { ok: true, text: await exportCircuit(qasm, format) };
    } catch (error) {
      if (error instanceof ExportError) return { ok: false, error: { message: error.message, line: error.line } };
      throw error;
    }
  },
  async timeStandardCircuit(n, repeats) {
    const modules = await kernel;
    const { seconds, runs } = timeStandardCircuit(modules, n, { repeats });
    return { seconds, runs, simd: modules.simd !== null };
  },
};

Comlink.expose(api);
postMessage({ type: 'ready' });
