// Model downloads "from the Hub", for real: a second loopback origin stands in for
// huggingface.co and serves whisper-tiny in the Hub's URL layout — intact, with one corrupted
// file, or dropping the connection halfway through a file.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const WHISPER = 'Xenova/whisper-tiny';
const modelsDir = path.resolve(import.meta.dirname, '../public/models');

type Mode = 'ok' | 'corrupt' | 'drop';

async function startFakeHub(): Promise<{ url: string; setMode(mode: Mode): void; requests: string[]; close(): Promise<void> }> {
  let mode: Mode = 'ok';
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? '');
    const match = /^\/(.+?)\/resolve\/[0-9a-f]+\/(.+)$/.exec(req.url ?? '');
    const headers = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/octet-stream' };
    if (!match || match[1] !== WHISPER) {
      res.writeHead(404, headers).end();
      return;
    }
    const file = decodeURIComponent(match[2]);
    const body = await readFile(path.join(modelsDir, WHISPER, file));
    if (mode === 'corrupt' && file === 'config.json') body[10] ^= 0xff;
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    if (mode === 'drop' && file.endsWith('.onnx')) {
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode: (next) => (mode = next),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function openModels(page: Page, hubUrl: string) {
  // This app's own copy of whisper-tiny is hidden, so the only way to get it is the "Hub".
  await page.route(`**/models/${WHISPER}/**`, (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/#/system');
  const card = page.getByRole('listitem', { name: WHISPER });
  await expect(card).toContainText('Not downloaded');
  await page.getByRole('textbox', { name: 'Download models from' }).fill(hubUrl);
  return card;
}

test('a model download checks every file: a corrupted file and a dropped connection are refused, then it succeeds', async ({ page }) => {
  const hub = await startFakeHub();
  try {
    const card = await openModels(page, hub.url);
    await expect(page.getByRole('listitem', { name: 'jarvis/static-embed-en' })).toContainText('5.8 MB');
    const download = card.getByRole('button', { name: /^Download Xenova\/whisper-tiny \(43\.6 MB\)$/ });

    hub.setMode('corrupt');
    await download.click();
    await expect(card.getByRole('alert')).toContainText('config.json of Xenova/whisper-tiny has the wrong checksum');

    hub.setMode('drop');
    await card.getByRole('button', { name: /^Download / }).click();
    await expect(card.getByRole('alert')).toContainText('could not be downloaded');

    hub.setMode('ok');
    await card.getByRole('button', { name: /^Download / }).click();
    await expect(card).toContainText('On this device (works offline)', { timeout: 60_000 });
    expect(hub.requests.some((r) => r.includes('/resolve/'))).toBe(true);
    // Nothing half-written was kept from the failed attempts: the cached files are the verified ones.
    const cached = await page.evaluate(async (id) => {
      const cache = await caches.open('transformers-cache');
      const response = await cache.match(`${location.origin}/models/${id}/config.json`);
      return response ? (await response.text()).length : -1;
    }, WHISPER);
    expect(cached).toBe(2248);

    await card.getByRole('button', { name: `Delete ${WHISPER}` }).click();
    await expect(card).toContainText('Not downloaded');
  } finally {
    await hub.close();
  }
});
