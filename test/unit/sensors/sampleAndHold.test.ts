import { describe, expect, it } from 'vitest';
import { SampleAndHold } from '../../../src/features/sensors/sampleAndHold.ts';

describe('sample and hold (the recorder’s rows)', () => {
  it('one row per tick at origin + k·period, holding each channel’s latest reading at that time', () => {
    const grid = new SampleAndHold(['a.x', 'b.v'], 1000, 20);
    grid.note(1005, { 'a.x': 1 });
    grid.note(1020, { 'a.x': 2, other: 9 }); // arrives exactly at tick 1: counts
    grid.note(1031, { 'b.v': 5 });
    grid.note(1059, { 'a.x': null });
    expect(grid.rowsUntil(1039)).toEqual({ t: [1020], rows: [[2, NaN]] });
    expect(grid.rowsUntil(1075)).toEqual({ t: [1040, 1060], rows: [[2, 5], [NaN, 5]] });
    expect(grid.rowsUntil(1075)).toEqual({ t: [], rows: [] });
  });

  it('a late batch still gets every tick, from the readings’ own times (no drift, no loss)', () => {
    const grid = new SampleAndHold(['x'], 0, 1000 / 60);
    for (let i = 0; i < 600; i++) grid.note(i * 5 + 1, { x: i });
    const rows = [...grid.rowsUntil(1000).rows, ...grid.rowsUntil(2500).rows, ...grid.rowsUntil(3000).rows];
    expect(rows).toHaveLength(180); // 3 s at 60 Hz
    // Tick k (at k·16.67 ms) holds the reading that arrived last before it: i = floor((t − 1)/5).
    rows.forEach(([x], i) => expect(x).toBe(Math.floor(((i + 1) * (1000 / 60) - 1) / 5)));
  });

  it('skips ticks more than maxCatchUpMs overdue (a gap in t), keeping the latest values', () => {
    const grid = new SampleAndHold(['x'], 0, 100);
    grid.note(50, { x: 1 });
    grid.note(4000, { x: 2 });
    const { t, rows } = grid.rowsUntil(5000, 1000);
    expect(t).toEqual([4000, 4100, 4200, 4300, 4400, 4500, 4600, 4700, 4800, 4900, 5000]);
    expect(rows[0]).toEqual([2]);
  });

  it('restart: a new rate starts a new grid one period after', () => {
    const grid = new SampleAndHold(['x'], 0, 100);
    grid.note(10, { x: 1 });
    expect(grid.rowsUntil(250).t).toEqual([100, 200]);
    grid.restart(250, 50);
    expect(grid.rowsUntil(400)).toEqual({ t: [300, 350, 400], rows: [[1], [1], [1]] });
  });
});
