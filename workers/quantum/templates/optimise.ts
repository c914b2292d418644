// Nelder–Mead: a derivative-free minimiser, enough for the few angles of VQE and QAOA
// (the energies come from a simulation, so there are no gradients to hand).

export interface NelderMeadOptions {
  /** Size of the first simplex along each axis. */
  step?: number;
  /** Stop when the simplex's values differ by less than this… */
  tolerance?: number;
  /** …or after this many iterations. */
  maxIterations?: number;
  /** Hears the best value after every iteration (progress for long runs). */
  onIteration?: (iteration: number, best: number) => void;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  /** The best value after each iteration (the first entry is the start). */
  history: number[];
}

// The usual coefficients: reflection, expansion, contraction, shrink.
const [REFLECT, EXPAND, CONTRACT, SHRINK] = [1, 2, 0.5, 0.5];

export function nelderMead(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const { step = 0.5, tolerance = 1e-10, maxIterations = 1000, onIteration } = options;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return f(x);
  };
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, value: evaluate(x) }));
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i] - v));
  simplex.sort((a, b) => a.value - b.value);
  const history = [simplex[0].value];

  let iterations = 0;
  while (iterations < maxIterations && simplex[n].value - simplex[0].value > tolerance) {
    iterations++;
    const worst = simplex[n];
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((sum, p) => sum + p.x[j], 0) / n);
    const reflected = along(centroid, worst.x, -REFLECT);
    const rValue = evaluate(reflected);
    if (rValue < simplex[0].value) {
      const expanded = along(centroid, worst.x, -EXPAND);
      const eValue = evaluate(expanded);
      simplex[n] = eValue < rValue ? { x: expanded, value: eValue } : { x: reflected, value: rValue };
    } else if (rValue < simplex[n - 1].value) {
      simplex[n] = { x: reflected, value: rValue };
    } else {
      // Contract towards the better of the worst point and its reflection.
      const outside = rValue < worst.value;
      const contracted = along(centroid, outside ? reflected : worst.x, CONTRACT);
      const cValue = evaluate(contracted);
      if (cValue < Math.min(rValue, worst.value)) simplex[n] = { x: contracted, value: cValue };
      else {
        const best = simplex[0].x;
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = along(best, p.x, SHRINK);
          return { x, value: evaluate(x) };
        });
      }
    }
    simplex.sort((a, b) => a.value - b.value);
    history.push(simplex[0].value);
    onIteration?.(iterations, simplex[0].value);
  }
  return { x: simplex[0].x, value: simplex[0].value, iterations, evaluations, history };
}
