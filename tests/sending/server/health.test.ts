/** /healthz's board: terse for everyone (no error text), details with the last error, cleared on recovery. */
import { describe, expect, it } from 'vitest';
import { checkStore, createHealthBoard } from '../../../sending/server/health';

describe('createHealthBoard()', () => {
  it('answers every caller with ok and lastGood per check, and the error only in the details', () => {
    const board = createHealthBoard();
    const t0 = new Date('2026-12-07T03:00:00Z');
    const t1 = new Date('2026-12-07T03:01:00Z');
    board.good('store', t0);
    board.good('resend', t0);
    board.bad('resend', new Error('connect ECONNREFUSED 10.0.0.7:443 for jane@example.com'), t1);
    const terse = board.answer(false, { configuration: { set: ['INTAKE_TOKEN'], unset: [] } });
    expect(terse).toEqual({
      ok: false,
      checks: {
        store: { ok: true, lastGood: t0.toISOString() },
        worker: { ok: true, lastGood: null },
        resend: { ok: false, lastGood: t0.toISOString() },
      },
    });
    expect(JSON.stringify(terse)).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|example\.com/);
    const detailed = board.answer(true, { configuration: { set: ['INTAKE_TOKEN'], unset: [] } });
    expect(detailed.checks.resend).toEqual({
      ok: false,
      lastGood: t0.toISOString(),
      lastError: { at: t1.toISOString(), message: 'connect ECONNREFUSED 10.0.0.7:443 for j***@example.com' },
    });
    expect(detailed.configuration).toEqual({ set: ['INTAKE_TOKEN'], unset: [] });

    board.good('resend', new Date('2026-12-07T03:02:00Z'));
    expect(board.answer(true)).toMatchObject({ ok: true, checks: { resend: { ok: true, lastError: null } } });
    board.off('worker');
    expect(board.answer(false).checks.worker).toEqual({ ok: true, lastGood: null, off: true });
  });

  it('turns the store check bad when the ping fails or does not answer in time, and good again after', async () => {
    const board = createHealthBoard();
    await checkStore(() => Promise.reject(new Error('Connection terminated unexpectedly')), board);
    expect(board.answer(true).checks.store).toMatchObject({
      ok: false,
      lastGood: null,
      lastError: { message: 'Connection terminated unexpectedly' },
    });
    await checkStore(() => new Promise(() => {}), board, 20);
    expect(board.answer(true).checks.store).toMatchObject({
      ok: false,
      lastError: { message: 'no answer within 20 ms' },
    });
    await checkStore(() => Promise.resolve(1), board);
    expect(board.answer(true).checks.store).toMatchObject({ ok: true, lastError: null });
    expect(board.answer(false).ok).toBe(true);
  });
});
