// The app runs under its strict Content-Security-Policy (src/lib/csp.ts): the server sends it,
// a tour through every section triggers no violation, and injected inline script does not run.
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../src/lib/csp.ts';
import { createNote, openNotes } from './helpers.ts';

const MODEL_READY = 'Understanding with the on-device language model.';

declare global {
  interface Window {
    __cspViolations: string[];
    __inlineRan?: boolean;
  }
}

/** Records CSP violations (page events) and console messages about the policy (workers report there). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.push(`console ${message.type()}: ${message.text()}`);
  });
  // Violations inside workers reach neither the document nor Playwright's worker console events:
  // the browser's log (CDP Log domain) carries them.
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (/Content.Security.Policy/i.test(entry.text)) seen.push(`log ${entry.source}: ${entry.text}`);
  });
  await cdp.send('Log.enable');
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) seen.push(`worker ${worker.url()}: ${message.text()}`);
    }),
  );
  page.on('pageerror', (error) => {
    if (/Content.Security.Policy/i.test(error.message)) seen.push(`page error: ${error.message}`);
  });
  return seen;
}

async function violations(page: Page, seen: string[]): Promise<string[]> {
  return [...seen, ...(await page.evaluate(() => window.__cspViolations))];
}

test('the server sends the policy on the page and on its assets', async ({ page, request }) => {
  const res = await request.get('/');
  expect(res.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const policy = res.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-eval'/);

  const scripts = await page.goto('/').then(() => page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src)));
  expect(scripts.length).toBeGreaterThan(0);
  const asset = await request.get(scripts[0]);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  // No inline script in the shell.
  expect(await page.locator('script:not([src])').count()).toBe(0);
});

test('every section works under the policy without a violation', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = await watchViolations(page);

  // Assistant: the on-device language model loads (wasm + onnxruntime's blob: factory) and replies.
  await page.goto('/#/assistant');
  await expect(page.getByTestId('understanding')).toHaveText(MODEL_READY, { timeout: 90_000 });
  const replies = page.getByRole('article', { name: 'Jarvis said' });
  const before = await replies.count();
  await page.getByRole('textbox', { name: 'Message Jarvis', exact: true }).fill('note: the csp test note');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(replies).toHaveCount(before + 1);
  await expect(replies.last()).toContainText('Saved a note');

  // Notes.
  await openNotes(page);
  await createNote(page, 'Written under CSP', 'inline styles and all');

  // Quantum: a Bell pair.
  await page.goto('/#/quantum');
  await page
    .getByRole('textbox', { name: 'QASM', exact: true })
    .fill('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Results', exact: true }).getByText('2 qubits')).toBeVisible();

  // Sensors.
  await page.goto('/#/sensors');
  await expect(page.getByRole('heading', { name: 'Live readings' })).toBeVisible();

  // Sync: a link and its QR code (a data: URL image) that really loaded.
  await page.goto('/#/sync');
  await page.getByRole('button', { name: 'Create sync link', exact: true }).click();
  await expect(page.getByTestId('sync-link')).toContainText('#/join/');
  const qr = page.getByRole('img', { name: 'QR code of the sync link' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  // System.
  await page.goto('/#/system');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  expect(await violations(page, seen)).toEqual([]);
});

test('an injected inline script does not run', async ({ page }) => {
  const seen = await watchViolations(page);
  await page.goto('/#/notes');
  await expect(page.getByRole('button', { name: 'New note', exact: true })).toBeVisible();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__inlineRan = true;');
    img.src = 'data:,not-an-image';
    document.body.append(img);
  });
  await expect.poll(() => page.evaluate(() => window.__cspViolations.length)).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
  const reported = await violations(page, seen);
  expect(reported.some((v) => v.startsWith('script-src'))).toBe(true);
});
