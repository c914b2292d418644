// The assistant end to end in Node: the real router (rules + the built-in embedding model),
// the real data service (fake-indexeddb), the real memory index and the real quantum kernel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respond } from '../../../src/features/assistant/respond.ts';
import type { AssistantServices } from '../../../src/features/assistant/services.ts';
import { openDevice } from '../helpers.ts';
import { nodeServices } from './nodeServices.ts';

// Saturday 2026-03-07 12:00 UTC = 13:00 in Berlin.
const NOW = new Date('2026-03-07T12:00:00Z');
const timers: number[] = [];
let device: Awaited<ReturnType<typeof openDevice>>;
let services: AssistantServices;

beforeAll(async () => {
  device = await openDevice();
  services = await nodeServices({
    device,
    now: NOW,
    withModel: true,
    timers,
    // The sensors service lives on the page (device APIs); here it answers like a phone in battery saver.
    sensors: {
      status: async () => [
        { label: 'Motion', state: 'available' },
        { label: 'Light', state: 'not available on this device' },
      ],
      start: async (sensors, rateHz) => ({ labels: sensors.map((s) => s[0].toUpperCase() + s.slice(1)), rateHz: Math.min(rateHz, 10), requestedHz: rateHz }),
      stop: async () => ({ samples: 200, seconds: 20 }),
    },
  });
}, 60_000);

afterAll(() => device.close());

describe('the assistant answers from what it was told', () => {
  it('remembers a fact and quotes it back; says so when it knows nothing', async () => {
    expect((await respond('note: the wifi password is hunter2', services)).text).toMatch(/^Saved a note/);
    await respond('note: parking is on level B2, spot 14', services);
    await respond('note: dentist appointment on friday at 3pm', services);
    const answer = await respond('what was the wifi password', services);
    expect(answer.intent).toBe('memory.ask');
    expect(answer.quote?.text).toMatch(/wifi password is hunter2/i);
    expect(answer.quote?.why).toMatch(/wifi|password/);

    const car = await respond('where did I park the car', services);
    expect(car.quote?.text).toMatch(/level B2/);

    // Nothing stored about it: a hedge at most, never a confident wrong answer.
    const unknown = await respond('what is my blood type', services);
    expect(unknown.text).not.toMatch(/^From your/);
    expect((await respond('who won the world cup in 1966', services)).text).not.toMatch(/^From your/);
  });

  it('finds notes by topic and links them', async () => {
    const reply = await respond('find my notes about parking', services);
    expect(reply.intent).toBe('note.find');
    expect(reply.links?.[0].label).toMatch(/parking/i);
    expect(reply.links?.[0].href).toMatch(/^#\/notes\//);
  });
});

describe('tasks, timers and the rest', () => {
  it('adds a task with a due time in its zone, lists it, and marks it done', async () => {
    const reply = await respond('remind me to call mom tomorrow at 5pm', services);
    expect(reply.intent).toBe('task.add');
    expect(reply.action).toBe('allow-notifications');
    const [task] = await device.service.listTasks({ status: 'open' });
    expect(task.title).toBe('call mom');
    expect(task.due).toEqual({ at: Date.parse('2026-03-08T16:00:00Z'), timeZone: 'Europe/Berlin' });

    expect((await respond('what are my tasks', services)).text).toMatch(/call mom \(Tomorrow/);
    expect((await respond('mark call mom as done', services)).text).toBe('Marked “call mom” as done.');
    expect(await device.service.listTasks({ status: 'open' })).toHaveLength(0);
    expect((await respond('mark call mom as done', services)).text).toMatch(/no open task/);
  });

  it('refuses a time it cannot read or one already past, and adds nothing', async () => {
    const before = (await device.service.listTasks({})).length;
    expect((await respond('remind me to feed the cat at 99:99', services)).text).toMatch(/^I could not read the time “99:99”, so I did not add the task\./);
    expect((await respond('remind me to call mom yesterday at 5pm', services)).text).toMatch(/^That time \(.*\) has already passed, so I did not add the task\./);
    expect(await device.service.listTasks({})).toHaveLength(before);
  });

  it('sets a timer', async () => {
    const reply = await respond('set a timer for 5 minutes', services);
    expect(reply.text).toMatch(/^Timer set for 5 minutes/);
    expect(timers.at(-1)).toBe(300_000);
  });

  it('runs a quantum template by name and size in the real kernel', async () => {
    const reply = await respond('make a 3-qubit GHZ state', services);
    expect(reply.text).toContain('|000⟩ 50.0 %');
    expect(reply.text).toContain('|111⟩ 50.0 %');
    expect(reply.links?.[0].qasm).toMatch(/qreg q\[3\];/);
    const teleport = await respond('run the teleportation circuit', services);
    expect(teleport.text).toMatch(/^Ran the teleportation: .*\/1024/);
    expect((await respond('run grover on 9 qubits', services)).text).toMatch(/cannot build that: Grover/);
  });

  it('battery, system, help, the sync link, sensor status and recordings', async () => {
    expect((await respond('how much battery do I have', services)).text).toBe('Battery at 42 %, not charging.');
    expect((await respond('system status', services)).text).toMatch(/notes, \d+ documents/);
    expect((await respond('help', services)).text).toMatch(/what I can do/);
    const share = await respond('share a sync link', services);
    expect(share.text).toMatch(/sync link is ready/);
    expect(share.text).not.toMatch(/join/); // the secret is never stored in the conversation
    expect((await respond('start recording motion at 20 hz', services)).text).toBe(
      'Recording Motion at 10 Hz (20 Hz asked; the battery mode caps it). Say “stop recording” to stop.',
    );
    expect((await respond('stop recording', services)).text).toBe('Stopped: 200 samples over 20 s, saved under Sensors.');
    expect((await respond('which sensors are working', services)).text).toMatch(/^Working now: Motion\.\nLight: not available on this device$/);
  });

  it('odd input gets a reply, never an exception', async () => {
    for (const text of ['', '   ', '🙂🙂🙂', 'מה השעה', '<script>alert(1)</script>', 'x'.repeat(10_000), '\u0000\u0001']) {
      const reply = await respond(text, services);
      expect(reply.text.length, JSON.stringify(text.slice(0, 20))).toBeGreaterThan(0);
    }
  });
});
