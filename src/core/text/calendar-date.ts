/** Dates written AAAA-MM-JJ, as the schemas store them. */

/** Whether a text is an AAAA-MM-JJ date that exists in the calendar (no 31 February). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}
