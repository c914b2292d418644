// The OpenQASM 2.0 front end: parseQasm(source) → Circuit (see ../circuit.ts), or a QasmError
// with the 1-based line of the first bad statement. No Node imports: runs in Node and in workers.
export { parseQasm, DEFAULT_MAX_OPS, type ParseOptions } from './parser.ts';
export { QasmError } from './errors.ts';
export { NATIVE_GATES, QELIB1_GATES, type NativeGate } from './gates.ts';
