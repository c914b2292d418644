// The assistant's battery.status reply, with the battery service's mode.
import { describe, expect, it } from 'vitest';
import { batteryStatus } from '../../../src/features/assistant/skills/device.ts';
import type { AssistantServices, BatteryReading } from '../../../src/features/assistant/services.ts';

const withBattery = (reading: BatteryReading) => ({ battery: async () => reading }) as unknown as AssistantServices;

describe('battery.status', () => {
  it('says the level and charging state; normal mode adds nothing', async () => {
    expect((await batteryStatus(withBattery({ level: 0.42, charging: false, mode: 'normal' }))).text).toBe('Battery at 42 %, not charging.');
  });

  it('says what saver and critical do', async () => {
    const saver = await batteryStatus(withBattery({ level: 0.15, charging: false, mode: 'saver' }));
    expect(saver.text).toBe(
      'Battery at 15 %, not charging. Battery saver is on: background embedding paused, recordings capped at 10 Hz, simulations on one thread, wake word off.',
    );
    const critical = await batteryStatus(withBattery({ level: 0.05, charging: false, mode: 'critical' }));
    expect(critical.text).toMatch(/^Battery at 5 %, not charging\. Critical battery mode is on: .*indexing stopped, recordings capped at 5 Hz/);
  });

  it('names an override chosen in Settings, also without a Battery Status API', async () => {
    expect((await batteryStatus(withBattery({ level: 0.9, charging: true, mode: 'critical', overridden: true }))).text).toMatch(
      /^Battery at 90 %, charging\. Critical battery mode is on \(chosen in Settings\):/,
    );
    expect((await batteryStatus(withBattery({ level: null, charging: null, mode: 'normal' }))).text).toBe(
      'This browser does not report the battery level.',
    );
    expect((await batteryStatus(withBattery({ level: null, charging: null, mode: 'saver', overridden: true }))).text).toMatch(
      /^This browser does not report the battery level\. Battery saver is on \(chosen in Settings\)/,
    );
  });
});
