// Quantum area (issue 3): the kernel on the standard circuit (H on every qubit, then
// 5 × [CX chain; RZ(0.3), RX(0.7) on every qubit], 16n − 5 gates), in Node and in the
// quantum worker in Chromium, against a memory-copy bandwidth and the quantum-circuit package.
import { loadKernelNode } from '../../workers/quantum/kernel/loadNode.ts';
import {
  copyBandwidthGBs,
  median,
  standardCircuit,
  standardCircuitBytes,
  timeStandardCircuit,
} from '../../workers/quantum/kernel/benchCircuit.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';
import { timeQuantumCircuit } from './quantum/referencePackage.ts';

const REPEATS = 3;

export default {
  name: 'quantum',
  figures: {
    stream_gbs: { unit: 'GB/s' },
    n20_circuit_s: { unit: 's' },
    n24_circuit_s: { unit: 's' },
    n24_bandwidth_ratio: { unit: '×', goal: '≥ 1.5' },
    quantum_circuit_n14_s: { unit: 's' },
    speedup_vs_quantum_circuit_n14: { unit: '×', goal: '≥ 1000' },
    browser_n22_over_node: { unit: '×', goal: '≤ 1.3' },
  },

  async run(ctx: BenchContext): Promise<Figures> {
    const figures: Figures = {};
    const modules = await loadKernelNode();
    const stream = copyBandwidthGBs();
    figures.stream_gbs = round(stream, 2);
    ctx.log(`memory copy: ${stream.toFixed(2)} GB/s (read + write)`);

    for (const n of [20, 24]) {
      const timing = timeStandardCircuit(modules, n, { repeats: REPEATS });
      figures[`n${n}_circuit_s`] = round(timing.seconds, 3);
      ctx.log(`n=${n}: ${timing.runs.map((s) => s.toFixed(3)).join(', ')} s; effective ${timing.effectiveGBs.toFixed(1)} GB/s`);
      if (n === 24) figures.n24_bandwidth_ratio = round(standardCircuitBytes(24) / timing.seconds / 1e9 / stream, 2);
    }

    const ours14 = timeStandardCircuit(modules, 14, { repeats: 5 }).seconds;
    try {
      const theirs = await timeQuantumCircuit(standardCircuit(14), 14, REPEATS, ctx.log);
      figures.quantum_circuit_n14_s = round(theirs, 3);
      figures.speedup_vs_quantum_circuit_n14 = Math.round(theirs / ours14);
      ctx.log(`n=14: quantum-circuit ${theirs.toFixed(2)} s, this kernel ${(ours14 * 1000).toFixed(2)} ms`);
    } catch (error) {
      ctx.fail('quantum_circuit_n14_s', (error as Error).message);
      ctx.fail('speedup_vs_quantum_circuit_n14', 'quantum-circuit did not run');
    }

    try {
      figures.browser_n22_over_node = await browserOverNode(ctx, modules);
    } catch (error) {
      ctx.fail('browser_n22_over_node', (error as Error).message.split('\n')[0]);
    }
    return figures;
  },
} satisfies BenchArea;

/** The same circuit in the app's quantum worker (Chromium, SIMD build) and here in Node. */
async function browserOverNode(ctx: BenchContext, modules: Awaited<ReturnType<typeof loadKernelNode>>): Promise<number> {
  const app = await ctx.app();
  const page = await (await app.browser()).newPage();
  try {
    await page.goto(`${app.url}/#/quantum`);
    const browser = await page.evaluate(async (repeats) => {
      const jarvis = (globalThis as unknown as { __jarvis: { quantum(): Promise<{ timeStandardCircuit(n: number, r: number): Promise<{ runs: number[] }> }> } }).__jarvis;
      return (await (await jarvis.quantum()).timeStandardCircuit(22, repeats)).runs;
    }, REPEATS);
    const node = timeStandardCircuit(modules, 22, { repeats: REPEATS }).runs;
    ctx.log(`n=22: browser ${browser.map((s) => s.toFixed(3)).join(', ')} s; node ${node.map((s) => s.toFixed(3)).join(', ')} s`);
    return round(median(browser) / median(node), 2);
  } finally {
    await page.close();
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
