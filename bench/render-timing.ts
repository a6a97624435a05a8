import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { render } from 'react-email';
import { validateFor } from '../core/template';
import { getTemplate, renderEmail, TEMPLATE_IDS, type TemplateId } from '../emails';
import { renderStatic } from '../render/static-render';
import { orderFactory } from './orders';
import type { PreactRenderer } from './preact';
import { ms, type Summary, summarize } from './stats';

/**
 * The per-template timings of `npm run bench` (run.ts): every way of rendering an email, measured in
 * interleaved rounds on the same orders, wall clock and CPU time per call.
 */

/** The key the benchmark signs unsubscribe links with. Never a real secret. */
export const SECRET = 'bench-secret';
/**
 * The orders each template is timed on: 8-line orders of the en-usd sample that differ in what
 * differs between real orders (number, customer, address of the unsubscribe link, shipping status),
 * so a cache keyed on content gets no more hits here than it would in production.
 */
export const ORDERS = 256;

/** `run(i)`: the i-th call of this method (it picks its order from that). */
type Method = { name: string; run: (call: number) => unknown };
export type TemplateFigures = {
  id: TemplateId;
  htmlBytes: number;
  renderEmail: Summary;
  htmlStep: Summary;
  reactEmailHtml: Summary;
  reactEmailHtmlAndText: Summary;
  renderToStaticMarkup: Summary;
  referenceRenderer: Summary;
  /** The alternative: renderEmail() on Preact (HTML + text + subject), and its HTML step alone. */
  preactRenderEmail: Summary;
  preactHtml: Summary;
  /** Mean CPU time per call, ms. */
  cpu: Record<
    | 'renderEmail'
    | 'htmlStep'
    | 'reactEmailHtml'
    | 'reactEmailHtmlAndText'
    | 'renderToStaticMarkup'
    | 'referenceRenderer'
    | 'preactRenderEmail'
    | 'preactHtml',
    number
  >;
  /** Judged on CPU time. */
  ratioToRender: number;
  ratioHtmlStepToFloor: number;
  wallRatioToRender: number;
  wallRatioHtmlStepToFloor: number;
  preactRatioToRender: number;
  preactRatioHtmlToFloor: number;
};

type Samples = { wall: number[]; cpu: number[] };

/**
 * Runs every method in interleaved rounds, so a change of machine load hits all of them alike.
 * Wall time per call, and CPU time (this process's, per round divided by the calls) — the latter
 * is what the ratios are judged on: on a shared machine it does not count other processes' turns.
 */
async function measure(methods: readonly Method[], iterations: number): Promise<Samples[]> {
  const warmup = Math.max(5, Math.ceil(iterations / 5));
  const calls = methods.map(() => 0);
  const next = (j: number) => {
    const call = calls[j] ?? 0;
    calls[j] = call + 1;
    return call;
  };
  for (const [j, method] of methods.entries()) for (let i = 0; i < warmup; i++) await method.run(next(j));
  const samples = methods.map((): Samples => ({ wall: [], cpu: [] }));
  const rounds = Math.min(10, iterations);
  const perRound = Math.ceil(iterations / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const [j, method] of methods.entries()) {
      const into = samples[j] as Samples;
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        await method.run(next(j));
        into.wall.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpu0);
      into.cpu.push((cpu.user + cpu.system) / 1000 / perRound);
    }
  }
  return samples;
}

/** What a caller does with an email: hands its bytes on (this also flattens a string built by concatenation). */
function bytes(...parts: string[]): number {
  let total = 0;
  for (const part of parts) total += Buffer.byteLength(part);
  return total;
}

export async function measureTemplates(
  iterations: number,
  preact: PreactRenderer,
): Promise<TemplateFigures[]> {
  const orders = orderFactory();
  const documents = Array.from({ length: ORDERS }, (_, k) => orders(3 * k, 8));
  const figures: TemplateFigures[] = [];
  // Warm every template up first: a server renders them all, so the shared code is measured hot
  // (and polymorphic) for each template, not cold for the first one and hot for the last.
  const options = { locale: 'en', unsubscribeSecret: SECRET } as const;
  for (let call = 0; call < 40; call++) {
    const order = orders(3 * call + 1, 8);
    for (const id of TEMPLATE_IDS) {
      const template = getTemplate(id);
      bytes((await renderEmail(id, order, options)).html);
      bytes(await render(createElement(template.component, { ...validateFor(template, order), ...options })));
    }
  }
  for (const id of TEMPLATE_IDS) {
    const template = getTemplate(id);
    const typedProps = documents.map((document) => ({ ...validateFor(template, document), ...options }));
    type TypedProps = (typeof typedProps)[number];
    const document = (call: number) => documents[call % ORDERS] as (typeof documents)[number];
    const element = (call: number): ReactElement =>
      createElement(template.component, typedProps[call % ORDERS] as TypedProps);
    const html = await render(element(0));
    const fast = await renderEmail(id, document(0), options);
    if (fast.html !== html)
      throw new Error(`${id}: renderEmail() and render() disagree — run tests/render/fast-render.test.ts`);
    const [a, b, c, d, e, f, g, k] = (await measure(
      [
        {
          name: 'renderEmail',
          run: async (call) => {
            const email = await renderEmail(id, document(call), options);
            return bytes(email.html, email.text, email.subject);
          },
        },
        { name: 'htmlStep', run: (call) => bytes(renderStatic(element(call)).html) },
        { name: 'render', run: async (call) => bytes(await render(element(call))) },
        {
          name: 'renderWithText',
          run: async (call) =>
            bytes(await render(element(call)), await render(element(call), { plainText: true })),
        },
        { name: 'renderToStaticMarkup', run: (call) => bytes(renderToStaticMarkup(element(call))) },
        {
          name: 'reference',
          run: async (call) => {
            const email = await renderEmail(id, document(call), { ...options, renderer: 'reference' });
            return bytes(email.html, email.text, email.subject);
          },
        },
        {
          name: 'preactRenderEmail',
          run: (call) => {
            const email = preact.renderEmailWithPreact(id, document(call), options);
            return bytes(email.html, email.text, email.subject);
          },
        },
        {
          name: 'preactHtml',
          run: (call) => bytes(preact.renderHtmlWithPreact(id, typedProps[call % ORDERS] as TypedProps)),
        },
      ],
      iterations,
    )) as [Samples, Samples, Samples, Samples, Samples, Samples, Samples, Samples];
    const cpu = (x: Samples) => x.cpu.reduce((sum, v) => sum + v, 0) / x.cpu.length;
    const row: TemplateFigures = {
      id,
      htmlBytes: Buffer.byteLength(html),
      renderEmail: summarize(a.wall),
      htmlStep: summarize(b.wall),
      reactEmailHtml: summarize(c.wall),
      reactEmailHtmlAndText: summarize(d.wall),
      renderToStaticMarkup: summarize(e.wall),
      referenceRenderer: summarize(f.wall),
      preactRenderEmail: summarize(g.wall),
      preactHtml: summarize(k.wall),
      cpu: {
        renderEmail: cpu(a),
        htmlStep: cpu(b),
        reactEmailHtml: cpu(c),
        reactEmailHtmlAndText: cpu(d),
        renderToStaticMarkup: cpu(e),
        referenceRenderer: cpu(f),
        preactRenderEmail: cpu(g),
        preactHtml: cpu(k),
      },
      ratioToRender: cpu(a) / cpu(c),
      ratioHtmlStepToFloor: cpu(b) / cpu(e),
      wallRatioToRender: 0,
      wallRatioHtmlStepToFloor: 0,
      preactRatioToRender: cpu(g) / cpu(c),
      preactRatioHtmlToFloor: cpu(k) / cpu(e),
    };
    row.wallRatioToRender = row.renderEmail.mean / row.reactEmailHtml.mean;
    row.wallRatioHtmlStepToFloor = row.htmlStep.mean / row.renderToStaticMarkup.mean;
    figures.push(row);
    process.stderr.write(
      `bench: ${id.padEnd(22)} renderEmail ${ms(row.renderEmail.mean)} ms · render() ${ms(row.reactEmailHtml.mean)} ms · ${row.ratioToRender.toFixed(2)}× (CPU)\n`,
    );
  }
  return figures;
}
