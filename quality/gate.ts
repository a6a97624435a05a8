/**
 * The whole gate: render every template × locale × state, run every check on each email, shoot the
 * screenshots, and collect one result. The command (scripts/check.ts) only parses flags and prints.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import type { Locale } from '../core/locales';
import type { Registry } from '../emails';
import { type A11yChecker, openA11yChecker } from './a11y';
import { BrowserMissing, launchBrowser } from './browser';
import { checkCompat } from './compat';
import { checkCompliance } from './compliance';
import { checkContrast } from './contrast';
import { ENGINES, type EngineName } from './engines';
import { runLayout } from './layout';
import { checkOutlook } from './outlook';
import type { EmailResult, GateResult } from './report';
import { clearScreenshots, SCREENSHOT_DIR, type ShotSet, writeContactSheet } from './screenshots';
import { checkSize, htmlBytes } from './size';
import { checkSpam } from './spam';
import {
  type Combination,
  combinations,
  isScreenshotState,
  type Rendered,
  renderCombination,
} from './states';
import {
  type Checker,
  type CheckName,
  type EmailUnderCheck,
  type Finding,
  findingFor,
  NO_EMAIL,
} from './types';
import { checkValidity } from './validity';

/** The checks that need nothing but the HTML, in the order their findings are listed. */
export const STATIC_CHECKS: readonly (readonly [CheckName, Checker])[] = [
  ['size', checkSize],
  ['compliance', checkCompliance],
  ['validity', checkValidity],
  ['compat', checkCompat],
  ['contrast', checkContrast],
  ['outlook', checkOutlook],
];

/** A check that throws is a failure of that check for that email, not of the whole run. */
function crashed(email: EmailUnderCheck, check: CheckName, error: unknown): Finding {
  return findingFor(email, check, {
    rule: 'crashed',
    message: `the ${check} check could not run: ${error instanceof Error ? error.message : String(error)}`,
    where: 'document',
  });
}

export function runStaticChecks(email: EmailUnderCheck): Finding[] {
  return STATIC_CHECKS.flatMap(([name, check]) => {
    try {
      return check(email);
    } catch (error) {
      return [crashed(email, name, error)];
    }
  });
}

export type GateOptions = Readonly<{
  only?: readonly string[];
  /** The locales to check (absent or empty: every locale). */
  locales?: readonly Locale[];
  /** The templates to check: the built-ins, or a registry with a shop's own (`--templates <module>`). */
  registry?: Registry;
  /** Accessibility in Chromium, layout in the engines (and screenshots); off: static checks only, and the report says so. */
  browser?: boolean;
  /** The engines the layout check runs in (default: all three). */
  engines?: readonly EngineName[];
  /** A missing engine or spam filter fails the run rather than warns (default: under CI=true). */
  requireEngines?: boolean;
  /** SpamAssassin and rspamd on every email's full message (default: on). */
  spam?: boolean;
  screenshots?: boolean;
  screenshotDir?: string;
  /** Pages checking accessibility at once. */
  concurrency?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}>;

async function pool<T>(
  items: readonly T[],
  workers: number,
  work: (item: T, worker: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async (_, worker) => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item, worker);
      }
    }),
  );
}

export async function runGate(options: GateOptions = {}): Promise<GateResult> {
  const { browser: useBrowser = true, screenshots = true, concurrency = 2 } = options;
  const dir = options.screenshotDir ?? SCREENSHOT_DIR;
  const combos = combinations(options.only, options.registry, options.locales);
  const general: Finding[] = [];
  const skipped: string[] = [];
  const rendered: { combo: Combination; out?: Rendered; failure?: Finding }[] = [];
  for (const combo of combos) {
    try {
      rendered.push({ combo, out: await renderCombination(combo, options.registry) });
    } catch (error) {
      const email: EmailUnderCheck = {
        template: combo.template,
        locale: combo.locale,
        state: combo.state.name,
        kind: 'transactional',
        html: '',
        headers: {},
      };
      rendered.push({
        combo,
        failure: findingFor(email, 'render', {
          rule: 'render',
          message: `does not render: ${error instanceof Error ? error.message : String(error)}`,
          where: `emails/${combo.template}.tsx`,
        }),
      });
    }
  }

  let browser: Browser | undefined;
  if (useBrowser) {
    try {
      browser = await launchBrowser();
    } catch (error) {
      general.push(
        findingFor(NO_EMAIL, 'a11y', {
          rule: 'browser',
          message:
            error instanceof BrowserMissing
              ? error.message
              : `Chromium did not start: ${(error as Error).message}`,
          where: 'environment',
        }),
      );
    }
  } else skipped.push('accessibility and screenshots (--no-browser)');
  if (useBrowser && !screenshots) skipped.push('screenshots (--no-screenshots)');

  const results = new Map<Combination, EmailResult>();
  const shotSets: ShotSet[] = [];
  let done = 0;
  try {
    const checkers: A11yChecker[] = browser
      ? await Promise.all(Array.from({ length: concurrency }, () => openA11yChecker(browser as Browser)))
      : [];

    const checking = pool(rendered, Math.max(1, checkers.length), async ({ combo, out, failure }, worker) => {
      const label = `${combo.template} · ${combo.locale} · ${combo.state.name}`;
      const findings: Finding[] = failure ? [failure] : [];
      if (out) {
        const checker = checkers[worker];
        const a11y = checker
          ? checker.check(out.email).catch((error: unknown) => [crashed(out.email, 'a11y', error)])
          : Promise.resolve([]);
        // The browser works in its own processes: run the static checks while it lays the page out.
        findings.push(...runStaticChecks(out.email));
        findings.push(...(await a11y));
      }
      results.set(combo, {
        template: combo.template,
        locale: combo.locale,
        state: combo.state.name,
        kind: out?.email.kind ?? 'transactional',
        bytes: out ? htmlBytes(out.email.html) : 0,
        findings,
      });
      options.onProgress?.(++done, rendered.length, label);
    });
    await checking;
    await Promise.all(checkers.map((c) => c.close()));
  } finally {
    await browser?.close();
  }

  if (useBrowser) {
    // The layout check runs after accessibility, not beside it: two cores, and each engine wants both.
    const engines = options.engines?.length ? options.engines : ENGINES;
    const shoot = screenshots;
    if (shoot) {
      await mkdir(dir, { recursive: true });
      await clearScreenshots([...new Set(combos.map((c) => c.template))], dir);
    }
    const jobs = rendered.flatMap(({ combo, out }) =>
      out ? [{ combo, out, email: out.email, shoot: shoot && isScreenshotState(combo) }] : [],
    );
    const layout = await runLayout(jobs, {
      engines,
      requireEngines: options.requireEngines ?? process.env.CI === 'true',
      ...(shoot ? { screenshotDir: dir } : {}),
      onProgress: (n, total, label) => options.onProgress?.(n, total, `layout: ${label}`),
    });
    general.push(...layout.general);
    for (const job of jobs) {
      const result = results.get(job.combo);
      const extra = layout.findings.get(job.email) ?? [];
      if (result && extra.length)
        results.set(job.combo, { ...result, findings: [...result.findings, ...extra] });
      const shots = layout.shots.get(job.email) ?? [];
      if (shots.length) shotSets.push({ email: job.email, subject: job.out.subject, shots });
    }
  }

  if (options.spam ?? true) {
    const messages = rendered.flatMap(({ out }) =>
      out ? [{ email: out.email, from: out.from, to: out.to, subject: out.subject, text: out.text }] : [],
    );
    options.onProgress?.(0, messages.length, 'spam filters');
    const spam = await checkSpam(messages, {
      requireTools: options.requireEngines ?? process.env.CI === 'true',
    });
    general.push(...spam.general);
    for (const { combo, out } of rendered) {
      const extra = out ? (spam.findings.get(out.email) ?? []) : [];
      const result = results.get(combo);
      if (result && extra.length) results.set(combo, { ...result, findings: [...result.findings, ...extra] });
    }
    options.onProgress?.(messages.length, messages.length, 'spam filters');
  } else skipped.push('spam filters (--no-spam)');

  const screenshotsResult =
    shotSets.length > 0
      ? {
          index: await writeContactSheet(shotSets, dir),
          count: shotSets.reduce((n, s) => n + s.shots.length, 0),
        }
      : undefined;
  return {
    emails: combos.map((combo) => results.get(combo)).filter((r): r is EmailResult => r !== undefined),
    general,
    skipped,
    ...(screenshotsResult ? { screenshots: screenshotsResult } : {}),
  };
}
