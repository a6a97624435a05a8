/**
 * The sequence file (CONTRACT.md): which templates go out on which day, at what local time, to whom.
 * Validated strictly before anything is planned, with one line per problem naming its path.
 */
import { z } from 'zod';
import type { CustomerVoice } from '../core/customer-voice';
import { parseWith } from '../core/order-document';
import { isTemplateId, TEMPLATE_IDS, type TemplateId } from '../emails';

export const WHEN = ['any', 'first-order', 'returning', 'vip'] as const satisfies readonly (
  | 'any'
  | CustomerVoice
)[];
export type When = (typeof WHEN)[number];

/** The longest a sequence may run; a larger day is almost certainly a typo (minutes, or a year as a day count). */
export const MAX_DAY = 3660;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const stepSchema = z.strictObject({
  template: z.string({ error: 'expected a template id' }).refine(isTemplateId, {
    error: (issue) => `unknown template "${String(issue.input)}": expected one of ${TEMPLATE_IDS.join(', ')}`,
  }),
  day: z
    .number({ error: 'expected a whole number of days (0 = the day of the order)' })
    .int({ error: 'expected a whole number of days (0 = the day of the order)' })
    .min(0, { error: 'must not be negative (0 = the day of the order)' })
    .max(MAX_DAY, { error: `must be at most ${MAX_DAY}` }),
  at: z
    .string({ error: 'expected a local time of day as HH:MM, e.g. 10:00' })
    .regex(TIME_OF_DAY, { error: 'expected a local time of day as HH:MM (00:00–23:59), e.g. 10:00' })
    .optional(),
  when: z.enum(WHEN, { error: `expected one of ${WHEN.join(', ')}` }).optional(),
});

export const sequenceSchema = z
  .strictObject({
    name: z.string({ error: 'expected a string' }).trim().min(1, { error: 'must not be empty' }).optional(),
    steps: z
      .array(stepSchema, { error: 'expected a list of steps' })
      .min(1, { error: 'a sequence needs at least one step' }),
  })
  .superRefine((sequence, ctx) => {
    const seen = new Map<string, number>();
    sequence.steps.forEach((step, i) => {
      const id = `${step.template}@${step.day}`;
      const first = seen.get(id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i],
          message: `repeats steps[${first}] (${step.template} on day ${step.day}); one template may go out at most once a day`,
        });
      else seen.set(id, i);
    });
  });

export type SequenceStep = Readonly<{ template: TemplateId; day: number; at?: string; when: When }>;
export type Sequence = Readonly<{ name: string; steps: readonly SequenceStep[] }>;

/** The sequence as a marketer writes it: template ids are plain strings until validated. */
export type SequenceFile = Readonly<{
  name?: string;
  steps: readonly Readonly<{ template: string; day: number; at?: string; when?: When }>[];
}>;

/** The default post-purchase sequence (CONTRACT.md); `scripts/sequences/post-purchase.json` is the same, to copy. */
export const POST_PURCHASE = {
  name: 'post-purchase',
  steps: [
    { template: 'order-confirmation', day: 0 },
    { template: 'shipping-update', day: 2 },
    { template: 'thank-you', day: 3, at: '10:00' },
    { template: 'product-instructions', day: 7, at: '10:00' },
    { template: 'review-request', day: 14, at: '10:00', when: 'any' },
    { template: 'cross-sell', day: 21, at: '10:00' },
    { template: 'referral', day: 28, at: '10:00', when: 'returning' },
  ],
} as const satisfies SequenceFile;

/** Validates a sequence file; throws a ValidationError naming every bad field (`steps[2].at: …`). */
export function parseSequence(input: unknown, source = 'sequence'): Sequence {
  const parsed = parseWith(sequenceSchema, input, `invalid ${source}`);
  return {
    name: parsed.name ?? 'custom',
    steps: parsed.steps.map((s) => ({
      template: s.template as TemplateId,
      day: s.day,
      ...(s.at === undefined ? {} : { at: s.at }),
      when: s.when ?? 'any',
    })),
  };
}

/**
 * The default sequence with the templates this build's registry holds: a template the registry
 * does not (yet) have is left out rather than failing every send.
 */
export function defaultSequence(): Sequence {
  return parseSequence(
    { ...POST_PURCHASE, steps: POST_PURCHASE.steps.filter((step) => isTemplateId(step.template)) },
    'default sequence',
  );
}
