import { parseArgs } from 'node:util';
import { CliError, type CommandOutput, EXIT, type ExitCode, execute, processOutput } from '../core/cli';
import { TEMPLATE_IDS } from '../emails';
import { runGate } from './gate';
import { formatJson, formatTable, passed } from './report';

/**
 * `npm run check [-- --json] [--only <template>[,<template>]] [--no-screenshots] [--no-browser]`:
 * the email quality gate over every template × locale × state. Exit 0 when nothing fails, 1 on any
 * failure, 2 on bad usage.
 */

export const CHECK_USAGE = `usage: npm run check -- [--json] [--only <template>[,<template>…]] [--no-screenshots] [--no-browser]
  --json            print the result as JSON (progress still goes to stderr)
  --only            check only these templates (repeatable); templates: ${TEMPLATE_IDS.join(', ')}
  --no-screenshots  skip artifacts/screenshots/
  --no-browser      static checks only: no accessibility, no screenshots (the report says so)`;

export type CheckCommandOptions = Readonly<{
  output?: CommandOutput;
  /** Progress redraws one line in place on a terminal; elsewhere it prints every tenth email. */
  tty?: boolean;
}>;

/** Runs the check command on `argv` (the arguments after the script); returns its exit code. */
export function checkCommand(argv: readonly string[], options: CheckCommandOptions = {}): Promise<ExitCode> {
  const output = options.output ?? processOutput;
  return execute(async () => {
    let values: ReturnType<typeof parse>['values'];
    try {
      const parsed = parse(argv);
      values = parsed.values;
      if (parsed.positionals.length) throw new Error(`unexpected argument "${parsed.positionals[0]}"`);
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n${CHECK_USAGE}`);
    }
    if (values.help) {
      output.stdout(`${CHECK_USAGE}\n`);
      return EXIT.ok;
    }
    const only = (values.only ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    const unknown = only.filter((id) => !(TEMPLATE_IDS as readonly string[]).includes(id));
    if (unknown.length)
      throw new CliError(
        `--only ${unknown.join(', ')}: unknown template; expected one of ${TEMPLATE_IDS.join(', ')}`,
      );

    const tty = options.tty ?? false;
    const result = await runGate({
      only,
      browser: !values['no-browser'],
      screenshots: !values['no-screenshots'],
      onProgress: (done, total, label) => {
        if (tty) output.stderr(`\r\x1b[Kchecking ${done}/${total} ${label}`);
        else if (done === total || done % 10 === 0) output.stderr(`checked ${done}/${total}\n`);
        if (tty && done === total) output.stderr('\n');
      },
    });
    output.stdout(`${values.json ? formatJson(result) : formatTable(result)}\n`);
    return passed(result) ? EXIT.ok : EXIT.failed;
  }, output);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      'no-screenshots': { type: 'boolean' },
      'no-browser': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
