/**
 * `GET /healthz`: per check (the store, the worker, Resend) whether it is ok now and when it was last good. Every
 * caller gets that much and nothing else — no address, host, port or error text. With the intake token the answer
 * adds each check's last error (its time and a one-line message, addresses masked), cleared when the check
 * recovers, and the configuration check (setting names only).
 *
 *   { "ok": false,
 *     "checks": { "store":  { "ok": true,  "lastGood": "2026-12-07T03:00:00.000Z" },
 *                 "worker": { "ok": true,  "lastGood": "…" },
 *                 "resend": { "ok": false, "lastGood": "…" } } }
 *
 * `checks.guardrail` is kept for the complaint guardrail (same shape: `ok`, `lastGood`), absent until it exists.
 */
import { maskAddresses } from '../engine/telemetry';

export const CHECKS = ['store', 'worker', 'resend'] as const;
export type CheckName = (typeof CHECKS)[number] | 'guardrail';

export type CheckState = Readonly<{
  ok: boolean;
  /** When the check last passed (ISO 8601), or null if it never has. */
  lastGood: string | null;
  /** Only when this part is switched off by the configuration (no RESEND_API_KEY: no worker, no Resend). */
  off?: true;
}>;

export type CheckDetails = CheckState &
  Readonly<{ lastError: Readonly<{ at: string; message: string }> | null }>;

export type ConfigurationCheck = Readonly<{
  /** Settings that are set, by name. */
  set: readonly string[];
  /** Settings that are not, each with what that means. */
  unset: readonly Readonly<{ name: string; meaning: string }>[];
}>;

export type HealthAnswer = Readonly<{
  ok: boolean;
  checks: Readonly<Partial<Record<CheckName, CheckState | CheckDetails>>>;
  configuration?: ConfigurationCheck;
  store?: Readonly<{ backend: string }>;
  worker?: Readonly<{ state: string }>;
}>;

type Mutable = {
  ok: boolean;
  lastGood: Date | null;
  lastError: { at: Date; message: string } | null;
  off: boolean;
};

export type HealthBoard = Readonly<{
  good(check: CheckName, at?: Date): void;
  bad(check: CheckName, error: unknown, at?: Date): void;
  /** A check the configuration switched off: always ok, never good. */
  off(check: CheckName): void;
  answer(detailed: boolean, extra?: Omit<HealthAnswer, 'ok' | 'checks'>): HealthAnswer;
}>;

/** A check's error as one line, addresses masked (shown only behind the token). */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return maskAddresses(text.split('\n')[0] ?? '').slice(0, 300);
}

export function createHealthBoard(checks: readonly CheckName[] = CHECKS): HealthBoard {
  const states = new Map<CheckName, Mutable>(
    checks.map((c) => [c, { ok: true, lastGood: null, lastError: null, off: false }]),
  );
  const get = (check: CheckName): Mutable => {
    let state = states.get(check);
    if (!state) {
      state = { ok: true, lastGood: null, lastError: null, off: false };
      states.set(check, state);
    }
    return state;
  };
  return {
    good(check, at = new Date()) {
      const s = get(check);
      s.ok = true;
      s.lastGood = at;
      s.lastError = null;
    },
    bad(check, error, at = new Date()) {
      const s = get(check);
      s.ok = false;
      s.lastError = { at, message: oneLine(error) };
    },
    off(check) {
      const s = get(check);
      s.off = true;
      s.ok = true;
    },
    answer(detailed, extra = {}) {
      const out: Partial<Record<CheckName, CheckState | CheckDetails>> = {};
      for (const [name, s] of states) {
        const terse: CheckState = {
          ok: s.ok,
          lastGood: s.lastGood?.toISOString() ?? null,
          ...(s.off ? { off: true as const } : {}),
        };
        out[name] = detailed
          ? {
              ...terse,
              lastError: s.lastError
                ? { at: s.lastError.at.toISOString(), message: s.lastError.message }
                : null,
            }
          : terse;
      }
      const ok = [...states.values()].every((s) => s.ok);
      return { ok, checks: out, ...(detailed ? extra : {}) };
    },
  };
}

/** The store answers `select 1` within two seconds, or its check turns bad (with the reason, for the details). */
export async function checkStore(
  ping: () => Promise<unknown>,
  board: HealthBoard,
  timeoutMs = 2000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    board.good('store');
  } catch (error) {
    board.bad('store', error);
  } finally {
    clearTimeout(timer);
  }
}
