/** The review request's answers: what the feedback page needs to know about a step, and the score and comment. */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

export type FeedbackStepRow = Readonly<{
  id: string;
  orderId: string;
  template: string;
  variant: string | null;
  /** The order document the email was rendered from. */
  document: unknown;
  deliveredAt: Date | null;
  sentAt: Date | null;
  sendAt: Date;
}>;

export async function feedbackStep(
  db: Kysely<Database>,
  stepId: string,
): Promise<FeedbackStepRow | undefined> {
  const row = await db
    .selectFrom('steps as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .select([
      's.id',
      's.order_id',
      's.template',
      's.variant',
      'o.document',
      's.delivered_at',
      's.sent_at',
      's.send_at',
    ])
    .where('s.id', '=', stepId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    orderId: row.order_id,
    template: row.template,
    variant: row.variant,
    document: row.document,
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    sendAt: new Date(row.send_at),
  };
}

export type Answer = Readonly<{
  step: FeedbackStepRow;
  scale: 'stars' | 'nps';
  score: number;
  at: Date;
}>;

/** Records the score for the step; a later answer replaces it (its comment and tags are kept). */
export async function recordScore(db: Kysely<Database>, answer: Answer): Promise<void> {
  await db
    .insertInto('feedback')
    .values({
      step_id: answer.step.id,
      order_id: answer.step.orderId,
      template: answer.step.template,
      variant: answer.step.variant,
      scale: answer.scale,
      score: answer.score,
      answered_at: answer.at,
    })
    .onConflict((oc) =>
      oc.column('step_id').doUpdateSet({
        score: sql`excluded.score`,
        scale: sql`excluded.scale`,
        answered_at: sql`excluded.answered_at`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The comment on an answer and the tags its words earned. */
export async function recordComment(
  db: Kysely<Database>,
  stepId: string,
  comment: string,
  tags: readonly string[],
): Promise<void> {
  await db
    .updateTable('feedback')
    .set({ comment, tags: JSON.stringify(tags), updated_at: sql`now()` })
    .where('step_id', '=', stepId)
    .execute();
}

export async function storedScore(db: Kysely<Database>, stepId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('feedback')
    .select('score')
    .where('step_id', '=', stepId)
    .executeTakeFirst();
  return row?.score;
}
