// Time-zone arithmetic with Intl only: chrono-node takes a fixed UTC offset, so we give it the
// zone's offset at `now` and then re-anchor wall-clock results to the zone's offset on the
// result's own day (a due time across a DST switch keeps its local time).

/** Minutes east of UTC of an IANA zone at an instant (New York in winter: −300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name);
  if (!match) return 0; // "GMT" alone: UTC
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** `timeZone` if Intl knows it, else 'UTC'. */
export function validTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * An instant that chrono computed with a fixed offset, moved so that its wall-clock time is
 * the same in `timeZone` on that day.
 */
export function reanchor(instant: Date, fixedOffset: number, timeZone: string): Date {
  const wall = instant.getTime() + fixedOffset * 60_000; // wall-clock time written as if UTC
  let guess = wall - offsetMinutes(instant, timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}
