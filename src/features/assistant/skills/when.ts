// A due time in words, in the zone it was set in ("tomorrow at 17:00", "on Tue 10 Mar at
// 09:00 (New York time)"). The day words compare calendar days in that zone.

function dayKey(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function daysBetween(from: number, to: number, timeZone: string): number {
  const a = Date.parse(dayKey(from, timeZone));
  const b = Date.parse(dayKey(to, timeZone));
  return Math.round((b - a) / 86_400_000);
}

function cityOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

export function formatDue(due: { at: number; timeZone: string }, now: Date, deviceTimeZone: string, locale?: string): string {
  const { at, timeZone } = due;
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const days = daysBetween(now.getTime(), at, timeZone);
  let day: string;
  if (days === 0) day = 'today';
  else if (days === 1) day = 'tomorrow';
  else if (days === -1) day = 'yesterday';
  else {
    const sameYear = dayKey(at, timeZone).slice(0, 4) === dayKey(now.getTime(), timeZone).slice(0, 4);
    day = `on ${new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(at)}`;
  }
  const zone = timeZone === deviceTimeZone ? '' : ` (${cityOf(timeZone)} time)`;
  return `${day} at ${time}${zone}`;
}
