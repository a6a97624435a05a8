/**
 * The file ledger of earlier versions: a durable record, per order, step and recipient, of what was handed to
 * Resend, as append-only JSON lines. The store imports it once (`fold`, sending/store/store.ts); `FileLedger`
 * writes that format, for the tests of the import.
 */
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SendPayload } from '../plan/payload';
import { isAlive } from './lock-file';

/**
 * - `pending`: beyond Resend's 30-day horizon; `resume` submits it once it comes within reach.
 * - `submitting`: the payload is recorded and the request may be in flight; a re-run replays the identical payload.
 * - `scheduled` / `sent`: Resend accepted it (with / without scheduledAt); `resendId` is set.
 * - `failed`: the last attempt failed; `definitive` when Resend rejected the payload itself (a 4xx), so a re-run
 *   may build a new one; otherwise the outcome is unknown and the identical payload must be replayed.
 * - `cancelled`: cancelled before it went out; never sent again.
 */
export type LedgerStatus = 'pending' | 'submitting' | 'scheduled' | 'sent' | 'failed' | 'cancelled';

export type LedgerEntry = Readonly<{
  /** Which step: unique per order, step and recipient (`stepId()`). */
  id: string;
  /** Sent with every request for this step, and with the identical payload every time. */
  idempotencyKey: string;
  orderId: string;
  /** 1-based position in the sequence. */
  step: number;
  template: string;
  day: number;
  to: string;
  /** Absolute UTC send time as planned. */
  sendAt: string;
  /** The same instant on the customer's clock. */
  local: string;
  status: LedgerStatus;
  /** Exactly what is (or will be) sent with `idempotencyKey`. */
  payload: SendPayload;
  resendId?: string;
  error?: string;
  definitive?: boolean;
  /** When this state was recorded. */
  recordedAt: string;
}>;

export class LedgerBusyError extends Error {
  constructor(path: string, pid: string) {
    super(
      `the ledger ${path} is in use by process ${pid}; wait for it to finish (or delete the lock if that process is gone)`,
    );
    this.name = 'LedgerBusyError';
  }
}

type Line = Omit<LedgerEntry, 'payload'> & { payload?: SendPayload };

/**
 * `<dir>/ledger.jsonl`, one JSON object per line, appended and fsync'd. A crash mid-write leaves at most a
 * torn last line, which `open` cuts off (that state was never acknowledged, so the step is simply replayed).
 * A line repeats the payload only when it changed, so a step costs one copy of its HTML.
 * `<dir>/ledger.lock` holds the writer's pid so two runs (a manual send and the daily `resume`) take turns.
 */
export class FileLedger {
  readonly path: string;
  /** Lines that could not be read (a torn tail is cut off before; anything here is damage worth a look). */
  readonly unreadableLines: number;
  private readonly latest: Map<string, LedgerEntry>;
  private constructor(
    private readonly handle: FileHandle,
    private readonly lockPath: string | undefined,
    path: string,
    latest: Map<string, LedgerEntry>,
    unreadable: number,
  ) {
    this.path = path;
    this.latest = latest;
    this.unreadableLines = unreadable;
  }

  static async open(dir: string, options: { lock?: boolean } = {}): Promise<FileLedger> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'ledger.jsonl');
    const lockPath = options.lock === false ? undefined : await takeLock(join(dir, 'ledger.lock'), path);
    try {
      let raw = '';
      try {
        raw = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      const handle = await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o600);
      const complete = raw.lastIndexOf('\n') + 1;
      if (complete < Buffer.byteLength(raw)) {
        await handle.truncate(Buffer.byteLength(raw.slice(0, complete)));
        await handle.sync();
      }
      await syncDir(dir);
      const { latest, unreadable } = fold(raw.slice(0, complete));
      return new FileLedger(handle, lockPath, path, latest, unreadable);
    } catch (error) {
      if (lockPath) await rm(lockPath, { force: true });
      throw error;
    }
  }

  async entries(): Promise<readonly LedgerEntry[]> {
    return [...this.latest.values()];
  }

  async record(entry: LedgerEntry): Promise<void> {
    const previous = this.latest.get(entry.id);
    const line: Line =
      previous && JSON.stringify(previous.payload) === JSON.stringify(entry.payload)
        ? withoutPayload(entry)
        : entry;
    await this.handle.appendFile(`${JSON.stringify(line)}\n`, 'utf8');
    await this.handle.sync();
    this.latest.set(entry.id, entry);
  }

  async close(): Promise<void> {
    await this.handle.close();
    if (this.lockPath) await rm(this.lockPath, { force: true });
  }
}

function withoutPayload(entry: LedgerEntry): Line {
  const { payload: _payload, ...rest } = entry;
  return rest;
}

/** Reads JSON lines into the latest entry per step id; a line that does not parse is counted and skipped. */
export function fold(raw: string): { latest: Map<string, LedgerEntry>; unreadable: number } {
  const latest = new Map<string, LedgerEntry>();
  let unreadable = 0;
  for (const text of raw.split('\n')) {
    if (!text.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      unreadable++;
      continue;
    }
    if (typeof line !== 'object' || line === null || typeof line.id !== 'string') {
      unreadable++;
      continue;
    }
    const payload = line.payload ?? latest.get(line.id)?.payload;
    if (!payload) {
      unreadable++;
      continue;
    }
    latest.set(line.id, { ...line, payload });
  }
  return { latest, unreadable };
}

async function syncDir(dir: string): Promise<void> {
  // Makes a newly created file's directory entry durable too; not every platform allows it.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {}
}

async function takeLock(lockPath: string, ledgerPath: string): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return lockPath;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = (await readFile(lockPath, 'utf8').catch(() => '')).trim();
      if (/^\d+$/.test(pid) && isAlive(Number(pid)) && Number(pid) !== process.pid)
        throw new LedgerBusyError(ledgerPath, pid);
      // The process that held it is gone (it crashed): the lock is stale.
      await rm(lockPath, { force: true });
    }
  }
  throw new LedgerBusyError(ledgerPath, 'unknown');
}
