/**
 * The offline outbox: per planned step the HTML, the plain text and the exact payload (`.json`), plus an
 * `index.html` timeline of the whole sequence, skipped steps included with their reason.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { formatDateTime } from '../../components/dates';
import { escapeHtml } from '../../core/html';
import type { Dispatch, SkippedStep } from '../plan/schedule';
import { timingLabel } from '../plan/step-timing';
import { toLocalIso } from '../plan/zoned-time';
import type { ComposedSequence, ComposedStep } from './compose';

/** Files this module writes, so a re-run can clear the previous run's steps without touching anything else. */
const STEP_FILE = /^\d{2,}-day\d+-[a-z0-9-]+(\.preview)?\.(html|txt|json)$/;

export type OutboxFile = Readonly<{
  step: number;
  template: string;
  html: string;
  text: string;
  json: string;
}>;
export type OutboxResult = Readonly<{ dir: string; index: string; files: readonly OutboxFile[] }>;

export function stepFileBase(step: Pick<ComposedStep, 'number' | 'day' | 'template'>): string {
  return `${String(step.number).padStart(2, '0')}-day${step.day}-${step.template}`;
}

/** The `.json` of one step: the payload exactly as it would be sent, plus what a reviewer needs to know about it. */
export function outboxRecord(composed: ComposedSequence, step: ComposedStep) {
  return {
    step: step.number,
    template: step.template,
    kind: step.kind,
    day: step.day,
    ...(step.anchor === undefined ? {} : { anchor: step.anchor }),
    timing: timingLabel(step, composed.plan.timeZone),
    dispatch: step.dispatch,
    ...(step.variant === undefined ? {} : { variant: step.variant }),
    sendAt: step.sendAt,
    scheduledLocal: step.local,
    ...(step.deferred === undefined ? {} : { deferred: step.deferred }),
    timeZone: composed.plan.timeZone,
    idempotencyKey: step.idempotencyKey,
    ledgerId: step.id,
    // Transactional payloads carry no headers field; the record shows that as {} so every file has the same shape.
    headers: {},
    ...step.payload,
  };
}

/** Writes the outbox into `dir` (created if missing) and returns the paths written. */
export type OutboxOptions = Readonly<{
  /**
   * Also write `<step>.preview.html`, this function's copy of the email, and link it from the timeline (the demo maps
   * its sample pictures to files on disk this way). The `.html` stays the exact payload.
   */
  preview?: (html: string) => string;
  /** Links shown under the heading (the demo points at its gallery of every template × locale). */
  related?: readonly Readonly<{ href: string; label: string }>[];
}>;

/** A folder the outbox cannot be written to (`--out` names a file, or a place that cannot hold one). */
export class OutboxDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxDirError';
  }
}

/**
 * Makes `dir` and any missing parents, one level at a time: Node's recursive mkdir never returns for some
 * paths that cannot be made (under /proc), and a file in the way should be named, not reported as EEXIST.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const path = resolve(dir);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return;
  if (info) throw new OutboxDirError(`${path} is not a directory`);
  const parent = dirname(path);
  if (parent !== path) await makeDirectory(parent);
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await stat(path).catch(() => undefined))?.isDirectory()) return;
    throw new OutboxDirError(`cannot create ${path} (${code ?? (error as Error).message})`);
  }
}

export async function writeOutbox(
  composed: ComposedSequence,
  dir: string,
  options: OutboxOptions = {},
): Promise<OutboxResult> {
  await makeDirectory(dir);
  for (const name of await readdir(dir)) if (STEP_FILE.test(name)) await rm(join(dir, name), { force: true });
  const files: OutboxFile[] = [];
  for (const step of composed.steps) {
    const base = stepFileBase(step);
    const file = {
      step: step.number,
      template: step.template,
      html: `${base}.html`,
      text: `${base}.txt`,
      json: `${base}.json`,
    };
    await writeFile(join(dir, file.html), step.payload.html);
    if (options.preview)
      await writeFile(join(dir, `${base}.preview.html`), options.preview(step.payload.html));
    await writeFile(join(dir, file.text), step.payload.text);
    await writeFile(join(dir, file.json), `${JSON.stringify(outboxRecord(composed, step), null, 2)}\n`);
    files.push(file);
  }
  const index = join(dir, 'index.html');
  await writeFile(
    index,
    timelineHtml(composed, { previews: options.preview !== undefined, related: options.related }),
  );
  return { dir, index, files };
}

const DISPATCH_LABEL: Record<Dispatch, string> = {
  now: 'at once',
  scheduled: 'scheduled',
  pending: 'pending: beyond Resend’s 30-day horizon, submitted later by <code>resume</code>',
};

type Row = { at: number; number: number; html: string };

/** The timeline a marketer opens: one row per step of the sequence, in send order. */
export function timelineHtml(
  composed: ComposedSequence,
  { previews = false, related = [] }: { previews?: boolean; related?: OutboxOptions['related'] } = {},
): string {
  const { plan } = composed;
  const when = (iso: string, local: string) =>
    `${escapeHtml(formatDateTime(iso, plan.locale, plan.timeZone))}<br><small>${escapeHtml(local)}</small>`;
  // A step timed from the parcel names its anchor (or its fallback) under the day: "5 days after delivery · Nov 29, 10:00".
  const day = (step: Pick<SkippedStep, 'day' | 'anchor' | 'sendAt'>) =>
    step.anchor === undefined
      ? String(step.day)
      : `${step.day}<br><small class="anchor">${escapeHtml(timingLabel(step, plan.timeZone))}</small>`;
  const rows: Row[] = [
    ...composed.steps.map((step) => {
      const base = stepFileBase(step);
      const view = previews ? `${base}.preview.html` : `${base}.html`;
      return {
        at: Date.parse(step.sendAt),
        number: step.number,
        html: `<tr>
  <td>${step.number}</td><td>${day(step)}</td><td>${when(step.sendAt, step.local)}${step.deferred ? `<br><small class="anchor">${escapeHtml(step.deferred)}</small>` : ''}</td>
  <td><a href="${escapeHtml(view)}">${escapeHtml(step.template)}</a></td>
  <td>${escapeHtml(step.payload.subject)}${step.variant === undefined ? '' : ` <small class="variant">variant ${escapeHtml(step.variant)}</small>`}</td>
  <td><span class="kind ${step.kind}">${step.kind}</span></td>
  <td>${DISPATCH_LABEL[step.dispatch]}</td>
  <td>${previews ? `<a href="${escapeHtml(view)}">preview</a> · ` : ''}<a href="${escapeHtml(base)}.html">HTML</a> · <a href="${escapeHtml(base)}.txt">text</a> · <a href="${escapeHtml(base)}.json">payload</a></td>
</tr>`,
      };
    }),
    ...composed.skipped.map((step: SkippedStep) => ({
      at: Date.parse(step.sendAt),
      number: step.number,
      html: `<tr class="skipped">
  <td>${step.number}</td><td>${day(step)}</td><td>${when(step.sendAt, step.local)}</td>
  <td>${escapeHtml(step.template)}</td>
  <td colspan="4">skipped: ${escapeHtml(step.reason)}</td>
</tr>`,
    })),
  ].sort((a, b) => a.at - b.at || a.number - b.number);
  const compressed =
    plan.compressMs === undefined ? '' : ` · compressed: one day = ${plan.compressMs / 1000} s`;
  const warnings = composed.warnings.length
    ? `<ul class="warnings">${composed.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(composed.shop)} · order ${escapeHtml(composed.order.number)} · ${escapeHtml(plan.sequence)} sequence</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans CJK KR", "PingFang SC", sans-serif; margin: 2rem; color: #1f2328; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .5rem .75rem; border-bottom: 1px solid #d0d7de; }
  th { background: #f6f8fa; }
  small { color: #59636e; }
  .kind { padding: 0 .4rem; border-radius: 4px; font-size: 13px; }
  .kind.transactional { background: #ddf4ff; }
  .kind.marketing { background: #fff8c5; }
  .variant { white-space: nowrap; padding: 0 .4rem; border: 1px solid #d0d7de; border-radius: 4px; }
  tr.skipped td { color: #59636e; font-style: italic; }
  .warnings { color: #9a6700; }
</style>
</head>
<body>
<h1>${escapeHtml(composed.shop)} · order #${escapeHtml(composed.order.number)}</h1>
<p>Sequence <strong>${escapeHtml(plan.sequence)}</strong> · to ${escapeHtml(composed.to)} · from ${escapeHtml(composed.from)} ·
customer time zone ${escapeHtml(plan.timeZone)} · day 0 = ${escapeHtml(toLocalIso(Date.parse(plan.start), plan.timeZone))}${compressed} ·
planned at ${escapeHtml(composed.now)}</p>
${related.map((link) => `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`).join('\n')}
${warnings}
<table>
<thead><tr><th>#</th><th>Day</th><th>Local time</th><th>Template</th><th>Subject</th><th>Kind</th><th>Sending</th><th>Files</th></tr></thead>
<tbody>
${rows.map((r) => r.html).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
