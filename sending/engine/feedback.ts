/**
 * The feedback page's port (sending/http/feedback.ts): the step a rating link was signed for, as the page shows
 * it (from the document its email was rendered from), and where a score and a comment are recorded.
 */
import { type FeedbackDeps, type FeedbackStep, localeOf } from '../http/feedback';
import { type FeedbackStepRow, feedbackStep, recordComment, recordScore } from '../store/feedback';
import type { DbOf } from './webhooks';

type StoredDocument = {
  customer?: { locale?: unknown };
  shop?: {
    name?: unknown;
    url?: unknown;
    logoUrl?: unknown;
    brand?: FeedbackStep['shop']['brand'];
    feedbackTags?: FeedbackStep['shop']['feedbackTags'];
  };
  review?: { reviewUrl?: unknown; scale?: unknown };
};

/** What the feedback page shows for a step, from the document its email was rendered from. */
export function feedbackStepOf(row: FeedbackStepRow): FeedbackStep {
  const doc = (row.document ?? {}) as StoredDocument;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const shopName = text(doc.shop?.name) ?? '';
  const logoUrl = text(doc.shop?.logoUrl);
  return {
    id: row.id,
    locale: localeOf(doc.customer?.locale),
    scale: doc.review?.scale === 'nps' ? 'nps' : 'stars',
    shop: {
      name: shopName,
      ...(logoUrl ? { logoUrl } : {}),
      ...(doc.shop?.brand ? { brand: doc.shop.brand } : {}),
      ...(doc.shop?.feedbackTags ? { feedbackTags: doc.shop.feedbackTags } : {}),
    },
    reviewUrl: text(doc.review?.reviewUrl) ?? text(doc.shop?.url) ?? '',
    ...(row.deliveredAt ? { deliveredMs: row.deliveredAt.getTime() } : {}),
  };
}

export type FeedbackPort = Pick<FeedbackDeps, 'step' | 'record' | 'comment'>;

export function feedbackPort(dbOf: DbOf): FeedbackPort {
  return {
    step: async (id) => {
      const row = await feedbackStep(await dbOf(), id);
      return row ? feedbackStepOf(row) : undefined;
    },
    record: async (step, score, at) => {
      const db = await dbOf();
      const row = await feedbackStep(db, step.id);
      if (row) await recordScore(db, { step: row, scale: step.scale, score, at });
    },
    comment: async (step, comment, tags) => {
      await recordComment(await dbOf(), step.id, comment, tags);
    },
  };
}
