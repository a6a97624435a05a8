/**
 * `status` as a person reads it: the live order's steps, then each test run apart, every time on the operator's
 * clock with the customer's beside it; a table that fits 100 columns (the reason wraps; `--wide` shows every
 * column unwrapped); and one summary line that counts what the tables show.
 */

import { clockTime, customerClock, operatorZone, relative } from '../plan/operator-clock';
import type { StepStatus } from '../sequencer';
import type { Io } from './io';
import { formatTable, textWidth } from './report';

export const TERMINAL_COLUMNS = 100;

export type OutputContext = Readonly<{ zone: string; now: Date; wide: boolean }>;

export const STATE_LABEL: Record<StepStatus['state'], string> = {
  planned: 'waiting',
  sending: 'sending',
  sent: 'sent',
  scheduled: 'scheduled',
  failed: 'FAILED',
  skipped: 'skipped',
  cancelled: 'cancelled',
  rejected: 'REJECTED',
};

const ORDER: readonly StepStatus['state'][] = [
  'sent',
  'scheduled',
  'sending',
  'planned',
  'skipped',
  'cancelled',
  'failed',
  'rejected',
];

/** `2 sent, 5 scheduled, 1 skipped` (states with none left out; `no steps` when empty). */
export function countStates(steps: readonly StepStatus[]): string {
  const parts = ORDER.map((state) => [state, steps.filter((s) => s.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${STATE_LABEL[state].toLowerCase()}`);
  return parts.length ? parts.join(', ') : 'no steps';
}

/** A group of steps: the live order (or every live order), or one test run. */
type Group = Readonly<{ title: string; steps: StepStatus[] }>;

function groups(steps: readonly StepStatus[]): Group[] {
  const byKey = new Map<string, StepStatus[]>();
  for (const s of steps) {
    const key = s.run ?? (s.test ? `test:${s.order}:${s.to}` : `live:${s.order}`);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  return [...byKey.values()].map((list) => {
    const first = list[0] as StepStatus;
    return {
      title: first.test
        ? `Test run: order ${first.order} to ${first.to}`
        : `Order ${first.order || '(unknown)'} to ${first.to || '(unknown)'}${first.kind === 'webhook' ? '' : ' (live)'}`,
      steps: list,
    };
  });
}

function reasonOf(s: StepStatus): string {
  return [s.anchor ? `(${s.anchor})` : '', s.reason ?? ''].filter(Boolean).join(' ');
}

export function stepRows(steps: readonly StepStatus[], context: OutputContext): string {
  const { zone, now } = context;
  // How far away, for what is within a day (further off, the date says it).
  const due = (s: StepStatus) =>
    Math.abs(Date.parse(s.sendAt) - now.getTime()) < 86_400_000
      ? `${clockTime(s.sendAt, zone, now)} (${relative(s.sendAt, now)})`
      : clockTime(s.sendAt, zone, now);
  if (context.wide)
    return formatTable(
      [
        'order',
        'to',
        'test',
        'step',
        'template',
        'variant',
        `due (${zone})`,
        "customer's time",
        'state',
        'attempts',
        'Resend id',
        'reason',
      ],
      steps.map((s) => [
        s.order,
        s.to,
        s.test ? 'test' : '',
        String(s.step),
        s.template,
        s.variant ?? '',
        due(s),
        customerClock(s.local, s.sendAt, zone, now),
        STATE_LABEL[s.state],
        String(s.attempts),
        s.resendId ?? '',
        reasonOf(s),
      ]),
    );
  return fitTable(
    ['step', 'template', `due (${zone})`, "customer's", 'state', 'reason'],
    steps.map((s) => [
      String(s.step),
      s.variant ? `${s.template} (${s.variant})` : s.template,
      due(s),
      customerClock(s.local, s.sendAt, zone, now),
      STATE_LABEL[s.state],
      reasonOf(s),
    ]),
    TERMINAL_COLUMNS,
  );
}

/** The status command's text: one section per live order and per test run, then one summary line. */
export function statusText(steps: readonly StepStatus[], context: OutputContext): string {
  const all = groups(steps);
  const sections = all.map((g) => `${g.title}\n${stepRows(g.steps, context)}`);
  return `${sections.join('\n\n')}\n\n${summaryLine(steps)}\n`;
}

/** `Live: 7 step(s), 2 sent, 5 scheduled. Test runs: 1, 7 step(s), 7 sent.` */
export function summaryLine(steps: readonly StepStatus[]): string {
  const live = steps.filter((s) => !s.test);
  const test = steps.filter((s) => s.test);
  const runs = new Set(test.map((s) => s.run ?? `${s.order}:${s.to}`)).size;
  const orders = new Set(live.map((s) => s.order)).size;
  const liveText = live.length
    ? `Live: ${orders > 1 ? `${orders} orders, ` : ''}${live.length} step(s), ${countStates(live)}.`
    : 'Live: no steps.';
  const testText = runs ? ` Test runs: ${runs}, ${test.length} step(s), ${countStates(test)}.` : '';
  return `${liveText}${testText}`;
}

/**
 * A table no wider than `max`: the last column wraps at word boundaries into the room the others leave (at
 * least 12 columns); its continuation lines start under it.
 */
export function fitTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  max: number,
): string {
  const last = headers.length - 1;
  const widths = headers.map((h, i) =>
    i === last ? 0 : Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? ''))),
  );
  const used = widths.slice(0, last).reduce((a, b) => a + b, 0) + 2 * last;
  const room = Math.max(12, max - used);
  const expanded: string[][] = [];
  for (const row of rows) {
    const lines = wrap(row[last] ?? '', room);
    lines.forEach((line, n) => {
      expanded.push(n === 0 ? [...row.slice(0, last), line] : [...row.slice(0, last).map(() => ''), line]);
    });
  }
  return formatTable(headers, expanded);
}

function wrap(text: string, width: number): string[] {
  if (textWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    let w = word;
    while (textWidth(w) > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (textWidth(`${line} ${w}`) <= width) line = `${line} ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** What the tables are read against: the operator's clock (TZ), now, and `--wide`. */
export function context(io: Io, wide: boolean): OutputContext {
  return { zone: operatorZone(io.env), now: new Date(), wide };
}
