import { readFile } from 'node:fs/promises';
import { UnsubscribeSecretMissing } from './links';
import { ValidationError } from './order-document';

/** Exit codes (CONTRACT.md): 0 done, 1 failed (partly or wholly), 2 bad usage or invalid input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends a command with a given exit code and one clear line (or a list of problems). */
export class CliError extends Error {
  readonly code: ExitCode;
  constructor(message: string, code: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}

/** Prints one clear message to stderr and exits with the contract's code. */
export function fail(message: string, code: ExitCode): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

/** Reads and parses a JSON file named on the command line; a missing or malformed file is bad input (2). */
export async function readJsonFile(path: string, flag: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`,
    );
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new CliError(`${flag} ${path}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Runs a command's body and turns what it throws into the contract's exit codes:
 * invalid input (a CliError, a ValidationError, a missing unsubscribe secret) → 2, anything else → 1.
 */
export async function runCommand(body: () => Promise<ExitCode | undefined>): Promise<never> {
  try {
    const code = (await body()) ?? EXIT.ok;
    process.exit(code);
  } catch (error) {
    if (error instanceof CliError) fail(error.message, error.code);
    if (error instanceof ValidationError) fail(error.message, EXIT.usage);
    if (error instanceof UnsubscribeSecretMissing) fail(error.message, EXIT.usage);
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error), EXIT.failed);
  }
}
