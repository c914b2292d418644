import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, undo } from '../../../src/features/quantum/editor/history.ts';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = record(record(createHistory(1), 2), 3);
    expect(h.present).toBe(3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h); // nothing to undo: unchanged
    h = redo(redo(h));
    expect(h.present).toBe(3);
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it('a new edit after undo drops the redo branch', () => {
    const h = record(undo(record(createHistory('a'), 'b')), 'c');
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('a');
  });

  it('keeps at most `limit` past snapshots', () => {
    let h = createHistory(0, 3);
    for (let i = 1; i <= 10; i++) h = record(h, i);
    expect(h.past).toEqual([7, 8, 9]);
    while (canUndo(h)) h = undo(h);
    expect(h.present).toBe(7);
    while (canRedo(h)) h = redo(h);
    expect(h.present).toBe(10);
  });

  it('does not change the history it was given', () => {
    const h = createHistory(1);
    record(h, 2);
    expect(h).toEqual({ past: [], present: 1, future: [], limit: 100 });
  });
});
