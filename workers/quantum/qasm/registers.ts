// Quantum and classical registers, laid end to end in declaration order (SPEC §9), and the
// resolution of `q` / `q[i]` arguments to qubit or classical-bit indices.
import type { Register } from '../circuit.ts';
import { QasmError } from './errors.ts';
import type { ArgRef } from './syntax.ts';

/** Far beyond what can be simulated; keeps a typo like q[10000000000] from exhausting memory. */
export const MAX_REGISTER_SIZE = 1 << 20;

export class Registers {
  readonly qregs: Register[] = [];
  readonly cregs: Register[] = [];
  qubits = 0;
  clbits = 0;
  private readonly byName = new Map<string, { register: Register; quantum: boolean }>();

  declare(quantum: boolean, name: string, size: number, line: number): void {
    if (this.byName.has(name)) throw new QasmError(line, `register '${name}' is already declared`);
    if (size < 1) throw new QasmError(line, `register '${name}' must have at least one ${quantum ? 'qubit' : 'bit'}`);
    if (size > MAX_REGISTER_SIZE) throw new QasmError(line, `register '${name}' is too large (${size}; at most ${MAX_REGISTER_SIZE})`);
    const register = { name, size, offset: quantum ? this.qubits : this.clbits };
    if (quantum) {
      this.qregs.push(register);
      this.qubits += size;
    } else {
      this.cregs.push(register);
      this.clbits += size;
    }
    this.byName.set(name, { register, quantum });
  }

  /** A whole classical register (the left side of `if (c == n)`). */
  creg(name: string, line: number): Register {
    return this.lookup(name, false, line);
  }

  /** The qubit indices an argument names: one for `q[i]`, the whole register for `q`. */
  qubitsOf(arg: ArgRef, line: number): number[] {
    return this.indices(this.lookup(arg.name, true, line), arg, line);
  }

  /** The classical-bit indices an argument names. */
  clbitsOf(arg: ArgRef, line: number): number[] {
    return this.indices(this.lookup(arg.name, false, line), arg, line);
  }

  private lookup(name: string, quantum: boolean, line: number): Register {
    const entry = this.byName.get(name);
    if (!entry) throw new QasmError(line, `undeclared register '${name}'`);
    if (entry.quantum !== quantum) {
      const [is, wanted] = quantum ? ['classical', 'qubits'] : ['quantum', 'classical bits'];
      throw new QasmError(line, `'${name}' is a ${is} register; ${wanted} are needed here`);
    }
    return entry.register;
  }

  private indices(register: Register, arg: ArgRef, line: number): number[] {
    if (arg.index === null) return Array.from({ length: register.size }, (_, i) => register.offset + i);
    if (arg.index >= register.size) {
      throw new QasmError(line, `${register.name}[${arg.index}] is out of range: '${register.name}' has size ${register.size}`);
    }
    return [register.offset + arg.index];
  }
}
