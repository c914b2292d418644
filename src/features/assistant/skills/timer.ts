// timer.set: "set a timer for 5 minutes". Timers survive a reload (alarms/timers.svelte.ts).
import type { Slots } from '../../../../workers/assistant/slots.ts';
import { formatDuration } from '../alarms/duration.ts';
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';

const DAY = 86_400_000;

export function setTimer(slots: Slots, services: AssistantServices): Reply {
  const ms = slots.durationMs;
  if (!ms || !Number.isFinite(ms) || ms <= 0) return { intent: 'timer.set', text: 'For how long? For example: “set a timer for 10 minutes”.' };
  if (ms > 7 * DAY) return { intent: 'timer.set', text: 'Timers go up to 7 days; for longer, add a task with a due date.' };
  const label = (slots.text ?? '').trim();
  services.startTimer(ms, label);
  const reply: Reply = {
    intent: 'timer.set',
    text: `Timer set for ${formatDuration(ms)}${label ? ` (${label})` : ''}. It rings only while Jarvis is open.`,
  };
  if (services.notificationState() === 'default') reply.action = 'allow-notifications';
  return reply;
}
