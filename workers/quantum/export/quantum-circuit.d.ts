// The npm package quantum-circuit (MIT) ships no types: only what export/ uses.
declare module 'quantum-circuit' {
  export default class QuantumCircuit {
    constructor(qubits?: number);
    /** Calls `onErrors` with the parse errors (empty on success) instead of throwing. */
    importQASM(source: string, onErrors?: (errors: unknown[]) => void, compatibilityMode?: boolean): void;
    exportToQiskit(options?: { comment?: string; decompose?: boolean }, exportAsGateName?: boolean, circuitReplacement?: unknown, insideSubmodule?: boolean): string;
    exportToCirq(options?: { comment?: string; decompose?: boolean }, exportAsGateName?: boolean): string;
    /** `embedded`: no XML declaration/doctype (for inline use). */
    exportSVG(embedded: boolean, options?: Record<string, unknown>): string;
  }
}
