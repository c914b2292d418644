// Short messages at the bottom of the screen, optionally with one action ("Undo", "Reload").
// Errors also go to the System log.
import { logSystem } from './systemLog.svelte.ts';

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
  /** Stays until dismissed when 0. */
  timeoutMs: number;
  tone: 'info' | 'error';
}

let nextId = 1;
export const toasts = $state<Toast[]>([]);

export function showToast(message: string, options: Partial<Omit<Toast, 'id' | 'message'>> = {}): number {
  const toast: Toast = { id: nextId++, message, timeoutMs: 6000, tone: 'info', ...options };
  toasts.push(toast);
  if (toast.timeoutMs > 0) setTimeout(() => dismissToast(toast.id), toast.timeoutMs);
  return toast.id;
}

export function showError(message: string): number {
  logSystem('app', message, 'error');
  return showToast(message, { tone: 'error', timeoutMs: 10000 });
}

export function dismissToast(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index >= 0) toasts.splice(index, 1);
}
