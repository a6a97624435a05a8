/**
 * The release gate: everything that decides whether a claimed step may go, checked at the moment of release — a
 * suppression or a cancelled order stops it, a newer order supersedes its marketing, and the frequency rules (the
 * gap between marketing emails to one address, quiet hours on the customer's clock) defer it.
 */
import {
  addressKey,
  gapMs,
  goesAt,
  type MarketingSend,
  readRules,
  releaseTime,
  supersededReason,
} from '../plan/frequency';
import { offsetOf, type Preferences, preferenceStop } from '../plan/preferences';
import { toLocalIso } from '../plan/zoned-time';
import { inTransaction } from '../store/db';
import { cancelledOrders, newerOrders, orderSettings } from '../store/orders';
import { readPreferences } from '../store/preferences';
import { queueStepJobs, stepJob } from '../store/queue';
import type { StepRow, StepState } from '../store/schema';
import { deferClaimed, lockAddresses, retimeClaimed, stopClaimed } from '../store/step-release';
import { marketingHistory } from '../store/steps';
import { suppressionsOf } from '../store/suppressions';
import type { Run } from './release-run';

/**
 * Everything that decides whether a claimed step may go, checked at the moment of release: a suppression or
 * a cancelled order stops it, a newer order supersedes its marketing, and the frequency rules (the gap between
 * marketing emails to one address, quiet hours on the customer's clock) defer it back to `planned` at its
 * first allowed time, with the reason and a job. Transactional mail is never deferred.
 */
export async function gate(run: Run, rows: StepRow[]): Promise<StepRow[]> {
  if (rows.length === 0) return rows;
  const decided = await stops(run, rows);
  const pass: StepRow[] = [];
  const marketing: StepRow[] = [];
  for (const row of rows) {
    if (decided.has(row.id)) continue;
    if (row.kind === 'marketing') marketing.push(row);
    else pass.push(row);
  }
  const stopped = [...decided.entries()];
  for (const [id, outcome] of stopped) await stopClaimed(run.db, id, outcome);
  run.report.skipped += stopped.length;
  run.seen.stopped(
    rows.filter((r) => decided.has(r.id)),
    (id) => decided.get(id)?.reason ?? '',
  );
  if (marketing.length > 0) pass.push(...(await spaceOut(run, marketing)));
  return pass;
}

/** Suppressions, cancelled orders, newer orders and the preference centre, for claimed steps: the stopped ones, by id. */
export async function stops(
  run: Run,
  rows: readonly StepRow[],
): Promise<Map<string, { state: StepState; reason: string }>> {
  const out = new Map<string, { state: StepState; reason: string }>();
  const emails = [...new Set(rows.map((r) => addressKey(r.recipient)))];
  const orderIds = [...new Set(rows.map((r) => r.order_id))];
  // Four reads that do not depend on one another: at once, on a server's pool.
  const [suppressions, stoppedOrders, newer, chosen] = await Promise.all([
    suppressionsOf(run.db, emails),
    cancelledOrders(run.db, orderIds),
    rows.some((r) => r.kind === 'marketing') ? newerOrders(run.db, orderIds) : new Map<string, string>(),
    // Read per batch only when some address has chosen (checked once per pass).
    run.choices
      ? readPreferences(
          run.db,
          rows.filter((r) => r.kind === 'marketing').map((r) => r.recipient),
        )
      : new Map<string, Preferences>(),
  ]);
  const nowMs = Date.now();
  const suppressed = new Map(suppressions.map((s) => [s.email, s]));
  const cancelled = new Map(stoppedOrders.map((o) => [o.id, o.cancelled ?? 'order cancelled']));
  for (const row of rows) {
    const s = suppressed.get(addressKey(row.recipient));
    const stop = cancelled.get(row.order_id);
    const by = row.kind === 'marketing' ? newer.get(row.order_id) : undefined;
    if (s && (s.scope === 'all' || row.kind === 'marketing'))
      out.set(row.id, {
        state: 'skipped',
        reason: `suppressed (${s.scope}${s.reason ? `: ${s.reason}` : ''})`,
      });
    else if (stop !== undefined) out.set(row.id, { state: 'cancelled', reason: stop });
    else if (by !== undefined) out.set(row.id, { state: 'skipped', reason: supersededReason(by) });
    else if (row.kind === 'marketing') {
      // The preference centre's choices, on the customer's calendar (the step's own offset).
      const prefs = chosen.get(addressKey(row.recipient));
      const goesMs = Math.max(new Date(row.send_at).getTime(), nowMs);
      const why = prefs && preferenceStop(prefs, row.template, goesMs, offsetOf(row.local_time));
      if (why) out.set(row.id, { state: 'skipped', reason: why });
    }
  }
  return out;
}

/**
 * The frequency rules for claimed marketing steps, one address at a time under an advisory lock: two workers
 * releasing marketing to one address take turns, so the second sees the first's step (claimed or handed over)
 * and defers its own. Deferred steps go back to `planned` with their new time, the reason and a job.
 */
async function spaceOut(run: Run, rows: readonly StepRow[]): Promise<StepRow[]> {
  const orders = new Map(
    (await orderSettings(run.db, [...new Set(rows.map((r) => r.order_id))])).map((o) => [
      o.id,
      { rules: readRules(o.rules), timeZone: o.time_zone },
    ]),
  );
  const addresses = [...new Set(rows.map((r) => addressKey(r.recipient)))].sort();
  const ids = rows.map((r) => r.id);
  const longest = Math.max(...[...orders.values()].map((o) => gapMs(o.rules)), 0);
  return inTransaction(run.db, async (trx) => {
    // Two workers releasing marketing to one address take turns.
    await lockAddresses(trx, addresses);
    const nowMs = Date.now();
    // Every claimed step (an overdue one goes now, whatever its send time said), and what went or will go
    // within one gap of now: a step released now cannot conflict with anything earlier.
    const handed = await marketingHistory(trx, {
      addresses,
      states: ['sent', 'scheduled', 'sending'],
      exceptSteps: ids,
      since: new Date(nowMs - longest),
    });
    const others = new Map<string, MarketingSend[]>();
    const add = (address: string, send: MarketingSend) =>
      others.set(address, [...(others.get(address) ?? []), send]);
    for (const h of handed)
      add(addressKey(h.recipient), {
        atMs: goesAt(h, nowMs),
        template: h.template,
        orderId: h.order_id,
      });
    const pass: StepRow[] = [];
    const sorted = [...rows].sort((a, b) => new Date(a.send_at).getTime() - new Date(b.send_at).getTime());
    for (const row of sorted) {
      const address = addressKey(row.recipient);
      const order = orders.get(row.order_id);
      const sendAtMs = new Date(row.send_at).getTime();
      const dueMs = Math.max(sendAtMs, nowMs);
      if (!order?.timeZone) {
        // An order imported from an old ledger: no rules to apply.
        pass.push(row);
        add(address, { atMs: dueMs, template: row.template, orderId: row.order_id });
        continue;
      }
      const moved = releaseTime(
        { kind: 'marketing', dueMs, timeZone: order.timeZone, ...(row.at ? { at: row.at } : {}) },
        order.rules,
        others.get(address) ?? [],
      );
      if (moved.atMs === dueMs) {
        pass.push(row);
        add(address, { atMs: dueMs, template: row.template, orderId: row.order_id });
        continue;
      }
      const windowMs = sendAtMs - new Date(row.release_at).getTime();
      const releaseAt = new Date(moved.atMs - windowMs);
      const local = toLocalIso(moved.atMs, order.timeZone);
      const reason = moved.reason ?? 'deferred';
      run.report.deferred++;
      run.seen.deferred(row, reason, new Date(moved.atMs));
      add(address, { atMs: moved.atMs, template: row.template, orderId: row.order_id });
      if (releaseAt.getTime() <= nowMs) {
        // The new time is still within the release window: handed to Resend now, scheduled for that time
        // (planned again, it would be claimed again at once by this very pass).
        const fields = { send_at: new Date(moved.atMs), release_at: releaseAt, local_time: local, reason };
        await retimeClaimed(trx, row.id, fields);
        pass.push({ ...row, ...fields });
        continue;
      }
      await deferClaimed(trx, row.id, {
        send_at: new Date(moved.atMs),
        release_at: releaseAt,
        local_time: local,
        reason,
      });
      await queueStepJobs(trx, run.boss, [stepJob(row.id, releaseAt)]);
    }
    return pass;
  });
}
