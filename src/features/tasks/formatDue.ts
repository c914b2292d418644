// A due time as the user expects to read it: in the task's own time zone, named when it
// is not this device's ("Tomorrow 17:00", "Mon 3 Mar, 17:00 (New York)"). Intl does the
// calendar work; the only sum here is the difference between two calendar days.

import type { TaskDue } from '../../../workers/data/api.ts';

export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "America/New_York" → "New York". */
export function zoneName(timeZone: string): string {
  return timeZone.split('/').at(-1)!.replaceAll('_', ' ');
}

export function formatDue(due: TaskDue, now: number, deviceZone = deviceTimeZone(), locale?: string): string {
  const zone = knownZone(due.timeZone) ? due.timeZone : deviceZone;
  const days = calendarDay(due.at, zone) - calendarDay(now, zone);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(due.at);
  let text: string;
  if (Math.abs(days) <= 1) {
    const day = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    text = `${day.charAt(0).toLocaleUpperCase(locale)}${day.slice(1)} ${time}`;
  } else {
    const sameYear = new Date(due.at).getUTCFullYear() === new Date(now).getUTCFullYear();
    text = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: sameYear ? undefined : 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }).format(due.at);
  }
  return sameZone(zone, deviceZone) ? text : `${text} (${zoneName(zone)})`;
}

/** The calendar day of `at` in `timeZone`, as a count of days (only differences matter). */
function calendarDay(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000;
}

function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function sameZone(a: string, b: string): boolean {
  const canonical = (zone: string) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return canonical(a) === canonical(b);
}
