// The convergence fuzz the issue asks of CI: seeds 101–200 of 200 (the other half runs
// beside this file, on the other core). What a seed does: test/unit/sync/fuzz/simulation.ts.
import { fuzzSeeds } from '../unit/sync/fuzz/seeds.ts';

fuzzSeeds(101, 100);
