/**
 * A preferences link by email, on request from `/preferences`: at most 3 per address per hour (requests past
 * the limit are recorded and dropped), and only to an address the store has an order for, rendered from its
 * latest order (its shop, its language) with the `preferences-link` template and sent at once. The caller
 * answers the same whatever happens here.
 */
import { randomUUID } from 'node:crypto';
import { renderEmail } from '../../emails';
import { resendTags } from '../plan/payload';
import type { Sender } from '../provider/sender';
import type { Db } from '../store/db';
import { latestDocument, takeLinkRequest } from '../store/preferences';

export const LINK_REQUESTS_PER_HOUR = 3;

export type LinkOutcome = 'sent' | 'limited' | 'unknown' | 'not sent';

export async function sendPreferencesLink(
  context: Readonly<{
    db: Db;
    sender: Sender | undefined;
    from: string;
    unsubscribeSecret: string | undefined;
  }>,
  address: string,
  origin: string,
): Promise<LinkOutcome> {
  const { db } = context;
  if (!(await takeLinkRequest(db, address, LINK_REQUESTS_PER_HOUR, 3_600_000))) return 'limited';
  const document = (await latestDocument(db, address)) as
    | { shop?: { preferencesUrl?: string }; order?: { id?: string } }
    | undefined;
  if (!document) return 'unknown';
  if (!context.sender || !context.unsubscribeSecret) return 'not sent';
  const url = document.shop?.preferencesUrl ?? `${origin}/preferences?e={email}&t={token}`;
  const email = await renderEmail(
    'preferences-link',
    { ...document, preferences: { url } },
    { recipient: address, unsubscribeSecret: context.unsubscribeSecret },
  );
  const outcome = await context.sender.send(
    {
      from: context.from,
      to: address,
      subject: email.subject,
      html: email.html,
      text: email.text,
      tags: resendTags('preferences-link', document.order?.id ?? 'none', 0),
    },
    `preferences-link/${randomUUID()}`,
  );
  return outcome.ok ? 'sent' : 'not sent';
}
