// Accessibility: with seeded data (50 notes, tasks, a circuit with results, a recording),
// an axe-core scan of every section finds no serious or critical violation; and the main
// journeys work from the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

interface SeedApi {
  createNotes(n: { title: string; body: string; tags?: string[] }[]): Promise<string[]>;
  createTask(t: { title: string; due?: unknown }): Promise<string>;
  saveCircuit(c: { name: string; qasm: string }): Promise<string>;
  startRecording(r: { name: string; sensors: string[]; channels: string[]; rateHz: number }): Promise<string>;
  appendSamples(id: string, batch: { t: number[]; rows: number[][] }): Promise<void>;
  stopRecording(id: string): Promise<unknown>;
}

async function seed(page: Page): Promise<void> {
  await page.goto('/#/notes');
  await page.evaluate(async () => {
    const data = (await (window as unknown as { __jarvis: { data(): Promise<SeedApi> } }).__jarvis.data()) as SeedApi;
    await data.createNotes(
      Array.from({ length: 50 }, (_, i) => ({ title: `Note ${i + 1}`, body: `Body of note ${i + 1} with **bold** and a [[Note ${(i % 50) + 1}]] link.`, tags: [`tag${i % 5}`] })),
    );
    for (const title of ['Water the plants', 'Call the dentist', 'Renew passport']) await data.createTask({ title });
    await data.saveCircuit({ name: 'Bell pair', qasm: 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncx q[0], q[1];\n' });
    const id = await data.startRecording({ name: 'Walk', sensors: ['accelerometer'], channels: ['accelerometer.x', 'accelerometer.y', 'accelerometer.z'], rateHz: 10 });
    const t = Array.from({ length: 50 }, (_, i) => Date.now() - 5000 + i * 100);
    await data.appendSamples(id, { t, rows: t.map((_, i) => [Math.sin(i / 5), Math.cos(i / 5), 9.8]) });
    await data.stopRecording(id);
  });
}

async function scan(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `serious or critical violations in ${label}`).toEqual([]);
}

test('no serious or critical axe violations in any section, with data in it', async ({ page }) => {
  test.setTimeout(180_000);
  await seed(page);

  await page.goto('/#/');
  await page.getByRole('textbox', { name: 'Message Jarvis' }).fill('What are my tasks?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' }).getByLabel('Jarvis said')).toHaveCount(1);
  await scan(page, 'Assistant');

  await page.goto('/#/notes');
  await expect(page.getByRole('list', { name: 'Notes', exact: true }).locator('.title')).toHaveCount(50);
  await scan(page, 'Notes');
  await page.getByRole('list', { name: 'Notes', exact: true }).getByText('Note 7', { exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Note 7');
  await scan(page, 'a note');

  await page.goto('/#/notes/tasks');
  await expect(page.getByText('Call the dentist')).toBeVisible();
  await scan(page, 'Tasks');

  await page.goto('/#/quantum');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Results', exact: true }).getByText(/^2 qubits ·/)).toBeVisible();
  await scan(page, 'Quantum');

  await page.goto('/#/sensors');
  await expect(page.getByText('Walk').first()).toBeVisible();
  await scan(page, 'Sensors');

  await page.goto('/#/sync');
  await expect(page.getByRole('button', { name: 'Create sync link', exact: true })).toBeVisible();
  await scan(page, 'Sync');

  await page.goto('/#/system');
  await expect(page.getByTestId('health-score')).toBeVisible();
  await scan(page, 'System');
});

test('keyboard only: move between sections, write a note, ask the assistant', async ({ page }) => {
  await page.goto('/#/');
  await expect(page.getByRole('textbox', { name: 'Message Jarvis' })).toBeVisible();

  /** Presses Tab until the focused element matches, at most `limit` times. */
  async function tabTo(accessibleName: RegExp, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
      });
      if (accessibleName.test(name)) return;
    }
    throw new Error(`Tab never reached ${accessibleName}`);
  }

  // Notes, from the navigation.
  await tabTo(/^Notes$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/notes$/);
  await tabTo(/^New note$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused();
  await page.keyboard.type('Typed without a mouse');
  await tabTo(/^Note$/);
  await page.keyboard.type('Keyboard body');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  // The assistant: type, Enter sends, the reply is announced in the log.
  await tabTo(/^Assistant$/);
  await page.keyboard.press('Enter');
  await tabTo(/^Message Jarvis$/);
  await page.keyboard.type('find my notes about keyboard');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'Conversation' }).getByLabel('Jarvis said').last()).toContainText('Typed without a mouse');

  // Every focusable control shows where focus is.
  const unmarked = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return style.outlineStyle === 'none' && style.boxShadow === 'none';
  });
  expect(unmarked).toBe(false);
});
