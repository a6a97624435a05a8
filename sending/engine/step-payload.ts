/**
 * A stored step → the exact payload Resend gets. The store keeps each order's document once and renders the
 * email when the step is released: rendering is deterministic, so a replay after a crash rebuilds byte for
 * byte the request that may already have reached Resend (which answers the same key + same body with the
 * original email, and the same key + another body with a 409).
 */
import { isSubjectVariant } from '../../core/template';
import { type Registry, registry } from '../../emails';
import { resendTags, type SendPayload, type Tag, tagValue } from '../plan/payload';
import type { StepRow } from '../store/schema';

/** A stored step names its template as a string: rendered by that id, an unknown one throws. */
const storedTemplates: Registry = registry;

export type PayloadContext = Readonly<{ unsubscribeSecret?: string }>;

export function stepTags(row: Pick<StepRow, 'template' | 'order_id' | 'day' | 'variant'>): Tag[] {
  return [
    ...resendTags(row.template, row.order_id, row.day),
    ...(row.variant ? [{ name: 'variant', value: tagValue(row.variant) }] : []),
  ];
}

/** The payload for one step; `scheduledAt` only when it is handed over ahead of its time. */
export async function stepPayload(
  row: StepRow,
  document: unknown,
  context: PayloadContext,
  scheduledAt: Date | null,
): Promise<SendPayload> {
  if (row.payload !== null && row.payload !== undefined) {
    // Imported from an old ledger.jsonl: its exact payload, kept as it was recorded.
    const stored = row.payload as SendPayload;
    const { scheduledAt: _ignored, ...rest } = stored;
    return scheduledAt ? { ...rest, scheduledAt: scheduledAt.toISOString() } : rest;
  }
  const email = await storedTemplates.renderEmail(row.template, document, {
    recipient: row.recipient,
    feedbackStep: row.id,
    // The arm of a subject test: the subject the step's `variant` tag names (it was rendered as `a` before).
    ...(isSubjectVariant(row.variant) ? { subjectVariant: row.variant } : {}),
    ...(context.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: context.unsubscribeSecret }),
  });
  return {
    from: row.sender,
    to: row.recipient,
    subject: email.subject,
    html: email.html,
    text: email.text,
    ...(Object.keys(email.headers).length > 0 ? { headers: email.headers } : {}),
    tags: stepTags(row),
    ...(scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}),
  };
}
