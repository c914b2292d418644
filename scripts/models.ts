// `npm run models`: fills public/models with the manifest's downloadable models, from
// JARVIS_MODEL_MIRROR (a folder or URL) when set, else from the Hugging Face Hub.
// Exit 1 only when something arrived corrupt or a bundled model is damaged; a model the
// source does not have is skipped with a message.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSource, fillModels, sourceFromEnv } from './models/fillModels.ts';

const json = process.argv.includes('--json');
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/models');
const source = sourceFromEnv(process.env.JARVIS_MODEL_MIRROR);

// Progress only on a terminal: CI logs get one line per model.
const showProgress = !json && process.stdout.isTTY;
let lastPercent = -1;

if (!json) console.log(`models: ${describeSource(source)} -> ${outDir}`);
const { ok, results } = await fillModels({
  source,
  outDir,
  log: (line) => {
    if (json) return;
    if (showProgress) process.stdout.write('\r\x1b[K');
    console.log(line);
  },
  onProgress: showProgress
    ? ({ model, loaded, total }) => {
        const percent = Math.floor((loaded / total) * 100);
        if (percent === lastPercent) return;
        lastPercent = percent;
        process.stdout.write(`\r\x1b[K${model}: ${percent}%`);
      }
    : undefined,
});

if (json) console.log(JSON.stringify({ ok, source: describeSource(source), results }, null, 2));
process.exitCode = ok ? 0 : 1;
