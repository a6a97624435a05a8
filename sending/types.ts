/**
 * The public types of the live engine, in one place: what `createSequencer()` takes and gives, and the types its
 * methods speak in. The package's `./sending` export re-exports them (sending/index.ts).
 */
import type { CancelOutcome, CancelTarget } from './engine/cancel';
import type { EnqueueRequestOptions, PlannedOrder } from './engine/enqueue';
import type { EventResult, SequencerEvent } from './engine/events';
import type { GuardrailState } from './engine/guardrail';
import type { OutcomeReport } from './engine/outcome-report';
import type { ReportOptions } from './engine/outcomes';
import type { LinkOutcome } from './engine/preferences-link';
import type { ReleaseReport } from './engine/release-run';
import type { StatusFilter } from './engine/status';
import type { StatusReport } from './engine/status-report';
import type { Suppression, SuppressOptions, UnsuppressOptions } from './engine/suppressions';
import type { EngineMetrics, Logger } from './engine/telemetry';
import type { WorkOptions } from './engine/work';
import type { StatusPage } from './http/status-page';
import type { InvalidOrder } from './intake/order-input';
import type { ShopConfig } from './intake/shopify/shop-config';
import type { Preferences } from './plan/preferences';
import type { Sequence } from './plan/sequence';
import type { EmailApi, SenderOptions } from './provider/sender';
import type { Store } from './store/store';

export type { CancelOutcome, CancelTarget, NotStopped, StoppedStep } from './engine/cancel';
export type { EnqueueRequestOptions, PlannedOrder } from './engine/enqueue';
export type { EventResult, SequencerEvent } from './engine/events';
export type { GuardrailState } from './engine/guardrail';
export type { OutcomeReport } from './engine/outcome-report';
export type { ReportOptions } from './engine/outcomes';
export type { LinkOutcome } from './engine/preferences-link';
export type { ReleaseReport, StepFailure } from './engine/release-run';
export type { StatusFilter, StepStatus } from './engine/status';
export type { StateCounts, StatusReport } from './engine/status-report';
export type { Suppression, SuppressOptions, UnsuppressOptions } from './engine/suppressions';
export type { EngineMetrics, Logger } from './engine/telemetry';
export type { WorkOptions } from './engine/work';
export type { StatusCursor, StatusPage } from './http/status-page';
export type { InvalidOrder, OrderBatch } from './intake/order-input';
export type { ShopConfig } from './intake/shopify/shop-config';
export type { Preferences } from './plan/preferences';
export type { Anchors } from './plan/schedule';
export type { Sequence, SequenceFile } from './plan/sequence';
export type { EmailApi, SenderOptions } from './provider/sender';
export type { Backend, Store, StoreOptions } from './store/store';

export type SequencerOptions = Readonly<{
  /** A Postgres server; without it the store is an embedded PGlite in `ledgerDir`. */
  databaseUrl?: string;
  /** Default `.sends`. */
  ledgerDir?: string;
  /**
   * The Postgres schema of the store's tables (`DATABASE_SCHEMA`; the queue takes `<schema>_queue`). Default
   * `post_purchase_emails`. A store an earlier version made in `public` is moved there on first open.
   */
  databaseSchema?: string;
  /**
   * An open store (`openStore()`) to use instead of opening one from `databaseUrl` / `ledgerDir`: several
   * sequencers in one process (a sender and sequence per brand, say) over one embedded store, which only one
   * opener may hold at a time. The sequencer's `close()` leaves it open; its owner closes it.
   */
  store?: Store;
  /** Resend API key; or pass `api` (any EmailApi). One of them is required unless `dryRun: true`. */
  apiKey?: string;
  api?: EmailApi;
  /**
   * Plan only: steps are planned (and `status` shows them) but nothing is handed to Resend, even with a key;
   * `from` and `apiKey` become optional. Default false: `createSequencer` refuses to start without them.
   */
  dryRun?: boolean;
  /** The sender, `Name <address@your-domain>`: required unless `dryRun: true` (then a placeholder). */
  from?: string;
  /** A parsed sequence or the JSON of a sequence file; default: the post-purchase sequence. */
  sequence?: Sequence | unknown;
  /** Steps go to Resend this long before their send time (with `scheduledAt`). Default 1 hour. */
  releaseWindowMs?: number;
  /** Signs `{token}` in unsubscribe links. */
  unsubscribeSecret?: string;
  /** `RESEND_WEBHOOK_SECRET` (`whsec_…`): verifies `handleResendWebhook`'s requests. */
  webhookSecret?: string;
  /** Pacing, timeouts and retries of the Resend client. */
  sender?: SenderOptions;
  /** How long a worker holds a claimed step before another may replay it. Default 5 minutes. */
  leaseMs?: number;
  /** Batches in flight at once, each claimed, rendered and handed over on its own. Default 4. */
  lanes?: number;
  /** Connections to a Postgres server. Default 4. */
  maxConnections?: number;
  /** Verifies Shopify's webhooks (`X-Shopify-Hmac-Sha256`); default: the SHOPIFY_WEBHOOK_SECRET environment variable. */
  shopifyWebhookSecret?: string;
  /** What Shopify does not send: a validated SHOP_CONFIG, or the path of its JSON file; default: the SHOP_CONFIG environment variable. */
  shopConfig?: ShopConfig | string;
  /** Where the webhook handlers write one line per delivery (the server log). */
  log?: (line: string) => void;
  /**
   * Where the engine logs what it does (orders planned, batches handed to Resend, failures, suppressions,
   * webhooks): any object with pino's `info(fields, message)` shape. Default: silent.
   */
  logger?: Logger;
  /** Where the engine counts emails, Resend requests and webhooks (serve's Prometheus registry). Default: none. */
  metrics?: EngineMetrics;
  /** An order is credited to a human click on one of our emails within this many days before it (1–30; default 5). */
  attributionDays?: number;
}>;

export type EnqueueOptions = EnqueueRequestOptions &
  Readonly<{
    /** Plan the valid documents even when some are invalid (they are reported); default false: plan nothing. */
    skipInvalid?: boolean;
    /**
     * Release at once, inside this call, what is already within the release window (needs a key or `api`).
     * Default: true when no worker of this sequencer is running (`send`, a script, cron); false while `work()`
     * runs in this process (`serve`): the call returns once the order is committed and the worker, woken at
     * once, releases it — so intake never waits on Resend.
     */
    release?: boolean;
    now?: Date;
    onProgress?: (report: Readonly<ReleaseReport>) => void;
    /** Another sequence than the sequencer's for these orders (the console's test send with an uploaded file). */
    sequence?: Sequence | unknown;
    /** Another release window for these orders (the console's test sends: 0, each step released when due). */
    releaseWindowMs?: number;
  }>;

export type EnqueueResult = Readonly<{
  orders: readonly PlannedOrder[];
  invalid: readonly InvalidOrder[];
  released?: ReleaseReport;
}>;

export type Sequencer = Readonly<{
  enqueue(documents: unknown, options?: EnqueueOptions): Promise<EnqueueResult>;
  work(options?: WorkOptions): Promise<ReleaseReport>;
  /**
   * The steps with counts per template and variant: what `status --json` prints. `order`: the live order's steps
   * and its test runs' (each step says which); `run`: one test run's key. With `limit` one page, and `after` the
   * page after that step (GET /status's pagination). Shopify deliveries our schema refused come last.
   */
  status(filter?: StatusFilter & StatusPage): Promise<StatusReport>;
  /**
   * Cancels the live order (`{ order }`, recorded as an `order-cancelled` event) or one test run of it
   * (`{ order, to }`): never both, never another run. Says what it stopped and what it could not.
   */
  cancel(target: CancelTarget, options?: Readonly<{ now?: Date }>): Promise<CancelOutcome>;
  /** `actor`: who, for the suppressions audit (`cli`, `console`…; default: the source). */
  suppress(email: string, options?: SuppressOptions): Promise<void>;
  unsuppress(email: string, options?: UnsuppressOptions): Promise<boolean>;
  suppressions(): Promise<Suppression[]>;
  /** `now`: when it happened (default: now); `release`: hand what is due to Resend at once (default true). */
  event(event: SequencerEvent, options?: Readonly<{ now?: Date; release?: boolean }>): Promise<EventResult>;
  /** Shopify's webhooks (orders/create, orders/cancelled, fulfillments/create|update): a web Request → Response. */
  handleShopifyWebhook(request: Request): Promise<Response>;
  /** One-click unsubscribe (RFC 8058): GET shows the page, POST suppresses marketing. */
  handleUnsubscribe(request: Request): Promise<Response>;
  /** A review request's rating links (`GET|POST /feedback`): records the score, thanks, takes a comment. */
  handleFeedback(request: Request): Promise<Response>;
  /** Resend's webhooks: bounces, complaints and suppressions stop the address; delivery events go on the step. */
  handleResendWebhook(request: Request): Promise<Response>;
  /** What each email achieved over the `sinceMs` (default 30 days) before `now`: the outcome report document. */
  report(options?: ReportOptions): Promise<OutcomeReport>;
  /** The preference centre: GET shows an address's choices (signed link) or the form to ask for a link; POST saves or asks. */
  handlePreferences(request: Request): Promise<Response>;
  /** An address's choices at the preference centre (everything on when it never chose). */
  preferences(email: string): Promise<Preferences>;
  /** Saves an address's choices, honoured at release; returns the choices they replace. */
  setPreferences(email: string, preferences: Preferences): Promise<Preferences>;
  /** Emails a preferences link to a known address, at most 3 per hour; `origin` builds the link without shop.preferencesUrl. */
  requestPreferencesLink(email: string, origin: string): Promise<LinkOutcome>;
  /** The complaint guardrail: marketing's complaint rate over 24 h, and whether it holds marketing back. */
  guardrailState(): Promise<GuardrailState>;
  /** Lifts the complaint guardrail (`send resume-marketing`); true when it was holding marketing back. */
  resumeMarketing(): Promise<boolean>;
  /** The open store (opening it if needed): for the server and tests. */
  store(): Promise<Store>;
  close(): Promise<void>;
}>;
