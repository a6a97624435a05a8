/**
 * What `cancel` prints: each step it stopped, each it could not and why (`thank-you, due 10:39 (in 1 min):
 * too close to its send time to stop`), on the operator's clock with the customer's beside, then one line that
 * counts them (sending/engine/cancel.ts words it, for the console too).
 */
import { type CancelOutcome, cancelLines } from '../engine/cancel';
import type { OutputContext } from './status-output';

export function cancelText(result: CancelOutcome, ctx: OutputContext): string {
  return `${cancelLines(result, ctx.zone, ctx.now).join('\n')}\n`;
}
