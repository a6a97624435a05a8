/**
 * `npm run serve [-- --port 8787] [--sequence <file>] [--release-window <duration>] [--ledger <dir>]`: one HTTP
 * server (sending/server/server.ts) with the worker inside. SIGTERM stops taking requests, finishes those in flight,
 * lets the worker end its pass, closes the store and exits 0.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { CliError, EXIT, type ExitCode, readJsonFile } from '../../core/cli';
import { ValidationError } from '../../core/order-document';
import { describeInvalid } from '../intake/order-input';
import { loadShopConfig } from '../intake/shopify/shop-config';
import { parseSequence } from '../plan/sequence';
import { createSequencer, InvalidOrdersError } from '../sequencer';
import { serveApp } from '../server/http-node';
import { createApp } from '../server/server';
import { parseReleaseWindow } from './send-options';

export const SERVE_USAGE = `usage: npm run serve -- [--port <n>] [--host <addr>] [--sequence <file.json>] [--release-window <duration>] [--ledger <dir>]
  --port            the port (default PORT, else 8787; 0 picks a free one)
  --host            the address to listen on (default 0.0.0.0)
  --sequence        the sequence file (default: the post-purchase sequence)
  --release-window  how long before its send time a step goes to Resend (0 … 30d; default 1h)
  --ledger          the embedded store's directory (default .sends/); ignored with DATABASE_URL
environment: RESEND_API_KEY, EMAIL_FROM, UNSUBSCRIBE_SECRET, INTAKE_TOKEN, RESEND_WEBHOOK_SECRET,
  SHOPIFY_WEBHOOK_SECRET and SHOP_CONFIG, DATABASE_URL`;

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
  const from = io.env.EMAIL_FROM?.trim();
  if (io.env.RESEND_API_KEY && !from)
    throw new CliError('EMAIL_FROM is required to send (e.g. "Shop <orders@your-domain>")');
  if (!io.env.INTAKE_TOKEN)
    io.err('warning: INTAKE_TOKEN is not set: POST /orders, /events and GET /status answer 401\n');
  if (!io.env.UNSUBSCRIBE_SECRET)
    io.err(
      'warning: UNSUBSCRIBE_SECRET is not set: orders whose shop.unsubscribeUrl has a {token} are refused (503)\n',
    );
  // Shopify's orders need the shop object from SHOP_CONFIG: checked now, not at the first webhook.
  const shopConfigPath = io.env.SHOP_CONFIG?.trim() || undefined;
  if (io.env.SHOPIFY_WEBHOOK_SECRET && !shopConfigPath)
    throw new CliError(
      'SHOPIFY_WEBHOOK_SECRET is set but SHOP_CONFIG is not: Shopify webhooks need the path of a JSON file with the shop object',
    );
  const shopConfig = shopConfigPath ? await loadShopConfig(shopConfigPath) : undefined;

  const sequencer = createSequencer({
    ...(io.env.DATABASE_URL ? { databaseUrl: io.env.DATABASE_URL } : {}),
    ...(values.ledger === undefined ? {} : { ledgerDir: values.ledger as string }),
    ...(io.env.RESEND_API_KEY ? { apiKey: io.env.RESEND_API_KEY } : {}),
    from: from ?? 'unset <unset@localhost>',
    ...(sequence ? { sequence } : {}),
    ...(releaseWindowMs === undefined ? {} : { releaseWindowMs }),
    ...(io.env.UNSUBSCRIBE_SECRET ? { unsubscribeSecret: io.env.UNSUBSCRIBE_SECRET } : {}),
    ...(io.env.RESEND_WEBHOOK_SECRET ? { webhookSecret: io.env.RESEND_WEBHOOK_SECRET } : {}),
    ...(io.env.SHOPIFY_WEBHOOK_SECRET ? { shopifyWebhookSecret: io.env.SHOPIFY_WEBHOOK_SECRET } : {}),
    ...(shopConfig ? { shopConfig } : {}),
    // The server log: webhook deliveries, the complaint guardrail's warning and trip, preference-link requests.
    log: (line) => io.err(`${line}\n`),
  });
  const store = await sequencer.store();
  const worker = { state: io.env.RESEND_API_KEY ? 'running' : 'idle (no RESEND_API_KEY)', lastError: '' };
  const stopWorker = new AbortController();
  const workerDone = io.env.RESEND_API_KEY
    ? (async () => {
        while (!stopWorker.signal.aborted) {
          try {
            await sequencer.work({ signal: stopWorker.signal });
          } catch (error) {
            worker.lastError = (error as Error).message.split('\n')[0] ?? 'error';
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
        worker.state = 'stopped';
      })()
    : Promise.resolve();

  const app = createApp({
    intakeToken: io.env.INTAKE_TOKEN,
    onError: (error) => io.err(`error: ${(error as Error).stack ?? String(error)}\n`),
    problemsOf: (error) =>
      error instanceof InvalidOrdersError
        ? describeInvalid(error.invalid)
        : error instanceof ValidationError
          ? error.problems
          : undefined,
    engine: {
      enqueue: async (docs) => {
        const result = await sequencer.enqueue(docs);
        return {
          orders: result.orders.map((o) => ({
            order: o.order,
            to: o.to,
            steps: o.plan.steps.length,
            skipped: o.plan.skipped.length,
          })),
        };
      },
      event: (event) => sequencer.event(event),
      status: (filter) => sequencer.status(filter),
      handleUnsubscribe: (request) => sequencer.handleUnsubscribe(request),
      handlePreferences: (request) => sequencer.handlePreferences(request),
      guardrail: () => sequencer.guardrailState(),
      handleResendWebhook: (request) => sequencer.handleResendWebhook(request),
      handleShopifyWebhook: (request) => sequencer.handleShopifyWebhook(request),
      health: async () => {
        let storeOk = true;
        try {
          await sql`select 1`.execute(store.db);
        } catch {
          storeOk = false;
        }
        // The guardrail does not make the server unhealthy: it says whether marketing is held back.
        const guardrail = storeOk ? await sequencer.guardrailState().catch(() => undefined) : undefined;
        return {
          ok: storeOk,
          store: { backend: store.backend, ok: storeOk },
          worker: { ...worker },
          ...(guardrail ? { guardrail } : {}),
        };
      },
    },
  });
  const server = await serveApp(app, { port, ...(values.host ? { host: values.host as string } : {}) });
  io.out(`serving on ${server.url} (store: ${store.backend}; worker: ${worker.state})\n`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  io.out('stopping: finishing requests in flight\n');
  await server.close();
  stopWorker.abort();
  await workerDone;
  await sequencer.close();
  io.out('stopped\n');
  return EXIT.ok;
}
