/**
 * What `cancel` says: each step it stopped, each it could not and why (`thank-you, due 10:39 (in 1 min):
 * too close to its send time to stop`), on the operator's clock with the customer's beside, then one line that
 * counts them.
 */
import type { CancelOutcome, StoppedStep } from '../engine/cancel';
import { clockTime, customerClock, relative } from './clock';
import type { OutputContext } from './status-output';

export function describeStep(step: StoppedStep, ctx: OutputContext): string {
  return `${step.template}, due ${clockTime(step.sendAt, ctx.zone, ctx.now)} (${relative(step.sendAt, ctx.now)}; customer's ${customerClock(step.local, step.sendAt, ctx.zone, ctx.now)})`;
}

export function cancelHeading(result: CancelOutcome): string {
  return result.to === undefined
    ? `order ${result.order} (live; its test runs are untouched)`
    : `the test run of order ${result.order} to ${result.to} (the live order and other runs are untouched)`;
}

export function cancelText(result: CancelOutcome, ctx: OutputContext): string {
  if (!result.found) return `Nothing to cancel: no step of ${cancelHeading(result)} is in the store.\n`;
  const lines = [`Cancelled ${cancelHeading(result)}; times on ${ctx.zone}:`];
  if (result.stopped.length) {
    lines.push('  stopped:');
    for (const s of result.stopped) lines.push(`    ${describeStep(s, ctx)}`);
  }
  if (result.notStopped.length) {
    lines.push('  could not stop:');
    for (const s of result.notStopped) lines.push(`    ${describeStep(s, ctx)}: ${s.why}`);
  }
  lines.push('', cancelSummary(result));
  return `${lines.join('\n')}\n`;
}

/** `Stopped 4 step(s); 1 could not be stopped; 2 had stopped before.` */
export function cancelSummary(result: CancelOutcome): string {
  return (
    `Stopped ${result.stopped.length} step(s)` +
    (result.notStopped.length
      ? `; ${result.notStopped.length} could not be stopped`
      : '; nothing left to go') +
    (result.alreadyStopped ? `; ${result.alreadyStopped} had stopped before` : '') +
    '.'
  );
}
