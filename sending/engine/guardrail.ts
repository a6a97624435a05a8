/**
 * The complaint guardrail: marketing's complaint rate over the last 24 h (complaints ÷ delivered, from the
 * events Resend's webhook records). Mailbox providers turn away senders whose spam rate reaches 0.3 %
 * (Gmail's bulk-sender rules), so at 0.3 % with at least 1,000 delivered marketing stops going out at release
 * (transactional mail goes on) until `send resume-marketing` lifts it; at 0.1 % it warns. The trip is recorded
 * in the store, so every worker and server sees it.
 */
import type { Db } from '../store/db';
import { clearTrip, marketingCounts, readTrip, recordTrip, resumedAt } from '../store/guardrail';

/** Per mille: 3 ‰ = 0.3 %. Integer arithmetic, so 0.29 % is never rounded up to 0.3 %. */
export const TRIP_PER_MILLE = 3;
export const WARN_PER_MILLE = 1;
/** Below this many delivered, a complaint or two says nothing about the list. */
export const MIN_DELIVERED = 1000;
export const WINDOW_MS = 86_400_000;

export type GuardrailState = Readonly<{
  /** `tripped`: marketing is held; `warning`: at 0.1 % or more; `ok` otherwise. */
  state: 'ok' | 'warning' | 'tripped';
  /** Over the last 24 h (since a resume, if later). */
  delivered: number;
  complaints: number;
  /** complaints ÷ delivered, 0 when nothing was delivered. */
  rate: number;
  /** When it tripped, and the figures it tripped on. */
  trippedAt?: string;
  trippedOn?: Readonly<{ delivered: number; complaints: number; rate: number }>;
  /** One line for `status`, the log and /healthz. */
  message: string;
}>;

const percent = (rate: number) => `${(rate * 100).toFixed(2)} %`;

export function judge(delivered: number, complaints: number): 'ok' | 'warning' | 'trip' {
  if (delivered < MIN_DELIVERED) return 'ok';
  if (complaints * 1000 >= delivered * TRIP_PER_MILLE) return 'trip';
  if (complaints * 1000 >= delivered * WARN_PER_MILLE) return 'warning';
  return 'ok';
}

type Trip = Readonly<{ at: string; delivered: number; complaints: number; rate: number }>;

function parseTrip(value: string | undefined): Trip | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as Trip;
  } catch {
    return { at: new Date(0).toISOString(), delivered: 0, complaints: 0, rate: 0 };
  }
}

/** The guardrail as it stands (nothing recorded): for `status`, /healthz and /metrics. */
export async function guardrailState(db: Db, now: Date = new Date()): Promise<GuardrailState> {
  const resumed = await resumedAt(db);
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const since = resumed && resumed > windowStart ? resumed : windowStart;
  const [counts, trip] = await Promise.all([marketingCounts(db, since), readTrip(db).then(parseTrip)]);
  const { delivered, complaints } = counts;
  const rate = delivered === 0 ? 0 : complaints / delivered;
  const figures = `${complaints} complaint(s) / ${delivered} delivered marketing emails in 24 h = ${percent(rate)}`;
  if (trip)
    return {
      state: 'tripped',
      delivered,
      complaints,
      rate,
      trippedAt: trip.at,
      trippedOn: { delivered: trip.delivered, complaints: trip.complaints, rate: trip.rate },
      message: `marketing paused by the complaint guardrail since ${trip.at} (${trip.complaints} / ${trip.delivered} = ${percent(trip.rate)}, at or over 0.3 %); transactional mail goes on; \`send resume-marketing\` lifts it`,
    };
  const verdict = judge(delivered, complaints);
  if (verdict === 'ok')
    return { state: 'ok', delivered, complaints, rate, message: `complaint rate ok: ${figures}` };
  return {
    state: verdict === 'trip' ? 'tripped' : 'warning',
    delivered,
    complaints,
    rate,
    message:
      verdict === 'trip'
        ? `complaint rate at or over 0.3 %: ${figures}; marketing stops at the next release`
        : `complaint rate warning (0.1 % or more): ${figures}`,
  };
}

/**
 * The worker's question at the start of a release pass: may marketing go? Trips (records) the guardrail when
 * the rate calls for it; `log` hears a trip and a warning, once per pass.
 */
export async function marketingHeld(
  db: Db,
  log?: (level: 'warn' | 'error', line: string) => void,
  now: Date = new Date(),
): Promise<boolean> {
  const state = await guardrailState(db, now);
  if (state.trippedAt !== undefined) return true;
  if (state.state === 'warning') log?.('warn', state.message);
  if (state.state !== 'tripped') return false;
  const trip: Trip = {
    at: now.toISOString(),
    delivered: state.delivered,
    complaints: state.complaints,
    rate: state.rate,
  };
  if (await recordTrip(db, JSON.stringify(trip)))
    log?.('error', `complaint guardrail tripped: ${state.message}`);
  return true;
}

/** `send resume-marketing`: lifts the guardrail (true when it was tripped); the rate counts again from now. */
export async function resumeMarketing(db: Db, now: Date = new Date()): Promise<boolean> {
  return clearTrip(db, now);
}
