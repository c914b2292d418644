// Tokens and their lines: the lexer is what makes every error's line right.
import { describe, expect, it } from 'vitest';
import { Lexer, type Token } from '../../../workers/quantum/qasm/lexer.ts';

function tokens(source: string): string[] {
  const lexer = new Lexer(source);
  const out: string[] = [];
  for (let token: Token = lexer.next(); token.kind !== 'eof'; token = lexer.next()) out.push(`${token.line}:${token.kind}:${token.text}`);
  return out;
}

describe('lexer', () => {
  it('reads names, numbers, strings and symbols with their lines', () => {
    expect(tokens('OPENQASM 2.0;\ninclude "qelib1.inc";\nmeasure q[10] -> c_1[0];\nif(c==3) u1(-1.5e-3*pi) q;')).toEqual([
      '1:id:OPENQASM', '1:real:2.0', '1:symbol:;',
      '2:id:include', '2:string:qelib1.inc', '2:symbol:;',
      '3:id:measure', '3:id:q', '3:symbol:[', '3:int:10', '3:symbol:]', '3:symbol:->', '3:id:c_1', '3:symbol:[', '3:int:0', '3:symbol:]', '3:symbol:;',
      '4:id:if', '4:symbol:(', '4:id:c', '4:symbol:==', '4:int:3', '4:symbol:)', '4:id:u1', '4:symbol:(', '4:symbol:-', '4:real:1.5e-3', '4:symbol:*', '4:id:pi', '4:symbol:)', '4:id:q', '4:symbol:;',
    ]);
  });

  it('skips comments to the end of the line, whatever they contain', () => {
    expect(tokens('// Shor’s algorithm ✓ "unterminated\nx // y;\n//\n')).toEqual(['2:id:x']);
  });

  it('counts CRLF once and a lone CR as a line break', () => {
    expect(tokens('a\r\nb\rc\n\nd')).toEqual(['1:id:a', '2:id:b', '3:id:c', '5:id:d']);
  });

  it('reads number forms: .5, 5., 1e3, 1E+3, and leaves a bare e to the next token', () => {
    expect(tokens('.5 5. 1e3 1E+3 2e')).toEqual(['1:real:.5', '1:real:5.', '1:real:1e3', '1:real:1E+3', '1:int:2', '1:id:e']);
  });

  it('turns characters the language has no use for into error tokens, without throwing', () => {
    expect(tokens('x = ✓ 😀 "open\ny')).toEqual([
      '1:id:x',
      "1:error:unexpected character '='",
      "1:error:unexpected character '✓'",
      "1:error:unexpected character '😀'",
      '1:error:unterminated string',
      '2:id:y',
    ]);
  });
});
