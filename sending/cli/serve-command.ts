/**
 * `npm run serve [-- --port 8787] [--sequence <file>] [--release-window <duration>] [--ledger <dir>]`: one HTTP
 * server (sending/server/server.ts) with the worker inside. Its settings are checked first (sending/cli/environment.ts:
 * exit 2 naming every unusable one); then it logs JSON lines on stdout (sending/server/logger.ts), counts for
 * /metrics (sending/server/metrics.ts) and keeps /healthz's checks (sending/server/health.ts). SIGTERM stops taking
 * requests, finishes those in flight, lets the worker end its pass, closes the store and exits 0.
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT, type ExitCode, readJsonFile } from '../../core/cli';
import { loadShopConfig, type ShopConfig } from '../intake/shopify/shop-config';
import { operatorZone } from '../plan/operator-clock';
import { parseSequence, type Sequence } from '../plan/sequence';
import { createSequencer, type Sequencer } from '../sequencer';
import { configurationLines } from '../server/configuration';
import { createConsole } from '../server/console/console-app';
import { checkStore, createHealthBoard } from '../server/health';
import { DEFAULT_HOST, DEFAULT_MAX_BODY_BYTES, serveApp } from '../server/http-node';
import { createServerLogger, type ServerLogger } from '../server/logger';
import { createServerMetrics } from '../server/metrics';
import { logRequest, requestIdOf, routeOf, withRequestLog } from '../server/request-log';
import { createApp, engineOf, refuseBeforeBody } from '../server/server';
import { startWorker } from '../server/worker';
import { queueDue, stepCounts } from '../store/gauges';
import { ping } from '../store/store';
import { logConfiguration, readServeEnv, type ServeEnv } from './environment';
import { parseReleaseWindow } from './send-options';

/**
 * Connections to a Postgres server: the worker's lanes take up to four while they release; the rest serve
 * intake, so a burst of orders is not queued behind a release pass.
 */
const SERVE_CONNECTIONS = 10;

export const SERVE_USAGE = `usage: post-purchase-emails serve [--port <n>] [--host <addr>] [--sequence <file.json>] [--release-window <duration>] [--ledger <dir>]
  (npm run serve -- … in a checkout)
  --port            the port (default PORT, else 8787; 0 picks a free one)
  --host            the address to listen on (default ${DEFAULT_HOST}, this machine only; 0.0.0.0 or :: for every interface)
  --sequence        the sequence file (default: the post-purchase sequence)
  --release-window  how long before its send time a step goes to Resend (0 … 30d; default 1h)
  --ledger          the embedded store's directory (default .sends/); ignored with DATABASE_URL
environment: RESEND_API_KEY, EMAIL_FROM, UNSUBSCRIBE_SECRET, INTAKE_TOKEN, RESEND_WEBHOOK_SECRET,
  SHOPIFY_WEBHOOK_SECRET and SHOP_CONFIG, DATABASE_URL, DATABASE_SCHEMA, ADMIN_PASSWORD (opens the console at /admin), METRICS_TOKEN, TZ,
  ATTRIBUTION_DAYS (1–30, default 5),
  LOG_LEVEL (debug, info, warn, error), and send's SEND_* tuning`;

export type ServeIo = Readonly<{
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGTERM / SIGINT. */
  signal: AbortSignal;
}>;

export async function runServeCommand(argv: readonly string[], io: ServeIo): Promise<ExitCode> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        sequence: { type: 'string' },
        'release-window': { type: 'string' },
        ledger: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${SERVE_USAGE}`);
  }
  if (values.help) {
    io.out(`${SERVE_USAGE}\n`);
    return EXIT.ok;
  }
  const fromFlag = values.port as string | undefined;
  const fromEnv = io.env.PORT?.trim() || undefined;
  const portText = fromFlag ?? fromEnv ?? '8787';
  const port = /^\d+$/.test(portText.trim()) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(
      `${fromFlag === undefined ? 'PORT' : '--port'} ${portText}: expected a port number (0–65535)`,
    );
  const windowText = values['release-window'] as string | undefined;
  const releaseWindowMs = windowText === undefined ? undefined : parseReleaseWindow(windowText);
  if (windowText !== undefined && releaseWindowMs === undefined)
    throw new CliError(
      `--release-window ${windowText}: expected a duration up to 30d such as 0, 15m, 1h or 30d`,
    );
  const sequence =
    values.sequence === undefined
      ? undefined
      : parseSequence(
          await readJsonFile(values.sequence as string, '--sequence'),
          `--sequence ${values.sequence}`,
        );
  // Every setting checked before anything is opened: a contradiction or an unusable one exits 2, naming each.
  const env = readServeEnv(io.env);
  // Shopify's orders need the shop object from SHOP_CONFIG: checked now, not at the first webhook.
  const shopConfig = env.shopConfigPath ? await loadShopConfig(env.shopConfigPath) : undefined;
  const log = createServerLogger({ level: env.logLevel, destination: { write: (line) => io.out(line) } });
  return runServer(
    {
      port,
      ...(values.host === undefined ? {} : { host: values.host as string }),
      ...(values.ledger === undefined ? {} : { ledgerDir: values.ledger as string }),
      ...(sequence ? { sequence } : {}),
      ...(releaseWindowMs === undefined ? {} : { releaseWindowMs }),
      ...(shopConfig ? { shopConfig } : {}),
    },
    env,
    log,
    io.signal,
    io.env,
  );
}

type ServeSettings = Readonly<{
  port: number;
  host?: string;
  ledgerDir?: string;
  sequence?: Sequence;
  releaseWindowMs?: number;
  shopConfig?: ShopConfig;
}>;

/** The server itself: the store, the worker, the app with its log and metrics, until the signal. */
async function runServer(
  settings: ServeSettings,
  env: ServeEnv,
  log: ServerLogger,
  signal: AbortSignal,
  processEnv: NodeJS.ProcessEnv,
): Promise<ExitCode> {
  logConfiguration(log, env.configuration);
  const health = createHealthBoard();
  let sequencer: Sequencer | undefined;
  const db = async () => (await (sequencer as Sequencer).store()).db;
  const metrics = createServerMetrics({
    stepCounts: async () => stepCounts(await db()),
    queueDue: async () => queueDue(await db()),
    guardrail: async () => (sequencer as Sequencer).guardrailState(),
  });
  metrics.onResendRequest((request) =>
    request.ok
      ? health.good('resend')
      : health.bad('resend', `Resend answered ${request.status === 'error' ? 'nothing' : request.status}`),
  );
  sequencer = createSequencer({
    ...(env.databaseUrl ? { databaseUrl: env.databaseUrl, maxConnections: SERVE_CONNECTIONS } : {}),
    ...(env.databaseSchema ? { databaseSchema: env.databaseSchema } : {}),
    ...(settings.ledgerDir === undefined ? {} : { ledgerDir: settings.ledgerDir }),
    // Without a key nothing is released: a dry-run sequencer, which needs no sender either.
    ...(env.apiKey ? { apiKey: env.apiKey } : { dryRun: true }),
    ...(env.from ? { from: env.from } : {}),
    ...(settings.sequence ? { sequence: settings.sequence } : {}),
    ...(settings.releaseWindowMs === undefined ? {} : { releaseWindowMs: settings.releaseWindowMs }),
    ...(env.unsubscribeSecret ? { unsubscribeSecret: env.unsubscribeSecret } : {}),
    ...(env.webhookSecret ? { webhookSecret: env.webhookSecret } : {}),
    ...(env.shopifyWebhookSecret ? { shopifyWebhookSecret: env.shopifyWebhookSecret } : {}),
    ...(settings.shopConfig ? { shopConfig: settings.shopConfig } : {}),
    sender: env.sender,
    attributionDays: env.attributionDays,
    ...(env.leaseMs === undefined ? {} : { leaseMs: env.leaseMs }),
    logger: log,
    metrics,
    // Webhook deliveries, the complaint guardrail's warning and trip, preference-link requests.
    log: (line) => log.info({ event: 'engine' }, line),
  });
  const engine = sequencer;
  const store = await engine.store();
  health.good('store');
  const worker = startWorker(engine, env.apiKey !== undefined, health, log);

  const adminPassword = processEnv.ADMIN_PASSWORD || undefined;
  const adminConsole = adminPassword
    ? createConsole({
        password: adminPassword,
        sequencer: engine,
        configuration: configurationLines(processEnv),
        zone: operatorZone(processEnv),
        ...(env.unsubscribeSecret ? { unsubscribeSecret: env.unsubscribeSecret } : {}),
        health: async () => {
          await checkStore(() => ping(store.db), health);
          const answer = health.answer(false);
          const guardrail = await engine.guardrailState().catch(() => undefined);
          return {
            store: answer.checks.store?.ok ?? false,
            backend: store.backend,
            worker: worker.state(),
            ...(guardrail ? { guardrail: guardrail.message } : {}),
          };
        },
      })
    : undefined;
  const app = createApp(
    engineOf(engine, {
      // Answered once the order and its jobs are committed: the worker, woken, hands them to Resend.
      release: false,
      health: async (detailed) => {
        await checkStore(() => ping(store.db), health);
        const answer = health.answer(detailed, {
          configuration: env.configuration,
          store: { backend: store.backend },
          worker: { state: worker.state() },
        });
        // The complaint guardrail does not make the server unhealthy (transactional mail goes on): its check says
        // whether marketing is held back, and the top-level `ok` stays the store's, worker's and Resend's.
        const guardrail = await engine.guardrailState().catch(() => undefined);
        return guardrail
          ? {
              ...answer,
              checks: {
                ...answer.checks,
                guardrail: { ok: guardrail.state !== 'tripped', state: guardrail.state },
              },
            }
          : answer;
      },
    }),
    {
      ...(adminConsole ? { console: adminConsole } : {}),
      intakeToken: env.intakeToken,
      unsubscribeSecretSetting: 'UNSUBSCRIBE_SECRET',
      onError: (error) => log.error({ event: 'http.error', err: error }, 'a request failed'),
      metrics: () => metrics.scrape(),
      ...(env.metricsToken ? { metricsToken: env.metricsToken } : {}),
    },
  );
  const server = await serveApp(withRequestLog(app, { log, count: metrics.http }), {
    port: settings.port,
    ...(settings.host ? { host: settings.host } : {}),
    refuse: refuseBeforeBody(env.intakeToken, DEFAULT_MAX_BODY_BYTES),
    onRefused: (refused) => {
      const requestId = requestIdOf(new Request('http://localhost/', { headers: refused.headers }));
      logRequest(log, metrics.http, {
        requestId,
        method: refused.method,
        route: routeOf(refused.path),
        status: refused.status,
        ms: refused.ms,
      });
      return { 'x-request-id': requestId };
    },
  });
  log.info(
    {
      event: 'start',
      url: server.url,
      store: store.backend,
      schema: store.schema,
      worker: worker.state(),
    },
    `serving on ${server.url} (pid ${process.pid}; store: ${store.backend}, schema ${store.schema}; worker: ${worker.state()})`,
  );
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  log.info({ event: 'stop', inFlight: server.inFlight() }, 'stopping: finishing requests in flight');
  await server.close();
  await worker.stop();
  await engine.close();
  log.info({ event: 'stopped' }, 'stopped');
  log.flush();
  return EXIT.ok;
}
