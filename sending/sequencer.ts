/**
 * The engine as a library: `createSequencer(options)` gives a shop's own server (and the `send` command) the
 * store, the planner and the worker. The store opens on first use, so creating a sequencer is cheap and sync.
 *
 *   const sequencer = createSequencer({ from: 'Shop <orders@shop.example>', apiKey: process.env.RESEND_API_KEY });
 *   await sequencer.enqueue(orderDocument);            // plans it; releases what is already due
 *   await sequencer.work({ once: true });              // from cron, or `work()` in a long-running process
 */
import { type Kysely, sql } from 'kysely';
import type PgBoss from 'pg-boss';
import { isLocale } from '../core/locales';
import { isEmailAddress, ValidationError } from '../core/order-document';
import { isStorableText, UNSTORABLE_MESSAGE } from '../core/storable-text';
import { registry as builtIn } from '../emails';
import { type CancelOutcome, compareCancel } from './engine/cancel';
import { type EnqueueRequestOptions, enqueueOrders, type PlannedOrder } from './engine/enqueue';
import { type GuardrailState, guardrailState, resumeMarketing } from './engine/guardrail';
import { judgeAbTests } from './engine/learning';
import { learningReport } from './engine/learning-report';
import { type OutcomeReport, outcomeReport } from './engine/outcome-report';
import { creditOrders, DEFAULT_ATTRIBUTION_DAYS, recordEmailOutcome } from './engine/outcomes';
import { recallScheduled } from './engine/preference-stops';
import { type LinkOutcome, sendPreferencesLink } from './engine/preferences-link';
import { emptyReport, type ReleaseReport, release } from './engine/release';
import { recordShipment } from './engine/shipment-event';
import { abTestStatus, type StatusReport, statusReport } from './engine/status-report';
import { stopForAddress, stopForOrder } from './engine/stops';
import {
  type EngineMetrics,
  type Logger,
  maskAddress,
  noMetrics,
  observeWebhook,
  silentLogger,
  type Telemetry,
} from './engine/telemetry';
import { createWake } from './engine/worker-wake';
import { createFeedbackHandler, type FeedbackStep, localeOf } from './http/feedback';
import { contextOfDocument } from './http/page';
import { createPreferencesHandler } from './http/preferences';
import {
  createResendWebhookHandler,
  ENGAGEMENT_EVENTS,
  SUPPRESSING_EVENTS,
  SUPPRESSION_LIST_EVENTS,
} from './http/resend-webhook';
import type { StatusPage } from './http/status-page';
import { createUnsubscribeHandler } from './http/unsubscribe';
import { type InvalidOrder, type OrderBatch, validateOrders } from './intake/order-input';
import { loadShopConfig, type ShopConfig } from './intake/shopify/shop-config';
import { createShopifyWebhookHandler, type RejectedWebhook } from './intake/shopify/webhook';
import { addressKey, readRules } from './plan/frequency';
import type { Preferences } from './plan/preferences';
import { defaultSequence, parseSequence, type Sequence } from './plan/sequence';
import { liveOrderOf, testRunKey } from './plan/test-run';
import { type EmailApi, resendApi, Sender, type SenderOptions } from './provider/sender';
import { checkSequencerOptions } from './sequencer-options';
import { abArmFigures, latestNpsScores } from './store/ab-figures';
import { allAbTests } from './store/ab-tests';
import { feedbackStep, recordComment, recordScore } from './store/feedback';
import { carryLegacyQueue } from './store/legacy-layout';
import { removeResendSuppression, withdrawCredit } from './store/outcomes';
import { latestDocument, liftUnsubscribe, preferencesOf, savePreferences } from './store/preferences';
import { openQueue } from './store/queue';
import { readReportRows } from './store/report-rows';
import type { Database, StepRow } from './store/schema';
import { openStore, type Store } from './store/store';
import { recordSuppressionChange } from './store/suppression-audit';
import { stepsOfKey } from './store/test-runs';

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

/** Thrown by `enqueue` when a document is invalid and `skipInvalid` is not set: nothing was planned. */
export class InvalidOrdersError extends Error {
  readonly invalid: readonly InvalidOrder[];
  constructor(invalid: readonly InvalidOrder[]) {
    super(
      `${invalid.length} invalid order document(s), nothing planned:\n${invalid
        .flatMap((i) => i.problems.map((p) => `  ${i.position === 'order' ? '' : `${i.position}: `}${p}`))
        .join('\n')}`,
    );
    this.name = 'InvalidOrdersError';
    this.invalid = invalid;
  }
}

export type StepStatus = Readonly<{
  /** The live order id (a test run's too: `run` tells them apart). */
  order: string;
  /** A test send's step (`send --to`, the console): reports and outcomes leave it out. */
  test: boolean;
  /** A test run's key in the store (`test:<order id>:<recipient>`); absent for a live step. */
  run?: string;
  to: string;
  step: number;
  template: string;
  kind: string;
  /** `rejected`: a webhook whose payload our schema refused (`template` names it, `reason` gives the field paths). */
  state: StepRow['state'] | 'rejected';
  /** Absolute (UTC). */
  sendAt: string;
  /** The same instant on the customer's clock. */
  local: string;
  variant: string | null;
  /** What the day counts from when not the order: `5 days after delivery`, `fallback: day 14 (…)`. */
  anchor?: string;
  resendId: string | null;
  reason: string | null;
  attempts: number;
  lastEvent: string | null;
}>;

export type Suppression = Readonly<{
  email: string;
  scope: 'marketing' | 'all';
  reason: string | null;
  source: string;
  createdAt: string;
}>;

export type SequencerEvent =
  | Readonly<{ type: 'order-cancelled' | 'order-refunded'; orderId: string; id?: string }>
  | Readonly<{ type: 'shipment'; document: unknown; id?: string }>;

export type EventResult = Readonly<{
  /** False when an event with this id was applied before (nothing done again). */
  applied: boolean;
  cancelled: number;
  outcome: string;
}>;

export type WorkOptions = Readonly<{
  /** Release what is due and return (for cron); otherwise run until `signal` aborts. */
  once?: boolean;
  signal?: AbortSignal;
  /** How often an idle worker looks for due steps. Default 5 s. */
  pollMs?: number;
  onProgress?: (report: Readonly<ReleaseReport>) => void;
  /** Told after every pass, however little it did (serve's health check: the worker is alive). */
  onPass?: (report: Readonly<ReleaseReport>) => void;
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
  cancel(
    target: Readonly<{ order: string; to?: string }>,
    options?: Readonly<{ now?: Date }>,
  ): Promise<CancelOutcome>;
  /** `actor`: who, for the suppressions audit (`cli`, `console`…; default: the source). */
  suppress(
    email: string,
    options?: Readonly<{ scope?: 'marketing' | 'all'; reason?: string; source?: string; actor?: string }>,
  ): Promise<void>;
  unsuppress(email: string, options?: Readonly<{ reason?: string; actor?: string }>): Promise<boolean>;
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
  /** What each email achieved over the `sinceMs` (default 30 days) before `now`: CONTRACT.md's report document. */
  report(options?: Readonly<{ sinceMs?: number; now?: Date }>): Promise<OutcomeReport>;
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

export type StatusFilter = Readonly<{ order?: string; to?: string; run?: string }>;

type Opened = Readonly<{ store: Store; boss: PgBoss }>;

export const DEFAULT_RELEASE_WINDOW_MS = 3_600_000;

/** The sender written on steps a dry-run sequencer plans without a `from`: Resend's test address. */
const DRY_RUN_FROM = 'onboarding@resend.dev';

/** Throws a `SequencerOptionsError` naming each bad option (see sequencer-options.ts), before anything opens. */
/** Where the planner reads the A/B tests' figures and the customers' NPS answers (sending/engine/learning.ts). */
const LEARNING_PORTS = { abFigures: abArmFigures, npsScores: latestNpsScores } as const;

export function createSequencer(options: SequencerOptions): Sequencer {
  checkSequencerOptions(options);
  const from = options.from ?? DRY_RUN_FROM;
  const sequence: Sequence =
    options.sequence === undefined
      ? defaultSequence()
      : isSequence(options.sequence)
        ? options.sequence
        : parseSequence(options.sequence);
  const releaseWindowMs = options.releaseWindowMs ?? DEFAULT_RELEASE_WINDOW_MS;
  let opening: Promise<Opened> | undefined;
  let sender: Sender | undefined;
  const telemetry: Telemetry = { log: options.logger ?? silentLogger, metrics: options.metrics ?? noMetrics };
  const log = telemetry.log;

  const open = (): Promise<Opened> => {
    opening ??= (async () => {
      const given = options.store;
      const store =
        given ??
        (await openStore({
          ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
          ...(options.ledgerDir === undefined ? {} : { ledgerDir: options.ledgerDir }),
          ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
          ...(options.databaseSchema === undefined ? {} : { schema: options.databaseSchema }),
        }));
      try {
        const boss = await openQueue(store.pool, store.queueSchema);
        const carried = await carryLegacyQueue(store.pool, boss);
        if (carried !== undefined)
          log.info(
            { event: 'store.moved', schema: store.schema, queueSchema: store.queueSchema, jobs: carried },
            `the store made in public moved into ${store.schema}; ${carried} planned step(s) queued again in ${store.queueSchema}`,
          );
        return { store, boss };
      } catch (error) {
        if (!given) await store.close();
        throw error;
      }
    })();
    opening.catch(() => {
      opening = undefined;
    });
    return opening;
  };

  const getSender = (): Sender => {
    if (sender) return sender;
    const api = options.dryRun
      ? undefined
      : (options.api ?? (options.apiKey ? resendApi(options.apiKey) : undefined));
    if (!api) throw new Error('a dry-run sequencer plans steps but never releases them (dryRun: true)');
    const onRequest = options.sender?.onRequest;
    sender = new Sender(api, {
      ...options.sender,
      onRequest: (request) => {
        telemetry.metrics.resendRequest(request);
        onRequest?.(request);
      },
    });
    return sender;
  };

  const canRelease = () => !options.dryRun && (options.api !== undefined || Boolean(options.apiKey));
  /** `work()` loops running in this process: while there is one, intake leaves releasing to it. */
  let workers = 0;
  const worker = createWake();
  const releasesInline = (asked: boolean | undefined) => (asked ?? workers === 0) && canRelease();

  async function releaseOnce(opened: Opened, signal?: AbortSignal, onProgress?: WorkOptions['onProgress']) {
    return release(
      {
        db: opened.store.db,
        boss: opened.boss,
        sender: getSender(),
        ...(options.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: options.unsubscribeSecret }),
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        ...(options.lanes === undefined ? {} : { lanes: options.lanes }),
        telemetry,
        ...(options.log ? { log: (level, line) => options.log?.(`${level}: ${line}`) } : {}),
      },
      { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) },
    );
  }

  const unsubscribe = createUnsubscribeHandler({
    secret: options.unsubscribeSecret,
    suppress: (address, info) => sequencer.suppress(address, { scope: 'marketing', ...info }),
    contextFor: (address) => pageContext(address),
    resubscribe: async (address) => liftUnsubscribe((await open()).store.db, address),
  });

  /** The shop and language a page wears: the address's latest order's; else the configured shop's; else none. */
  const pageContext = async (address: string | undefined) => {
    const { store } = await open();
    const document = address === undefined ? undefined : await latestDocument(store.db, address);
    if (document !== undefined) return contextOfDocument(document, isLocale);
    const shop = typeof options.shopConfig === 'object' ? options.shopConfig : undefined;
    return shop ? contextOfDocument({ shop, customer: { locale: shop.defaultLocale } }, isLocale) : {};
  };

  const preferencesPage = createPreferencesHandler({
    secret: options.unsubscribeSecret,
    read: async (address) => preferencesOf((await open()).store.db, address),
    save: (address, chosen) => sequencer.setPreferences(address, chosen),
    contextFor: pageContext,
    requestLink: async (address, origin) => {
      const outcome = await sequencer.requestPreferencesLink(address, origin);
      // The address stays out of the log: it may not even be a customer's.
      options.log?.(`preferences link requested: ${outcome}`);
    },
  });

  const feedback = createFeedbackHandler({
    secret: options.unsubscribeSecret,
    step: async (id) => {
      const { store } = await open();
      const row = await feedbackStep(store.db, id);
      return row ? feedbackStepOf(row) : undefined;
    },
    record: async (step, score, at) => {
      const { store } = await open();
      const row = await feedbackStep(store.db, step.id);
      if (row) await recordScore(store.db, { step: row, scale: step.scale, score, at });
    },
    comment: async (step, comment, tags) => {
      const { store } = await open();
      await recordComment(store.db, step.id, comment, tags);
    },
  });

  const webhook = createResendWebhookHandler({
    secret: options.webhookSecret,
    observe: observeWebhook(telemetry),
    apply: async (event) => {
      const { store } = await open();
      const recorded = await store.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('events')
          .values({
            id: `resend:${event.svixId}`,
            source: 'resend',
            type: event.type,
            payload: JSON.stringify(event.payload),
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return false;
        await recordEmailOutcome(trx, event);
        const onStep =
          !isOneOf(ENGAGEMENT_EVENTS, event.type) && !isOneOf(SUPPRESSION_LIST_EVENTS, event.type);
        if (event.emailId !== undefined && onStep) {
          const failed = event.type === 'email.failed';
          await trx
            .updateTable('steps')
            .set({
              last_event: event.type.replace(/^email\./, ''),
              last_event_at: event.createdAt,
              ...(failed
                ? {
                    state: 'failed' as const,
                    reason: `failed at Resend${event.detail ? `: ${event.detail}` : ''}`,
                  }
                : {}),
              ...(event.type === 'email.sent' || event.type === 'email.delivered'
                ? { state: 'sent' as const }
                : {}),
              updated_at: sql`now()`,
            })
            .where('resend_id', '=', event.emailId)
            .where((eb) =>
              eb.or([eb('last_event_at', 'is', null), eb('last_event_at', '<=', new Date(event.createdAt))]),
            )
            .execute();
        }
        return true;
      });
      if (!recorded) return 'duplicate';
      // Resend's own suppression list, mirrored: an address it lists stops here too; one it removes is freed
      // here only if its list was the reason (an unsubscribe or a hand-made suppression stays).
      if (event.type === 'suppression.added' && event.suppression)
        await sequencer.suppress(event.suppression.email, {
          scope: 'all',
          source: 'resend',
          reason: `on Resend's suppression list (${event.suppression.origin})`,
        });
      if (event.type === 'suppression.removed' && event.suppression)
        await removeResendSuppression(store.db, event.suppression.email);
      if ((SUPPRESSING_EVENTS as readonly string[]).includes(event.type)) {
        const kind = event.type.replace(/^email\./, '');
        for (const address of new Set(event.recipients.map(addressKey)))
          await sequencer.suppress(address, {
            scope: 'all',
            source: 'resend',
            reason: `${kind}${event.detail ? `: ${event.detail}` : ''}`,
          });
      }
      return 'applied';
    },
  });
  let shopify: ((request: Request) => Promise<Response>) | undefined;
  const shopifyHandler = () => {
    shopify ??= createShopifyWebhookHandler({
      secret: options.shopifyWebhookSecret ?? process.env.SHOPIFY_WEBHOOK_SECRET,
      config: async () => {
        const config = options.shopConfig ?? process.env.SHOP_CONFIG;
        if (config === undefined || config === '')
          throw new Error('Shopify webhooks need SHOP_CONFIG: the path of a JSON file with the shop object');
        return typeof config === 'string' ? loadShopConfig(config) : config;
      },
      seen: async (webhookId) => {
        const { store } = await open();
        const row = await store.db
          .selectFrom('events')
          .select('id')
          .where('id', '=', `shopify:${webhookId}`)
          .executeTakeFirst();
        return row !== undefined;
      },
      remember: async (webhookId, topic, outcome) => {
        const { store } = await open();
        await store.db
          .insertInto('events')
          .values({
            id: `shopify:${webhookId}`,
            source: 'shopify',
            type: `shopify/${topic}`,
            payload: JSON.stringify({ topic }),
            outcome,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      },
      reject: async (rejected) => {
        const { store } = await open();
        await store.db
          .insertInto('events')
          .values({
            id: `shopify:${rejected.webhookId}`,
            source: 'shopify',
            type: 'shopify/rejected',
            payload: JSON.stringify(rejected),
            outcome: `rejected: ${rejected.problems.join('; ')}`,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      },
      priorOrders: async (email, orderId) => {
        // Not yet validated (the schema runs on the mapped document): text the store cannot hold is no match.
        if (!isStorableText(email) || !isStorableText(orderId)) return 0;
        const { store } = await open();
        const row = await store.db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(sql<string>`lower(customer_email)`, '=', email.trim().toLowerCase())
          .where('id', '<>', orderId)
          .where('test_of', 'is', null)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
      enqueue: (document) => sequencer.enqueue(document),
      cancel: (orderId, webhookId) =>
        sequencer.event({ type: 'order-cancelled', orderId, id: `shopify:cancel:${webhookId}` }),
      orderDocument: async (orderId) => {
        if (!isStorableText(orderId)) return undefined;
        const { store } = await open();
        const row = await store.db
          .selectFrom('orders')
          .select('document')
          .where('id', '=', orderId)
          .executeTakeFirst();
        return row?.document ?? undefined;
      },
      shipment: (document, webhookId) => sequencer.event({ type: 'shipment', document, id: webhookId }),
      ...(options.log ? { log: options.log } : {}),
      observe: observeWebhook(telemetry),
    });
    return shopify;
  };

  const sequencer: Sequencer = {
    async enqueue(documents, enqueueOptions = {}) {
      const batch: OrderBatch = validateOrders(documents);
      if (batch.invalid.length > 0 && !enqueueOptions.skipInvalid)
        throw new InvalidOrdersError(batch.invalid);
      const opened = await open();
      const given = enqueueOptions.sequence;
      const orders = await enqueueOrders(
        opened.store.db,
        opened.boss,
        batch.valid.map((v) => v.document),
        {
          sequence: given === undefined ? sequence : isSequence(given) ? given : parseSequence(given),
          releaseWindowMs: enqueueOptions.releaseWindowMs ?? releaseWindowMs,
          // `to` makes it a test send: a run of its own, apart from the live order.
          test: enqueueOptions.to !== undefined,
          from,
          now: enqueueOptions.now ?? new Date(),
          ...(options.unsubscribeSecret === undefined
            ? {}
            : { unsubscribeSecret: options.unsubscribeSecret }),
          ...(canRelease() ? { sender: getSender() } : {}),
          ...pick(enqueueOptions),
          ...LEARNING_PORTS,
        },
      );
      for (const o of orders)
        log.info(
          {
            event: 'order.planned',
            order: o.order,
            to: maskAddress(o.to),
            steps: o.plan.steps.length,
            skipped: o.plan.skipped.length,
            written: o.written,
          },
          `order ${o.order} planned: ${o.plan.steps.length} step(s), ${o.plan.skipped.length} skipped`,
        );
      // Orders, not test sends: each may be credited to the last email its customer clicked.
      const live = batch.valid
        .map((v) => v.document)
        .filter(
          (d) =>
            enqueueOptions.to === undefined || addressKey(enqueueOptions.to) === addressKey(d.customer.email),
        );
      await creditOrders(opened.store.db, live, {
        days: options.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS,
        now: enqueueOptions.now ?? new Date(),
      });
      const shouldRelease = releasesInline(enqueueOptions.release);
      const released = shouldRelease
        ? await releaseOnce(opened, undefined, enqueueOptions.onProgress)
        : undefined;
      if (!shouldRelease && orders.some((o) => o.written > 0)) worker.wake();
      return { orders, invalid: batch.invalid, ...(released ? { released } : {}) };
    },

    async work(workOptions = {}) {
      const opened = await open();
      const total = emptyReport();
      const add = (r: ReleaseReport) => {
        total.sent += r.sent;
        total.scheduled += r.scheduled;
        total.skipped += r.skipped;
        total.deferred += r.deferred;
        total.failed.push(...r.failed);
        total.replayed += r.replayed;
        total.requests += r.requests;
        if (r.stopped) total.stopped = r.stopped;
        if (r.marketingHeld) total.marketingHeld = true;
      };
      const pollMs = workOptions.pollMs ?? 5000;
      const logPass = (pass: ReleaseReport) => {
        if (pass.stopped) log.warn({ event: 'release.stopped', reason: pass.stopped }, pass.stopped);
        log.debug(
          {
            event: 'release.pass',
            sent: pass.sent,
            scheduled: pass.scheduled,
            skipped: pass.skipped,
            deferred: pass.deferred,
            failed: pass.failed.length,
            replayed: pass.replayed,
            requests: pass.requests,
          },
          `release pass: ${pass.sent} sent, ${pass.scheduled} scheduled, ${pass.failed.length} failed`,
        );
        workOptions.onPass?.(pass);
        add(pass);
      };
      if (workOptions.once) {
        logPass(await releaseOnce(opened, workOptions.signal, workOptions.onProgress));
        return total;
      }
      workers++;
      try {
        for (;;) {
          await worker.listen(opened.store);
          worker.woken = false;
          logPass(await releaseOnce(opened, workOptions.signal, workOptions.onProgress));
          if (total.stopped || workOptions.signal?.aborted) return total;
          // Woken while releasing: go again at once.
          if (worker.woken) continue;
          const next = await nextRelease(opened.store.db);
          const wait = next === undefined ? pollMs : Math.min(pollMs, Math.max(50, next - Date.now()));
          await worker.sleep(wait, workOptions.signal);
          if (workOptions.signal?.aborted) return total;
        }
      } finally {
        workers--;
        if (workers === 0) await worker.stopListening();
      }
    },

    async status(filter = {}) {
      const { store } = await open();
      let query = store.db.selectFrom('steps').selectAll();
      const order = filter.order;
      if (order !== undefined)
        query = query.where((eb) =>
          eb.or([
            eb('order_id', '=', order),
            eb('order_id', 'in', eb.selectFrom('orders').select('id').where('test_of', '=', order)),
          ]),
        );
      if (filter.run !== undefined) query = query.where('order_id', '=', filter.run);
      if (filter.to !== undefined)
        query = query.where(sql<string>`lower(recipient)`, '=', filter.to.trim().toLowerCase());
      if (filter.after !== undefined) {
        const a = filter.after;
        query = query.where(
          sql<boolean>`(order_id, send_at, step, template, recipient) > (${a.order}, ${new Date(a.sendAt)}::timestamptz, ${a.step}, ${a.template}, ${a.to})`,
        );
      }
      query = query
        .orderBy('order_id')
        .orderBy('send_at')
        .orderBy('step')
        .orderBy('template')
        .orderBy('recipient');
      if (filter.limit !== undefined) query = query.limit(filter.limit);
      const rows = (await query.execute()).map(statusOf);
      // Outcomes arrive between orders: a test whose figures reached a new look is judged now, not at the next order.
      await judgeAbTests(store.db, sequence, new Date(), abArmFigures);
      const abTests = (await allAbTests(store.db)).map(abTestStatus);
      if (filter.after !== undefined || (filter.limit !== undefined && rows.length >= filter.limit))
        return statusReport(rows, { abTests });
      const rejected = filter.run === undefined ? await rejectedWebhooks(store.db, filter) : [];
      return statusReport(
        [...rows, ...(filter.limit === undefined ? rejected : rejected.slice(0, filter.limit - rows.length))],
        { abTests },
      );
    },

    async cancel(target, cancelOptions = {}) {
      const { store } = await open();
      const at = cancelOptions.now ?? new Date();
      const to = target.to?.trim().toLowerCase();
      const key = to === undefined ? target.order : testRunKey(target.order, to);
      const before = await stepsOfKey(store.db, key);
      if (to === undefined)
        await sequencer.event({ type: 'order-cancelled', orderId: target.order }, { now: at });
      else if (before.length > 0)
        await stopForOrder(store.db, canRelease() ? getSender() : undefined, key, 'test run cancelled', at);
      const after = await stepsOfKey(store.db, key);
      return compareCancel(
        { order: target.order, ...(to === undefined ? {} : { to }), key },
        before,
        after,
        at,
      );
    },

    async suppress(email, suppressOptions = {}) {
      checkSuppression(email, suppressOptions.reason);
      const { store } = await open();
      const scope = suppressOptions.scope ?? 'all';
      await store.db
        .insertInto('suppressions')
        .values({
          email: email.trim().toLowerCase(),
          scope,
          reason: suppressOptions.reason ?? null,
          source: suppressOptions.source ?? 'manual',
        })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet({
            // A wider suppression replaces a narrower one, never the other way round.
            scope: sql`CASE WHEN suppressions.scope = 'all' THEN 'all' ELSE excluded.scope END`,
            reason: sql`excluded.reason`,
            source: sql`excluded.source`,
          }),
        )
        .execute();
      const source = suppressOptions.source ?? 'manual';
      log.info(
        { event: 'suppression', scope, source, email: maskAddress(email) },
        `${maskAddress(email)} suppressed (${scope}) by ${source}`,
      );
      await recordSuppressionChange(store.db, {
        email,
        action: 'added',
        scope,
        reason: suppressOptions.reason ?? null,
        actor: suppressOptions.actor ?? suppressOptions.source ?? 'manual',
      });
      const why = `suppressed (${scope}${suppressOptions.reason ? `: ${suppressOptions.reason}` : ''})`;
      await stopForAddress(store.db, canRelease() ? getSender() : undefined, email, scope, why);
    },

    async unsuppress(email, unsuppressOptions = {}) {
      const { store } = await open();
      const result = await store.db
        .deleteFrom('suppressions')
        .where('email', '=', email.trim().toLowerCase())
        .returning(['scope'])
        .executeTakeFirst();
      if (result === undefined) return false;
      await recordSuppressionChange(store.db, {
        email,
        action: 'removed',
        scope: result.scope,
        reason: unsuppressOptions.reason ?? null,
        actor: unsuppressOptions.actor ?? 'manual',
      });
      return true;
    },

    async suppressions() {
      const { store } = await open();
      const rows = await store.db.selectFrom('suppressions').selectAll().orderBy('created_at').execute();
      return rows.map((r) => ({
        email: r.email,
        scope: r.scope,
        reason: r.reason,
        source: r.source,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },

    async event(event, eventOptions = {}) {
      const { store, boss } = await open();
      if (event.type === 'shipment') {
        const now = eventOptions.now ?? new Date();
        const recorded = await recordShipment(event.document, {
          db: store.db,
          boss,
          sequenceName: sequence.name,
          from,
          now,
          ...(event.id === undefined ? {} : { source: event.id }),
        });
        // Re-plan the order's sequence (for each address it goes to: the live order, each test run) from what
        // is now known: a delivery moves the review request to its real day; an estimated delivery moves the
        // instructions. An order the store never planned gets its shipping update and nothing else. Each is
        // re-planned under the options it was first planned with: a compressed test send stays compressed.
        if (recorded.applied)
          for (const r of recorded.recipients) {
            const planned = await store.db
              .selectFrom('steps')
              .select('id')
              .where('order_id', '=', r.key)
              .where('template', '<>', 'shipping-update')
              .limit(1)
              .execute();
            const order = await store.db
              .selectFrom('orders')
              .select(['rules', 'cancelled'])
              .where('id', '=', r.key)
              .executeTakeFirst();
            if (planned.length === 0 || order?.cancelled) continue;
            const rules = order?.rules == null ? undefined : readRules(order.rules);
            await enqueueOrders(store.db, boss, [recorded.document], {
              sequence,
              from: r.from,
              to: r.to,
              test: r.test,
              releaseWindowMs,
              now,
              ...(options.unsubscribeSecret === undefined
                ? {}
                : { unsubscribeSecret: options.unsubscribeSecret }),
              ...(canRelease() ? { sender: getSender() } : {}),
              ...(rules?.compressMs === undefined ? {} : { compressMs: rules.compressMs }),
              ...(rules?.start === undefined ? {} : { start: rules.start }),
              ...(rules?.only === undefined ? {} : { only: rules.only }),
              ...LEARNING_PORTS,
            });
          }
        log.info(
          {
            event: 'shipment',
            order: recorded.orderId,
            applied: recorded.applied,
            outcome: recorded.outcome,
          },
          `order ${recorded.orderId}: shipment ${recorded.outcome}`,
        );
        if (recorded.applied && releasesInline(eventOptions.release)) await releaseOnce({ store, boss });
        else if (recorded.applied) worker.wake();
        return { applied: recorded.applied, cancelled: 0, outcome: recorded.outcome };
      }
      const id = event.id ?? `${event.type}:${event.orderId}:${new Date().toISOString()}`;
      const recorded = await store.db
        .insertInto('events')
        .values({ id, source: 'api', type: event.type, payload: JSON.stringify(event) })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!recorded) return { applied: false, cancelled: 0, outcome: 'already applied' };
      const reason = event.type === 'order-cancelled' ? 'order cancelled' : 'order refunded';
      await withdrawCredit(store.db, event.orderId, reason);
      const stopped = await stopForOrder(
        store.db,
        canRelease() ? getSender() : undefined,
        event.orderId,
        reason,
      );
      const count = stopped.skipped + stopped.cancelledAtResend;
      const outcome = `${count} step(s) cancelled`;
      log.info(
        { event: 'order.stopped', order: event.orderId, reason, cancelled: count },
        `order ${event.orderId}: ${reason}, ${outcome}`,
      );
      await setOutcome(store.db, id, outcome);
      return { applied: true, cancelled: count, outcome };
    },

    handleUnsubscribe: (request) => unsubscribe(request),
    handleFeedback: (request) => feedback(request),

    handlePreferences: (request) => preferencesPage(request),

    async preferences(email) {
      return preferencesOf((await open()).store.db, email);
    },

    async setPreferences(email, chosen) {
      const { store } = await open();
      const previous = await savePreferences(store.db, email, chosen);
      await recallScheduled(store.db, canRelease() ? getSender() : undefined, email, chosen);
      return previous;
    },

    async requestPreferencesLink(email, origin) {
      const { store } = await open();
      return sendPreferencesLink(
        {
          db: store.db,
          sender: canRelease() ? getSender() : undefined,
          from,
          unsubscribeSecret: options.unsubscribeSecret,
        },
        email,
        origin,
      );
    },

    async guardrailState() {
      return guardrailState((await open()).store.db);
    },

    async resumeMarketing() {
      const resumed = await resumeMarketing((await open()).store.db);
      if (resumed) options.log?.('marketing resumed: the complaint guardrail was lifted by hand');
      return resumed;
    },
    handleResendWebhook: (request) => webhook(request),
    handleShopifyWebhook: (request) => shopifyHandler()(request),

    async report(reportOptions = {}) {
      const { store } = await open();
      const until = reportOptions.now ?? new Date();
      const since = new Date(until.getTime() - (reportOptions.sinceMs ?? 30 * 86_400_000));
      await judgeAbTests(store.db, sequence, until, abArmFigures);
      const rows = await readReportRows(store.db, since, until);
      const goals = Object.fromEntries(builtIn.ids.map((id) => [id, builtIn.get(id).goal]));
      const report = outcomeReport({ ...rows, goals, order: builtIn.ids });
      return { ...report, ...(await learningReport(store.db, sequence, { since, until })) };
    },

    store: async () => (await open()).store,

    async close() {
      if (!opening) return;
      const pending = opening;
      opening = undefined;
      const opened = await pending.catch(() => undefined);
      if (!opened) return;
      await opened.boss.stop({ graceful: false, close: false, wait: true }).catch(() => {});
      // A store passed in (`options.store`) is its owner's to close.
      if (!options.store) await opened.store.close();
    },
  };
  return sequencer;
}

/** Shopify deliveries our schema refused, as status rows (state `rejected`, the field paths as the reason). */
async function rejectedWebhooks(db: Kysely<Database>, filter: StatusFilter): Promise<StepStatus[]> {
  let query = db.selectFrom('events').selectAll().where('type', '=', 'shopify/rejected');
  if (filter.order !== undefined) query = query.where(sql<string>`payload->>'orderId'`, '=', filter.order);
  if (filter.to !== undefined)
    query = query.where(sql<string>`lower(payload->>'email')`, '=', filter.to.trim().toLowerCase());
  const rows = await query.orderBy('received_at').execute();
  return rows.map((row) => {
    const r = row.payload as RejectedWebhook;
    const at = new Date(row.received_at).toISOString();
    return {
      order: r.orderId ?? '',
      test: false,
      to: r.email ?? '',
      step: 0,
      template: `shopify ${r.topic}`,
      kind: 'webhook',
      state: 'rejected',
      sendAt: at,
      local: at,
      variant: null,
      resendId: null,
      reason: r.problems.join('; '),
      attempts: 0,
      lastEvent: null,
    };
  });
}

type StoredDocument = {
  customer?: { locale?: unknown };
  shop?: {
    name?: unknown;
    url?: unknown;
    logoUrl?: unknown;
    brand?: FeedbackStep['shop']['brand'];
    feedbackTags?: FeedbackStep['shop']['feedbackTags'];
  };
  review?: { reviewUrl?: unknown; scale?: unknown };
};

/** What the feedback page shows for a step, from the document its email was rendered from. */
function feedbackStepOf(row: NonNullable<Awaited<ReturnType<typeof feedbackStep>>>): FeedbackStep {
  const doc = (row.document ?? {}) as StoredDocument;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const shopName = text(doc.shop?.name) ?? '';
  const logoUrl = text(doc.shop?.logoUrl);
  return {
    id: row.id,
    locale: localeOf(doc.customer?.locale),
    scale: doc.review?.scale === 'nps' ? 'nps' : 'stars',
    shop: {
      name: shopName,
      ...(logoUrl ? { logoUrl } : {}),
      ...(doc.shop?.brand ? { brand: doc.shop.brand } : {}),
      ...(doc.shop?.feedbackTags ? { feedbackTags: doc.shop.feedbackTags } : {}),
    },
    reviewUrl: text(doc.review?.reviewUrl) ?? text(doc.shop?.url) ?? '',
    ...(row.deliveredAt ? { deliveredMs: row.deliveredAt.getTime() } : {}),
  };
}

const isOneOf = (list: readonly string[], value: string) => list.includes(value);

/** An address to suppress is checked like the document's (`customer.email`), its reason like any stored text. */
function checkSuppression(email: string, reason: string | undefined): void {
  const problems = [
    ...(isEmailAddress(email.trim()) ? [] : ['email: expected an email address']),
    ...(reason === undefined || isStorableText(reason) ? [] : [`reason: ${UNSTORABLE_MESSAGE}`]),
  ];
  if (problems.length > 0) throw new ValidationError(problems, 'cannot suppress');
}

function pick(o: EnqueueOptions): EnqueueRequestOptions {
  return {
    ...(o.to === undefined ? {} : { to: o.to }),
    ...(o.start === undefined ? {} : { start: o.start }),
    ...(o.compressMs === undefined ? {} : { compressMs: o.compressMs }),
    ...(o.only === undefined ? {} : { only: o.only }),
  };
}

function isSequence(value: unknown): value is Sequence {
  return (
    typeof value === 'object' &&
    value !== null &&
    'minGapHours' in value &&
    'onNewOrder' in value &&
    Array.isArray((value as { steps?: unknown }).steps)
  );
}

async function setOutcome(db: Kysely<Database>, id: string, outcome: string): Promise<void> {
  await db.updateTable('events').set({ outcome }).where('id', '=', id).execute();
}

async function nextRelease(db: Kysely<Database>): Promise<number | undefined> {
  const row = await db
    .selectFrom('steps')
    .select((eb) => eb.fn.min('release_at').as('next'))
    .where('state', '=', 'planned')
    .executeTakeFirst();
  return row?.next ? new Date(row.next as Date).getTime() : undefined;
}

export function statusOf(row: StepRow): StepStatus {
  return {
    order: liveOrderOf(row.order_id),
    test: row.test,
    ...(row.test ? { run: row.order_id } : {}),
    to: row.recipient,
    step: row.step,
    template: row.template,
    kind: row.kind,
    state: row.state,
    sendAt: new Date(row.send_at).toISOString(),
    local: row.local_time,
    variant: row.variant,
    ...(row.anchor ? { anchor: row.anchor } : {}),
    resendId: row.resend_id,
    reason: row.reason,
    attempts: row.attempts,
    lastEvent: row.last_event,
  };
}
