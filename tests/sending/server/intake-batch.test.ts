/**
 * Group commit for POST /orders (sending/server/intake-batch.ts), with a planner of our own that records each
 * call and is held until the test lets it go: requests arriving while a transaction is under way share the next
 * one; each request gets its own orders back, its own refusal and its own error.
 */
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import type { PlannedOrder } from '../../../sending/engine/enqueue';
import { InvalidOrdersError } from '../../../sending/sequencer';
import { intakeBatcher } from '../../../sending/server/intake-batch';
import { seoul } from '../../support/send-fixtures';

const doc = (id: string) => ({ ...seoul, order: { ...seoul.order, id } });

/** A planner whose calls wait for `release()`; it fails a call that holds an order id in `failing`. */
function heldPlanner(failing: ReadonlySet<string> = new Set()) {
  const calls: string[][] = [];
  const gates: (() => void)[] = [];
  const plan = async (documents: readonly OrderDocument[]): Promise<readonly PlannedOrder[]> => {
    const ids = documents.map((d) => d.order.id);
    calls.push(ids);
    await new Promise<void>((resolve) => gates.push(resolve));
    const bad = ids.find((id) => failing.has(id));
    if (bad) throw new Error(`cannot plan ${bad}`);
    return documents.map(
      (d) => ({ order: d.order.id, key: d.order.id, to: d.customer.email }) as PlannedOrder,
    );
  };
  const releaseAll = async () => {
    for (let i = 0; i < 20 && gates.length > 0; i++) {
      for (const open of gates.splice(0)) open();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { plan, calls, releaseAll };
}

describe('intake in joint transactions', () => {
  it('plans a request alone at once, and the requests that arrive meanwhile together in the next one', async () => {
    const planner = heldPlanner();
    const intake = intakeBatcher(planner.plan, { concurrency: 1 });
    const first = intake.submit(doc('a'));
    const later = [intake.submit(doc('b')), intake.submit([doc('c'), doc('d')]), intake.submit(doc('e'))];
    expect(planner.calls).toEqual([['a']]);
    await planner.releaseAll();
    expect(planner.calls).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    expect((await first).map((o) => o.order)).toEqual(['a']);
    expect((await Promise.all(later)).map((orders) => orders.map((o) => o.order))).toEqual([
      ['b'],
      ['c', 'd'],
      ['e'],
    ]);
  });

  it('refuses an invalid document for its own request only, before anything is planned', async () => {
    const planner = heldPlanner();
    const intake = intakeBatcher(planner.plan, { concurrency: 1 });
    const good = intake.submit(doc('ok-1'));
    const bad = intake.submit({ ...doc('bad-1'), customer: { ...seoul.customer, email: 'not an address' } });
    await expect(bad).rejects.toBeInstanceOf(InvalidOrdersError);
    await expect(bad).rejects.toThrow('customer.email');
    await planner.releaseAll();
    expect((await good).map((o) => o.order)).toEqual(['ok-1']);
    expect(planner.calls).toEqual([['ok-1']]);
  });

  it('plans each request again alone when their joint transaction fails: the error goes to its own request', async () => {
    const planner = heldPlanner(new Set(['broken']));
    const intake = intakeBatcher(planner.plan, { concurrency: 1 });
    const first = intake.submit(doc('x'));
    const fine = intake.submit(doc('fine'));
    // Its handler is attached at once: the rejection comes while the planner is let go.
    const broken = intake.submit(doc('broken')).catch((error: unknown) => error);
    await planner.releaseAll();
    expect((await first).map((o) => o.order)).toEqual(['x']);
    expect((await fine).map((o) => o.order)).toEqual(['fine']);
    expect(await broken).toEqual(new Error('cannot plan broken'));
    expect(planner.calls).toEqual([['x'], ['fine', 'broken'], ['fine'], ['broken']]);
  });

  it('never plans one order in two transactions at once, nor a later document of it before an earlier one', async () => {
    const planner = heldPlanner();
    const intake = intakeBatcher(planner.plan, { concurrency: 2 });
    const one = intake.submit(doc('same'));
    const two = intake.submit(doc('same'));
    const other = intake.submit(doc('other'));
    // The second document of `same` waits for the first to commit; `other` need not.
    expect(planner.calls).toEqual([['same'], ['other']]);
    await planner.releaseAll();
    expect(planner.calls).toEqual([['same'], ['other'], ['same']]);
    await Promise.all([one, two, other]);
  });

  it('keeps a joint transaction to maxOrders, and plans a larger request whole', async () => {
    const planner = heldPlanner();
    const intake = intakeBatcher(planner.plan, { concurrency: 1, maxOrders: 3 });
    const requests = [
      intake.submit(doc('r0')),
      intake.submit([doc('r1'), doc('r2')]),
      intake.submit([doc('r3'), doc('r4')]),
      intake.submit([doc('r5'), doc('r6'), doc('r7'), doc('r8')]),
    ];
    await planner.releaseAll();
    await Promise.all(requests);
    expect(planner.calls).toEqual([['r0'], ['r1', 'r2'], ['r3', 'r4'], ['r5', 'r6', 'r7', 'r8']]);
  });
});
