import type { z } from 'zod';

/**
 * A failed validation as lines a person can act on, each naming the field path as JavaScript would write it
 * (`order.items[2].unitPrice: expected an integer`), and the error that carries them.
 */

/** Thrown for an invalid document: one line per problem, each naming the field path. */
export class ValidationError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[], context = 'invalid order document') {
    super(`${context}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `['order', 'items', 2, 'unitPrice']` → `order.items[2].unitPrice`; a key that is not an identifier
 * is quoted as JavaScript would (`shop.copy.en["thankYou.title.first"]`, `shop.copy["zh-CN"]`).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && !IDENTIFIER.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return 'required';
  if (issue.code === 'invalid_type' && issue.expected === 'object') return 'expected an object';
  if (issue.code === 'invalid_type' && issue.expected === 'array') return 'expected a list';
  return issue.message;
}

/** One line per issue, `path: message` (the path as formatPath writes it, after `prefix`; `root` for none). */
export function issueLines(error: z.ZodError, root: string, prefix = ''): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length ? `${prefix}${formatPath(issue.path)}` : root}: ${issue.message}`,
  );
}

export function problemsOf(error: z.ZodError, input: unknown): string[] {
  return error.issues.flatMap((issue) =>
    // One line per unknown key, at its own path (`shop.brand.acent: unknown field; …`).
    issue.code === 'unrecognized_keys' && issue.message.startsWith('unknown field')
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: ${issue.message}`)
      : [`${formatPath(issue.path)}: ${describe(issue, input)}`],
  );
}

/** Validates against `schema`; throws a ValidationError listing every problem. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, context?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(problemsOf(result.error, input), context);
  return result.data;
}
