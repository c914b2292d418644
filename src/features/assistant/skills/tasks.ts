// task.add (with a due time and a reminder), task.list, task.done.
import type { Slots } from '../../../../workers/assistant/slots.ts';
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';
import { formatDue } from '../../tasks/formatDue.ts';
import { clip } from './text.ts';

export async function addTask(slots: Slots, services: AssistantServices): Promise<Reply> {
  const title = (slots.title ?? slots.text ?? '').trim();
  if (!title) return { intent: 'task.add', text: 'What is the task? For example: “remind me to call mom tomorrow at 5pm”.' };
  const due = slots.due ? { at: slots.due.at, timeZone: slots.due.timeZone } : null;
  // A clock time chrono could not read ("at 99:99") would otherwise end up in the title.
  const unreadTime = !due ? /\b\d{1,2}:\d{2}\b/.exec(slots.text ?? title)?.[0] : undefined;
  if (unreadTime) {
    return { intent: 'task.add', text: `I could not read the time “${unreadTime}”, so I did not add the task. Try for example “remind me to ${clip(title.replace(unreadTime, '').replace(/\s+at\s*$/, '').trim() || 'call mom', 40)} at 17:30”.` };
  }
  if (due && due.at < services.now().getTime()) {
    const when = formatDue(due, services.now().getTime(), services.timeZone);
    return { intent: 'task.add', text: `That time (${when}) has already passed, so I did not add the task. When should it be due?` };
  }
  await (await services.data()).createTask({ title, due });
  if (!due) return { intent: 'task.add', text: `Added the task “${clip(title, 80)}”.`, links: [{ label: 'Tasks', href: '#/notes/tasks' }] };
  const when = formatDue(due, services.now().getTime(), services.timeZone);
  const notifications = services.notificationState();
  const reply: Reply = {
    intent: 'task.add',
    text: `Reminder set: “${clip(title, 80)}”, due ${when}. Reminders fire only while Jarvis is open.`,
    links: [{ label: 'Tasks', href: '#/notes/tasks' }],
  };
  if (notifications === 'default') reply.action = 'allow-notifications';
  if (notifications === 'denied') reply.text += ' Notifications are blocked for this site, so the reminder shows inside the app.';
  return reply;
}

export async function listTasks(services: AssistantServices): Promise<Reply> {
  const tasks = await (await services.data()).listTasks({ status: 'open' });
  if (tasks.length === 0) return { intent: 'task.list', text: 'You have no open tasks.' };
  const now = services.now().getTime();
  const lines = tasks
    .slice(0, 10)
    .map((t) => `• ${clip(t.title, 60)}${t.due ? ` (${formatDue(t.due, now, services.timeZone)})` : ''}`);
  const more = tasks.length > 10 ? `\n…and ${tasks.length - 10} more.` : '';
  return {
    intent: 'task.list',
    text: `${tasks.length === 1 ? 'One open task' : `${tasks.length} open tasks`}:\n${lines.join('\n')}${more}`,
    links: [{ label: 'Tasks', href: '#/notes/tasks' }],
  };
}

export async function completeTask(slots: Slots, services: AssistantServices): Promise<Reply> {
  const query = (slots.title ?? slots.text ?? '').trim();
  if (!query) return { intent: 'task.done', text: 'Which task is done? For example: “mark call mom as done”.' };
  const api = await services.data();
  const matches = await api.findTasks(query);
  if (matches.length === 0) return { intent: 'task.done', text: `I found no open task like “${clip(query, 60)}”.` };
  if (matches.length > 1 && matches[0].title.toLowerCase() !== query.toLowerCase()) {
    return {
      intent: 'task.done',
      text: `Several open tasks match “${clip(query, 60)}”: ${matches.slice(0, 5).map((t) => `“${clip(t.title, 40)}”`).join(', ')}. Which one?`,
    };
  }
  await api.updateTask(matches[0].id, { done: true });
  return { intent: 'task.done', text: `Marked “${clip(matches[0].title, 80)}” as done.` };
}
