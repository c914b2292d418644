// parseQasm: OpenQASM 2.0 source → the flat Circuit of circuit.ts. Statements are read and
// checked one at a time, so the error reported is always the first bad statement's.
import type { Circuit, MeasureOp, Op, ResetOp, UnitaryOp } from '../circuit.ts';
import { QasmError } from './errors.ts';
import { evaluate } from './expr.ts';
import { GateTable, checkFinite, opsPerApplication } from './gateTable.ts';
import { Registers } from './registers.ts';
import { StatementReader, type GateCall, type Measure, type Reset, type Statement } from './syntax.ts';

export interface ParseOptions {
  /**
   * qelib1.inc's gates are usable without `include "qelib1.inc";` (default true, as most tools
   * accept). false follows the OpenQASM 2 specification: only U and CX until the include.
   */
  implicitQelib1?: boolean;
  /** Refuse programs that expand to more ops than this (default 2,000,000), to stay in memory. */
  maxOps?: number;
}

export const DEFAULT_MAX_OPS = 2_000_000;
export { QasmError };

/** Parses OpenQASM 2.0. Throws QasmError (1-based line of the first bad statement, message). */
export function parseQasm(source: string, options: ParseOptions = {}): Circuit {
  const builder = new CircuitBuilder(options);
  const reader = new StatementReader(source);
  try {
    for (let statement = reader.next(); statement; statement = reader.next()) builder.add(statement);
  } catch (error) {
    if (error instanceof QasmError) throw error;
    // Nothing but a QasmError may escape, whatever the input (e.g. a stack or memory limit).
    throw new QasmError(builder.line, `cannot read this QASM: ${error instanceof Error ? error.message : String(error)}`);
  }
  return builder.circuit();
}

class CircuitBuilder {
  /** Line of the statement being added (for the unexpected-error fallback). */
  line = 1;
  private readonly registers = new Registers();
  private readonly gates: GateTable;
  private readonly ops: Op[] = [];
  private readonly maxOps: number;
  private statements = 0;

  constructor(options: ParseOptions) {
    this.gates = new GateTable(options.implicitQelib1 ?? true);
    this.maxOps = options.maxOps ?? DEFAULT_MAX_OPS;
  }

  circuit(): Circuit {
    const { qubits, clbits, qregs, cregs } = this.registers;
    return { qubits, clbits, qregs, cregs, ops: this.ops };
  }

  add(statement: Statement): void {
    const line = (this.line = statement.line);
    this.statements++;
    switch (statement.kind) {
      case 'version':
        if (this.statements > 1) throw new QasmError(line, 'OPENQASM must be the first statement');
        if (Number(statement.version) !== 2) throw new QasmError(line, `OpenQASM ${statement.version} is not supported (only 2.0)`);
        return;
      case 'include':
        if (statement.file !== 'qelib1.inc') throw new QasmError(line, `cannot include "${statement.file}": only "qelib1.inc" is available`);
        this.gates.includeQelib1(line);
        return;
      case 'register':
        this.registers.declare(statement.quantum, statement.name, statement.size, line);
        return;
      case 'gate':
      case 'opaque':
        this.gates.define(statement);
        return;
      case 'barrier':
        // Not a gate and not an op; its arguments must still exist.
        for (const arg of statement.args) this.registers.qubitsOf(arg, line);
        return;
      case 'if':
        return this.conditional(statement.creg, statement.value, statement.body, line);
      default:
        return this.operation(statement, (op) => this.push(op));
    }
  }

  /** A gate application, measure or reset, each resulting op passed to `emit`. */
  private operation(statement: GateCall | Measure | Reset, emit: (op: UnitaryOp | MeasureOp | ResetOp) => void): void {
    const { line } = statement;
    if (statement.kind === 'reset') {
      for (const qubit of this.registers.qubitsOf(statement.qubit, line)) emit({ kind: 'reset', qubit, line });
    } else if (statement.kind === 'measure') {
      const qubits = this.registers.qubitsOf(statement.qubit, line);
      const clbits = this.registers.clbitsOf(statement.clbit, line);
      if ((statement.qubit.index === null) !== (statement.clbit.index === null)) {
        throw new QasmError(line, 'measure takes a register to a register (measure q -> c) or a qubit to a bit (measure q[0] -> c[0])');
      }
      if (qubits.length !== clbits.length) {
        throw new QasmError(line, `measure: '${statement.qubit.name}' has ${qubits.length} qubits but '${statement.clbit.name}' has ${clbits.length} bits`);
      }
      qubits.forEach((qubit, i) => emit({ kind: 'measure', qubit, clbit: clbits[i], line }));
    } else {
      this.apply(statement, emit);
    }
  }

  /** `name(params) args;` — registers as arguments broadcast: one application per index. */
  private apply(call: GateCall, emit: (op: UnitaryOp) => void): void {
    const { line } = call;
    const gate = this.gates.lookup(call, line);
    const params = call.params.map((expr) => evaluate(expr));
    checkFinite(params, gate.name, line);
    const args = call.args.map((arg) => this.registers.qubitsOf(arg, line));
    const registers = call.args.flatMap((arg, i) => (arg.index === null ? [{ name: arg.name, size: args[i].length }] : []));
    const width = registers.length ? registers[0].size : 1;
    if (registers.some((register) => register.size !== width)) {
      const sizes = registers.map((register) => `${register.name}: ${register.size}`).join(', ');
      throw new QasmError(line, `gate '${gate.name}': registers of different sizes (${sizes})`);
    }
    // A gate defined by doubling another, 30 times over, must be refused before it is built.
    if (this.ops.length + width * opsPerApplication(gate) > this.maxOps) this.refuseTooMany(line);
    for (let k = 0; k < width; k++) {
      const qubits = args.map((q) => (q.length === 1 ? q[0] : q[k]));
      const twice = qubits.find((q, i) => qubits.indexOf(q) !== i);
      if (twice !== undefined) throw new QasmError(line, `gate '${gate.name}' is given qubit ${this.qubitName(twice)} twice`);
      this.gates.expand(gate, params, qubits, line, emit);
    }
  }

  /** `if (creg == value) op;` — every op the statement produces carries the same condition. */
  private conditional(name: string, value: number, body: GateCall | Measure | Reset, line: number): void {
    const creg = this.registers.creg(name, line);
    if (creg.size < 53 && value >= 2 ** creg.size) {
      throw new QasmError(line, `if: ${value} does not fit in '${name}' (${creg.size} bits, at most ${2 ** creg.size - 1})`);
    }
    // OpenQASM reads the condition once; each IfOp reads it again. That differs only when the
    // statement measures several qubits into the very register it tests: refuse that case.
    const { clbit } = body.kind === 'measure' ? body : { clbit: null };
    if (clbit?.name === name && clbit.index === null && creg.size > 1) {
      throw new QasmError(line, `if: measuring a whole register into '${name}', the register it tests, is not supported`);
    }
    this.operation(body, (op) => this.push({ kind: 'if', creg: { ...creg }, value, op, line }));
  }

  private push(op: Op): void {
    if (this.ops.length >= this.maxOps) this.refuseTooMany(op.line);
    this.ops.push(op);
  }

  private refuseTooMany(line: number): never {
    throw new QasmError(line, `the circuit expands to more than ${this.maxOps.toLocaleString('en-US')} operations`);
  }

  private qubitName(qubit: number): string {
    const reg = this.registers.qregs.find((r) => qubit >= r.offset && qubit < r.offset + r.size);
    return reg ? `${reg.name}[${qubit - reg.offset}]` : String(qubit);
  }
}
