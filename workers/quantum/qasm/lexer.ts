// Turns OpenQASM 2.0 source into tokens, lazily, so an error late in a file never hides an
// earlier bad statement: a character the language has no use for becomes an 'error' token
// that the parser reports only when it reaches it.
import { QasmError } from './errors.ts';

export type TokenKind = 'id' | 'int' | 'real' | 'string' | 'symbol' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  /** The source text (for 'string', without the quotes; for 'error', the message). */
  text: string;
  line: number;
}

const SYMBOLS = new Set([';', ',', '[', ']', '(', ')', '{', '}', '+', '-', '*', '/', '^', '>']);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdPart = (c: number) => isIdStart(c) || isDigit(c);

export class Lexer {
  private pos = 0;
  private line = 1;

  constructor(private readonly source: string) {}

  next(): Token {
    this.skipSpaceAndComments();
    const src = this.source;
    const start = this.pos;
    const line = this.line;
    if (start >= src.length) return { kind: 'eof', text: 'end of file', line };
    const c = src.charCodeAt(start);

    if (isIdStart(c)) {
      let end = start + 1;
      while (end < src.length && isIdPart(src.charCodeAt(end))) end++;
      this.pos = end;
      return { kind: 'id', text: src.slice(start, end), line };
    }
    if (isDigit(c) || (c === 46 /* . */ && isDigit(src.charCodeAt(start + 1)))) return this.number(line);
    if (c === 34 /* " */) return this.string(line);

    this.pos = start + 1;
    const ch = src[start];
    if (ch === '-' && src[start + 1] === '>') {
      this.pos++;
      return { kind: 'symbol', text: '->', line };
    }
    if (ch === '=' && src[start + 1] === '=') {
      this.pos++;
      return { kind: 'symbol', text: '==', line };
    }
    if (SYMBOLS.has(ch)) return { kind: 'symbol', text: ch, line };
    // Whole code point, so an emoji is reported as itself rather than half a surrogate pair.
    const char = String.fromCodePoint(src.codePointAt(start) ?? c);
    this.pos = start + char.length;
    return { kind: 'error', text: `unexpected character '${char}'`, line };
  }

  private skipSpaceAndComments(): void {
    const src = this.source;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === 10 /* \n */) {
        this.line++;
        this.pos++;
      } else if (c === 13 /* \r */) {
        // \r\n counts once (at the \n); a lone \r (old Mac files) is a line break of its own.
        if (src.charCodeAt(this.pos + 1) !== 10) this.line++;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xfeff /* BOM */) {
        this.pos++;
      } else if (c === 47 /* / */ && src.charCodeAt(this.pos + 1) === 47) {
        while (this.pos < src.length && src.charCodeAt(this.pos) !== 10 && src.charCodeAt(this.pos) !== 13) this.pos++;
      } else {
        return;
      }
    }
  }

  /** digits [. digits] [e [+-] digits], or . digits ...; an int has neither point nor exponent. */
  private number(line: number): Token {
    const src = this.source;
    const start = this.pos;
    let end = start;
    let real = false;
    while (isDigit(src.charCodeAt(end))) end++;
    if (src[end] === '.') {
      real = true;
      end++;
      while (isDigit(src.charCodeAt(end))) end++;
    }
    if (src[end] === 'e' || src[end] === 'E') {
      let exp = end + 1;
      if (src[exp] === '+' || src[exp] === '-') exp++;
      if (isDigit(src.charCodeAt(exp))) {
        real = true;
        end = exp;
        while (isDigit(src.charCodeAt(end))) end++;
      }
    }
    this.pos = end;
    return { kind: real ? 'real' : 'int', text: src.slice(start, end), line };
  }

  private string(line: number): Token {
    const src = this.source;
    const start = this.pos + 1;
    let end = start;
    while (end < src.length && src[end] !== '"' && src[end] !== '\n' && src[end] !== '\r') end++;
    if (src[end] !== '"') {
      this.pos = end;
      return { kind: 'error', text: 'unterminated string', line };
    }
    this.pos = end + 1;
    return { kind: 'string', text: src.slice(start, end), line };
  }
}

/** One token of lookahead over a Lexer, with the checks every parser needs. */
export class TokenStream {
  private readonly lexer: Lexer;
  private current: Token;
  /** Line of the last token taken, for "missing ';'" (reported where the statement ends). */
  private lastLine = 1;

  constructor(source: string) {
    this.lexer = new Lexer(source);
    this.current = this.lexer.next();
  }

  peek(): Token {
    return this.current;
  }

  next(): Token {
    const token = this.current;
    if (token.kind === 'error') throw new QasmError(token.line, token.text);
    if (token.kind !== 'eof') this.current = this.lexer.next();
    this.lastLine = token.line;
    return token;
  }

  /** True when the next token is `symbol` (without taking it). */
  at(symbol: string): boolean {
    return this.current.kind === 'symbol' && this.current.text === symbol;
  }

  /** Takes the next token if it is `symbol`. */
  accept(symbol: string): boolean {
    if (!this.at(symbol)) return false;
    this.next();
    return true;
  }

  expect(symbol: string, context: string): Token {
    if (this.at(symbol)) return this.next();
    // A missing ';' belongs to the statement that ended, not to the next line's token.
    const line = symbol === ';' ? this.lastLine : this.current.line;
    throw this.error(`expected '${symbol}' ${context}, found ${describe(this.current)}`, line);
  }

  expectId(context: string): Token {
    if (this.current.kind === 'id') return this.next();
    throw this.error(`expected ${context}, found ${describe(this.current)}`);
  }

  expectInt(context: string): number {
    const token = this.current;
    if (token.kind !== 'int') throw this.error(`expected ${context} (a whole number), found ${describe(token)}`);
    this.next();
    const value = Number(token.text);
    if (!Number.isSafeInteger(value)) throw new QasmError(token.line, `${context} ${token.text} is too large`);
    return value;
  }

  /** An error at the next token; a lexer error there wins, since it is what is really wrong. */
  error(message: string, line = this.current.line): QasmError {
    if (this.current.kind === 'error' && this.current.line <= line) return new QasmError(this.current.line, this.current.text);
    return new QasmError(line, message);
  }
}

export function describe(token: Token): string {
  if (token.kind === 'eof' || token.kind === 'error') return token.text;
  if (token.kind === 'string') return `"${token.text}"`;
  return `'${token.text}'`;
}
