// How much memory a state needs, and the refusal when it does not fit.

/** Bytes before the state in the kernel's memory (its parameters and scratch: one page). */
export const HEADER_BYTES = 65536;
/** wasm32 addresses at most 65536 pages of 64 KiB. */
export const WASM32_MAX_BYTES = 65536 * 65536;
const PAGE_BYTES = 65536;

/** Bytes of an n-qubit complex128 state: 16·2^n. */
export function stateBytes(n: number): number {
  return 16 * 2 ** n;
}

/** Bytes of the kernel's whole memory for n qubits (the state plus its header). */
export function memoryBytes(n: number): number {
  return HEADER_BYTES + stateBytes(n);
}

export function memoryPages(n: number): number {
  return Math.ceil(memoryBytes(n) / PAGE_BYTES);
}

/** The most qubits whose memory fits in `budgetBytes` (and in wasm32's 4 GiB). */
export function maxQubits(budgetBytes: number = WASM32_MAX_BYTES): number {
  const limit = Math.min(budgetBytes, WASM32_MAX_BYTES);
  let n = 0;
  while (memoryBytes(n + 1) <= limit) n++;
  return n;
}

export class StateTooLargeError extends Error {
  constructor(
    readonly qubits: number,
    readonly bytesNeeded: number,
    readonly maxQubits: number,
    why = '',
  ) {
    super(
      `${qubits} qubits need ${formatBytes(bytesNeeded)} bytes; the most this device can simulate is ` +
        `${maxQubits} qubits (${formatBytes(stateBytes(maxQubits))} bytes)${why ? ` — ${why}` : ''}`,
    );
    this.name = 'StateTooLargeError';
  }
}

/** 17179869184 → "17,179,869,184" (fixed grouping, whatever the locale). */
export function formatBytes(bytes: number): string {
  return String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
