/**
 * `GET /metrics`: serve's own prom-client registry (never the global one, so a host app's metrics and ours stay
 * apart), every name prefixed `ppe_`. The engine counts through `EngineMetrics` (sending/engine/telemetry.ts);
 * the step and queue gauges are read from the store at scrape time.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineMetrics, ResendRequest } from '../engine/telemetry';
import type { QueueDue } from '../store/gauges';
import type { StepState } from '../store/schema';

export type GaugeSources = Readonly<{
  stepCounts(): Promise<Record<StepState, number>>;
  queueDue(): Promise<QueueDue>;
  /** The complaint guardrail, read at scrape time (absent: the gauges are not exposed). */
  guardrail?(): Promise<Readonly<{ state: 'ok' | 'warning' | 'tripped'; rate: number; delivered: number }>>;
}>;

export type ServerMetrics = EngineMetrics &
  Readonly<{
    /** One HTTP request answered (`route` is the route's pattern, never the raw path). */
    http(route: string, status: number): void;
    /** Told of every Resend request too (the health check listens). */
    onResendRequest(listener: (request: ResendRequest) => void): void;
    /** The Prometheus text exposition. */
    scrape(): Promise<Readonly<{ contentType: string; body: string }>>;
  }>;

export function createServerMetrics(sources: GaugeSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ppe_' });
  const emails = new Counter({
    name: 'ppe_emails_total',
    help: 'Emails by template and what became of them at release: sent, scheduled, skipped, deferred, failed.',
    labelNames: ['template', 'outcome'] as const,
    registers: [registry],
  });
  const resendRequests = new Counter({
    name: 'ppe_resend_requests_total',
    help: 'Requests to Resend (each attempt) by HTTP status; "timeout" or "error" when nothing answered.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const resendSeconds = new Histogram({
    name: 'ppe_resend_request_duration_seconds',
    help: 'How long each request to Resend took.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'ppe_webhooks_total',
    help: 'Webhooks by source (resend, shopify) and outcome: applied, duplicate, rejected, ignored.',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'ppe_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status.',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ppe_steps',
    help: 'Steps in the store by state (read at scrape time).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await sources.stepCounts().catch(() => undefined);
      if (counts) for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  if (sources.guardrail) {
    const read = sources.guardrail;
    new Gauge({
      name: 'ppe_marketing_guardrail',
      help: 'The complaint guardrail: 1 for its current state (ok, warning, tripped: marketing held back).',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const g = await read().catch(() => undefined);
        if (g)
          for (const state of ['ok', 'warning', 'tripped'] as const)
            this.set({ state }, g.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ppe_marketing_complaint_rate',
      help: "Marketing's complaints ÷ delivered over the last 24 h (the guardrail trips at 0.003 with 1,000 delivered).",
      registers: [registry],
      async collect() {
        const g = await read().catch(() => undefined);
        if (g) this.set(g.rate);
        else this.reset();
      },
    });
  }
  new Gauge({
    name: 'ppe_queue_due',
    help: 'Planned steps whose release time has come and that no worker has taken yet.',
    registers: [registry],
    async collect() {
      const due = await sources.queueDue().catch(() => undefined);
      if (due) this.set(due.due);
      else this.reset();
    },
  });
  new Gauge({
    name: 'ppe_queue_oldest_due_seconds',
    help: 'How long the oldest due step has waited past its release time (0 when none waits).',
    registers: [registry],
    async collect() {
      const due = await sources.queueDue().catch(() => undefined);
      if (due) this.set(due.oldestDueSeconds);
      else this.reset();
    },
  });
  const listeners: ((request: ResendRequest) => void)[] = [];
  return {
    emails: (template, outcome, count) => emails.inc({ template, outcome }, count),
    resendRequest: (request) => {
      resendRequests.inc({ status: request.status });
      resendSeconds.observe(request.seconds);
      for (const listener of listeners) listener(request);
    },
    webhook: (source, outcome) => webhooks.inc({ source, outcome }),
    http: (route, status) => httpRequests.inc({ route, status: String(status) }),
    onResendRequest: (listener) => {
      listeners.push(listener);
    },
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
