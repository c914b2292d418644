// Task reminders: a notification when an open task falls due while the app is open; one
// that fell due while it was closed is announced at the next start ("was due …"). Only one
// tab runs the scheduler (a Web Lock), so two open tabs do not remind twice.
import type { TaskView } from '../../../../workers/data/api.ts';
import { data, watchTasks } from '../../../lib/data.ts';
import { notify } from './notify.ts';

const MAX_DELAY = 2 ** 31 - 1;

function schedule(): () => void {
  const handles = new Map<string, ReturnType<typeof setTimeout>>();
  const fired = new Set<string>();

  async function fire(task: TaskView, late: boolean): Promise<void> {
    if (fired.has(task.id)) return;
    fired.add(task.id);
    try {
      await (await data()).updateTask(task.id, { remindedAt: Date.now() });
    } catch {
      // A task from a newer app cannot be written; remind anyway, once per page session.
    }
    await notify('Reminder', late ? `${task.title} (was due while Jarvis was closed)` : task.title);
  }

  function arm(task: TaskView, startedAt: number): void {
    const due = task.due!.at;
    const wait = due - Date.now();
    if (wait <= 0) {
      void fire(task, due < startedAt);
      return;
    }
    handles.set(task.id, setTimeout(() => arm(task, startedAt), Math.min(wait, MAX_DELAY)));
  }

  const startedAt = Date.now();
  const stop = watchTasks({ status: 'open' }, (tasks) => {
    for (const handle of handles.values()) clearTimeout(handle);
    handles.clear();
    for (const task of tasks) {
      if (task.due && task.remindedAt === null && !task.tooNew) arm(task, startedAt);
    }
  });
  return () => {
    stop();
    for (const handle of handles.values()) clearTimeout(handle);
  };
}

/** Called once at start-up. */
export function startReminders(): void {
  if (navigator.locks) {
    // Held for the life of the page; the next tab takes over when this one closes.
    void navigator.locks.request('jarvis-reminders', () => {
      schedule();
      return new Promise<never>(() => {});
    });
  } else {
    schedule();
  }
}
