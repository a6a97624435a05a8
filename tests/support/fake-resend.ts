/**
 * A fake Resend API for tests with no network: node:http on 127.0.0.1, a random port, reached through
 * RESEND_BASE_URL. It checks every `POST /emails` body against the OpenAPI request schema, remembers
 * idempotency keys like Resend does (same key + same payload → the original answer; same key + another
 * payload → 409 `invalid_idempotent_request`), and injects the failures a sender must survive:
 * 429 with retry-after, 500, a request that hangs, a reset connection — before or after the email is accepted.
 *
 * The schema: `SEND_EMAIL_SCHEMAS` below is transcribed from `components.schemas` of Resend's OpenAPI spec
 * (a copy kept in `tests/fixtures/resend-openapi.yaml`, without descriptions and examples);
 * `readOpenApiSubset()` reads the same schemas from the YAML with a small parser, and a test asserts the two agree.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ── The schema ─────────────────────────────────────────────────────────────────────────────────────────────

export type JsonSchema = {
  type?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  format?: string;
  additionalProperties?: JsonSchema | boolean;
};

/** `components.schemas` entries that `SendEmailRequest` uses, as in the spec. */
export const SEND_EMAIL_SCHEMAS: Record<string, JsonSchema> = {
  SendEmailRequest: {
    type: 'object',
    required: ['from', 'to', 'subject'],
    properties: {
      from: { type: 'string' },
      to: {
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 50 }],
      },
      subject: { type: 'string' },
      bcc: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      cc: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      reply_to: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      html: { type: 'string' },
      text: { type: 'string' },
      template: { allOf: [{ $ref: '#/components/schemas/EmailTemplateInput' }, {}] },
      headers: { type: 'object' },
      scheduled_at: { type: 'string' },
      attachments: { type: 'array', items: { $ref: '#/components/schemas/Attachment' } },
      tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
      topic_id: { type: 'string' },
    },
  },
  Attachment: {
    type: 'object',
    properties: {
      content: { type: 'string', format: 'binary' },
      filename: { type: 'string' },
      path: { type: 'string' },
      content_type: { type: 'string' },
      content_id: { type: 'string' },
    },
  },
  Tag: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
  EmailTemplateInput: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      variables: {
        type: 'object',
        additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
      },
    },
    required: ['id'],
  },
};

/** The `Idempotency-Key` header parameter of `POST /emails`. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 256;

export const OPENAPI_SPEC_PATH = new URL('../fixtures/resend-openapi.yaml', import.meta.url);

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/**
 * A YAML subset, enough for the spec's schema blocks: block mappings and sequences by indentation,
 * plain and quoted scalars, `[a, b]` flow sequences. No anchors, no multi-line strings.
 */
export function parseYamlBlock(lines: readonly string[]): Yaml {
  const rows = lines
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  const scalar = (raw: string): Yaml => {
    const v = raw.trim();
    if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replaceAll("''", "'");
    if (v.startsWith('"') && v.endsWith('"')) return JSON.parse(v) as string;
    if (v.startsWith('[') && v.endsWith(']'))
      return v.slice(1, -1).trim() === ''
        ? []
        : v
            .slice(1, -1)
            .split(',')
            .map((part) => scalar(part));
    if (v === 'true' || v === 'false') return v === 'true';
    if (v === 'null' || v === '~') return null;
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return v;
  };
  const keyValue = (text: string): [string, string] | undefined => {
    const m = /^('[^']*'|"[^"]*"|[^:]+?):(?:\s+(.*))?$/.exec(text);
    if (!m) return undefined;
    const key = m[1] ?? '';
    return [key.startsWith("'") || key.startsWith('"') ? String(scalar(key)) : key, m[2] ?? ''];
  };
  function block(indent: number): Yaml {
    const first = rows[i];
    if (!first || first.indent < indent) return null;
    if (first.text.startsWith('- ') || first.text === '-') return sequence(first.indent);
    return mapping(first.indent);
  }
  function mapping(indent: number, into: { [key: string]: Yaml } = {}): { [key: string]: Yaml } {
    while (i < rows.length) {
      const row = rows[i];
      if (!row || row.indent !== indent || row.text.startsWith('- ')) break;
      const kv = keyValue(row.text);
      if (!kv) throw new Error(`cannot read YAML line: ${row.text}`);
      i++;
      const [key, rest] = kv;
      const next = rows[i];
      // A sequence may sit at its key's own indentation ("required:\n- from").
      if (rest === '' && next && next.indent === indent && next.text.startsWith('-'))
        into[key] = sequence(indent);
      else into[key] = rest === '' ? block(indent + 1) : scalar(rest);
    }
    return into;
  }
  function sequence(indent: number): Yaml[] {
    const out: Yaml[] = [];
    while (i < rows.length) {
      const row = rows[i];
      if (!row || row.indent !== indent || !row.text.startsWith('-')) break;
      const rest = row.text.slice(1).trim();
      const kv = keyValue(rest);
      if (rest === '') {
        i++;
        out.push(block(indent + 1));
      } else if (kv && !rest.startsWith("'") && !rest.startsWith('"')) {
        // "- key: value" opens a mapping whose other keys sit two columns in.
        const itemIndent = indent + 2;
        rows[i] = { indent: itemIndent, text: rest };
        out.push(mapping(itemIndent));
      } else {
        i++;
        out.push(scalar(rest));
      }
    }
    return out;
  }
  return block(0);
}

/** The lines of the block under `path` (e.g. components → schemas → Tag), or undefined. */
export function yamlBlockAt(lines: readonly string[], path: readonly string[]): string[] | undefined {
  let start = 0;
  let end = lines.length;
  let indent = -1;
  for (const key of path) {
    let found = -1;
    let childIndent = -1;
    for (let j = start; j < end; j++) {
      const line = lines[j] ?? '';
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const lineIndent = line.length - line.trimStart().length;
      if (lineIndent <= indent) break;
      if (childIndent === -1) childIndent = lineIndent;
      if (lineIndent !== childIndent) continue;
      const k = line
        .trim()
        .replace(/:.*$/, '')
        .replace(/^['"]|['"]$/g, '');
      if (k === key) {
        found = j;
        break;
      }
    }
    if (found === -1) return undefined;
    indent = childIndent;
    start = found + 1;
    let stop = start;
    while (stop < end) {
      const line = lines[stop] ?? '';
      if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
      stop++;
    }
    end = stop;
  }
  return lines.slice(start, end);
}

function stripDocs(value: Yaml): Yaml {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'description' && k !== 'example')
        .map(([k, v]) => [k, stripDocs(v)]),
    );
  return value;
}

/** The same schemas and header limit, read from the spec file (for the test that keeps the transcription honest). */
export function readOpenApiSubset(path: URL | string = OPENAPI_SPEC_PATH): {
  schemas: Record<string, Yaml>;
  idempotencyKeyMaxLength: Yaml;
} {
  const lines = readFileSync(path, 'utf8').split('\n');
  const schemas: Record<string, Yaml> = {};
  for (const name of Object.keys(SEND_EMAIL_SCHEMAS)) {
    const block = yamlBlockAt(lines, ['components', 'schemas', name]);
    if (!block) throw new Error(`schema ${name} not found in the spec`);
    schemas[name] = stripDocs(parseYamlBlock(block));
  }
  const post = parseYamlBlock(yamlBlockAt(lines, ['paths', '/emails', 'post']) ?? []) as {
    [k: string]: Yaml;
  };
  const parameters = (post.parameters ?? []) as { [k: string]: Yaml }[];
  const header = parameters.find((p) => p.name === 'Idempotency-Key');
  const schema = (header?.schema ?? {}) as { [k: string]: Yaml };
  return { schemas, idempotencyKeyMaxLength: schema.maxLength ?? null };
}

/** JSON Schema (the subset the spec uses here) → one `path: problem` line per violation. */
export function validate(
  value: unknown,
  schema: JsonSchema,
  path = 'body',
  schemas = SEND_EMAIL_SCHEMAS,
): string[] {
  if (schema.$ref) {
    const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
    return target ? validate(value, target, path, schemas) : [`${path}: unknown $ref ${schema.$ref}`];
  }
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...validate(value, part, path, schemas));
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((s) => validate(value, s, path, schemas).length === 0).length;
    if (matches !== 1)
      problems.push(
        `${path}: must match exactly one of ${schema.oneOf.map((s) => s.type ?? 'schema').join(' | ')}`,
      );
  }
  if (schema.type) {
    const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    const ok =
      schema.type === 'integer'
        ? Number.isInteger(value)
        : schema.type === 'object'
          ? actual === 'object'
          : actual === schema.type;
    if (!ok) return [...problems, `${path}: expected ${schema.type}, got ${actual}`];
  }
  if (typeof value === 'string' && schema.maxLength !== undefined && value.length > schema.maxLength)
    problems.push(`${path}: longer than ${schema.maxLength}`);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      problems.push(`${path}: more than ${schema.maxItems} items`);
    const items = schema.items;
    if (items)
      value.forEach((item, i) => void problems.push(...validate(item, items, `${path}[${i}]`, schemas)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (object[key] === undefined) problems.push(`${path}.${key}: required`);
    for (const [key, child] of Object.entries(object)) {
      const sub = schema.properties?.[key];
      if (sub) problems.push(...validate(child, sub, `${path}.${key}`, schemas));
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...validate(child, schema.additionalProperties, `${path}.${key}`, schemas));
    }
  }
  return problems;
}

/**
 * Beyond the schema's types, what its descriptions state and the API enforces: tag characters and length,
 * at most 50 recipients, an ISO 8601 `scheduled_at`, html or text (or a template). And, stricter than the
 * spec, no unknown top-level field, so an SDK-spelling leak such as `scheduledAt` cannot pass unnoticed.
 */
export function checkSendEmail(body: unknown): string[] {
  const problems = validate(body, SEND_EMAIL_SCHEMAS.SendEmailRequest as JsonSchema);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return problems;
  const b = body as Record<string, unknown>;
  const known = Object.keys(SEND_EMAIL_SCHEMAS.SendEmailRequest?.properties ?? {});
  for (const key of Object.keys(b))
    if (!known.includes(key)) problems.push(`body.${key}: not a field of SendEmailRequest`);
  if (b.html === undefined && b.text === undefined && b.template === undefined)
    problems.push('body: html, text or template is required');
  if (typeof b.scheduled_at === 'string' && Number.isNaN(Date.parse(b.scheduled_at)))
    problems.push('body.scheduled_at: expected an ISO 8601 date');
  if (Array.isArray(b.tags))
    b.tags.forEach((tag, i) => {
      for (const field of ['name', 'value'] as const) {
        const v = (tag as Record<string, unknown>)?.[field];
        if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(v))
          problems.push(`body.tags[${i}].${field}: only ASCII letters, numbers, _ and - (1–256 characters)`);
      }
    });
  if (b.headers && typeof b.headers === 'object')
    for (const [k, v] of Object.entries(b.headers))
      if (typeof v !== 'string') problems.push(`body.headers.${k}: expected string`);
  return problems;
}

// ── The server ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What to do to one `POST /emails`. `reset`/`hang` happen before the email is accepted (Resend never saw it);
 * the `-after-accept` variants accept it first (Resend has it, the client never hears back).
 */
export type Fault =
  | 'reset'
  | 'hang'
  | 'reset-after-accept'
  | 'hang-after-accept'
  | Readonly<{ status: number; name: string; message?: string; headers?: Record<string, string> }>;

export type RecordedRequest = Readonly<{
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  raw: string;
}>;

export type AcceptedEmail = {
  id: string;
  idempotencyKey?: string;
  body: Record<string, unknown>;
  status: 'scheduled' | 'sent' | 'cancelled';
  createdAt: number;
};

export type FakeResendOptions = Readonly<{
  /** The only key accepted (`Authorization: Bearer …`). */
  apiKey?: string;
  /** Holds every `POST /emails` and `/emails/batch` answer this long after accepting (a kill lands mid-request). */
  responseDelayMs?: number;
  /**
   * Keep only what identifies each request and email (no HTML, no text, no raw body): a benchmark sends 70,000
   * emails through it, which whole would take gigabytes. Default false.
   */
  lean?: boolean;
  /** Answer 429 when more than `limit` requests arrive within `windowMs`, as Resend's per-team limit does. */
  rateLimit?: Readonly<{ limit: number; windowMs: number; retryAfter?: string }>;
}>;

export class FakeResend {
  readonly requests: RecordedRequest[] = [];
  readonly emails: AcceptedEmail[] = [];
  /** Requests answered from the idempotency store (the same key and payload again). */
  replays = 0;
  /** Faults for the next `POST /emails` requests, one per request, in order. */
  readonly faults: Fault[] = [];
  /** Decides a fault per `POST /emails` (after the queue): `n` counts those requests from 1. */
  faultFor?: (n: number, body: Record<string, unknown>, key: string | undefined) => Fault | undefined;
  /** Decides a fault per `POST /emails/:id/cancel`: `hang` or `reset` before anything is cancelled. */
  cancelFaultFor?: (id: string) => 'hang' | 'reset' | undefined;
  /**
   * Resend's per-email validation in a batch: a message rejects that one email (`errors[]` in permissive mode,
   * the whole batch with 422 in strict mode). Also applies to `POST /emails` (422).
   */
  rejectEmail?: (body: Record<string, unknown>) => string | undefined;
  /** `POST /emails/batch` requests answered (replays and rejections included). */
  batches = 0;
  /** Called after an email is accepted (`count` = accepted so far); may return a fault for that response. */
  afterAccept?: (email: AcceptedEmail, count: number) => 'hang' | 'reset' | undefined;
  private posts = 0;
  private readonly keys = new Map<string, { hash: string; id: string }>();
  private readonly batchKeys = new Map<string, { hash: string; answer: unknown }>();
  private readonly window: number[] = [];
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  url = '';

  constructor(private readonly options: FakeResendOptions = {}) {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  static async start(options: FakeResendOptions = {}): Promise<FakeResend> {
    const fake = new FakeResend(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `POST /emails` bodies that reached the server, in order (rejected and replayed ones included). */
  get sendRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/emails');
  }

  /** `POST /emails/batch` requests that reached the server, in order. */
  get batchRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/emails/batch');
  }

  /** How many accepted emails went to each address (the exactly-once tests count these). */
  deliveriesTo(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.emails) {
      const key = `${String(e.body.to)}|${JSON.stringify(e.body.tags)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  private reply(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): true {
    const limit = this.options.rateLimit;
    const remaining = limit ? Math.max(0, limit.limit - this.window.length) : 9;
    // Seconds until the sliding window frees a request: what a client with nothing remaining must wait.
    const reset =
      limit && this.window.length > 0 ? ((this.window[0] ?? 0) + limit.windowMs - Date.now()) / 1000 : 1;
    res.writeHead(status, {
      'content-type': 'application/json',
      'ratelimit-limit': String(this.options.rateLimit?.limit ?? 10),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(Math.max(0, Math.round(reset * 1000) / 1000)),
      ...headers,
    });
    res.end(JSON.stringify(body));
    return true;
  }

  private error(
    res: ServerResponse,
    status: number,
    name: string,
    message: string,
    headers?: Record<string, string>,
  ): true {
    return this.reply(res, status, { statusCode: status, name, message }, headers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push(
      this.options.lean
        ? { method: req.method ?? '', path, headers: { ...req.headers }, body: undefined, raw: '' }
        : { method: req.method ?? '', path, headers: { ...req.headers }, body, raw },
    );

    if (this.options.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.options.apiKey}`)
      return this.error(
        res,
        req.headers.authorization ? 403 : 401,
        req.headers.authorization ? 'invalid_api_key' : 'missing_api_key',
        'API key is invalid',
      );

    if (this.options.rateLimit) {
      const now = Date.now();
      while (this.window.length && (this.window[0] ?? 0) <= now - this.options.rateLimit.windowMs)
        this.window.shift();
      if (this.window.length >= this.options.rateLimit.limit)
        return this.error(res, 429, 'rate_limit_exceeded', 'Too many requests', {
          'retry-after': this.options.rateLimit.retryAfter ?? String(this.options.rateLimit.windowMs / 1000),
        });
      this.window.push(now);
    }

    if (req.method === 'POST' && path === '/emails') return this.send(req, res, body);
    if (req.method === 'POST' && path === '/emails/batch') return this.batch(req, res, body);
    const cancelMatch = /^\/emails\/([^/]+)\/cancel$/.exec(path);
    if (req.method === 'POST' && cancelMatch) return this.cancel(res, cancelMatch[1] ?? '');
    const emailMatch = /^\/emails\/([^/]+)$/.exec(path);
    if (emailMatch && req.method === 'GET') {
      const email = this.emails.find((e) => e.id === emailMatch[1]);
      if (!email) return this.error(res, 404, 'not_found', 'Email not found');
      return this.reply(res, 200, { object: 'email', id: email.id, ...email.body, last_event: email.status });
    }
    if (emailMatch && req.method === 'PATCH') {
      const email = this.emails.find((e) => e.id === emailMatch[1]);
      if (!email) return this.error(res, 404, 'not_found', 'Email not found');
      const at = (body as Record<string, unknown> | undefined)?.scheduled_at;
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
        return this.error(res, 422, 'validation_error', 'scheduled_at: expected an ISO 8601 date');
      email.body.scheduled_at = at;
      return this.reply(res, 200, { object: 'email', id: email.id });
    }
    return this.error(res, 405, 'method_not_allowed', `${req.method} ${path}`);
  }

  private applyFault(res: ServerResponse, fault: 'reset' | 'hang'): true {
    if (fault === 'reset') res.socket?.destroy();
    else this.hanging.add(res);
    return true;
  }

  /** The request's `Idempotency-Key`, if it has one. */
  private static keyOf(req: IncomingMessage): string | undefined {
    const key = req.headers['idempotency-key'];
    return typeof key === 'string' ? key : undefined;
  }

  /**
   * The fault for this `POST` (queued first, then `faultFor`); answers it when it is one that ends the request
   * before anything is accepted (`reset`, `hang`, an error status). `handled` says the response is done.
   */
  private takeFault(
    res: ServerResponse,
    body: Record<string, unknown>,
    key: string | undefined,
  ): { handled: true } | { handled: false; fault: Fault | undefined } {
    this.posts++;
    const fault = this.faults.shift() ?? this.faultFor?.(this.posts, body, key);
    if (fault === 'reset' || fault === 'hang') return { handled: this.applyFault(res, fault) };
    if (fault && typeof fault === 'object')
      return {
        handled: this.error(res, fault.status, fault.name, fault.message ?? fault.name, fault.headers),
      };
    return { handled: false, fault };
  }

  /** What an `-after-accept` fault (or `afterAccept`) does to the response of an accepted request. */
  private static afterFault(fault: Fault | undefined): 'reset' | 'hang' | undefined {
    return fault === 'reset-after-accept' ? 'reset' : fault === 'hang-after-accept' ? 'hang' : undefined;
  }

  /** A 400 for an `Idempotency-Key` outside Resend's 1–256 characters; undefined when it is fine (or absent). */
  private badKey(res: ServerResponse, key: string | undefined): true | undefined {
    if (key === undefined || (key.length >= 1 && key.length <= IDEMPOTENCY_KEY_MAX_LENGTH)) return undefined;
    return this.error(
      res,
      400,
      'invalid_idempotency_key',
      `Idempotency-Key must be 1-${IDEMPOTENCY_KEY_MAX_LENGTH} characters`,
    );
  }

  /** The 409 Resend gives a key reused with another payload. */
  private conflict(res: ServerResponse): true {
    return this.error(
      res,
      409,
      'invalid_idempotent_request',
      'Same idempotency key used with a different request payload.',
    );
  }

  /**
   * Why Resend refuses one email, or undefined: the request schema and the API's own rules (checkSendEmail),
   * then the test's `rejectEmail`. `path` names the email in the message: `body` for `POST /emails`,
   * `emails[i]` in a batch. Both routes validate every email through this.
   */
  private rejection(email: unknown, path: string): string | undefined {
    const problems = checkSendEmail(email).map((p) => p.replace(/^body/, path));
    if (problems.length) return problems.join('; ');
    return this.rejectEmail?.((email && typeof email === 'object' ? email : {}) as Record<string, unknown>);
  }

  /** Records an accepted email: scheduled when its `scheduled_at` is still ahead, else sent. */
  private accept(body: Record<string, unknown>, key: string | undefined): AcceptedEmail {
    const kept = this.kept(body);
    const email: AcceptedEmail = {
      id: randomUUID(),
      ...(key === undefined ? {} : { idempotencyKey: key }),
      body: kept,
      status:
        typeof kept.scheduled_at === 'string' && Date.parse(kept.scheduled_at) > Date.now()
          ? 'scheduled'
          : 'sent',
      createdAt: Date.now(),
    };
    this.emails.push(email);
    return email;
  }

  private send(req: IncomingMessage, res: ServerResponse, body: unknown): true {
    const key = FakeResend.keyOf(req);
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const taken = this.takeFault(res, b, key);
    if (taken.handled) return true;

    const rejected = this.rejection(body, 'body');
    if (rejected) return this.error(res, 422, 'validation_error', rejected);
    if (this.badKey(res, key)) return true;

    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    if (key !== undefined) {
      const seen = this.keys.get(key);
      if (seen && seen.hash !== hash) return this.conflict(res);
      if (seen) {
        this.replays++;
        return this.reply(res, 200, { id: seen.id });
      }
    }
    const email = this.accept(b, key);
    if (key !== undefined) this.keys.set(key, { hash, id: email.id });
    const after = FakeResend.afterFault(taken.fault) ?? this.afterAccept?.(email, this.emails.length);
    if (after) return this.applyFault(res, after);
    return this.delayed(res, 200, { id: email.id });
  }

  /** What is kept of an accepted email: all of it, or in lean mode everything but its HTML and text. */
  private kept(body: Record<string, unknown>): Record<string, unknown> {
    if (!this.options.lean) return body;
    const { html: _html, text: _text, ...rest } = body;
    return rest;
  }

  private delayed(res: ServerResponse, status: number, body: unknown): true {
    const delay = this.options.responseDelayMs ?? 0;
    if (delay <= 0) return this.reply(res, status, body);
    setTimeout(() => {
      if (!res.destroyed) this.reply(res, status, body);
    }, delay);
    return true;
  }

  /**
   * `POST /emails/batch`: up to 100 emails, each checked like `POST /emails`. `x-batch-validation: strict` (the
   * default) refuses the whole batch when one email is invalid; `permissive` accepts the valid ones and lists the
   * others in `errors` by index. One idempotency key covers the whole batch: the same key and body replays the
   * original answer, the same key with another body is a 409.
   */
  private batch(req: IncomingMessage, res: ServerResponse, body: unknown): true {
    this.batches++;
    const key = FakeResend.keyOf(req);
    const taken = this.takeFault(res, { batch: body }, key);
    if (taken.handled) return true;
    if (!Array.isArray(body))
      return this.error(res, 422, 'validation_error', 'body: expected an array of emails');
    if (body.length < 1 || body.length > 100)
      return this.error(res, 422, 'validation_error', `body: expected 1 to 100 emails, got ${body.length}`);
    if (this.badKey(res, key)) return true;
    const permissive = req.headers['x-batch-validation'] === 'permissive';
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    if (key !== undefined) {
      const seen = this.batchKeys.get(key);
      if (seen && seen.hash !== hash) return this.conflict(res);
      if (seen) {
        this.replays++;
        return this.delayed(res, 200, seen.answer);
      }
    }
    const errors: { index: number; message: string }[] = [];
    body.forEach((item: unknown, index) => {
      const rejected = this.rejection(item, `emails[${index}]`);
      if (rejected) errors.push({ index, message: rejected });
    });
    if (errors.length && !permissive)
      return this.error(res, 422, 'validation_error', errors.map((e) => e.message).join('; '));
    const data: { id: string }[] = [];
    body.forEach((item: unknown, index) => {
      if (errors.some((e) => e.index === index)) return;
      data.push({ id: this.accept(item as Record<string, unknown>, key).id });
    });
    const answer = permissive ? { data, errors } : { data };
    if (key !== undefined) this.batchKeys.set(key, { hash, answer });
    const after = FakeResend.afterFault(taken.fault);
    if (after) return this.applyFault(res, after);
    return this.delayed(res, 200, answer);
  }

  private cancel(res: ServerResponse, id: string): true {
    const fault = this.cancelFaultFor?.(id);
    if (fault) return this.applyFault(res, fault);
    const email = this.emails.find((e) => e.id === id);
    if (!email) return this.error(res, 404, 'not_found', 'Email not found');
    if (email.status !== 'scheduled')
      return this.error(res, 422, 'validation_error', `Email is ${email.status} and cannot be cancelled`);
    email.status = 'cancelled';
    return this.reply(res, 200, { object: 'email', id });
  }
}
