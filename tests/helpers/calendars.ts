/**
 * Reading iCalendar text back with ical.js, a parser independent of the library that writes the feeds
 * (ical-generator): what a calendar application would see of each feed and event.
 */
import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  /** AAAA-MM-JJ. */
  start: string;
  /** Whether DTSTART is a date without time (an all-day event). */
  allDay: boolean;
  /** AAAA-MM-JJ, exclusive: the day after the last day. */
  end: string;
  url: string;
  /** DTSTAMP as an ISO 8601 UTC date-time. */
  stamp: string;
  transparency: string;
}

export interface ParsedCalendar {
  /** Properties of the VCALENDAR, by lower-case name, as ical.js decodes them. */
  properties: Map<string, string>;
  events: ParsedEvent[];
}

export function parseCalendar(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const properties = new Map(calendar.getAllProperties().map((p) => [p.name, String(p.getFirstValue())]));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const stamp = component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      end: event.endDate.toString(),
      url: String(component.getFirstPropertyValue('url')),
      stamp: stamp.toJSDate().toISOString(),
      transparency: String(component.getFirstPropertyValue('transp')),
    };
  });
  return { properties, events };
}

/** The content lines of a calendar as written (folded), without their CRLF; throws on a bare LF. */
export function physicalLines(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('the calendar does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  const bare = lines.find((line) => line.includes('\n') || line.includes('\r'));
  if (bare !== undefined) throw new Error(`a line break that is not CRLF: ${JSON.stringify(bare)}`);
  return lines;
}
