/**
 * Plans a sequence and renders every step into the exact payload Resend will get, before anything is sent:
 * a broken step five must stop the run before step one goes out.
 */
import { type OrderDocument, parseOrderDocument, ValidationError } from '../../core/order-document';
import { isSubjectVariant } from '../../core/template';
import { registry as builtIn, type Registry, type RenderedEmail } from '../../emails';
import { defaultFrom, idempotencyKey, resendTags, type SendPayload, stepId } from '../plan/payload';
import {
  type Anchors,
  isTestSend,
  type Plan,
  type PlannedStep,
  plan,
  type SkippedStep,
} from '../plan/schedule';
import { defaultSequence, type Sequence } from '../plan/sequence';

/** The built-in templates by any id: a sequence step names its template at run time (unknown ids throw). */
const anyTemplate: Registry = builtIn;

export type ComposeOptions = Readonly<{
  /** Defaults to the default post-purchase sequence. */
  sequence?: Sequence;
  /** Defaults to `customer.email`. */
  to?: string;
  /** Defaults to `"<shop.name> <onboarding@resend.dev>"` (fine offline; a live send names its own). */
  from?: string;
  start?: string;
  compressMs?: number;
  only?: readonly string[];
  /** Shipment events already received (the delivery a review request counts from). */
  anchors?: Anchors;
  now?: Date;
  /** Key for `{token}` in `shop.unsubscribeUrl`; marketing steps cannot render without it when the URL uses it. */
  unsubscribeSecret?: string;
  /** The templates the sequence names: the built-ins, or a registry with the shop's own (`createRegistry`). */
  registry?: Registry;
}>;

export type ComposedStep = PlannedStep &
  Readonly<{
    /** The ledger's name for this step: order, day, template, recipient. */
    id: string;
    idempotencyKey: string;
    payload: SendPayload;
  }>;

export type ComposedSequence = Readonly<{
  order: Readonly<{ id: string; number: string }>;
  shop: string;
  to: string;
  from: string;
  now: string;
  plan: Plan;
  steps: readonly ComposedStep[];
  skipped: readonly SkippedStep[];
  warnings: readonly string[];
}>;

/**
 * Validates the document, plans the sequence and renders every planned step (with the unsubscribe link and
 * headers for the address it actually goes to). Throws a ValidationError for a bad document and whatever
 * a render throws for a step that cannot be sent (e.g. UnsubscribeSecretMissing).
 */
export async function composeSequence(
  input: unknown,
  options: ComposeOptions = {},
): Promise<ComposedSequence> {
  const document: OrderDocument = parseOrderDocument(input);
  const now = options.now ?? new Date();
  const to = options.to ?? document.customer.email;
  const from = options.from ?? defaultFrom(document.shop.name);
  const schedule = plan(document, options.sequence ?? defaultSequence(), {
    now,
    ...(options.start === undefined ? {} : { start: options.start }),
    ...(options.compressMs === undefined ? {} : { compressMs: options.compressMs }),
    ...(options.only === undefined ? {} : { only: options.only }),
    ...(options.anchors === undefined ? {} : { anchors: options.anchors }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(isTestSend(options.to, document) ? { testSend: true } : {}),
  });
  const steps: ComposedStep[] = [];
  const skipped: SkippedStep[] = [...schedule.skipped];
  for (const step of schedule.steps) {
    const id = stepId(document.order.id, step.template, step.key, to);
    let email: RenderedEmail;
    try {
      email = await (options.registry ?? anyTemplate).renderEmail(step.template, document, {
        recipient: to,
        feedbackStep: id,
        ...(isSubjectVariant(step.variant) ? { subjectVariant: step.variant } : {}),
        ...(options.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: options.unsubscribeSecret }),
      });
    } catch (error) {
      // The planner already validated each step; a late ValidationError is still a reason to skip, not to abort.
      if (error instanceof ValidationError) {
        skipped.push({ ...step, reason: error.problems.join('; ') });
        continue;
      }
      throw error;
    }
    const headers = Object.keys(email.headers).length > 0 ? { headers: email.headers } : {};
    const payload: SendPayload = {
      from,
      to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      ...headers,
      tags: resendTags(step.template, document.order.id, step.day, step.variant),
      ...(step.dispatch === 'now' ? {} : { scheduledAt: step.sendAt }),
    };
    steps.push({ ...step, id, idempotencyKey: idempotencyKey(id, step.sendAt), payload });
  }
  skipped.sort((a, b) => a.number - b.number);
  return {
    order: { id: document.order.id, number: document.order.number },
    shop: document.shop.name,
    to,
    from,
    now: now.toISOString(),
    plan: schedule,
    steps,
    skipped,
    warnings: schedule.warnings,
  };
}
