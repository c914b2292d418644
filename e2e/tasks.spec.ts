import { expect, test, type Page } from '@playwright/test';

// A fixed device zone, so a task given in New York shows its own zone by name.
test.use({ timezoneId: 'Europe/Paris', locale: 'en-GB' });

async function openTasks(page: Page): Promise<void> {
  await page.goto('/#/notes');
  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'New task', exact: true })).toBeVisible();
}

async function addTask(page: Page, title: string, due = ''): Promise<void> {
  await page.getByRole('textbox', { name: 'New task', exact: true }).fill(title);
  if (due) await page.getByLabel('Due', { exact: true }).fill(due);
  await page.getByRole('button', { name: 'Add task', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: `Done: ${title}`, exact: true })).toBeVisible();
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a task past due shows under Overdue, moves to Done when checked, and stays after a reload', async ({ page }) => {
  await openTasks(page);
  await expect(page.getByText(/No tasks yet/)).toBeVisible();
  await addTask(page, 'Pay rent', '2024-01-15T09:00');
  await addTask(page, 'Water the plants');

  await expect(page.getByRole('heading', { name: 'Overdue', exact: true })).toBeVisible();
  await expect(region(page, 'Overdue').getByRole('listitem')).toHaveCount(1);
  await expect(region(page, 'Overdue')).toContainText('Pay rent');
  await expect(region(page, 'Overdue').locator('time')).toHaveText(/15 Jan 2024.*09:00$/);
  await expect(region(page, 'To do')).toContainText('Water the plants');

  await page.getByRole('checkbox', { name: 'Done: Pay rent', exact: true }).check();
  await expect(region(page, 'Done')).toContainText('Pay rent');
  await expect(page.getByRole('heading', { name: 'Overdue', exact: true })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Done: Pay rent', exact: true })).toBeChecked();
  await expect(region(page, 'Done')).toContainText('Pay rent');
  await expect(page.getByRole('checkbox', { name: 'Done: Water the plants', exact: true })).not.toBeChecked();

  // Undone: back under Overdue.
  await page.getByRole('checkbox', { name: 'Done: Pay rent', exact: true }).uncheck();
  await expect(region(page, 'Overdue')).toContainText('Pay rent');
});

test('a due time keeps its own time zone; delete with Undo', async ({ page }) => {
  await openTasks(page);
  // As the assistant would store it: 17:00 in New York.
  await page.evaluate(async () => {
    const api = await (globalThis as unknown as { __jarvis: { data: () => Promise<{ createTask: (init: unknown) => Promise<string> }> } }).__jarvis.data();
    await api.createTask({ title: 'Call mom', due: { at: Date.UTC(2031, 2, 3, 22, 0), timeZone: 'America/New_York' } });
  });
  const item = page.getByRole('listitem').filter({ hasText: 'Call mom' });
  await expect(item.locator('time')).toHaveText(/^Mon.*3 Mar 2031.*17:00 \(New York\)$/);

  await item.getByRole('button', { name: 'Delete: Call mom', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Done: Call mom' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Done: Call mom' })).toBeVisible();
});
