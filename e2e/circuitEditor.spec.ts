import { expect, test, type Page } from '@playwright/test';

const palette = (page: Page) => page.getByRole('toolbar', { name: 'Gate palette' });
const wire = (page: Page, qubit: number) => page.getByRole('button', { name: `q${qubit} wire`, exact: true });
const text = (page: Page) => page.getByRole('textbox', { name: 'QASM', exact: true });

async function openEmpty(page: Page, qubits = 2) {
  await page.goto('/#/quantum');
  await text(page).fill(`OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${qubits}];\ncreg c[${qubits}];\n`);
  await expect(wire(page, qubits - 1)).toBeVisible();
}

test('tap to place, undo/redo, select and delete, all mirrored in the QASM text', async ({ page }) => {
  await openEmpty(page);
  await palette(page).getByRole('button', { name: 'H', exact: true }).click();
  await expect(palette(page).getByRole('button', { name: 'H', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await wire(page, 0).click();
  await palette(page).getByRole('button', { name: 'CX', exact: true }).click();
  await wire(page, 0).click(); // control
  await wire(page, 1).click(); // target
  await expect(text(page)).toHaveValue(/h q\[0\];\ncx q\[0\],q\[1\];/);
  // Touch targets: each wire row is at least 44 px tall.
  expect((await wire(page, 1).boundingBox())?.height).toBeGreaterThanOrEqual(44);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(text(page)).not.toHaveValue(/cx q/);
  await expect(text(page)).toHaveValue(/h q\[0\];/);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(text(page)).toHaveValue(/cx q\[0\],q\[1\];/);

  await page.getByRole('button', { name: 'H on q0, gate 1' }).click();
  await page.getByRole('button', { name: 'Delete gate', exact: true }).click();
  await expect(text(page)).not.toHaveValue(/h q\[0\]/);
  await expect(page.getByRole('button', { name: 'CX on q0, q1, gate 1' })).toBeVisible();
});

test('RX parameter editing refuses NaN and writes the value', async ({ page }) => {
  await openEmpty(page);
  await palette(page).getByRole('button', { name: 'RX', exact: true }).click();
  await wire(page, 1).click();
  await expect(text(page)).toHaveValue(/rx\(pi\/2\) q\[1\];/);
  await page.getByRole('button', { name: 'RX on q1, gate 1' }).click();
  const theta = page.getByRole('textbox', { name: 'θ', exact: true });
  await theta.fill('abc');
  await theta.press('Enter');
  await expect(page.getByText('θ must be a finite number')).toBeVisible();
  await expect(text(page)).toHaveValue(/rx\(pi\/2\) q\[1\];/);
  await theta.fill('0.25');
  await theta.press('Enter');
  await expect(text(page)).toHaveValue(/rx\(0\.25\) q\[1\];/);
});

test('text typed into the QASM box appears in the picture; unsupported text is left alone', async ({ page }) => {
  await openEmpty(page, 3);
  await text(page).fill('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncreg c[3];\nry(pi/4) q[2];\nccx q[0],q[1],q[2];\n');
  await expect(page.getByRole('button', { name: 'RY on q2, gate 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'CCX on q0, q1, q2, gate 2' })).toBeVisible();

  const unsupported = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nreset q[0];\n';
  await text(page).fill(unsupported);
  await expect(page.getByText('This circuit uses features the visual editor cannot show; edit it as text.')).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Gate palette' })).toHaveCount(0);
  await expect(text(page)).toHaveValue(unsupported);
});

test('desktop drag: a palette gate dropped on a wire is placed there', async ({ page }) => {
  await openEmpty(page);
  await palette(page).getByRole('button', { name: 'X', exact: true }).dragTo(wire(page, 1));
  await expect(text(page)).toHaveValue(/x q\[1\];/);
});
