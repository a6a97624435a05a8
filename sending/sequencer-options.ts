/**
 * `createSequencer`'s options, checked when it is called — not at the first enqueue, where a missing sender
 * used to surface as a raw database error, nor at the first release, where a missing key sent nothing at all.
 * Every bad option is named in one `SequencerOptionsError`.
 */
import { z } from 'zod';
import { formatPath } from '../core/order-document';
import { isFromAddress } from './plan/payload';
import { schemaNameProblem } from './store/schema-name';

/** The longest release window a sequencer takes: Resend schedules at most 30 days ahead. */
const MAX_RELEASE_WINDOW_MS = 30 * 86_400_000;

/** Thrown by `createSequencer` for options it cannot run with: `problems` names each (`from: required …`). */
export class SequencerOptionsError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid createSequencer options:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SequencerOptionsError';
    this.problems = problems;
  }
}

const text = z.string({ error: 'expected a string' }).trim().min(1, { error: 'must not be empty' });
const int = (min: number, max: number, unit = '') =>
  z
    .number({ error: `expected a whole number${unit}` })
    .int({ error: `expected a whole number${unit}` })
    .min(min, { error: `expected at least ${min}${unit}` })
    .max(max, { error: `expected at most ${max}${unit}` });
const fn = (what: string) =>
  z.custom<unknown>((value) => typeof value === 'function', { error: `expected ${what}` });
const object = (what: string, keys: readonly string[] = []) =>
  z.custom<unknown>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      keys.every((key) => typeof (value as Record<string, unknown>)[key] === 'function'),
    { error: `expected ${what}` },
  );

const optionsSchema = z.strictObject(
  {
    databaseUrl: text
      .refine((v) => /^postgres(ql)?:\/\//.test(v), { error: 'expected a postgres:// or postgresql:// URL' })
      .optional(),
    ledgerDir: text.optional(),
    store: object('an open store from openStore()', ['close']).optional(),
    apiKey: text.optional(),
    api: object('an EmailApi (send and batch functions)', ['send', 'batch']).optional(),
    dryRun: z.boolean({ error: 'expected true or false' }).optional(),
    from: z
      .string({ error: 'expected "Name <address@your-domain>" or an address' })
      .refine(isFromAddress, { error: 'expected "Name <address@your-domain>" or an address' })
      .optional(),
    // Checked by parseSequence, which names the sequence file's own fields.
    sequence: z.unknown().optional(),
    releaseWindowMs: int(0, MAX_RELEASE_WINDOW_MS, ' of milliseconds (0 … 30 days)').optional(),
    unsubscribeSecret: text.optional(),
    webhookSecret: text.optional(),
    sender: object('sender options (an object)').optional(),
    leaseMs: int(1000, MAX_RELEASE_WINDOW_MS, ' of milliseconds').optional(),
    lanes: int(1, 64).optional(),
    maxConnections: int(1, 1000).optional(),
    shopifyWebhookSecret: text.optional(),
    shopConfig: z
      .custom<unknown>(
        (value) => typeof value === 'string' || (typeof value === 'object' && value !== null),
        {
          error: 'expected a shop config object or the path of its JSON file',
        },
      )
      .optional(),
    log: fn('a function (line: string) => void').optional(),
    databaseSchema: text
      .superRefine((v, ctx) => {
        const problem = schemaNameProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    logger: object('a logger (info, warn, error functions)', ['info', 'warn', 'error']).optional(),
    metrics: object('an engine metrics port (createServerMetrics or noMetrics)').optional(),
    onPass: fn('a function (report) => void').optional(),
    attributionDays: int(1, 30, ' of days (1 … 30)').optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'expected an options object') },
);

/** Every problem with `options`, one line each, `path: what is wrong`; empty when they are good. */
export function sequencerOptionsProblems(options: unknown): string[] {
  const result = optionsSchema.safeParse(options);
  const problems = result.success
    ? []
    : result.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => `${key}: unknown option`)
          : [`${issue.path.length ? formatPath(issue.path) : 'options'}: ${issue.message}`],
      );
  // What a live sequencer needs, checked even when another option is bad, so one call names every problem.
  if (typeof options !== 'object' || options === null) return problems;
  const given = options as Readonly<Record<string, unknown>>;
  if (given.dryRun === true) return problems;
  if (given.from === undefined)
    problems.push(
      'from: required to send: the sender, "Name <address@your-domain>" (or dryRun: true to plan only)',
    );
  if (given.apiKey === undefined && given.api === undefined)
    problems.push('apiKey: required to send: a Resend API key, or an `api` (or dryRun: true to plan only)');
  return problems;
}

/** Throws a `SequencerOptionsError` naming every bad option. */
export function checkSequencerOptions(options: unknown): void {
  const problems = sequencerOptionsProblems(options);
  if (problems.length > 0) throw new SequencerOptionsError(problems);
}
