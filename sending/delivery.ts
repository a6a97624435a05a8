/**
 * Acting on a plan: hands each composed step to Resend through a Sender and records every state in a Ledger,
 * so a re-run sends only what is missing; `resume` submits pending steps, `cancel` recalls scheduled ones.
 */
import type { ComposedSequence, ComposedStep } from './compose';
import type { Ledger, LedgerEntry, StepStatus } from './ledger';
import type { SendPayload } from './payload';
import type { Outcome, Sender } from './resend-sender';
import { HORIZON_MS } from './schedule';

/**
 * What a run did with one step. `sent`/`scheduled`/`pending`/`cancelled`/`failed` happened in this run;
 * `already-*` were recorded by an earlier one; `would-*` is a dry run's answer.
 */
export type Action =
  | 'sent'
  | 'scheduled'
  | 'pending'
  | 'failed'
  | 'cancelled'
  | 'already-sent'
  | 'already-scheduled'
  | 'already-cancelled'
  | 'would-submit'
  | 'would-cancel';

/** One line of the result table: the step as the ledger names it, and what this run did with it. */
export type DeliveryRow = Readonly<
  Pick<LedgerEntry, 'orderId' | 'step' | 'template' | 'day' | 'to' | 'sendAt' | 'local'>
> &
  Readonly<{
    action: Action;
    resendId?: string;
    error?: string;
    /** Anything else worth saying (a replayed payload, a local-only cancel). */
    note?: string;
  }>;

export type Progress = (row: DeliveryRow, done: number, total: number) => void;

type Identity = Pick<
  LedgerEntry,
  'id' | 'idempotencyKey' | 'orderId' | 'step' | 'template' | 'day' | 'to' | 'sendAt' | 'local'
>;

function rowOf(id: Identity, action: Action, extra: Partial<DeliveryRow> = {}): DeliveryRow {
  return {
    orderId: id.orderId,
    step: id.step,
    template: id.template,
    day: id.day,
    to: id.to,
    sendAt: id.sendAt,
    local: id.local,
    action,
    ...extra,
  };
}

/** A new state for a step: its identity, and only what this state says (no error or id left over from the last). */
function entryOf(
  id: Identity,
  status: StepStatus,
  payload: SendPayload,
  extra: Partial<LedgerEntry> = {},
): LedgerEntry {
  const { id: stepId, idempotencyKey, orderId, step, template, day, to, sendAt, local } = id;
  return {
    id: stepId,
    idempotencyKey,
    orderId,
    step,
    template,
    day,
    to,
    sendAt,
    local,
    status,
    payload,
    recordedAt: new Date().toISOString(),
    ...extra,
  };
}

/** Records the payload, sends it, records the outcome: the ledger never lags behind Resend by more than one request. */
async function submit(
  ledger: Ledger,
  sender: Sender,
  id: Identity,
  payload: SendPayload,
  note?: string,
): Promise<DeliveryRow> {
  await ledger.record(entryOf(id, 'submitting', payload));
  const outcome: Outcome<{ id: string }> = await sender.send(payload, id.idempotencyKey);
  const extra = note ? { note } : {};
  if (outcome.ok) {
    const status = payload.scheduledAt ? 'scheduled' : 'sent';
    await ledger.record(entryOf(id, status, payload, { resendId: outcome.data.id }));
    return rowOf(id, status, { resendId: outcome.data.id, ...extra });
  }
  await ledger.record(
    entryOf(id, 'failed', payload, { error: outcome.error, definitive: outcome.definitive }),
  );
  return rowOf(id, 'failed', { error: outcome.error, ...extra });
}

/** A stored payload made ready to submit now: its time passed while it waited, so it goes out at once. */
function dueNow(payload: SendPayload, sendAt: string, nowMs: number): SendPayload {
  if (Date.parse(sendAt) > nowMs) return { ...payload, scheduledAt: sendAt };
  const { scheduledAt: _scheduledAt, ...rest } = payload;
  return rest;
}

export type DeliverOptions = Readonly<{ ledger: Ledger; sender: Sender; now?: Date; onProgress?: Progress }>;

/**
 * Sends a composed sequence. Per step: accepted or cancelled before → left alone; possibly accepted (a crash
 * mid-request, a timeout) → the identical stored payload is replayed with the same key; never accepted →
 * the current plan's payload; beyond the horizon → recorded pending. A failing step does not stop the others.
 */
export async function deliver(composed: ComposedSequence, options: DeliverOptions): Promise<DeliveryRow[]> {
  const { ledger, sender } = options;
  const nowMs = (options.now ?? new Date()).getTime();
  const known = new Map((await ledger.entries()).map((e) => [e.id, e]));
  const rows: DeliveryRow[] = [];
  const total = composed.steps.length;
  for (const step of composed.steps) {
    const row = await deliverStep(step, known.get(step.id));
    rows.push(row);
    options.onProgress?.(row, rows.length, total);
  }
  return rows;

  async function deliverStep(step: ComposedStep, previous: LedgerEntry | undefined): Promise<DeliveryRow> {
    const id: Identity = {
      id: step.id,
      idempotencyKey: step.idempotencyKey,
      orderId: composed.order.id,
      step: step.number,
      template: step.template,
      day: step.day,
      to: composed.to,
      sendAt: step.sendAt,
      local: step.local,
    };
    if (previous) {
      const was: Identity = previous;
      switch (previous.status) {
        case 'sent':
        case 'scheduled':
          return rowOf(was, previous.status === 'sent' ? 'already-sent' : 'already-scheduled', {
            resendId: previous.resendId,
          });
        case 'cancelled':
          return rowOf(was, 'already-cancelled');
        case 'submitting':
          return submit(ledger, sender, was, previous.payload, 'replayed after an interrupted run');
        case 'failed':
          if (!previous.definitive)
            return submit(ledger, sender, was, previous.payload, 'replayed after a failed attempt');
          break;
        case 'pending':
          break;
      }
    }
    if (step.dispatch === 'pending') {
      const unchanged =
        previous?.status === 'pending' &&
        previous.sendAt === step.sendAt &&
        JSON.stringify(previous.payload) === JSON.stringify(step.payload);
      if (!unchanged) await ledger.record(entryOf(id, 'pending', step.payload));
      return rowOf(id, 'pending', {
        note: `submitted by resume from ${new Date(Date.parse(step.sendAt) - HORIZON_MS).toISOString()}`,
      });
    }
    return submit(ledger, sender, id, dueNow(step.payload, step.sendAt, nowMs));
  }
}

export type ResumeOptions = Readonly<{ ledger: Ledger; sender?: Sender; now?: Date; onProgress?: Progress }>;

/** Submits every pending step now within Resend's horizon; without a sender, says what it would submit. */
export async function resume(options: ResumeOptions): Promise<DeliveryRow[]> {
  const nowMs = (options.now ?? new Date()).getTime();
  const pending = (await options.ledger.entries())
    .filter((e) => e.status === 'pending')
    .sort((a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt));
  const rows: DeliveryRow[] = [];
  for (const entry of pending) {
    let row: DeliveryRow;
    if (Date.parse(entry.sendAt) - nowMs > HORIZON_MS)
      row = rowOf(entry, 'pending', {
        note: `within reach from ${new Date(Date.parse(entry.sendAt) - HORIZON_MS).toISOString()}`,
      });
    else if (!options.sender) row = rowOf(entry, 'would-submit');
    else
      row = await submit(options.ledger, options.sender, entry, dueNow(entry.payload, entry.sendAt, nowMs));
    rows.push(row);
    options.onProgress?.(row, rows.length, pending.length);
  }
  return rows;
}

export type CancelOptions = Readonly<{
  ledger: Ledger;
  orderId: string;
  /** Only this recipient's steps (a test send); all of the order's otherwise. */
  to?: string;
  /** Without one, nothing changes: the rows say what would be cancelled. */
  sender?: Sender;
  now?: Date;
  onProgress?: Progress;
}>;

/** A scheduled send needs this much time left for a cancel to be worth trying. */
const CANCEL_MARGIN_MS = 30_000;

/**
 * Cancels the order's steps that have not gone out: scheduled ones through Resend, pending ones in the ledger.
 * A step whose request may have been accepted without its id being recorded is replayed (same key, same payload:
 * Resend answers with the original id) and then cancelled, provided it is still scheduled for later.
 */
export async function cancel(options: CancelOptions): Promise<DeliveryRow[]> {
  const { ledger, sender } = options;
  const nowMs = (options.now ?? new Date()).getTime();
  const to = options.to?.trim().toLowerCase();
  const entries = (await ledger.entries())
    .filter((e) => e.orderId === options.orderId && (to === undefined || e.to.toLowerCase() === to))
    .sort((a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt) || a.step - b.step);
  const rows: DeliveryRow[] = [];
  for (const entry of entries) {
    const row = await cancelOne(entry);
    rows.push(row);
    options.onProgress?.(row, rows.length, entries.length);
  }
  return rows;

  async function cancelOne(entry: LedgerEntry): Promise<DeliveryRow> {
    const stillAhead = (iso: string | undefined) =>
      iso !== undefined && Date.parse(iso) - nowMs > CANCEL_MARGIN_MS;
    switch (entry.status) {
      case 'cancelled':
        return rowOf(entry, 'already-cancelled', { resendId: entry.resendId });
      case 'sent':
        return rowOf(entry, 'already-sent', { resendId: entry.resendId });
      case 'scheduled':
        if (!stillAhead(entry.payload.scheduledAt))
          return rowOf(entry, 'already-sent', { resendId: entry.resendId });
        if (!sender || !entry.resendId) return rowOf(entry, 'would-cancel', { resendId: entry.resendId });
        return cancelAt(sender, entry, entry.resendId);
      case 'pending':
        if (!sender) return rowOf(entry, 'would-cancel');
        await ledger.record(entryOf(entry, 'cancelled', entry.payload));
        return rowOf(entry, 'cancelled', { note: 'was pending: nothing had reached Resend' });
      case 'failed':
      case 'submitting': {
        const unknownOutcome = entry.status === 'submitting' || !entry.definitive;
        if (!sender) return rowOf(entry, 'would-cancel');
        if (unknownOutcome && stillAhead(entry.payload.scheduledAt)) {
          const replay = await sender.send(entry.payload, entry.idempotencyKey);
          if (!replay.ok)
            return rowOf(entry, 'failed', {
              error: `could not learn its Resend id to cancel it: ${replay.error}`,
            });
          await ledger.record(entryOf(entry, 'scheduled', entry.payload, { resendId: replay.data.id }));
          return cancelAt(sender, entry, replay.data.id);
        }
        await ledger.record(entryOf(entry, 'cancelled', entry.payload));
        return rowOf(entry, 'cancelled', {
          note: unknownOutcome
            ? 'marked cancelled here; its last request had an unknown outcome and it was due already, so check the Resend dashboard'
            : 'marked cancelled here; Resend had rejected it',
        });
      }
    }
  }

  async function cancelAt(via: Sender, entry: LedgerEntry, resendId: string): Promise<DeliveryRow> {
    const outcome = await via.cancel(resendId);
    if (!outcome.ok) return rowOf(entry, 'failed', { resendId, error: outcome.error });
    await ledger.record(entryOf(entry, 'cancelled', entry.payload, { resendId }));
    return rowOf(entry, 'cancelled', { resendId });
  }
}
