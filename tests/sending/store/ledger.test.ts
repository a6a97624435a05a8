import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLedger, LedgerBusyError, type LedgerEntry } from '../../../sending/store/ledger';

const payload = {
  from: 'Shop <orders@shop.example>',
  to: 'jisoo@example.com',
  subject: 'Order #1001 confirmed',
  html: '<!DOCTYPE html><html><body>…</body></html>',
  text: 'Order #1001 confirmed',
  tags: [{ name: 'template', value: 'order-confirmation' }],
  scheduledAt: '2026-11-22T00:30:00.000Z',
};

const entry = (status: LedgerEntry['status'], extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: 'pp/ord_1001/d2-shipping-update/abc',
  idempotencyKey: 'pp/ord_1001/d2-shipping-update/abc/20261122T003000Z',
  orderId: 'ord_1001',
  step: 2,
  template: 'shipping-update',
  day: 2,
  to: 'jisoo@example.com',
  sendAt: '2026-11-22T00:30:00.000Z',
  local: '2026-11-22T09:30:00+09:00',
  status,
  payload,
  recordedAt: '2026-11-19T00:00:00.000Z',
  ...extra,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'send-ledger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileLedger', () => {
  it('keeps the latest state per key across reopenings, storing the payload once', async () => {
    const ledger = await FileLedger.open(dir);
    await ledger.record(entry('submitting'));
    await ledger.record(entry('scheduled', { resendId: 're_1' }));
    await ledger.close();

    const lines = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '{}').payload).toBeUndefined();

    const again = await FileLedger.open(dir);
    expect(await again.entries()).toEqual([entry('scheduled', { resendId: 're_1' })]);
    await again.close();
  });

  it('survives a crash mid-write: a torn last line is ignored, cut off, and the next record lands cleanly', async () => {
    const ledger = await FileLedger.open(dir);
    await ledger.record(entry('submitting'));
    await ledger.close();
    const torn = JSON.stringify(entry('scheduled', { resendId: 're_1' })).slice(0, 40);
    await appendFile(join(dir, 'ledger.jsonl'), torn);

    const reopened = await FileLedger.open(dir);
    expect((await reopened.entries()).map((e) => e.status)).toEqual(['submitting']);
    expect(reopened.unreadableLines).toBe(0);
    await reopened.record(entry('scheduled', { resendId: 're_2' }));
    await reopened.close();

    const last = await FileLedger.open(dir);
    expect(await last.entries()).toEqual([entry('scheduled', { resendId: 're_2' })]);
    await last.close();
    const lines = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).status)).toEqual(['submitting', 'scheduled']);
  });

  it('lets one run at a time write, and takes over the lock of a run that died', async () => {
    await writeFile(join(dir, 'ledger.lock'), String(process.ppid));
    await expect(FileLedger.open(dir)).rejects.toBeInstanceOf(LedgerBusyError);
    await writeFile(join(dir, 'ledger.lock'), '99999999');
    const ledger = await FileLedger.open(dir);
    await ledger.close();
    await expect(readFile(join(dir, 'ledger.lock'))).rejects.toThrow();
  });
});
