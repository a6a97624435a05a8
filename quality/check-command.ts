import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CliError,
  type CommandOutput,
  EXIT,
  type ExitCode,
  execute,
  parseCommandLine,
  processOutput,
} from '../core/cli';
import { LOCALES, type Locale } from '../core/locales';
import { templateProblems } from '../core/template';
import { registry as builtIn, createRegistry, type Registry, TEMPLATE_IDS } from '../emails';
import { ENGINES, isEngineName } from './engines/engine';

/**
 * `npm run check [-- --json] [--only <template>[,<template>]] [--no-screenshots] [--no-browser]`:
 * the email quality gate over every template × locale × state. Exit 0 when nothing fails, 1 on any
 * failure, 2 on bad usage.
 */

export const CHECK_USAGE = `usage: npm run check -- [--json] [--templates <module>] [--only <template>[,<template>…]] [--locale <locale>[,<locale>…]] [--no-screenshots] [--no-browser]
  --json            print the result as JSON (progress still goes to stderr)
  --templates       check the templates a module exports instead of the built-in ones: its default (or
                    \`registry\`) export, a createRegistry() result or a list of templates, else every template it exports
  --only            check only these templates (repeatable); built-in templates: ${TEMPLATE_IDS.join(', ')}
  --locale          check only these locales (repeatable): ${LOCALES.join(', ')}
  --engines         lay the emails out in these engines (repeatable): ${ENGINES.join(', ')} (default: all); a
                    missing engine is a warning, and a failure under CI=true
  --no-screenshots  skip artifacts/screenshots/
  --no-browser      static checks only: no accessibility, layout or screenshots (the report says so)
  --no-spam         skip SpamAssassin and rspamd (a missing one is a warning, and a failure under CI=true)`;

export type CheckCommandOptions = Readonly<{
  output?: CommandOutput;
  /** Progress redraws one line in place on a terminal; elsewhere it prints every tenth email. */
  tty?: boolean;
}>;

/** Runs the check command on `argv` (the arguments after the script); returns its exit code. */
export function checkCommand(argv: readonly string[], options: CheckCommandOptions = {}): Promise<ExitCode> {
  const output = options.output ?? processOutput;
  return execute(async () => {
    const { values, positionals } = parse(argv);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"\n${CHECK_USAGE}`);
    if (values.help) {
      output.stdout(`${CHECK_USAGE}\n`);
      return EXIT.ok;
    }
    const only = list(values.only);
    const locales = list(values.locale);
    const unknownLocales = locales.filter((l) => !(LOCALES as readonly string[]).includes(l));
    if (unknownLocales.length)
      throw new CliError(
        `--locale ${unknownLocales.join(', ')}: unknown locale; expected one of ${LOCALES.join(', ')}`,
      );
    const engines = list(values.engines);
    const unknownEngines = engines.filter((e) => !isEngineName(e));
    if (unknownEngines.length)
      throw new CliError(
        `--engines ${unknownEngines.join(', ')}: unknown engine; expected one of ${ENGINES.join(', ')}`,
      );
    const registry = values.templates === undefined ? builtIn : await loadRegistry(values.templates);
    const unknown = only.filter((id) => !registry.has(id));
    if (unknown.length)
      throw new CliError(
        `--only ${unknown.join(', ')}: unknown template; expected one of ${registry.ids.join(', ')}`,
      );

    const tty = options.tty ?? false;
    // The gate and its checkers (caniemail's data, html-validate, axe) load only now: bad usage answers at once.
    const [{ runGate }, { formatJson, formatGateReport, passed }] = await Promise.all([
      import('./gate'),
      import('./report'),
    ]);
    const result = await runGate({
      only,
      locales: locales as Locale[],
      registry,
      browser: !values['no-browser'],
      engines: engines.filter(isEngineName),
      spam: !values['no-spam'],
      screenshots: !values['no-screenshots'],
      onProgress: (done, total, label) => {
        if (tty) output.stderr(`\r\x1b[Kchecking ${done}/${total} ${label}`);
        else if (done === total || done % 10 === 0) output.stderr(`checked ${done}/${total}\n`);
        if (tty && done === total) output.stderr('\n');
      },
    });
    output.stdout(`${values.json ? formatJson(result) : formatGateReport(result)}\n`);
    return passed(result) ? EXIT.ok : EXIT.failed;
  }, output);
}

function parse(argv: readonly string[]) {
  return parseCommandLine(argv, CHECK_USAGE, {
    json: { type: 'boolean' },
    templates: { type: 'string' },
    only: { type: 'string', multiple: true },
    locale: { type: 'string', multiple: true },
    engines: { type: 'string', multiple: true },
    'no-screenshots': { type: 'boolean' },
    'no-browser': { type: 'boolean' },
    'no-spam': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}

/** A repeatable flag whose values may also be comma-separated lists. */
function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function isRegistry(value: unknown): value is Registry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Registry).renderEmail === 'function' &&
    Array.isArray((value as Registry).ids)
  );
}

/**
 * `--templates <module>`: a shop's own templates, from the module's default export or its
 * `registry` / `templates` export — a `createRegistry()` result, a list of templates, or one
 * template. Bad usage (exit 2) when the module cannot be loaded or holds none of these.
 */
export async function loadRegistry(path: string): Promise<Registry> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`--templates ${path}: cannot load it: ${(error as Error).message}`);
  }
  const exported = loaded.default ?? loaded.registry ?? loaded.templates;
  if (isRegistry(exported)) return exported;
  // Else the export named above as a list or one template, or failing that every template the module exports.
  const list = Array.isArray(exported)
    ? exported
    : exported !== undefined
      ? [exported]
      : Object.values(loaded).filter((value) => templateProblems(value).length === 0);
  if (list.length === 0)
    throw new CliError(
      `--templates ${path}: export a createRegistry() result, a list of templates or one template (default, registry or templates)`,
    );
  try {
    return createRegistry(list);
  } catch (error) {
    throw new CliError(`--templates ${path}: ${(error as Error).message}`);
  }
}
