// Reminders and timers reach the user as a system notification when allowed, and always
// as a toast in the app. They fire only while Jarvis is open (no push server: SPEC §0.1).
import { showToast } from '../../../lib/toasts.svelte.ts';

export type NotificationState = 'granted' | 'denied' | 'default' | 'unsupported';

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Must run from a user gesture (a button): browsers ignore requests made on their own. */
export async function askNotificationPermission(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export async function notify(title: string, body: string): Promise<void> {
  showToast(`${title}: ${body}`, { timeoutMs: 0 });
  if (notificationState() !== 'granted') return;
  try {
    // Android Chrome forbids `new Notification` in a page; the service worker can show one.
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) await registration.showNotification(title, { body, tag: `${title}:${body}` });
    else new Notification(title, { body });
  } catch {
    // The toast above already told the user.
  }
}
