/** The orders a holdout comparison counts: placed in the window, cancelled and refunded ones left out. */
import { sql } from 'kysely';
import type { Db } from './db';

export type CustomerOrder = Readonly<{ address: string; placedAt: string; currency: string; total: number }>;

/** Orders placed in the window, cancelled and refunded ones left out. */
export async function customerOrders(db: Db, since: Date, until: Date): Promise<CustomerOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .select([
      'customer_email',
      'placed_at',
      sql<string | null>`document->'order'->>'currency'`.as('currency'),
      sql<string | null>`document->'order'->>'total'`.as('total'),
    ])
    .where('cancelled', 'is', null)
    .where('placed_at', '>=', since)
    .where('placed_at', '<=', until)
    .execute();
  return rows.flatMap((r) =>
    r.currency === null || r.total === null || r.placed_at === null
      ? []
      : [
          {
            address: r.customer_email,
            placedAt: new Date(r.placed_at).toISOString(),
            currency: r.currency,
            total: Number(r.total),
          },
        ],
  );
}
