import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
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
    // A byte-order mark (Windows editors write one) is not JSON, nor part of the document.
    return JSON.parse(raw.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new CliError(`${flag} ${path}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * A command's arguments, parsed strictly (an unknown flag or a flag without its value is an error) with
 * positionals allowed: a parse error is bad usage (2), its message followed by the command's usage.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  usage: string,
  options: O,
) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
}

/** Where a command writes: the process's streams in a script, a buffer in a test. */
export type CommandOutput = Readonly<{ stdout: (text: string) => void; stderr: (text: string) => void }>;

/** The process's own streams. */
export const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * The exit code and one line for what a command's body threw: invalid input → 2; the machine saying no (a
 * store that cannot be opened, a port in use, a path that cannot be written) → 1, its message alone; anything
 * else → 1 with its stack, since that is a bug to report.
 */
export function failureOf(error: unknown): { message: string; code: ExitCode } {
  if (error instanceof CliError) return { message: error.message, code: error.code };
  if (error instanceof UnsubscribeSecretMissing)
    return { message: `${error.message}; the commands read it from UNSUBSCRIBE_SECRET`, code: EXIT.usage };
  if (error instanceof ValidationError) return { message: error.message, code: EXIT.usage };
  // Told by name: the store's modules are loaded only when a command needs them.
  if (error instanceof Error && error.name === 'StoreError')
    return { message: error.message, code: EXIT.failed };
  if (isSystemError(error)) return { message: error.message, code: EXIT.failed };
  return {
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    code: EXIT.failed,
  };
}

/** An error from the operating system through Node (`EADDRINUSE`, `EACCES`, `EEXIST`…): not a bug of ours. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '') &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/**
 * Runs a command's body and turns what it throws into the contract's exit codes (CliError's own,
 * 2 for a ValidationError or a missing unsubscribe secret, 1 for anything else), writing the one
 * line to `output.stderr`. Returns the code instead of exiting, so a test can run the command in-process.
 */
export async function execute(
  body: () => Promise<ExitCode | undefined>,
  output: CommandOutput = processOutput,
): Promise<ExitCode> {
  try {
    return (await body()) ?? EXIT.ok;
  } catch (error) {
    const { message, code } = failureOf(error);
    output.stderr(`error: ${message}\n`);
    return code;
  }
}

/** `execute` for a script: exits the process with the code. */
export async function runCommand(body: () => Promise<ExitCode | undefined>): Promise<never> {
  process.exit(await execute(body));
}
