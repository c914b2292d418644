// Shell area: what a first visit costs and what Lighthouse (12, with Debian's Chromium)
// thinks of the built app.
//
// first_load_js_gzip_kb: the JavaScript the page's HTML asks for before anything else — the
// entry module and its modulepreload links — fetched from the served build and gzipped here
// (level 6, as servers do; kB = 1000 bytes). Workers and lazy chunks load later and are not
// counted.
// lighthouse_*: Lighthouse's default mobile run (simulated throttling) on the app's start
// page, three runs, the median of each category score (0–100).
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { launchChromium } from '../chromium.ts';
import { median, round } from './lib/stats.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';

const RUNS = 3;
const CATEGORIES = { performance: 'lighthouse_performance', accessibility: 'lighthouse_accessibility', 'best-practices': 'lighthouse_best_practices' } as const;

async function firstLoadJsGzipKb(url: string, log: (m: string) => void): Promise<number> {
  const html = await (await fetch(`${url}/`)).text();
  const sources = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  if (sources.length === 0) throw new Error('the built index.html names no module script');
  let bytes = 0;
  for (const src of new Set(sources)) {
    const body = new Uint8Array(await (await fetch(new URL(src, `${url}/`))).arrayBuffer());
    const gz = gzipSync(body, { level: 6 }).length;
    log(`  ${src}: ${(body.length / 1000).toFixed(1)} kB, gzip ${(gz / 1000).toFixed(1)} kB`);
    bytes += gz;
  }
  return bytes / 1000;
}

async function lighthouseScores(url: string, log: (m: string) => void): Promise<Record<string, number>> {
  const port = 9300 + Math.floor(Math.random() * 500);
  const browser = await launchChromium({ args: [`--remote-debugging-port=${port}`] });
  try {
    const runs: Record<string, number[]> = {};
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${url}/`, { port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(CATEGORIES) });
      if (!result) throw new Error('Lighthouse returned nothing');
      for (const [id, key] of Object.entries(CATEGORIES)) {
        const score = result.lhr.categories[id]?.score;
        if (typeof score !== 'number') throw new Error(`no ${id} score (${result.lhr.runtimeError?.message ?? 'unknown reason'})`);
        (runs[key] ??= []).push(score * 100);
      }
      const failing = Object.values(result.lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'cumulative-layout-shift']
        .map((id) => `${id} ${result.lhr.audits[id]?.displayValue ?? '?'}`)
        .join(', ');
      log(`run ${i + 1}: ${Object.entries(runs).map(([k, v]) => `${k} ${v.at(-1)}`).join(', ')}; ${metrics}${failing.length ? `; failing audits: ${failing.join(', ')}` : ''}`);
    }
    return Object.fromEntries(Object.entries(runs).map(([key, values]) => [key, round(median(values), 0)]));
  } finally {
    await browser.close();
  }
}

export default {
  name: 'shell',
  figures: {
    first_load_js_gzip_kb: { unit: 'kB', goal: '≤ 200' },
    lighthouse_performance: { unit: 'score', goal: '≥ 90' },
    lighthouse_accessibility: { unit: 'score', goal: '≥ 95' },
    lighthouse_best_practices: { unit: 'score', goal: '≥ 95' },
  },
  async run(ctx: BenchContext): Promise<Figures> {
    const app = await ctx.app();
    const figures: Figures = {};
    figures.first_load_js_gzip_kb = round(await firstLoadJsGzipKb(app.url, ctx.log), 1);
    try {
      Object.assign(figures, await lighthouseScores(app.url, ctx.log));
    } catch (error) {
      for (const key of Object.values(CATEGORIES)) ctx.fail(key, `Lighthouse failed: ${(error as Error).message.split('\n')[0]}`);
    }
    return figures;
  },
} satisfies BenchArea;
