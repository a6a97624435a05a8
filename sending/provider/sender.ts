/**
 * The email API port and what every provider gets from us: pacing under the account's rate limit, a timeout per
 * request, and retries with exponential backoff on 429, 5xx, timeouts and dropped connections (never on a 4xx
 * that rejects the payload). A provider (sending/provider/resend/) implements `EmailApi`: it never throws on
 * HTTP errors and never retries; it returns `{ data, error, headers }`, and a failed fetch (timeout, reset)
 * comes back as `error.statusCode === null`.
 */
import type { SendPayload } from '../plan/payload';
import { DEFAULT_CAPABILITIES, type ProviderCapabilities } from './capabilities';

export { DEFAULT_CAPABILITIES, type ProviderCapabilities } from './capabilities';

export type ApiError = Readonly<{ message: string; statusCode: number | null; name: string }>;
export type ApiResponse<T> = Readonly<{
  data: T | null;
  error: ApiError | null;
  headers: Record<string, string> | null;
}>;

/** One request to Resend, each attempt on its own: its HTTP status, `error` (no answer) or `timeout`. */
export type ResendRequest = Readonly<{ status: string; seconds: number; ok: boolean }>;

/** `POST /emails/batch` with `batchValidation: 'permissive'`: ids of the accepted emails, errors by index. */
export type BatchResult = Readonly<{
  data: readonly Readonly<{ id: string }>[];
  errors?: readonly Readonly<{ index: number; message: string }>[];
}>;

/** The calls a sequence needs; `resendApi` (provider/resend/) wraps Resend's SDK, tests may pass their own. */
export interface EmailApi {
  /** What the provider can do (batch size, scheduling, cancelling, quota errors); default DEFAULT_CAPABILITIES. */
  readonly capabilities?: ProviderCapabilities;
  batch(
    payloads: readonly SendPayload[],
    options: { idempotencyKey: string; signal: AbortSignal },
  ): Promise<ApiResponse<BatchResult>>;
  send(
    payload: SendPayload,
    options: { idempotencyKey: string; signal: AbortSignal },
  ): Promise<ApiResponse<{ id: string }>>;
  cancel(id: string, options: { signal: AbortSignal }): Promise<ApiResponse<{ id: string }>>;
}

export type SenderOptions = Readonly<{
  /**
   * Requests per second at most; 0 = unpaced. Unset: 2 (Resend's default team limit) until a response's
   * `ratelimit-limit` header tells the team's real limit, which is then followed.
   */
  ratePerSecond?: number;
  /** Per request. */
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `retry-after` longer than this is not waited out: the step fails (retryable) and a re-run picks it up. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told about every retry (for progress output). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  /** Told about every request, each attempt on its own: its status and how long it took (for metrics). */
  onRequest?: (request: ResendRequest) => void;
}>;

export type Outcome<T> =
  | Readonly<{ ok: true; data: T; attempts: number }>
  | Readonly<{
      ok: false;
      error: string;
      status: number | null;
      /** Resend's error name (`validation_error`, `daily_quota_exceeded`…), when it answered. */
      name?: string;
      definitive: boolean;
      attempts: number;
    }>;

/** Errors after which nothing else can go out today (or this month): the run stops, steps stay pending. */
export function isQuotaError(
  name: string | undefined,
  capabilities: ProviderCapabilities = DEFAULT_CAPABILITIES,
): boolean {
  return name !== undefined && capabilities.quotaErrors.includes(name);
}

/** The environment knobs for the command line (tests keep timeouts tiny); unset means the defaults. */
export function senderOptionsFromEnv(env: NodeJS.ProcessEnv): SenderOptions {
  const num = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`${name}=${raw}: expected a non-negative number`);
    return value;
  };
  const options: Record<string, number | undefined> = {
    ratePerSecond: num('SEND_RATE_PER_SECOND'),
    timeoutMs: num('SEND_TIMEOUT_MS'),
    maxAttempts: num('SEND_MAX_ATTEMPTS'),
    baseDelayMs: num('SEND_BACKOFF_MS'),
    maxDelayMs: num('SEND_MAX_BACKOFF_MS'),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SenderOptions;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Milliseconds on a clock that only moves on, whatever the wall clock does. */
const monotonic = () => performance.now();

/** Seconds (possibly fractional) or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** What a person should know about an error beyond Resend's message. */
const HINTS: Record<string, string> = {
  invalid_idempotent_request:
    ' (Resend already holds a different email under this idempotency key: was the ledger deleted or edited since the first run?)',
  daily_quota_exceeded: ' (run the same command again tomorrow)',
  monthly_quota_exceeded: ' (raise the plan or wait for the next month)',
};

/** Names that mean "try again later" even though the status is 4xx. */
const TRANSIENT_NAMES = new Set(['rate_limit_exceeded', 'concurrent_idempotent_requests']);

function isTransient(error: ApiError): boolean {
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  if (status === null) return true; // no HTTP answer: timeout, refused or reset connection
  if (status >= 500) return true;
  if (status === 429) return !/quota/.test(error.name);
  return TRANSIENT_NAMES.has(error.name);
}

/**
 * What one request tells an operator: its status (`timeout`, `error` when nothing answered) and whether Resend
 * was there to take it (any answer but a 5xx or a refused key).
 */
function requestSeen(response: ApiResponse<unknown>, timedOut: boolean, seconds: number): ResendRequest {
  if (response.data !== null && !response.error) return { status: '200', seconds, ok: true };
  const code = response.error?.statusCode;
  if (timedOut) return { status: 'timeout', seconds, ok: false };
  if (typeof code !== 'number') return { status: 'error', seconds, ok: false };
  return { status: String(code), seconds, ok: code < 500 && code !== 401 && code !== 403 };
}

/** Below the advertised limit, so timing jitter between client and server does not cost a 429 and its wait. */
const RATE_MARGIN = 1.02;

export class Sender {
  /** Requests per second allowed (configured, or learnt from `ratelimit-limit`); 0: no pacing. */
  private perSecond: number;
  private readonly learnRate: boolean;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * Requests take turns to leave, each once the one before it has left, and as the server counts them: at most
   * `limit` in any window of `limit × minIntervalMs` (a second, with its margin, at the limit's own rate), counted
   * from when requests really left — never from slots reserved in advance, which a request that left late would
   * crowd. A request held up (the event loop busy rendering) is made up for by the next within the window, rather
   * than lost for good as with a fixed gap after each; two never leave closer than half the interval.
   */
  private turn: Promise<void> = Promise.resolve();
  /** When the last `limit` requests left (monotonic ms), oldest first. */
  private starts: number[] = [];
  /**
   * Nothing leaves before this (a reset, a retry-after, a backoff): the limit is per team, not per request.
   * Pacing reads the monotonic clock: a wall clock set back (NTP, a VM resumed) must not hold sending for hours.
   */
  private blockedUntil = 0;
  /**
   * While the limit is still to be learnt from the first answer (`ratelimit-limit`), the other requests wait for
   * that answer instead of taking slots at the default rate: at 5 requests/s, reserving four slots half a second
   * apart first cost a second and a half of every run.
   */
  private firstAnswer: Promise<void> | undefined;
  private answered: () => void = () => {};
  private probing = false;
  /** Requests sent and not yet answered: the server counts them against the window before we hear of it. */
  private inFlight = 0;
  /** The provider's capabilities: the release's batch size, whether it schedules and cancels, its quota errors. */
  readonly capabilities: ProviderCapabilities;

  constructor(
    private readonly api: EmailApi,
    private readonly options: SenderOptions = {},
  ) {
    this.capabilities = api.capabilities ?? DEFAULT_CAPABILITIES;
    const rate = options.ratePerSecond ?? 2;
    this.perSecond = rate > 0 ? rate : 0;
    this.learnRate = options.ratePerSecond === undefined;
    if (this.learnRate)
      this.firstAnswer = new Promise<void>((resolve) => {
        this.answered = resolve;
      });
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 6));
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.sleep = options.sleep ?? sleeper;
  }

  /** `POST /emails` with the step's idempotency key. */
  send(payload: SendPayload, idempotencyKey: string): Promise<Outcome<{ id: string }>> {
    return this.call((signal) => this.api.send(payload, { idempotencyKey, signal }));
  }

  /** `POST /emails/batch` (up to 100) under one idempotency key; per-email errors come back by index. */
  sendBatch(payloads: readonly SendPayload[], idempotencyKey: string): Promise<Outcome<BatchResult>> {
    return this.call((signal) => this.api.batch(payloads, { idempotencyKey, signal }));
  }

  /** `POST /emails/{id}/cancel`. */
  cancel(id: string): Promise<Outcome<{ id: string }>> {
    return this.call((signal) => this.api.cancel(id, { signal }));
  }

  private pace(): Promise<void> {
    const mine = this.turn.then(async () => {
      if (this.firstAnswer) {
        if (this.probing) await this.firstAnswer;
        this.probing = true;
      }
      const wait = this.nextStart() - monotonic();
      if (wait > 0) await this.sleep(wait);
      this.starts.push(monotonic());
      while (this.starts.length > this.windowLimit()) this.starts.shift();
    });
    this.turn = mine.catch(() => {});
    return mine;
  }

  /** The spacing the rate asks for, with its margin: a window holds `windowLimit()` of these. */
  private get minIntervalMs(): number {
    return this.perSecond > 0 ? (1000 / this.perSecond) * RATE_MARGIN : 0;
  }

  /** Requests a window of the server's may hold: the rate per second, whole (at least one). */
  private windowLimit(): number {
    return Math.max(1, Math.floor(this.perSecond));
  }

  /** The earliest moment the next request may leave (monotonic ms). */
  private nextStart(): number {
    const limit = this.windowLimit();
    const last = this.starts.at(-1) ?? Number.NEGATIVE_INFINITY;
    const windowOpens =
      this.starts.length >= limit ? (this.starts.at(-limit) ?? 0) + limit * this.minIntervalMs : 0;
    return Math.max(last + this.minIntervalMs / 2, windowOpens, this.blockedUntil);
  }

  /** Reads `ratelimit-remaining` / `ratelimit-reset`: with nothing left, the next request waits for the reset. */
  private observe(headers: Record<string, string> | null): void {
    if (!headers) return;
    const limit = Number(headers['ratelimit-limit']);
    if (this.learnRate && Number.isFinite(limit) && limit > 0) this.perSecond = limit;
    const remaining = Number(headers['ratelimit-remaining']);
    const reset = parseRetryAfter(headers['ratelimit-reset']);
    // What the server has left once the requests still on their way are counted too.
    if (headers['ratelimit-remaining'] !== undefined && remaining - this.inFlight <= 0 && reset !== undefined)
      this.blockedUntil = Math.max(this.blockedUntil, monotonic() + Math.min(reset, this.maxRetryAfterMs));
  }

  private async call<T>(request: (signal: AbortSignal) => Promise<ApiResponse<T>>): Promise<Outcome<T>> {
    let last: Outcome<T> | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await this.pace();
      const signal = AbortSignal.timeout(this.timeoutMs);
      const started = performance.now();
      let response: ApiResponse<T>;
      this.inFlight++;
      try {
        response = await request(signal);
      } catch (error) {
        // The SDK catches fetch failures itself; this covers a custom EmailApi that throws.
        response = {
          data: null,
          error: { message: (error as Error).message, statusCode: null, name: 'application_error' },
          headers: null,
        };
      } finally {
        this.inFlight--;
      }
      this.observe(response.headers);
      if (this.firstAnswer) {
        this.firstAnswer = undefined;
        this.answered();
      }
      this.options.onRequest?.(requestSeen(response, signal.aborted, (performance.now() - started) / 1000));
      if (response.data !== null && !response.error)
        return { ok: true, data: response.data, attempts: attempt };
      const error: ApiError = response.error ?? {
        message: 'empty response',
        statusCode: null,
        name: 'application_error',
      };
      const status = typeof error.statusCode === 'number' ? error.statusCode : null;
      const reason = signal.aborted
        ? `timed out after ${this.timeoutMs} ms`
        : status === null
          ? `no response (${error.message})`
          : `${status} ${error.name}: ${error.message}${HINTS[error.name] ?? ''}`;
      const transient = signal.aborted || isTransient(error);
      last = {
        ok: false,
        error: reason,
        status,
        name: error.name,
        definitive: !transient,
        attempts: attempt,
      };
      if (!transient || attempt === this.maxAttempts) return last;
      const retryAfter = parseRetryAfter(response.headers?.['retry-after']);
      if (retryAfter !== undefined && retryAfter > this.maxRetryAfterMs)
        return {
          ...last,
          error: `${reason}; retry-after ${Math.round(retryAfter / 1000)} s is too long to wait`,
        };
      const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
      // A 429 may say more precisely than its whole-second retry-after when the window frees a request
      // (`ratelimit-reset`, RFC 9110's retry-after rounds up): the sooner of the two, never less than a tick.
      const reset = status === 429 ? parseRetryAfter(response.headers?.['ratelimit-reset']) : undefined;
      const serverSays =
        retryAfter !== undefined && reset !== undefined
          ? Math.max(20, Math.min(retryAfter, reset))
          : retryAfter;
      const delayMs = serverSays ?? backoff / 2 + Math.random() * (backoff / 2);
      this.options.onRetry?.({ attempt, delayMs, reason });
      // Later requests queue behind the wait too: the limit is per team, not per request.
      this.blockedUntil = Math.max(this.blockedUntil, monotonic() + delayMs);
    }
    return last ?? { ok: false, error: 'no attempt made', status: null, definitive: false, attempts: 0 };
  }
}
