// ⟨ψ|P|ψ⟩ for a Pauli string, read like Qiskit: the rightmost letter acts on qubit 0.

export function parsePauli(text: string, qubits: number): string {
  const pauli = text.trim().toUpperCase();
  if (!/^[IXYZ]+$/.test(pauli)) throw new Error(`"${text}" is not a Pauli string: use the letters I, X, Y and Z`);
  if (pauli.length !== qubits) throw new Error(`"${text}" has ${pauli.length} letters; the circuit has ${qubits} qubits`);
  return pauli;
}

/** `amplitudes` is re/im interleaved; the result is real for a Hermitian P. */
export function pauliExpectation(amplitudes: Float64Array, pauli: string): number {
  const n = pauli.length;
  let flip = 0; // X and Y flip the bit
  let phase = 0; // Y contributes i per letter, Z and Y a sign per set bit
  let signMask = 0;
  for (let k = 0; k < n; k++) {
    const letter = pauli[n - 1 - k];
    if (letter === 'X' || letter === 'Y') flip |= 1 << k;
    if (letter === 'Y') phase++;
    if (letter === 'Z' || letter === 'Y') signMask |= 1 << k;
  }
  // P|i⟩ = i^phase · (−1)^{popcount(i & signMask)} · |i ⊕ flip⟩ (Y = i·X·Z).
  let re = 0;
  let im = 0;
  const size = amplitudes.length / 2;
  for (let i = 0; i < size; i++) {
    const j = i ^ flip;
    const sign = popcount(i & signMask) & 1 ? -1 : 1;
    // conj(ψ_j) · ψ_i · sign
    const [ar, ai, br, bi] = [amplitudes[2 * j], -amplitudes[2 * j + 1], amplitudes[2 * i], amplitudes[2 * i + 1]];
    re += sign * (ar * br - ai * bi);
    im += sign * (ar * bi + ai * br);
  }
  // multiply by i^phase and keep the real part
  switch (phase % 4) {
    case 0:
      return re;
    case 1:
      return -im;
    case 2:
      return -re;
    default:
      return im;
  }
}

/** Bloch vector of each qubit from the reduced density matrix. */
export function blochVectors(amplitudes: Float64Array, qubits: number): { x: number; y: number; z: number }[] {
  const out = [];
  const size = amplitudes.length / 2;
  for (let q = 0; q < qubits; q++) {
    const bit = 1 << q;
    let [p0, p1, cr, ci] = [0, 0, 0, 0];
    for (let i = 0; i < size; i++) {
      if (i & bit) continue;
      const j = i | bit;
      const [ar, ai, br, bi] = [amplitudes[2 * i], amplitudes[2 * i + 1], amplitudes[2 * j], amplitudes[2 * j + 1]];
      p0 += ar * ar + ai * ai;
      p1 += br * br + bi * bi;
      // ρ01 = Σ a0 · conj(a1)
      cr += ar * br + ai * bi;
      ci += ai * br - ar * bi;
    }
    out.push({ x: 2 * cr, y: -2 * ci, z: p0 - p1 });
  }
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
