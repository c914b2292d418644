// Reads OpenQASM 2.0 statements one at a time (so the caller can check each before the next
// is read, and report the first bad statement). Syntax only: names are resolved by parser.ts.
import { QasmError } from './errors.ts';
import { parseExpr, isFunctionName, type Expr } from './expr.ts';
import { TokenStream, describe } from './lexer.ts';

/** `q` (index null: the whole register) or `q[3]`. */
export interface ArgRef {
  name: string;
  index: number | null;
}

export interface GateCall {
  kind: 'apply';
  name: string;
  params: Expr[];
  args: ArgRef[];
  line: number;
}
export interface Measure {
  kind: 'measure';
  qubit: ArgRef;
  clbit: ArgRef;
  line: number;
}
export interface Reset {
  kind: 'reset';
  qubit: ArgRef;
  line: number;
}
export interface Barrier {
  kind: 'barrier';
  args: ArgRef[];
  line: number;
}
/** `gate` (with a body) or `opaque` (without). */
export interface GateDecl {
  kind: 'gate' | 'opaque';
  name: string;
  params: string[];
  qubits: string[];
  body: (GateCall | Barrier)[];
  line: number;
}

export type Statement =
  | { kind: 'version'; version: string; line: number }
  | { kind: 'include'; file: string; line: number }
  | { kind: 'register'; quantum: boolean; name: string; size: number; line: number }
  | { kind: 'if'; creg: string; value: number; body: GateCall | Measure | Reset; line: number }
  | GateDecl
  | GateCall
  | Measure
  | Reset
  | Barrier;

/** Words that cannot name a register, gate, parameter or gate argument. */
const RESERVED = new Set(['OPENQASM', 'include', 'qreg', 'creg', 'gate', 'opaque', 'barrier', 'measure', 'reset', 'if', 'pi']);
/** Statements that are not allowed inside a gate body. */
const NOT_IN_BODY = new Set(['OPENQASM', 'include', 'qreg', 'creg', 'gate', 'opaque', 'measure', 'reset', 'if']);
/** Statements that `if (...)` cannot condition. */
const NOT_CONDITIONAL = new Set(['OPENQASM', 'include', 'qreg', 'creg', 'gate', 'opaque', 'if', 'barrier']);

export class StatementReader {
  private readonly tokens: TokenStream;

  constructor(source: string) {
    this.tokens = new TokenStream(source);
  }

  /** The next statement, or null at the end of the source. */
  next(): Statement | null {
    const tokens = this.tokens;
    const first = tokens.peek();
    if (first.kind === 'eof') return null;
    if (first.kind !== 'id') throw tokens.error(`expected a statement, found ${describe(first)}`);
    const line = first.line;
    switch (first.text) {
      case 'OPENQASM': {
        tokens.next();
        const version = tokens.peek();
        if (version.kind !== 'real' && version.kind !== 'int') throw tokens.error(`expected a version number after OPENQASM, found ${describe(version)}`);
        tokens.next();
        this.end('after the version');
        return { kind: 'version', version: version.text, line };
      }
      case 'include': {
        tokens.next();
        const file = tokens.peek();
        if (file.kind !== 'string') throw tokens.error(`expected a file name in quotes after include, found ${describe(file)}`);
        tokens.next();
        this.end('after the include');
        return { kind: 'include', file: file.text, line };
      }
      case 'qreg':
      case 'creg': {
        tokens.next();
        const name = this.name('a register name');
        tokens.expect('[', `after register name '${name}'`);
        const size = tokens.expectInt('register size');
        tokens.expect(']', 'after the register size');
        this.end('after the register declaration');
        return { kind: 'register', quantum: first.text === 'qreg', name, size, line };
      }
      case 'gate':
      case 'opaque':
        return this.gateDecl(first.text);
      case 'if':
        return this.ifStatement();
      default:
        return this.operation();
    }
  }

  /** measure, reset, barrier or a gate application; `params`: the names a gate body may use. */
  private operation(params: readonly string[] = []): GateCall | Measure | Reset | Barrier {
    const tokens = this.tokens;
    const first = tokens.next();
    const line = first.line;
    if (first.text === 'measure') {
      const qubit = this.arg();
      tokens.expect('->', 'in measure (measure q -> c)');
      const clbit = this.arg();
      this.end('after measure');
      return { kind: 'measure', qubit, clbit, line };
    }
    if (first.text === 'reset') {
      const qubit = this.arg();
      this.end('after reset');
      return { kind: 'reset', qubit, line };
    }
    if (first.text === 'barrier') {
      const args = this.argList();
      this.end('after barrier');
      return { kind: 'barrier', args, line };
    }
    if (RESERVED.has(first.text) || isFunctionName(first.text)) throw new QasmError(line, `unexpected '${first.text}'`);
    const exprs: Expr[] = [];
    if (tokens.accept('(') && !tokens.accept(')')) {
      do exprs.push(parseExpr(tokens, params));
      while (tokens.accept(','));
      tokens.expect(')', `after the parameters of '${first.text}'`);
    }
    const args = this.argList();
    this.end(`after the arguments of '${first.text}'`);
    return { kind: 'apply', name: first.text, params: exprs, args, line };
  }

  private ifStatement(): Statement {
    const tokens = this.tokens;
    const line = tokens.next().line;
    tokens.expect('(', "after 'if'");
    const creg = this.name('a classical register name');
    tokens.expect('==', `after '${creg}' (if (c == n) ...)`);
    const value = tokens.expectInt('the value to compare with');
    tokens.expect(')', 'after the condition');
    const next = tokens.peek();
    if (next.kind !== 'id') throw tokens.error(`expected a gate, measure or reset after if (...), found ${describe(next)}`);
    if (NOT_CONDITIONAL.has(next.text)) {
      throw tokens.error(`'${next.text}' cannot follow if (...); only a gate, measure or reset can`);
    }
    const body = this.operation() as GateCall | Measure | Reset;
    return { kind: 'if', creg, value, body, line };
  }

  private gateDecl(keyword: string): GateDecl {
    const tokens = this.tokens;
    const line = tokens.next().line;
    const name = this.name(`a gate name after '${keyword}'`);
    const params: string[] = [];
    if (tokens.accept('(') && !tokens.accept(')')) {
      do params.push(this.name('a parameter name'));
      while (tokens.accept(','));
      tokens.expect(')', `after the parameters of gate '${name}'`);
    }
    const qubits: string[] = [];
    do qubits.push(this.name(`a qubit argument name for gate '${name}'`));
    while (tokens.accept(','));
    if (keyword === 'opaque') {
      this.end(`after opaque gate '${name}'`);
      return { kind: 'opaque', name, params, qubits, body: [], line };
    }
    tokens.expect('{', `to start the body of gate '${name}'`);
    const body: (GateCall | Barrier)[] = [];
    for (;;) {
      const next = tokens.peek();
      if (tokens.accept('}')) break;
      if (next.kind === 'eof') throw new QasmError(line, `gate '${name}': body never closed (missing '}')`);
      if (next.kind !== 'id') throw tokens.error(`expected a gate or '}' in the body of gate '${name}', found ${describe(next)}`);
      if (NOT_IN_BODY.has(next.text)) {
        throw tokens.error(`'${next.text}' is not allowed inside a gate body (is the '}' of gate '${name}' on line ${line} missing?)`);
      }
      body.push(this.operation(params) as GateCall | Barrier);
    }
    return { kind: 'gate', name, params, qubits, body, line };
  }

  private argList(): ArgRef[] {
    const args = [this.arg()];
    while (this.tokens.accept(',')) args.push(this.arg());
    return args;
  }

  private arg(): ArgRef {
    const name = this.name('a qubit or register');
    if (!this.tokens.accept('[')) return { name, index: null };
    const index = this.tokens.expectInt('an index');
    this.tokens.expect(']', `after ${name}[${index}`);
    return { name, index };
  }

  /** An identifier that may name something (not a keyword). */
  private name(what: string): string {
    const token = this.tokens.expectId(what);
    if (RESERVED.has(token.text) || isFunctionName(token.text)) {
      throw new QasmError(token.line, `'${token.text}' is a reserved word and cannot be used as ${what}`);
    }
    return token.text;
  }

  private end(context: string): void {
    this.tokens.expect(';', context);
  }
}
