/**
 * The demo (`npm run demo`), offline: every template in every locale for the sample orders into
 * `<out>/templates/`, with an index a person can open in a browser, then the default sequence for a
 * sample order into `<out>/` with its timeline (index.html), exactly as `npm run send` would schedule
 * it. No key, no network. It lives with the stories because its previews show their sample pictures.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../components/i18n';
import { escapeHtml } from '../core/html';
import { renderEmail, TEMPLATE_IDS, templates } from '../emails';
import { sampleDocuments } from '../emails/_samples';
import { composeSequence } from '../sending/offline/compose';
import { writeOutbox } from '../sending/offline/outbox';
import { withImagesIn } from './sample-images';

const SAMPLE_IMAGES = join(dirname(fileURLToPath(import.meta.url)), 'assets/images');

export type DemoOptions = Readonly<{
  /** Signs the unsubscribe links; the script passes `UNSUBSCRIBE_SECRET` or a fixed, public preview secret. */
  unsubscribeSecret: string;
  /** One line per finished part. */
  log: (line: string) => void;
}>;

/** Writes the gallery and the sequence outbox under `out`. */
export async function writeDemo(out: string, { unsubscribeSecret: secret, log }: DemoOptions): Promise<void> {
  const dir = join(out, 'templates');
  await mkdir(dir, { recursive: true });
  // The samples' pictures live on hosts that do not exist: the previews use the stand-ins Storybook shows,
  // copied beside them, while each .html stays exactly the email that would be sent.
  await cp(SAMPLE_IMAGES, join(out, 'sample-images'), { recursive: true });
  const rows: string[] = [];
  for (const [sample, doc] of Object.entries(sampleDocuments)) {
    for (const id of TEMPLATE_IDS) {
      for (const locale of LOCALES) {
        const email = await renderEmail(id, doc, { locale, unsubscribeSecret: secret });
        const base = `${sample}.${id}.${locale}`;
        await writeFile(join(dir, `${base}.html`), email.html);
        await writeFile(join(dir, `${base}.preview.html`), withImagesIn(email.html, '../sample-images'));
        await writeFile(join(dir, `${base}.txt`), email.text);
        rows.push(
          `<tr><td>${escapeHtml(sample)}</td><td>${escapeHtml(id)}</td><td>${templates[id].kind}</td><td>${locale}</td>` +
            `<td><a href="${base}.preview.html">${escapeHtml(email.subject)}</a></td>` +
            `<td><a href="${base}.html">HTML</a> · <a href="${base}.txt">text</a></td>` +
            `<td>${(Buffer.byteLength(email.html) / 1024).toFixed(1)} KB</td></tr>`,
        );
      }
    }
  }
  await writeFile(join(dir, 'index.html'), page('Every template, every locale', rows));
  log(`${rows.length} emails written to ${dir}/ — open ${join(dir, 'index.html')}`);

  // The default sequence for the Korean sample, planned as at the moment the order came in (so the timeline
  // reads the same whenever the demo runs): what `npm run -s send -- --data emails/_samples/ko-krw.json` writes.
  const order = sampleDocuments['ko-krw'];
  const sequence = await composeSequence(order, {
    unsubscribeSecret: secret,
    now: new Date(order.order.placedAt),
  });
  const outbox = await writeOutbox(sequence, out, {
    preview: (html) => withImagesIn(html, 'sample-images'),
    related: [
      {
        href: 'templates/index.html',
        label: 'Every template in every locale, for the three sample orders →',
      },
    ],
  });
  log(
    `${sequence.steps.length} steps of the ${sequence.plan.sequence} sequence (${sequence.skipped.length} skipped) written to ${out}/ — open ${outbox.index}`,
  );
}

function page(title: string, rows: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#18181b}table{border-collapse:collapse}td,th{padding:4px 12px;border-bottom:1px solid #e4e4e7;text-align:left}</style></head>
<body><h1>${title}</h1><table><thead><tr><th>sample</th><th>template</th><th>kind</th><th>locale</th><th>subject</th><th>files</th><th>size</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></body></html>`;
}
