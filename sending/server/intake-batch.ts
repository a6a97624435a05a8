/**
 * Group commit for `POST /orders`: the orders that arrive while a planning transaction is under way wait for it
 * and are then planned together, in one transaction, instead of each paying for its own dozen statements and
 * commit. A request alone is planned at once, as before; under load, fifty requests become one or two
 * transactions. Each request is validated on its own first, so an invalid document is refused for its own
 * request only; when a joint batch fails, each request is planned again alone, so every error reaches the
 * request it belongs to and nothing of another request is lost with it.
 */
import type { OrderDocument } from '../../core/order-document';
import type { PlannedOrder } from '../engine/enqueue';
import { validateOrders } from '../intake/order-input';
import { InvalidOrdersError } from '../sequencer';

export type PlanOrders = (documents: readonly OrderDocument[]) => Promise<readonly PlannedOrder[]>;

export type IntakeBatchOptions = Readonly<{
  /** Orders per joint transaction at most (a request larger than this is still planned whole, alone). */
  maxOrders?: number;
  /** Joint transactions under way at once: while one waits on the database, the next is validated and planned. */
  concurrency?: number;
}>;

type Waiting = Readonly<{
  documents: readonly OrderDocument[];
  resolve: (planned: readonly PlannedOrder[]) => void;
  reject: (error: unknown) => void;
}>;

/**
 * `submit(body)` validates one request's documents (throwing `InvalidOrdersError` for that request alone) and
 * resolves with the orders planned for it, once they are committed.
 */
export function intakeBatcher(plan: PlanOrders, options: IntakeBatchOptions = {}) {
  const maxOrders = Math.max(1, options.maxOrders ?? 200);
  const concurrency = Math.max(1, options.concurrency ?? 2);
  let waiting: Waiting[] = [];
  let running = 0;
  /** Order ids in the transactions under way: a second document of one order waits for the first to commit. */
  const busy = new Set<string>();

  /** The next joint batch: waiting requests in arrival order, no order twice, at most `maxOrders`. */
  function take(): Waiting[] {
    const taken: Waiting[] = [];
    const rest: Waiting[] = [];
    const ids = new Set<string>();
    let count = 0;
    for (const w of waiting) {
      const clash = w.documents.some((d) => ids.has(d.order.id) || busy.has(d.order.id));
      const full = taken.length > 0 && count + w.documents.length > maxOrders;
      // A later request never overtakes an earlier one of the same order.
      if (clash || full) {
        rest.push(w);
        for (const d of w.documents) ids.add(d.order.id);
        continue;
      }
      taken.push(w);
      for (const d of w.documents) ids.add(d.order.id);
      count += w.documents.length;
    }
    waiting = rest;
    return taken;
  }

  async function run(batch: readonly Waiting[]): Promise<void> {
    const ids = batch.flatMap((w) => w.documents.map((d) => d.order.id));
    for (const id of ids) busy.add(id);
    try {
      const planned = await plan(batch.flatMap((w) => w.documents));
      const byOrder = new Map(planned.map((p) => [p.order, p] as const));
      for (const w of batch) w.resolve(w.documents.flatMap((d) => byOrder.get(d.order.id) ?? []));
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else for (const w of batch) await plan(w.documents).then(w.resolve, w.reject);
    } finally {
      for (const id of ids) busy.delete(id);
    }
  }

  function pump(): void {
    while (running < concurrency && waiting.length > 0) {
      const batch = take();
      if (batch.length === 0) return;
      running++;
      void run(batch).finally(() => {
        running--;
        pump();
      });
    }
  }

  return {
    submit(input: unknown): Promise<readonly PlannedOrder[]> {
      const checked = validateOrders(input);
      if (checked.invalid.length > 0) return Promise.reject(new InvalidOrdersError(checked.invalid));
      const documents = checked.valid.map((v) => v.document);
      return new Promise<readonly PlannedOrder[]>((resolve, reject) => {
        waiting.push({ documents, resolve, reject });
        pump();
      });
    },
  };
}
