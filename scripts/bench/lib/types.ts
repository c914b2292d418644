// The contract between the runner (scripts/bench.ts) and an area module (scripts/bench/<area>.ts).
import type { BenchApp } from './app.ts';

export type Figures = Record<string, number | null>;

export interface FigureInfo {
  /** Shown in the table: "s", "ms", "bytes", "GB/s"… */
  unit: string;
  /** Shown in the table, e.g. "≤ 1000". */
  goal?: string;
}

export interface BenchContext {
  /** Progress line on stderr (stdout carries only the result). */
  log(message: string): void;
  /** Marks a figure as not measured; the runner reports it as null with this reason. */
  fail(key: string, reason: string): void;
  /** Seed for every generated input, so runs can be repeated (`--seed N`). */
  seed: number;
  /** The built app, served on 127.0.0.1, plus a browser (started on first use, shared by areas). */
  app(): Promise<BenchApp>;
}

export interface BenchArea {
  name: string;
  /** Every key the area reports, in table order: a key the run leaves out becomes null with a reason. */
  figures: Record<string, FigureInfo>;
  run(ctx: BenchContext): Promise<Figures>;
}
