/**
 * `serve` started for a test file, on a free port of 127.0.0.1 over an embedded store in `ledger`: as a real
 * process (`node --import tsx scripts/serve.ts`, what a shop runs), or in this test worker through the function
 * the script calls (runServeCommand), which tests the same routes without starting another Node. Either way the
 * test gets the URL serve printed, everything it logged, and a way to stop it.
 */
import { spawn } from 'node:child_process';
import { runServeCommand } from '../../sending/cli/serve-command';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The line serve prints once it listens (in its JSON log line, `msg`). */
const LISTENING = /serving on (http:\/\/[^\s"]+)/;

export type ServeOptions = Readonly<{
  /** The embedded store's directory (`--ledger`); a DATABASE_URL in `env` takes its place, as in production. */
  ledger: string;
  /** Flags after `--port 0 --host 127.0.0.1 --ledger <ledger>`. */
  args?: readonly string[];
  /** serve's whole environment. A real process also gets PATH and HOME, nothing else of the test's own. */
  env: Readonly<Record<string, string>>;
  /** `process` (the default) or `in-process`. */
  mode?: 'process' | 'in-process';
}>;

export type RunningServe = Readonly<{
  url: string;
  /** Everything serve printed so far, stdout and stderr together. */
  log: () => string;
  /** False once it has exited, of itself or when told. */
  running: () => boolean;
  /** SIGTERM (in-process: the same abort the script's signal handler makes); resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** Stops it however it can, for `afterAll`: SIGKILL for a process still running. */
  kill: () => Promise<void>;
}>;

export function startServe(options: ServeOptions): Promise<RunningServe> {
  const args = ['--port', '0', '--host', '127.0.0.1', '--ledger', options.ledger, ...(options.args ?? [])];
  return options.mode === 'in-process' ? serveInProcess(args, options.env) : serveProcess(args, options.env);
}

async function serveProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<RunningServe> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr.on('data', (d) => {
    log += String(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log += String(d);
      const m = LISTENING.exec(log);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return {
    url,
    log: () => log,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The Resend SDK reads its base URL from the process's environment, not from the environment serve is given:
 * in-process, RESEND_BASE_URL is set for as long as serve runs, and put back when it stops.
 */
async function serveInProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<RunningServe> {
  const previousBaseUrl = process.env.RESEND_BASE_URL;
  if (env.RESEND_BASE_URL !== undefined) process.env.RESEND_BASE_URL = env.RESEND_BASE_URL;
  const restore = () => {
    if (previousBaseUrl === undefined) delete process.env.RESEND_BASE_URL;
    else process.env.RESEND_BASE_URL = previousBaseUrl;
  };
  const stopping = new AbortController();
  let log = '';
  let listening: ((url: string) => void) | undefined;
  const write = (text: string) => {
    log += text;
    const m = LISTENING.exec(log);
    if (m?.[1]) listening?.(m[1]);
  };
  const exited = runServeCommand(args, { out: write, err: write, env: { ...env }, signal: stopping.signal });
  let ended = false;
  const done = exited.finally(() => {
    ended = true;
    restore();
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      listening = resolve;
      done.then(
        (code) => reject(new Error(`serve exited with ${code}:\n${log}`)),
        (error: unknown) => reject(error),
      );
    });
    const stop = () => {
      stopping.abort();
      return done;
    };
    return {
      url,
      log: () => log,
      running: () => !ended,
      stop,
      kill: async () => void (await stop().catch(() => {})),
    };
  } catch (error) {
    stopping.abort();
    throw error;
  }
}
