// Malformed QASM: each error class names the line of the first bad statement (1-based), and
// no input, however odd, makes parseQasm throw anything but a QasmError.
import { describe, expect, it } from 'vitest';
import { QasmError, parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { seededRandom } from './dense.ts';
import { qasmError } from './helpers.ts';

const H = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n'; // two lines, so programs below start on line 3

/** [what, source, line, a part of the message]. */
const CASES: [string, string, number, string][] = [
  // names
  ['unknown gate', `${H}qreg q[1];\nfoo q[0];`, 4, "unknown gate 'foo'"],
  ['a gate that calls itself', `${H}gate g a {\n  g a;\n}`, 4, "unknown gate 'g'"],
  ['unknown gate inside a definition', `${H}gate g a {\n  h a;\n  bar a;\n}`, 5, "unknown gate 'bar'"],
  ['undeclared register in a gate', `${H}qreg q[1];\nh r[0];`, 4, "undeclared register 'r'"],
  ['undeclared register in measure', `${H}qreg q[1];\ncreg c[1];\nmeasure q[0] -> d[0];`, 5, "undeclared register 'd'"],
  ['undeclared register in if', `${H}qreg q[1];\nif (c == 0) x q[0];`, 4, "undeclared register 'c'"],
  ['undeclared register in barrier', `${H}qreg q[1];\nbarrier q, r;`, 4, "undeclared register 'r'"],
  ['classical register given to a gate', `${H}qreg q[1];\ncreg c[1];\nh c[0];`, 5, "'c' is a classical register"],
  ['quantum register as a measure target', `${H}qreg q[2];\nmeasure q[0] -> q[1];`, 4, "'q' is a quantum register"],
  ['quantum register in if', `${H}qreg q[1];\nif (q == 0) x q[0];`, 4, "'q' is a quantum register"],
  ['duplicate register', `${H}qreg q[1];\ncreg q[1];`, 4, "register 'q' is already declared"],
  ['duplicate gate', `${H}gate g a { h a; }\ngate g a { x a; }`, 4, "gate 'g' is already defined on line 3"],
  ['redefining an included gate', `${H}gate h a { x a; }`, 3, "gate 'h' is already defined by qelib1.inc"],
  ['redefining U', `gate U(a,b,c) q { }`, 1, "gate 'U' is built into OpenQASM"],
  ['including after defining a qelib1 name', `gate h a { U(0,0,0) a; }\ninclude "qelib1.inc";`, 2, "qelib1.inc defines 'h', which line 1 already defined"],
  ['reserved word as a name', `${H}qreg pi[2];`, 3, "'pi' is a reserved word"],
  ['gate parameter declared twice', `${H}gate g(t, t) a { rz(t) a; }`, 3, "parameter 't' appears twice"],
  ['gate qubit declared twice', `${H}gate g a, a { h a; }`, 3, "qubit argument 'a' appears twice"],
  ['unknown name in an expression', `${H}qreg q[1];\nrz(theta) q[0];`, 4, "unknown name 'theta'"],
  ['body uses a qubit the gate does not declare', `${H}gate g a {\n  h b;\n}`, 4, "'b' is not one of its qubit arguments"],
  ['indexing inside a body', `${H}gate g a {\n  h a[0];\n}`, 4, 'indexing (a[0]) is not allowed'],
  // counts
  ['too many parameters', `${H}qreg q[1];\nrz(1, 2) q[0];`, 4, "gate 'rz' takes 1 parameter, got 2"],
  ['missing parameters', `${H}qreg q[1];\nu3(1, 2) q[0];`, 4, "gate 'u3' takes 3 parameters, got 2"],
  ['parameters to a gate without any', `${H}qreg q[1];\nh(0.1) q[0];`, 4, "gate 'h' takes 0 parameters, got 1"],
  ['too few qubits', `${H}qreg q[2];\ncx q[0];`, 4, "gate 'cx' takes 2 qubits, got 1"],
  ['too many qubits', `${H}qreg q[3];\nh q[0], q[1];`, 4, "gate 'h' takes 1 qubit, got 2"],
  ['wrong count for a user gate', `${H}gate g(t) a, b { cx a, b; }\nqreg q[2];\ng q[0], q[1];`, 5, "gate 'g' takes 1 parameter, got 0"],
  // the same qubit twice
  ['same qubit twice', `${H}qreg q[2];\ncx q[1], q[1];`, 4, "gate 'cx' is given qubit q[1] twice"],
  ['same qubit twice by broadcasting', `${H}qreg q[2];\nqreg r[1];\nccx r[0], q, q;`, 5, 'is given qubit q[0] twice'],
  ['single qubit repeated into a register', `${H}qreg q[2];\ncx q[0], q;`, 4, 'is given qubit q[0] twice'],
  ['same argument twice in a body', `${H}gate g a, b {\n  cx a, a;\n}`, 4, "gate 'cx' is given 'a' twice"],
  // ranges and sizes
  ['index out of range', `${H}qreg q[2];\nx q[2];`, 4, "q[2] is out of range: 'q' has size 2"],
  ['classical index out of range', `${H}qreg q[2];\ncreg c[1];\nmeasure q[1] -> c[1];`, 5, 'c[1] is out of range'],
  ['barrier index out of range', `${H}qreg q[2];\nbarrier q[0], q[7];`, 4, 'q[7] is out of range'],
  ['broadcast over registers of different sizes', `${H}qreg a[2];\nqreg b[3];\ncx a, b;`, 5, 'registers of different sizes (a: 2, b: 3)'],
  ['different sizes after a single qubit', `${H}qreg a[2];\nqreg b[3];\nqreg c[1];\nccx c[0], a, b;`, 6, 'registers of different sizes (a: 2, b: 3)'],
  ['measure of registers of different sizes', `${H}qreg q[2];\ncreg c[3];\nmeasure q -> c;`, 5, "'q' has 2 qubits but 'c' has 3 bits"],
  ['measure of a register into one bit', `${H}qreg q[2];\ncreg c[2];\nmeasure q -> c[0];`, 5, 'measure takes a register to a register'],
  ['empty register', `${H}qreg q[0];`, 3, "register 'q' must have at least one qubit"],
  ['huge register', `${H}qreg q[100000000000];`, 3, "register 'q' is too large"],
  ['if value that does not fit', `${H}qreg q[1];\ncreg c[2];\nif (c == 4) x q[0];`, 5, "4 does not fit in 'c' (2 bits, at most 3)"],
  ['if measuring the tested register whole', `${H}qreg q[2];\ncreg c[2];\nif (c == 0) measure q -> c;`, 5, 'not supported'],
  // numbers that are not numbers
  ['division by zero', `${H}qreg q[1];\nrz(1/0) q[0];`, 4, "parameter 1 of 'rz' is Infinity"],
  ['0/0', `${H}qreg q[1];\nu3(0, 0/0, 0) q[0];`, 4, "parameter 2 of 'u3' is NaN"],
  ['ln(0)', `${H}qreg q[1];\nu1(ln(0)) q[0];`, 4, 'is -Infinity'],
  ['sqrt of a negative', `${H}qreg q[1];\nrx(sqrt(-1)) q[0];`, 4, 'is NaN'],
  ['overflowing literal', `${H}qreg q[1];\nrx(1e999) q[0];`, 4, 'is Infinity'],
  ['overflowing power', `${H}qreg q[1];\nrx(10^400) q[0];`, 4, 'is Infinity'],
  ['NaN made inside a definition', `${H}gate g(t) a {\n  rz(1/t) a;\n}\nqreg q[1];\ng(0) q[0];`, 7, "in gate 'g': parameter 1 of 'rz' is Infinity"],
  // opaque
  ['applying an opaque gate', `${H}opaque magic(t) a;\nqreg q[1];\nmagic(0.5) q[0];`, 5, "opaque gate 'magic' has no definition"],
  ['an opaque gate inside a definition', `${H}opaque magic a;\ngate g a {\n  h a;\n  magic a;\n}\nqreg q[1];\ng q[0];`, 9, "in gate 'g': opaque gate 'magic'"],
  // header and includes
  ['another OpenQASM version', 'OPENQASM 3.0;\nqreg q[1];', 1, 'OpenQASM 3.0 is not supported'],
  ['header not first', 'qreg q[1];\nOPENQASM 2.0;', 2, 'OPENQASM must be the first statement'],
  ['another include', `OPENQASM 2.0;\ninclude "mylib.inc";`, 2, 'cannot include "mylib.inc"'],
  // syntax
  ['missing semicolon (reported on its own line)', `${H}qreg q[2];\nh q[0]\nx q[1];`, 4, "expected ';'"],
  ['missing semicolon at the end of the file', `${H}qreg q[2]`, 3, "expected ';'"],
  ['missing comma', `${H}qreg q[2];\ncx q[0] q[1];`, 4, "expected ';' after the arguments of 'cx', found 'q'"],
  ['missing closing parenthesis', `${H}qreg q[1];\nrz(pi/2 q[0];`, 4, "expected ')'"],
  ['missing operand', `${H}qreg q[1];\nrz(pi/) q[0];`, 4, "expected a number or expression, found ')'"],
  ['missing qubits', `${H}qreg q[1];\nh;`, 4, "expected a qubit or register, found ';'"],
  ['non-integer index', `${H}qreg q[2];\nh q[1.5];`, 4, 'expected an index (a whole number)'],
  ['non-integer register size', `${H}qreg q[2.0];`, 3, 'expected register size (a whole number)'],
  ['non-integer if value', `${H}qreg q[1];\ncreg c[1];\nif (c == 1.0) x q[0];`, 5, 'a whole number'],
  ['= instead of ==', `${H}qreg q[1];\ncreg c[1];\nif (c = 1) x q[0];`, 5, "unexpected character '='"],
  ['measure without ->', `${H}qreg q[1];\ncreg c[1];\nmeasure q[0] c[0];`, 5, "expected '->'"],
  ['unterminated gate body', `${H}qreg q[1];\ngate g a {\n  h a;\n  x a;\n`, 4, "gate 'g': body never closed (missing '}')"],
  ['statement inside an unclosed body', `${H}gate g a {\n  h a;\nqreg q[1];`, 5, "'qreg' is not allowed inside a gate body (is the '}' of gate 'g' on line 3 missing?)"],
  ['stray closing brace', `${H}qreg q[1];\n}`, 4, "expected a statement, found '}'"],
  ['if around a barrier', `${H}qreg q[1];\ncreg c[1];\nif (c == 1) barrier q;`, 5, "'barrier' cannot follow if"],
  ['unterminated string', 'OPENQASM 2.0;\ninclude "qelib1.inc;\nqreg q[1];', 2, 'unterminated string'],
  // odd characters
  ['a Unicode character outside a comment', `${H}qreg q[1];\nh q[0]; ✓`, 4, "unexpected character '✓'"],
  ['an emoji in a name', `${H}qreg q😀[1];`, 3, "unexpected character '😀'"],
  ['a NUL byte', `${H}qreg q[1];\nh q\u0000[0];`, 4, 'unexpected character'],
  ['a function name as a gate', `${H}qreg q[1];\nsin q[0];`, 4, "unexpected 'sin'"],
  ['deeply nested parentheses', `${H}qreg q[1];\nrz(${'('.repeat(100_000)}1${')'.repeat(100_000)}) q[0];`, 4, 'nested too deeply'],
  ['a long run of unary minus', `${H}qreg q[1];\nrz(${'-'.repeat(100_000)}1) q[0];`, 4, 'nested too deeply'],
];

describe('malformed QASM', () => {
  for (const [what, source, line, message] of CASES) {
    it(`${what}: line ${line}`, () => {
      const error = qasmError(source);
      expect(error.line, error.message).toBe(line);
      expect(error.message).toContain(message);
    });
  }

  it('reports the first bad statement, whatever kind of error comes later', () => {
    // a semantic error on line 4 before a syntax error and an odd character further down
    const source = `${H}qreg q[1];\nh r[0];\nx q[0]\n§\ncx q[0], q[0];`;
    expect(qasmError(source)).toEqual({ line: 4, message: "undeclared register 'r'" });
  });

  it('refuses programs that expand beyond maxOps', () => {
    let source = `${H}qreg q[1];\ngate g0 a { h a; h a; }\n`;
    for (let i = 1; i < 30; i++) source += `gate g${i} a { g${i - 1} a; g${i - 1} a; }\n`;
    source += 'g29 q[0];'; // 2^30 ops if expanded
    const error = qasmError(source, { maxOps: 10_000 });
    expect(error.line).toBe(34);
    expect(error.message).toContain('more than 10,000 operations');
    expect(qasmError(source).message).toContain('more than 2,000,000 operations');
  });

  it('never throws anything but a QasmError on random input (seeded)', () => {
    const seed = 7;
    const random = seededRandom(seed);
    const pieces = ['qreg', 'creg', 'q', 'c', '[', ']', '(', ')', '{', '}', ';', ',', '->', '==', 'gate', 'opaque', 'measure', 'reset', 'if', 'barrier',
      'h', 'cx', 'u3', 'g', 'pi', '1', '0', '2.5e3', '-', '+', '*', '/', '^', 'sin', '\n', ' ', '"', 'OPENQASM', 'include', '"qelib1.inc"', 'é', '\u0000', '😀', '//'];
    for (let trial = 0; trial < 3000; trial++) {
      const length = 1 + Math.floor(random() * 40);
      let source = trial % 2 ? 'qreg q[2];\ncreg c[2];\n' : '';
      for (let i = 0; i < length; i++) source += pieces[Math.floor(random() * pieces.length)] + (random() < 0.5 ? ' ' : '');
      try {
        parseQasm(source);
      } catch (error) {
        expect(error instanceof QasmError, `seed ${seed}, trial ${trial}: ${JSON.stringify(source)} threw ${String(error)}`).toBe(true);
        const { line } = error as QasmError;
        expect(line >= 1 && line <= source.split('\n').length, `seed ${seed}, trial ${trial}: line ${line}`).toBe(true);
      }
    }
  });
});
