import { describe, expect, it } from 'vitest';
import { extractSlots } from '../../../workers/assistant/slots.ts';
import { createRouter } from '../../../workers/assistant/router.ts';

// Saturday 2026-03-07, 07:00 in New York (EST), 17:30 in Kolkata. The US switches to
// daylight time on Sunday 2026-03-08 at 02:00, so "tomorrow" in New York is UTC−4.
const now = new Date('2026-03-07T12:00:00Z');
const newYork = { now, timeZone: 'America/New_York' };
const kolkata = { now, timeZone: 'Asia/Kolkata' };
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('payload text', () => {
  it.each([
    ['remind me to call mom tomorrow at 5pm', 'task.add', 'call mom'],
    ['add a task to renew car insurance by friday', 'task.add', 'renew car insurance'],
    ['put buy batteries on my to-do list', 'task.add', 'buy batteries'],
    ['remind me in 20 minutes to check the oven', 'task.add', 'check the oven'],
    ['note: the wifi password is hunter2', 'note.add', 'the wifi password is hunter2'],
    ['add a note buy milk', 'note.add', 'buy milk'],
    ['take a note that the plumber comes on thursday', 'note.add', 'the plumber comes on thursday'],
    ['find my notes about the trip', 'note.find', 'trip'],
    ['search notes for wifi', 'note.find', 'wifi'],
    ['what was the wifi password', 'memory.ask', 'wifi password'],
    ['mark call mom as done', 'task.done', 'call mom'],
    ['done with call mom', 'task.done', 'call mom'],
    ['check off email the landlord', 'task.done', 'email the landlord'],
  ] as const)('%s → %s "%s"', (text, intent, expected) => {
    expect(extractSlots(text, intent, newYork).text).toBe(expected);
  });
});

describe('what the user typed is kept', () => {
  it('a misspelt word in a note or task stays as typed (typo fixing is for reading the command only)', () => {
    expect(extractSlots('note: my pasword is tulip', 'note.add', newYork).text).toBe('my pasword is tulip');
    expect(extractSlots('remnd me to email the tmer people tomorrow at 9am', 'task.add', newYork).text).toBe('email the tmer people');
  });

  it('a long note keeps its whole text, not just the part the router reads', () => {
    const body = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    expect(extractSlots(`note: ${body}`, 'note.add', newYork).text).toBe(body);
  });
});

describe('due times keep their time zone', () => {
  it('"tomorrow at 5pm" in New York is 17:00 local, across the DST switch', () => {
    const { due } = extractSlots('remind me to call mom tomorrow at 5pm', 'task.add', newYork);
    expect(due).toMatchObject({ timeZone: 'America/New_York', text: 'tomorrow at 5pm' });
    expect(iso(due?.at)).toBe('2026-03-08T21:00:00.000Z'); // 17:00 EDT
  });

  it('"tomorrow at 5pm" in Kolkata', () => {
    const { due } = extractSlots('remind me to call mom tomorrow at 5pm', 'task.add', kolkata);
    expect(due?.timeZone).toBe('Asia/Kolkata');
    expect(iso(due?.at)).toBe('2026-03-08T11:30:00.000Z'); // 17:00 IST (UTC+5:30)
  });

  it('a time already past today means its next occurrence', () => {
    // 06:30 has passed in New York (it is 07:00): tomorrow 06:30, which is daylight time.
    expect(iso(extractSlots('remind me at 6:30 to leave', 'task.add', newYork).due?.at)).toBe('2026-03-08T10:30:00.000Z');
    // 21:00 is still ahead in Kolkata (it is 17:30): today.
    expect(iso(extractSlots('remind me at 9pm to leave', 'task.add', kolkata).due?.at)).toBe('2026-03-07T15:30:00.000Z');
  });

  it('"next monday at 9am" keeps 09:00 after the switch', () => {
    expect(iso(extractSlots('remind me to file taxes next monday at 9am', 'task.add', newYork).due?.at)).toBe('2026-03-09T13:00:00.000Z');
  });

  it('"in 2 hours" is an exact span even across the switch', () => {
    const night = { now: new Date('2026-03-08T06:30:00Z'), timeZone: 'America/New_York' }; // 01:30 EST
    const slots = extractSlots('remind me in 2 hours to sleep', 'task.add', night);
    expect(iso(slots.due?.at)).toBe('2026-03-08T08:30:00.000Z'); // 04:30 EDT
    expect(slots.durationMs).toBe(7_200_000);
    expect(slots.text).toBe('sleep');
  });

  it('the router passes the time zone through', async () => {
    const routed = await createRouter().route('remind me to call mom tomorrow at 5pm', kolkata);
    expect(routed.intent).toBe('task.add');
    expect(routed.slots.due?.timeZone).toBe('Asia/Kolkata');
  });
});

describe('durations', () => {
  it.each([
    ['set a timer for 5 minutes', 300_000],
    ['set a timer for five minutes', 300_000],
    ['count down 90 seconds', 90_000],
    ['timer for 1h30m', 5_400_000],
    ['timer for 2 hours and 15 minutes', 8_100_000],
    ['timer for half an hour', 1_800_000],
    ['timer for an hour and a half', 5_400_000],
    ['twenty five minute timer', 1_500_000],
    ['timer 90s', 90_000],
  ])('%s → %i ms', (text, ms) => {
    expect(extractSlots(text, 'timer.set', newYork).durationMs).toBe(ms);
  });

  it('labels a timer by its quoted title or its kind', () => {
    expect(extractSlots('start a timer called "Tea" for four minutes', 'timer.set', newYork)).toMatchObject({ title: 'Tea', text: 'Tea', durationMs: 240_000 });
    expect(extractSlots('set an egg timer for 7 minutes', 'timer.set', newYork).text).toBe('egg');
  });
});

describe('quantum, sensors, titles and numbers', () => {
  it.each([
    ['make a 3-qubit GHZ state', 'ghz', 3],
    ['make a ghz with twelve qubits', 'ghz', 12],
    ['run grover with 1 qubit', 'grover', 1],
    ['simulate deutsch-jozsa with 4 qubits', 'deutsch-jozsa', 4],
    ['do a bernstein vazirani circuit for 6 qubits', 'bernstein-vazirani', 6],
    ['quantum fourier transform on 10 qubits', 'qft', 10],
    ['run vqe on two qubits', 'vqe', 2],
    ['create a qaoa circuit with 24 qubits', 'qaoa', 24],
    ['run the teleportation circuit', 'teleportation', undefined],
    ['run a bell state', 'bell', undefined],
  ])('%s → %s on %s qubits', (text, template, qubits) => {
    const slots = extractSlots(text, 'quantum.run', newYork);
    expect(slots.template).toBe(template);
    expect(slots.qubits).toBe(qubits);
  });

  it('sensors and rates', () => {
    expect(extractSlots('start recording motion at 20 hz', 'sensor.record.start', newYork)).toMatchObject({ sensors: ['motion'], rateHz: 20 });
    expect(extractSlots('record motion and orientation at 50hz', 'sensor.record.start', newYork)).toMatchObject({ sensors: ['motion', 'orientation'], rateHz: 50 });
    expect(extractSlots('record gps every 2 seconds', 'sensor.record.start', newYork)).toMatchObject({ sensors: ['geolocation'], rateHz: 0.5 });
    expect(extractSlots('log the light sensor at ten hertz', 'sensor.record.start', newYork)).toMatchObject({ sensors: ['light'], rateHz: 10 });
  });

  it('quoted titles, but not apostrophes', () => {
    expect(extractSlots('create a task "Submit report" due tomorrow 9am', 'task.add', newYork)).toMatchObject({ title: 'Submit report', text: 'Submit report' });
    expect(extractSlots("add note 'Gift list' scarf for mum", 'note.add', newYork)).toMatchObject({ title: 'Gift list', text: 'scarf for mum' });
    expect(extractSlots("when is alice's birthday and bob's party", 'memory.ask', newYork).title).toBeUndefined();
  });

  it('numbers in digits, words and ordinals', () => {
    expect(extractSlots('mark the first task done', 'task.done', newYork).number).toBe(1);
    expect(extractSlots('show me seventeen things', 'help', newYork).number).toBe(17);
    expect(extractSlots('show me twenty-one things', 'help', newYork).number).toBe(21);
    expect(extractSlots('record the light level every second', 'sensor.record.start', newYork).number).toBeUndefined();
  });

  it('never throws on odd input', () => {
    for (const text of ['', '🙂🙂🙂', 'מה השעה', '<script>alert(1)</script>', 'x'.repeat(10_000), '"', "'"]) {
      expect(() => extractSlots(text, 'task.add', newYork)).not.toThrow();
      expect(() => extractSlots(text, 'timer.set', newYork)).not.toThrow();
      expect(() => extractSlots(text, 'note.add', newYork)).not.toThrow();
    }
  });
});
