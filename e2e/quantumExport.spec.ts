// QASM file import/export, Qiskit / Cirq export and the SVG drawing (issue 3, item 3).
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';

const qasm = (body: string, qubits = 2, clbits = 0) =>
  `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${qubits}];\n${clbits ? `creg c[${clbits}];\n` : ''}${body}`;
const BELL = qasm('h q[0];\ncx q[0], q[1];\nmeasure q -> c;\n', 2, 2);

/** Clicks `button` and returns the download it starts, with its text. */
async function download(page: Page, button: string): Promise<{ download: Download; text: string }> {
  const [started] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const path = await started.path();
  return { download: started, text: await readFile(path, 'utf8') };
}

async function openWith(page: Page, source: string) {
  await page.goto('/#/quantum');
  await page.getByRole('textbox', { name: 'QASM', exact: true }).fill(source);
}

async function importFile(page: Page, name: string, buffer: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import QASM', exact: true }).click()]);
  await chooser.setFiles({ name, mimeType: 'text/plain', buffer });
}

test('exports the circuit as QASM, Qiskit and Cirq files', async ({ page }) => {
  await openWith(page, BELL);
  const qasmFile = await download(page, 'Export QASM');
  expect(qasmFile.download.suggestedFilename()).toBe('circuit.qasm');
  expect(qasmFile.text).toBe(BELL);

  const qiskit = await download(page, 'Export Qiskit');
  expect(qiskit.download.suggestedFilename()).toBe('circuit.py');
  expect(qiskit.text).toContain('QuantumCircuit');
  expect(qiskit.text).toContain('qc.h(q[0])');
  expect(qiskit.text).toContain('qc.cx(q[0], q[1])');

  const cirq = await download(page, 'Export Cirq');
  expect(cirq.download.suggestedFilename()).toBe('circuit_cirq.py');
  expect(cirq.text).toContain('cirq.H(q[0])');
  expect(cirq.text).toContain('cirq.CNOT(q[0], q[1])');
});

test('shows the drawing as an image and downloads it as SVG', async ({ page }) => {
  await openWith(page, BELL);
  await page.getByRole('button', { name: 'Drawing', exact: true }).click();
  const image = page.getByRole('img', { name: 'Circuit drawing', exact: true });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  const svg = await download(page, 'Download SVG');
  expect(svg.download.suggestedFilename()).toBe('circuit.svg');
  expect(svg.text.startsWith('<svg')).toBe(true);
  expect(svg.text).not.toMatch(/<script|\son\w+\s*=/i);
});

test('a gate quantum-circuit cannot export is named with its line', async ({ page }) => {
  await openWith(page, qasm('h q[0];\nrccx q[0], q[1], q[2];\n', 3));
  await page.getByRole('button', { name: 'Export Qiskit', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("quantum-circuit cannot export gate 'rccx' (line 5)");
});

test('importing a .qasm file replaces the circuit; a binary or huge file changes nothing', async ({ page }) => {
  await openWith(page, BELL);
  const box = page.getByRole('textbox', { name: 'QASM', exact: true });
  const ghz = qasm('h q[0];\ncx q[0], q[1];\ncx q[1], q[2];\n', 3);
  await importFile(page, 'ghz.qasm', Buffer.from(ghz));
  await expect(box).toHaveValue(ghz);

  await importFile(page, 'image.qasm', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x00]));
  await expect(page.getByRole('alert')).toContainText('image.qasm is not a text file.');
  await expect(box).toHaveValue(ghz);

  await importFile(page, 'huge.qasm', Buffer.alloc(5 * 1024 * 1024 + 1, 'x'));
  await expect(page.getByRole('alert')).toContainText('huge.qasm is too large to import (over 5 MB).');
  await expect(box).toHaveValue(ghz);
});
