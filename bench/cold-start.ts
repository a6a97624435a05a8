/**
 * Cold start: a fresh `node` process that imports a library and renders one email (HTML + text),
 * timed from the process's own start (`process.uptime()`, so Node's boot counts) to the email in
 * hand. Two contenders, both bundled from the same templates by the benchmark:
 * - `library`: the built library (`npm run build`'s bundle) and `renderEmail()`;
 * - `react-email`: the templates with `react-email` left external — its barrel (Tailwind, marked,
 *   Prism…) loads as it does for a developer using it directly — and its `render()` + html-to-text.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { samplePath } from './orders';
import { median, ms } from './stats';

export type ColdRun = {
  importMs: number;
  renderMs: number;
  totalMs: number;
  cpuMs: number;
  wallMs: number;
  htmlBytes: number;
};

const CHILD = `
const started = performance.now();
const { readFileSync } = await import('node:fs');
const [mode, library, sample] = process.argv.slice(1);
const lib = await import(library);
const imported = performance.now();
const doc = JSON.parse(readFileSync(sample, 'utf8'));
const email = mode === 'library'
  ? await lib.renderEmail('order-confirmation', doc, { locale: 'en' })
  : await lib.renderWithReactEmail('order-confirmation', doc, 'en');
if (!email.html.includes('</html>') || email.text.length < 100) throw new Error('bad email');
const rendered = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ importMs: imported - started, renderMs: rendered - imported, totalMs: process.uptime() * 1000, cpuMs: (cpu.user + cpu.system) / 1000, htmlBytes: Buffer.byteLength(email.html) }));
`;

export function coldStart(mode: 'library' | 'react-email', library: string, sample: string): ColdRun {
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', CHILD, mode, pathToFileURL(library).href, sample],
    {
      encoding: 'utf8',
      // A plain `node`: none of the benchmark's own flags (tsx's loader) leak into the measured process.
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const wallMs = performance.now() - t0;
  if (child.status !== 0) throw new Error(`cold start (${mode}) failed:\n${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as Omit<ColdRun, 'wallMs'>), wallMs };
}

/** `runs` cold starts of each contender, in turn, and their medians. */
export function measureColdStart(runs: number, library: string, reference: string) {
  const sample = samplePath('en-usd.json');
  const library_: ColdRun[] = [];
  const reactEmail: ColdRun[] = [];
  for (let i = 0; i < runs; i++) {
    library_.push(coldStart('library', library, sample));
    reactEmail.push(coldStart('react-email', reference, sample));
  }
  const summary = (list: ColdRun[]) => ({
    runs: list,
    medianTotalMs: median(list.map((r) => r.totalMs)),
    medianImportMs: median(list.map((r) => r.importMs)),
    medianRenderMs: median(list.map((r) => r.renderMs)),
    medianWallMs: median(list.map((r) => r.wallMs)),
    medianCpuMs: median(list.map((r) => r.cpuMs)),
  });
  const result = { library: summary(library_), reactEmail: summary(reactEmail) };
  process.stderr.write(
    `bench: cold start library ${ms(result.library.medianTotalMs)} ms · react-email ${ms(result.reactEmail.medianTotalMs)} ms (medians of ${runs})\n`,
  );
  return result;
}

export type ColdResult = ReturnType<typeof measureColdStart>;
