/**
 * The preference centre's choices as rules: which marketing templates a topic covers, the pauses on offer, and
 * whether a step may go given an address's choices. Pure: the store reads and writes the choices, the worker
 * asks `preferenceStop` at release, as it checks a suppression.
 */

export const TOPICS = ['reviews', 'offers', 'referral', 'thanks'] as const;
export type Topic = (typeof TOPICS)[number];

/** The marketing templates each topic covers; a topic off stops exactly these. */
export const TOPIC_TEMPLATES: Readonly<Record<Topic, readonly string[]>> = {
  reviews: ['review-request'],
  offers: ['cross-sell', 'replenishment', 'win-back'],
  referral: ['referral'],
  thanks: ['thank-you'],
};

export const PAUSE_DAYS = [30, 60, 90] as const;
export type PauseDays = (typeof PAUSE_DAYS)[number];

export type Preferences = Readonly<{
  /** Topics switched off (in TOPICS order). */
  topicsOff: readonly Topic[];
  /** `YYYY-MM-DD`: marketing pauses until this day, on the customer's calendar (steps on that day go). */
  pausedUntil: string | null;
  /** No marketing at all (transactional mail goes on). */
  noMarketing: boolean;
}>;

/** An address that never chose: every topic on, no pause. */
export const EVERYTHING: Preferences = { topicsOff: [], pausedUntil: null, noMarketing: false };

export const isTopic = (value: string): value is Topic => (TOPICS as readonly string[]).includes(value);

export function topicOf(template: string): Topic | undefined {
  return TOPICS.find((t) => TOPIC_TEMPLATES[t].includes(template));
}

const DAY_MS = 86_400_000;

/** The calendar day (`YYYY-MM-DD`) at `epochMs` on a clock `offsetMinutes` ahead of UTC. */
export function dayAt(epochMs: number, offsetMinutes = 0): string {
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The last day of a pause of `days` starting on `today` (`YYYY-MM-DD`): the day marketing resumes. */
export function pauseEnd(today: string, days: PauseDays): string {
  return dayAt(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS);
}

/** The offset of an ISO time with one (`2026-11-21T10:00:00+09:00` → 540), 0 without. */
export function offsetOf(localIso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(localIso);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * Why an address's choices stop a marketing step going out at `goesMs` (its customer's clock `offsetMinutes`
 * ahead of UTC), for `status`; undefined when they let it go. Transactional mail is never asked about.
 */
export function preferenceStop(
  prefs: Preferences,
  template: string,
  goesMs: number,
  offsetMinutes: number,
): string | undefined {
  if (prefs.noMarketing) return 'preferences: no marketing';
  if (prefs.pausedUntil !== null && dayAt(goesMs, offsetMinutes) < prefs.pausedUntil)
    return `preferences: paused until ${prefs.pausedUntil}`;
  const topic = topicOf(template);
  if (topic !== undefined && prefs.topicsOff.includes(topic)) return `preferences: ${topic} off`;
  return undefined;
}
