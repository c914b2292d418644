import { describe, expect, it } from 'vitest';
import {
  effects,
  modeLabel,
  nextMode,
  rateCap,
  type BatteryMode,
  type BatteryReading,
} from '../../../src/lib/battery/policy.ts';

const discharging = (level: number): BatteryReading => ({ level, charging: false });
const charging = (level: number): BatteryReading => ({ level, charging: true });

/** Feeds readings one after another from `start`, returning the mode after each. */
function run(readings: (BatteryReading | null)[], start: BatteryMode = 'normal'): BatteryMode[] {
  const modes: BatteryMode[] = [];
  let mode = start;
  for (const reading of readings) {
    mode = nextMode(mode, reading);
    modes.push(mode);
  }
  return modes;
}

describe('battery policy: nextMode', () => {
  it('enters saver below 20 % and critical below 10 % while discharging', () => {
    expect(nextMode('normal', discharging(0.5))).toBe('normal');
    expect(nextMode('normal', discharging(0.2))).toBe('normal');
    expect(nextMode('normal', discharging(0.19))).toBe('saver');
    expect(nextMode('normal', discharging(0.1))).toBe('saver');
    expect(nextMode('saver', discharging(0.1))).toBe('saver');
    expect(nextMode('saver', discharging(0.09))).toBe('critical');
    expect(nextMode('normal', discharging(0))).toBe('critical');
  });

  it('jumps straight to the mode a big drop calls for', () => {
    expect(nextMode('normal', discharging(0.05))).toBe('critical');
    expect(nextMode('normal', discharging(0.15))).toBe('saver');
  });

  it('needs 2 points of margin to leave saver (no flapping at 20 %)', () => {
    expect(run([0.25, 0.19, 0.2, 0.21, 0.19, 0.21, 0.22].map(discharging))).toEqual([
      'normal',
      'saver',
      'saver',
      'saver',
      'saver',
      'saver',
      'normal',
    ]);
    expect(nextMode('saver', discharging(0.219))).toBe('saver');
    expect(nextMode('saver', discharging(0.22))).toBe('normal');
  });

  it('needs 2 points of margin to leave critical, to saver below 22 % and to normal above', () => {
    expect(run([0.09, 0.1, 0.11, 0.09, 0.119, 0.12, 0.15, 0.21, 0.22].map(discharging))).toEqual([
      'critical',
      'critical',
      'critical',
      'critical',
      'critical',
      'saver',
      'saver',
      'saver',
      'normal',
    ]);
    expect(nextMode('critical', discharging(0.21))).toBe('saver');
    expect(nextMode('critical', discharging(0.22))).toBe('normal');
    expect(nextMode('critical', discharging(0.9))).toBe('normal');
  });

  it('a saver reached from critical still needs 22 % to become normal', () => {
    expect(run([0.05, 0.13, 0.2, 0.21, 0.19, 0.22].map(discharging))).toEqual(['critical', 'saver', 'saver', 'saver', 'saver', 'normal']);
  });

  it('charging returns to normal at once, whatever the level; unplugging applies the thresholds again', () => {
    for (const mode of ['normal', 'saver', 'critical'] as const) {
      expect(nextMode(mode, charging(0.01))).toBe('normal');
      expect(nextMode(mode, charging(0.15))).toBe('normal');
    }
    expect(run([discharging(0.15), charging(0.15), discharging(0.15), discharging(0.05), charging(0.05), discharging(0.05)])).toEqual([
      'saver',
      'normal',
      'saver',
      'critical',
      'normal',
      'critical',
    ]);
    // Charged to 21 % then unplugged: below 20 % is what enters saver, so 21 % is normal.
    expect(nextMode(nextMode('saver', charging(0.21)), discharging(0.21))).toBe('normal');
  });

  it('no reading (no Battery Status API) or a level that is not a number: normal', () => {
    for (const mode of ['normal', 'saver', 'critical'] as const) {
      expect(nextMode(mode, null)).toBe('normal');
      expect(nextMode(mode, discharging(Number.NaN))).toBe('normal');
      expect(nextMode(mode, discharging(Number.POSITIVE_INFINITY))).toBe('normal');
    }
  });

  it('every pair (current mode, level) in whole percent follows the rules', () => {
    const expected = (current: BatteryMode, p: number): BatteryMode => {
      if (current === 'normal') return p < 10 ? 'critical' : p < 20 ? 'saver' : 'normal';
      if (current === 'saver') return p < 10 ? 'critical' : p >= 22 ? 'normal' : 'saver';
      return p >= 22 ? 'normal' : p >= 12 ? 'saver' : 'critical';
    };
    for (const current of ['normal', 'saver', 'critical'] as const) {
      for (let p = 0; p <= 100; p++) {
        expect(nextMode(current, discharging(p / 100)), `${current} at ${p} %`).toBe(expected(current, p));
      }
    }
  });
});

describe('battery policy: caps and effects', () => {
  it('caps recording rates at 60 / 10 / 5 Hz', () => {
    expect(rateCap('normal')).toBe(60);
    expect(rateCap('saver')).toBe(10);
    expect(rateCap('critical')).toBe(5);
  });

  it('saver pauses background embedding, one simulation thread, no wake word; critical also stops indexing', () => {
    expect(effects('normal')).toEqual({
      backgroundEmbedding: true,
      backgroundIndexing: true,
      simulationThreads: 'auto',
      wakeWord: true,
      maxRecordingHz: 60,
    });
    expect(effects('saver')).toEqual({
      backgroundEmbedding: false,
      backgroundIndexing: true,
      simulationThreads: 1,
      wakeWord: false,
      maxRecordingHz: 10,
    });
    expect(effects('critical')).toEqual({
      backgroundEmbedding: false,
      backgroundIndexing: false,
      simulationThreads: 1,
      wakeWord: false,
      maxRecordingHz: 5,
    });
  });

  it('labels the modes with exactly the badge words', () => {
    expect(['normal', 'saver', 'critical'].map((m) => modeLabel(m as BatteryMode))).toEqual(['Normal', 'Saver', 'Critical']);
  });
});
