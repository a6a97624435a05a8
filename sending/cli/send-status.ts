/** `status`: the steps as tables a person reads (or `--json`), the guardrail first when it has something to say. */
import { EXIT, type ExitCode } from '../../core/cli';
import type { Sequencer } from '../sequencer';
import type { Io } from './io';
import { variantTable } from './report';
import type { StatusArgs } from './send-options';
import { context, statusText } from './status-output';

export async function runStatus(args: StatusArgs, sequencer: Sequencer, io: Io): Promise<ExitCode> {
  const report = await sequencer.status({
    ...(args.order === undefined ? {} : { order: args.order }),
    ...(args.to === undefined ? {} : { to: args.to }),
  });
  const { steps } = report;
  const guardrail = await sequencer.guardrailState();
  if (args.json) {
    io.out(`${JSON.stringify({ ...report, guardrail }, null, 2)}\n`);
    return EXIT.ok;
  }
  // The guardrail heads the table when it has something to say (a warning, or marketing held back).
  if (guardrail.state !== 'ok')
    io.out(`${guardrail.state === 'tripped' ? 'GUARDRAIL' : 'warning'}: ${guardrail.message}\n\n`);
  if (steps.length === 0) {
    io.out(
      `No steps recorded${args.order ? ` for order ${args.order}` : ''}${args.to ? ` to ${args.to}` : ''}.\n`,
    );
    return EXIT.ok;
  }
  const variants = variantTable(steps.filter((s) => !s.test));
  const decisions = (report.abTests ?? []).map(
    (t) =>
      `A/B ${t.test} (${t.metric}): ${t.decision ? `${t.decision.winner === null ? 'no winner' : `winner ${t.decision.winner}`} since ${t.decision.at} — ${t.decision.reason}` : `splitting since ${t.startedAt}`}`,
  );
  const text = statusText(steps, context(io, args.wide));
  const tail = `${variants ? `\n${variants}\n` : ''}${decisions.length ? `\n${decisions.join('\n')}\n` : ''}`;
  io.out(tail ? text.replace(/\n([^\n]*)\n$/, `\n${tail}\n$1\n`) : text);
  return EXIT.ok;
}
