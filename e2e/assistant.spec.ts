import { expect, test, type Page } from '@playwright/test';

const MODEL_READY = 'Understanding with the on-device language model.';

async function openAssistant(page: Page): Promise<void> {
  await page.goto('/#/assistant');
  await expect(page.getByTestId('understanding')).toHaveText(MODEL_READY, { timeout: 60_000 });
}

/** Sends a message and waits for the reply it adds to the transcript. */
async function say(page: Page, text: string) {
  const replies = page.getByRole('article', { name: 'Jarvis said' });
  const before = await replies.count();
  await page.getByRole('textbox', { name: 'Message Jarvis', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(replies).toHaveCount(before + 1);
  return replies.last();
}

test('remembers a fact and answers a question about it, quoting the note', async ({ page }) => {
  await openAssistant(page);
  await expect(await say(page, 'note: the wifi password is hunter2')).toContainText('Saved a note');
  await say(page, 'note: parking is on level B2, spot 14');
  const answer = await say(page, 'what was the wifi password');
  await expect(answer.locator('blockquote')).toContainText(/the wifi password is hunter2/i);

  // The conversation is stored: it is still there after a reload.
  await page.reload();
  await expect(page.getByRole('article', { name: 'You said' }).filter({ hasText: 'what was the wifi password' })).toBeVisible();
});

test.describe('in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('"remind me to call mom tomorrow at 5pm" makes a task due tomorrow at 17:00', async ({ page }) => {
    await openAssistant(page);
    const reply = await say(page, 'remind me to call mom tomorrow at 5pm');
    await expect(reply).toContainText('Reminder set: “call mom”, due Tomorrow');
    await expect(reply).toContainText('only while Jarvis is open');

    const task = await page.evaluate(async () => {
      const jarvis = (window as unknown as { __jarvis: { data(): Promise<{ listTasks(q: object): Promise<{ title: string; due: { at: number; timeZone: string } | null }[]> }> } }).__jarvis;
      const tasks = await (await jarvis.data()).listTasks({ status: 'open' });
      return tasks.find((t) => t.title === 'call mom') ?? null;
    });
    expect(task).not.toBeNull();
    expect(task!.due!.timeZone).toBe('America/New_York');
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(task!.due!.at);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    expect(`${get('hour')}:${get('minute')}`).toBe('17:00');
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    expect(`${get('year')}-${get('month')}-${get('day')}`).toBe(tomorrow);

    // It shows in the task list.
    await page.goto('/#/notes/tasks');
    await expect(page.getByText('call mom', { exact: true })).toBeVisible();
  });
});

test('odd input gets a sane reply and injects nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await openAssistant(page);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  for (const text of ['<script>alert(1)</script><img src=x onerror=alert(2)>', '🙂🙂🙂', 'מה השעה עכשיו', 'x'.repeat(10_000)]) {
    const reply = await say(page, text);
    await expect(reply).not.toBeEmpty();
  }
  expect(dialogs).toBe(0);
  // The markup is shown as text, not parsed.
  await expect(page.getByRole('article', { name: 'You said' }).filter({ hasText: '<script>alert(1)</script>' })).toBeVisible();
  expect(await page.locator('main img').count()).toBe(0);
});

test('a 3-qubit GHZ state runs in the quantum worker and opens in the lab', async ({ page }) => {
  await openAssistant(page);
  const reply = await say(page, 'make a 3-qubit GHZ state');
  await expect(reply).toContainText('|000⟩ 50.0 %');
  await expect(reply).toContainText('|111⟩ 50.0 %');
  await reply.getByRole('button', { name: 'Open in Quantum lab' }).click();
  await expect(page.getByRole('textbox', { name: 'QASM', exact: true })).toHaveValue(/qreg q\[3\];/);
});

test('after one online visit the model loads offline from the cache', async ({ context, page }) => {
  await openAssistant(page);
  await say(page, 'note: the spare key is under the blue flower pot');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('understanding')).toHaveText(MODEL_READY, { timeout: 60_000 });
  const answer = await say(page, 'where is the spare key');
  await expect(answer.locator('blockquote')).toContainText('under the blue flower pot');
});

test('a timer survives a reload and rings', async ({ page }) => {
  await openAssistant(page);
  await expect(await say(page, 'set a timer for 8 seconds')).toContainText('Timer set for 8 seconds');
  const timers = page.getByRole('region', { name: 'Timers' });
  await expect(timers).toContainText('left');
  await page.reload();
  await expect(timers).toContainText('left');
  await expect(page.getByText('Timer done: 8 seconds')).toBeVisible({ timeout: 30_000 });
  await expect(timers).toHaveCount(0);
});

test('a reminder that falls due while the app is open shows a notification', async ({ context, page }) => {
  await context.grantPermissions(['notifications']);
  await openAssistant(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await say(page, 'remind me to stretch in 5 seconds');
  await expect(page.getByText('Reminder: stretch')).toBeVisible({ timeout: 30_000 });
  const shown = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => `${n.title}: ${n.body}`);
  });
  expect(shown).toContain('Reminder: stretch');
});
