// "Open in Quantum lab" from another section (the assistant): the lab opens with this QASM.
let pending: string | null = null;

export function openInQuantumLab(qasm: string): void {
  pending = qasm;
}

/** The QASM handed over, once (null when none). */
export function takeHandoff(): string | null {
  const qasm = pending;
  pending = null;
  return qasm;
}
