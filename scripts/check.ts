/**
 * npm run check [-- --json] [--only <template>[,<template>]] [--no-screenshots] [--no-browser]
 * The email quality gate: client compatibility (caniemail), validity (html-validate), accessibility
 * (axe-core in Chromium, light and dark), size, compliance, and screenshots, over every template ×
 * locale × state in the registry. Exit 0 when nothing fails, 1 on any failure, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT, runCommand } from '../core/cli';
import { TEMPLATE_IDS } from '../emails';
import { runGate } from '../quality/gate';
import { formatJson, formatTable, passed } from '../quality/report';

const USAGE = `usage: npm run check -- [--json] [--only <template>[,<template>…]] [--no-screenshots] [--no-browser]
  --json            print the result as JSON (progress still goes to stderr)
  --only            check only these templates (repeatable); templates: ${TEMPLATE_IDS.join(', ')}
  --no-screenshots  skip artifacts/screenshots/
  --no-browser      static checks only: no accessibility, no screenshots (the report says so)`;

await runCommand(async () => {
  let values: ReturnType<typeof parse>['values'];
  try {
    const parsed = parse();
    values = parsed.values;
    if (parsed.positionals.length) throw new Error(`unexpected argument "${parsed.positionals[0]}"`);
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
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

  const tty = process.stderr.isTTY;
  const result = await runGate({
    only,
    browser: !values['no-browser'],
    screenshots: !values['no-screenshots'],
    onProgress: (done, total, label) => {
      if (tty) process.stderr.write(`\r\x1b[Kchecking ${done}/${total} ${label}`);
      else if (done === total || done % 10 === 0) process.stderr.write(`checked ${done}/${total}\n`);
      if (tty && done === total) process.stderr.write('\n');
    },
  });
  process.stdout.write(`${values.json ? formatJson(result) : formatTable(result)}\n`);
  return passed(result) ? EXIT.ok : EXIT.failed;
});

function parse() {
  return parseArgs({
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
