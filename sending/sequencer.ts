/**
 * The engine as a library: `createSequencer(options)` gives a shop's own server (and the `send` command) the
 * store, the planner and the worker. The store opens on first use, so creating a sequencer is cheap and sync.
 *
 *   const sequencer = createSequencer({ from: 'Shop <orders@shop.example>', apiKey: process.env.RESEND_API_KEY });
 *   await sequencer.enqueue(orderDocument);            // plans it; releases what is already due
 *   await sequencer.work({ once: true });              // from cron, or `work()` in a long-running process
 */
import { cancel } from './engine/cancel';
import { enqueueOrders, type PlannedOrder } from './engine/enqueue';
import { applyEvent } from './engine/events';
import { feedbackPort } from './engine/feedback';
import { pageHandlers, shopifyHandlerFor } from './engine/handlers';
import { abTestStatuses, LEARNING_PORTS } from './engine/learning';
import { creditOrders, DEFAULT_ATTRIBUTION_DAYS, report } from './engine/outcomes';
import { preferenceCentre } from './engine/preference-centre';
import { release } from './engine/release';
import { checkSequencerOptions } from './engine/sequencer-options';
import { stepStatuses } from './engine/status';
import { statusReport } from './engine/status-report';
import { cancellerOf } from './engine/stops';
import { suppress, suppressions, unsuppress } from './engine/suppressions';
import {
  type Logger,
  maskAddress,
  noMetrics,
  observeWebhook,
  silentLogger,
  type Telemetry,
} from './engine/telemetry';
import { applyResendEvent, type DbOf } from './engine/webhooks';
import { createWorker, work } from './engine/work';
import { createFeedbackHandler } from './http/feedback';
import { createResendWebhookHandler } from './http/resend-webhook';
import { type InvalidOrder, type OrderBatch, validateOrders } from './intake/order-input';
import { addressKey } from './plan/frequency';
import { defaultSequence, parseSequence, type Sequence } from './plan/sequence';
import { resendApi } from './provider/resend/api';
import { Sender } from './provider/sender';
import { carryLegacyQueue } from './store/legacy-layout';
import { openQueue, type Queue, stopQueue } from './store/queue';
import { openStore, type Store } from './store/store';
import type {
  EnqueueOptions,
  EnqueueRequestOptions,
  Sequencer,
  SequencerOptions,
  WorkOptions,
} from './types';

export { statusOf } from './engine/status';
export type {
  EnqueueOptions,
  EnqueueResult,
  EventResult,
  Sequencer,
  SequencerEvent,
  SequencerOptions,
  StatusFilter,
  StepStatus,
  Suppression,
  WorkOptions,
} from './types';

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

type Opened = Readonly<{ store: Store; boss: Queue }>;

export const DEFAULT_RELEASE_WINDOW_MS = 3_600_000;

/** The sender written on steps a dry-run sequencer plans without a `from`: Resend's test address. */
const DRY_RUN_FROM = 'onboarding@resend.dev';

/**
 * The facade: options resolved once, the store opened on first use, each method one use case of engine/.
 * Throws a `SequencerOptionsError` naming each bad option (engine/sequencer-options.ts), before anything opens.
 */
export function createSequencer(options: SequencerOptions): Sequencer {
  checkSequencerOptions(options);
  const from = options.from ?? DRY_RUN_FROM;
  const sequence = sequenceOf(options.sequence);
  const releaseWindowMs = options.releaseWindowMs ?? DEFAULT_RELEASE_WINDOW_MS;
  let opening: Promise<Opened> | undefined;
  let sender: Sender | undefined;
  const telemetry: Telemetry = { log: options.logger ?? silentLogger, metrics: options.metrics ?? noMetrics };
  const log = telemetry.log;

  const open = (): Promise<Opened> => {
    opening ??= openStoreAndQueue(options, log);
    opening.catch(() => {
      opening = undefined;
    });
    return opening;
  };
  const dbOf: DbOf = async () => (await open()).store.db;

  const getSender = (): Sender => {
    if (sender) return sender;
    sender = senderFor(options, telemetry);
    return sender;
  };

  const canRelease = () => !options.dryRun && (options.api !== undefined || Boolean(options.apiKey));
  /** `work()` loops running in this process: while there is one, intake leaves releasing to it and wakes it. */
  const worker = createWorker();
  const releasesInline = (asked: boolean | undefined) => (asked ?? worker.running() === 0) && canRelease();
  /** The sender when there is a key: stops cancel at Resend with it; without one they are recorded only. */
  const senderIfAny = () => (canRelease() ? getSender() : undefined);
  const canceller = cancellerOf({ worker, sender: senderIfAny });
  const secret =
    options.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: options.unsubscribeSecret };

  async function releaseOnce(opened: Opened, signal?: AbortSignal, onProgress?: WorkOptions['onProgress']) {
    return release(
      {
        db: opened.store.db,
        boss: opened.boss,
        sender: getSender(),
        ...secret,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        ...(options.lanes === undefined ? {} : { lanes: options.lanes }),
        telemetry,
        ...(options.log ? { log: (level: string, line: string) => options.log?.(`${level}: ${line}`) } : {}),
      },
      { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) },
    );
  }

  const centre = preferenceCentre({
    db: dbOf,
    sender: senderIfAny,
    canceller,
    from,
    unsubscribeSecret: options.unsubscribeSecret,
    ...(options.shopConfig === undefined ? {} : { shopConfig: options.shopConfig }),
    ...(options.log ? { log: options.log } : {}),
  });
  const { unsubscribe, preferencesPage } = pageHandlers(options, centre, dbOf, (address, info) =>
    sequencer.suppress(address, { scope: 'marketing', ...info }),
  );

  const feedback = createFeedbackHandler({ secret: options.unsubscribeSecret, ...feedbackPort(dbOf) });

  const webhook = createResendWebhookHandler({
    secret: options.webhookSecret,
    observe: observeWebhook(telemetry),
    apply: applyResendEvent(dbOf, (address, how) => sequencer.suppress(address, how)),
  });
  let shopify: ((request: Request) => Promise<Response>) | undefined;
  const shopifyHandler = () => (shopify ??= shopifyHandlerFor(options, telemetry, dbOf, sequencer));

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
          ...secret,
          ...(canRelease() ? { sender: canceller() } : {}),
          ...pick(enqueueOptions),
          ...LEARNING_PORTS,
        },
      );
      logPlanned(log, orders);
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
      if (!shouldRelease && orders.some((o) => o.written > 0)) worker.wake.wake();
      return { orders, invalid: batch.invalid, ...(released ? { released } : {}) };
    },

    async work(workOptions = {}) {
      const opened = await open();
      return work(
        opened.store,
        (signal, onProgress) => releaseOnce(opened, signal, onProgress),
        workOptions,
        worker,
        log,
      );
    },

    async status(filter = {}) {
      const db = await dbOf();
      const steps = await stepStatuses(db, filter);
      return statusReport(steps, { abTests: await abTestStatuses(db, sequence, new Date()) });
    },
    cancel: async (target, cancelOptions = {}) =>
      cancel(await dbOf(), target, cancelOptions.now ?? new Date(), {
        cancelOrder: (orderId, now) => sequencer.event({ type: 'order-cancelled', orderId }, { now }),
        ...(canRelease() ? { sender: canceller() } : {}),
      }),
    suppress: async (email, suppressOptions = {}) =>
      suppress(await dbOf(), canceller(), email, suppressOptions, log),
    unsuppress: async (email, unsuppressOptions = {}) => unsuppress(await dbOf(), email, unsuppressOptions),
    suppressions: async () => suppressions(await dbOf()),

    async event(event, eventOptions = {}) {
      const opened = await open();
      const result = await applyEvent(
        {
          db: opened.store.db,
          boss: opened.boss,
          sequence,
          from,
          releaseWindowMs,
          ...secret,
          log,
          ...(canRelease() ? { sender: canceller() } : {}),
        },
        event,
        eventOptions.now ?? new Date(),
      );
      if (event.type === 'shipment' && result.applied) {
        if (releasesInline(eventOptions.release)) await releaseOnce(opened);
        else worker.wake.wake();
      }
      return result;
    },

    handleUnsubscribe: (request) => unsubscribe(request),
    handleFeedback: (request) => feedback(request),
    handlePreferences: (request) => preferencesPage(request),
    preferences: (email) => centre.preferences(email),
    setPreferences: (email, chosen) => centre.setPreferences(email, chosen),
    requestPreferencesLink: (email, origin) => centre.requestPreferencesLink(email, origin),
    guardrailState: () => centre.guardrailState(),
    resumeMarketing: () => centre.resumeMarketing(),
    handleResendWebhook: (request) => webhook(request),
    handleShopifyWebhook: (request) => shopifyHandler()(request),

    report: async (reportOptions = {}) => report(await dbOf(), sequence, reportOptions),

    store: async () => (await open()).store,

    async close() {
      if (!opening) return;
      const pending = opening;
      opening = undefined;
      const opened = await pending.catch(() => undefined);
      if (!opened) return;
      await stopQueue(opened.boss).catch(() => {});
      // A store passed in (`options.store`) is its owner's to close.
      if (!options.store) await opened.store.close();
    },
  };
  return sequencer;
}

/** The sequence a sequencer plans with: the one given (parsed when it is a file's content), or the default. */
function sequenceOf(given: SequencerOptions['sequence']): Sequence {
  if (given === undefined) return defaultSequence();
  return isSequence(given) ? given : parseSequence(given);
}

/** The store (the one given, or one opened from the options) and its queue; a store moved out of `public` is logged. */
async function openStoreAndQueue(options: SequencerOptions, log: Logger): Promise<Opened> {
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
}

/** The provider client behind pacing and retries, each request counted; none for a dry run. */
function senderFor(options: SequencerOptions, telemetry: Telemetry): Sender {
  const api = options.dryRun
    ? undefined
    : (options.api ?? (options.apiKey ? resendApi(options.apiKey) : undefined));
  if (!api) throw new Error('a dry-run sequencer plans steps but never releases them (dryRun: true)');
  const onRequest = options.sender?.onRequest;
  return new Sender(api, {
    ...options.sender,
    onRequest: (request) => {
      telemetry.metrics.resendRequest(request);
      onRequest?.(request);
    },
  });
}

/** One log line per order planned (the address masked). */
function logPlanned(log: Logger, orders: readonly PlannedOrder[]): void {
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
