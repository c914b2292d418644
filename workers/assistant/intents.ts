// The assistant's intent labels (SPEC §9: `npm run eval:intents` scores against these).

export const INTENTS = [
  'note.add',
  'note.find',
  'task.add',
  'task.list',
  'task.done',
  'timer.set',
  'quantum.run',
  'battery.status',
  'sensor.status',
  'sensor.record.start',
  'sensor.record.stop',
  'sync.share',
  'system.status',
  'help',
  'memory.ask',
] as const;

export type Intent = (typeof INTENTS)[number];
/** What the router answers when nothing fits well enough. */
export type Prediction = Intent | 'unknown';

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}
