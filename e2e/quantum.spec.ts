import { expect, test } from '@playwright/test';

const qasm = (body: string, qubits = 2, clbits = 0) =>
  `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${qubits}];\n${clbits ? `creg c[${clbits}];\n` : ''}${body}`;

test('a Bell circuit runs in the worker and shows probabilities, counts and expectation values', async ({ page }) => {
  await page.goto('/#/quantum');
  await page.getByRole('textbox', { name: 'QASM', exact: true }).fill(qasm('h q[0];\ncx q[0], q[1];\nmeasure q -> c;\n', 2, 2));
  await page.getByRole('spinbutton', { name: 'Shots' }).fill('2000');
  await page.getByRole('textbox', { name: 'Pauli strings' }).fill('ZZ, XX, ZI');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const results = page.getByRole('region', { name: 'Results', exact: true });
  await expect(results.getByText('2 qubits')).toBeVisible();
  await expect(results.getByText('⟨ZZ⟩ = 1.0000')).toBeVisible();
  await expect(results.getByText('⟨XX⟩ = 1.0000')).toBeVisible();
  await expect(results.getByText('⟨ZI⟩ = 0')).toBeVisible();
  const rows = results.getByRole('table', { name: 'Counts' }).locator('tbody tr');
  const parsed: Record<string, number> = {};
  for (const row of await rows.all()) {
    const [outcome, count] = await row.locator('td').allTextContents();
    parsed[outcome] = Number(count);
  }
  // Only |00⟩ (0) and |11⟩ (3) occur, about 1000 each.
  expect(Object.keys(parsed).sort()).toEqual(['0', '3']);
  expect(parsed['0'] + parsed['3']).toBe(2000);
  expect(Math.abs(parsed['0'] - 1000)).toBeLessThan(150);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('malformed QASM names the line and keeps the last good result', async ({ page }) => {
  await page.goto('/#/quantum');
  const box = page.getByRole('textbox', { name: 'QASM', exact: true });
  await box.fill(qasm('x q[1];\n'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const results = page.getByRole('region', { name: 'Results', exact: true });
  const amplitudes = results.getByRole('table', { name: 'Amplitudes' });
  await expect(amplitudes.getByRole('cell', { name: '|10⟩', exact: true })).toBeVisible();
  await box.fill(qasm('h q[0];\nfoo q[1];\n'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Line 5:');
  await expect(amplitudes.getByRole('cell', { name: '|10⟩', exact: true })).toBeVisible();
});

test('a state too large for the device is refused with the bytes it needs', async ({ page }) => {
  await page.goto('/#/quantum');
  await page.getByRole('textbox', { name: 'QASM', exact: true }).fill(qasm('h q[0];\n', 40));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('40 qubits need 17,592,186,044,416 bytes');
});

test('a long run can be cancelled', async ({ page }) => {
  await page.goto('/#/quantum');
  const layers = Array.from({ length: 400 }, (_, i) => `rx(0.${i % 9 + 1}) q;\ncx q[0], q[${(i % 21) + 1}];`).join('\n');
  await page.getByRole('textbox', { name: 'QASM', exact: true }).fill(qasm(`${layers}\n`, 22));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // Progress arrives while the worker computes.
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).not.toHaveAttribute('value', '0');
  await page.getByRole('button', { name: 'Cancel run', exact: true }).click();
  await expect(page.getByText('Run cancelled.')).toBeVisible();
  // The next run works on a fresh worker.
  await page.getByRole('textbox', { name: 'QASM', exact: true }).fill(qasm('x q[0];\n'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const results = page.getByRole('region', { name: 'Results', exact: true });
  await expect(results.getByRole('table', { name: 'Amplitudes' }).getByRole('cell', { name: '|01⟩', exact: true })).toBeVisible();
});

test('templates fill the QASM box; circuits are saved, reopened, duplicated and deleted', async ({ page }) => {
  await page.goto('/#/quantum');
  const box = page.getByRole('textbox', { name: 'QASM', exact: true });
  await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'GHZ' });
  await page.getByRole('button', { name: 'Use template', exact: true }).click();
  await expect(box).toHaveValue(/qreg q\[\d+\]/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const results = page.getByRole('region', { name: 'Results', exact: true });
  await expect(results.getByRole('table', { name: 'Amplitudes' }).locator('tbody tr')).toHaveCount(2);

  const ghz = await box.inputValue();
  await page.getByRole('textbox', { name: 'Circuit name' }).fill('My GHZ');
  await page.getByRole('button', { name: 'Save circuit', exact: true }).click();
  const saved = page.getByRole('list', { name: 'Saved circuits' });
  await expect(saved.getByText('My GHZ', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Duplicate My GHZ' }).click();
  await expect(saved.getByText('My GHZ (copy)', { exact: true })).toBeVisible();

  await page.reload();
  await box.fill('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nx q[0];\n');
  await page.getByRole('button', { name: 'Open My GHZ', exact: true }).click();
  await expect(box).toHaveValue(ghz);
  await page.getByRole('button', { name: 'Delete My GHZ (copy)', exact: true }).click();
  await expect(saved.getByText('My GHZ (copy)', { exact: true })).toHaveCount(0);
  await page.locator('.toasts').getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(saved.getByText('My GHZ (copy)', { exact: true })).toBeVisible();
});

test('VQE reaches the H2 ground energy and QAOA finds the best cut of a drawn graph', async ({ page }) => {
  await page.goto('/#/quantum');
  await page.getByRole('combobox', { name: 'Optimiser' }).selectOption('vqe');
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  const energy = page.getByText(/^Energy -?\d+\.\d+ Ha/);
  await expect(energy).toBeVisible({ timeout: 60_000 });
  const value = Number((await energy.textContent())!.match(/^Energy (-?\d+\.\d+)/)![1]);
  expect(Math.abs(value - -1.857275030202378)).toBeLessThan(1e-3);

  await page.getByRole('combobox', { name: 'Optimiser' }).selectOption('qaoa');
  await page.getByRole('spinbutton', { name: 'Nodes' }).fill('4');
  await page.getByRole('textbox', { name: 'Edges' }).fill('0-1, 1-2, 2-3, 3-0');
  await page.getByRole('textbox', { name: 'Edges' }).press('Enter');
  // Drawing: tap nodes 0 and 2 to add a diagonal.
  await page.getByRole('button', { name: 'Node 0', exact: true }).click();
  await page.getByRole('button', { name: 'Node 2', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Edges' })).toHaveValue(/0-2/);
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  const summary = page.getByText(/^Most likely cut/);
  await expect(summary).toBeVisible({ timeout: 60_000 });
  const [, found, best] = (await summary.textContent())!.match(/: (\d+) edges .* (\d+) edges/)!;
  expect(Number(found)).toBe(Number(best));
  expect(Number(best)).toBe(4);
});

test('a long QAOA optimisation shows its progress and can be cancelled', async ({ page }) => {
  await page.goto('/#/quantum');
  await page.getByRole('combobox', { name: 'Optimiser' }).selectOption('qaoa');
  await page.getByRole('spinbutton', { name: 'Nodes' }).fill('12');
  await page.getByRole('spinbutton', { name: 'Layers p' }).fill('3');
  const complete = Array.from({ length: 12 }, (_, a) => Array.from({ length: 12 - a - 1 }, (_, k) => `${a}-${a + k + 1}`)).flat();
  await page.getByRole('textbox', { name: 'Edges' }).fill(complete.join(', '));
  await page.getByRole('textbox', { name: 'Edges' }).press('Enter');
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /% of the budget, best expected cut \d/ })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel optimisation' }).click();
  await expect(page.getByText('Optimisation cancelled. Nothing was changed.')).toBeVisible();
  // The next run starts a fresh worker.
  await page.getByRole('spinbutton', { name: 'Nodes' }).fill('3');
  await page.getByRole('textbox', { name: 'Edges' }).fill('0-1, 1-2');
  await page.getByRole('textbox', { name: 'Edges' }).press('Enter');
  await page.getByRole('spinbutton', { name: 'Layers p' }).fill('1');
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  await expect(page.getByText(/^Most likely cut/)).toBeVisible({ timeout: 60_000 });
});
