/** Malformed QASM: `line` is 1-based, the first bad statement (callers print `FILE:LINE: message`). */
export class QasmError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'QasmError';
    this.line = line;
  }
}
