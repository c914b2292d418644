// Parameter expressions: numbers, pi, + - * / ^, unary minus, parentheses, the OpenQASM 2
// functions, and (inside a gate body) the gate's parameter names. Parsed once into a tree so
// a gate body's expressions can be evaluated again for every application.
import { QasmError } from './errors.ts';
import { describe, type TokenStream } from './lexer.ts';

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'param'; index: number; name: string }
  | { kind: 'negate'; arg: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; arg: Expr };

const FUNCTIONS = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  ln: Math.log,
  sqrt: Math.sqrt,
};
export type FunctionName = keyof typeof FUNCTIONS;

export const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(FUNCTIONS, name);

/** Deep enough for any real circuit, shallow enough never to overflow the call stack. */
const MAX_DEPTH = 500;
/**
 * Operators in one expression: `1+1+…` builds a left-deep tree that evaluating would walk
 * recursively, so 100,000 terms overflowed the stack with an unreadable message.
 */
const MAX_OPERATORS = 1000;

/** Parses one expression; `params` are the names usable in it (a gate's parameters, else none). */
export function parseExpr(tokens: TokenStream, params: readonly string[] = []): Expr {
  return new ExprParser(tokens, params).sum();
}

class ExprParser {
  private depth = 0;
  private operators = 0;

  constructor(
    private readonly tokens: TokenStream,
    private readonly params: readonly string[],
  ) {}

  sum(): Expr {
    let left = this.product();
    for (;;) {
      if (this.tokens.accept('+')) left = { kind: 'binary', op: '+', left, right: this.counted(() => this.product()) };
      else if (this.tokens.accept('-')) left = { kind: 'binary', op: '-', left, right: this.counted(() => this.product()) };
      else return left;
    }
  }

  private product(): Expr {
    let left = this.unary();
    for (;;) {
      if (this.tokens.accept('*')) left = { kind: 'binary', op: '*', left, right: this.counted(() => this.unary()) };
      else if (this.tokens.accept('/')) left = { kind: 'binary', op: '/', left, right: this.counted(() => this.unary()) };
      else return left;
    }
  }

  private counted(operand: () => Expr): Expr {
    if (++this.operators > MAX_OPERATORS) throw this.tokens.error(`expression is too long (more than ${MAX_OPERATORS} operators)`);
    return operand();
  }

  /** Unary minus binds looser than ^ (-2^2 is -4), and ^ is right-associative (2^3^2 is 2^9). */
  private unary(): Expr {
    if (++this.depth > MAX_DEPTH) throw this.tokens.error('expression is nested too deeply');
    let result: Expr;
    if (this.tokens.accept('-')) result = { kind: 'negate', arg: this.unary() };
    else if (this.tokens.accept('+')) result = this.unary();
    else {
      const base = this.atom();
      result = this.tokens.accept('^') ? { kind: 'binary', op: '^', left: base, right: this.unary() } : base;
    }
    this.depth--;
    return result;
  }

  private atom(): Expr {
    const token = this.tokens.peek();
    if (token.kind === 'int' || token.kind === 'real') {
      this.tokens.next();
      return { kind: 'number', value: Number(token.text) };
    }
    if (this.tokens.accept('(')) {
      const inner = this.sum();
      this.tokens.expect(')', 'to close the parenthesis');
      return inner;
    }
    if (token.kind === 'id') {
      this.tokens.next();
      if (token.text === 'pi') return { kind: 'number', value: Math.PI };
      if (isFunctionName(token.text)) {
        this.tokens.expect('(', `after '${token.text}'`);
        const arg = this.sum();
        this.tokens.expect(')', `to close '${token.text}('`);
        return { kind: 'call', fn: token.text, arg };
      }
      const index = this.params.indexOf(token.text);
      if (index >= 0) return { kind: 'param', index, name: token.text };
      throw new QasmError(token.line, `unknown name '${token.text}' in expression`);
    }
    throw this.tokens.error(`expected a number or expression, found ${describe(token)}`);
  }
}

/** Evaluates with `args[i]` for parameter i. May return NaN or ±Infinity: callers check. */
export function evaluate(expr: Expr, args: readonly number[] = []): number {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'param':
      return args[expr.index];
    case 'negate':
      return -evaluate(expr.arg, args);
    case 'call':
      return FUNCTIONS[expr.fn](evaluate(expr.arg, args));
    case 'binary': {
      const a = evaluate(expr.left, args);
      const b = evaluate(expr.right, args);
      switch (expr.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return a ** b;
      }
    }
  }
}
