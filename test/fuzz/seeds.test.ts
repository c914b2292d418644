// The convergence fuzz's seeds FUZZ_FIRST_SEED … FUZZ_FIRST_SEED + FUZZ_SEEDS − 1 (× FUZZ_OPS
// operations). `npm run test:fuzz` (scripts/fuzz.ts) runs this file once per chunk of seeds,
// two processes at a time. What a seed does: test/unit/sync/fuzz/simulation.ts.
import { fuzzSeeds } from '../unit/sync/fuzz/seeds.ts';

const first = Number(process.env.FUZZ_FIRST_SEED ?? 1);
const count = Number(process.env.FUZZ_SEEDS ?? 5);
fuzzSeeds(first, count);
