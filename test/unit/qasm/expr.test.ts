// Parameter expressions: precedence, associativity, functions, number forms, gate parameters.
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpr } from '../../../workers/quantum/qasm/expr.ts';
import { TokenStream } from '../../../workers/quantum/qasm/lexer.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { qasmError, unitaries } from './helpers.ts';

/** The value of `text` as a gate parameter, through the whole parser. */
const value = (text: string) => unitaries(parseQasm(`qreg q[1];\nu1(${text}) q[0];`))[0].params[0];

const CASES: [string, number][] = [
  ['1+2*3', 7],
  ['(1+2)*3', 9],
  ['10/4', 2.5],
  ['8/2/2', 2],
  ['2-3-4', -5],
  ['-2^2', -4],
  ['2^3^2', 512],
  ['2^-1', 0.5],
  ['-(-3)', 3],
  ['--3', 3],
  ['3*-2', -6],
  ['-pi/2', -Math.PI / 2],
  ['pi', Math.PI],
  ['2*pi', 2 * Math.PI],
  ['sin(pi/2)', 1],
  ['cos(0)', 1],
  ['tan(pi/4)', Math.tan(Math.PI / 4)],
  ['exp(1)', Math.E],
  ['ln(exp(2))', 2],
  ['sqrt(16)', 4],
  ['sqrt(2)^2', Math.sqrt(2) ** 2],
  ['1e-3', 0.001],
  ['2.151746e+00', 2.151746],
  ['1E2', 100],
  ['.5', 0.5],
  ['5.', 5],
  ['007', 7],
  ['3*pi/4+sin(0)*100', (3 * Math.PI) / 4],
  ['( ( 1 ) )', 1],
];

describe('parameter expressions', () => {
  for (const [text, expected] of CASES) {
    it(`${text} = ${expected}`, () => {
      expect(value(text)).toBeCloseTo(expected, 14);
    });
  }

  it('parses once and evaluates with gate parameters by position', () => {
    const expr = parseExpr(new TokenStream('theta/2 + phi*lambda'), ['theta', 'phi', 'lambda']);
    expect(evaluate(expr, [1, 2, 3])).toBe(6.5);
    expect(evaluate(expr, [4, 0, 9])).toBe(2);
  });

  it('leaves NaN and infinities to the caller to refuse', () => {
    expect(evaluate(parseExpr(new TokenStream('1/0')))).toBe(Infinity);
    expect(evaluate(parseExpr(new TokenStream('0/0')))).toBeNaN();
  });

  it('refuses a function without parentheses and a parameter name outside a gate', () => {
    expect(qasmError('qreg q[1];\nu1(sin) q[0];')).toEqual({ line: 2, message: "expected '(' after 'sin', found ')'" });
    expect(qasmError('qreg q[1];\nu1(lambda) q[0];')).toEqual({ line: 2, message: "unknown name 'lambda' in expression" });
  });

  it('a number glued to a name is not a product', () => {
    expect(qasmError('qreg q[1];\nu1(2pi) q[0];').message).toBe("expected ')' after the parameters of 'u1', found 'pi'");
  });
});
