/**
 * npm run -s render -- <template-id> --data <file.json> [--locale en|ko|zh-CN] [--format html|text|json]
 * One email to stdout. Validates the template id, the flags and the document before rendering anything.
 */
import { parseArgs } from 'node:util';
import { isLocale, LOCALES } from '../components/i18n';
import { CliError, readJsonFile, runCommand } from '../core/cli';
import { isTemplateId, renderEmail, TEMPLATE_IDS } from '../emails';

const USAGE = `usage: npm run -s render -- <template-id> --data <file.json> [--locale ${LOCALES.join('|')}] [--format html|text|json]
templates: ${TEMPLATE_IDS.join(', ')}`;

const FORMATS = ['html', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

await runCommand(async () => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new CliError(`expected exactly one template id\n${USAGE}`);
  const [id] = positionals as [string];
  if (!isTemplateId(id))
    throw new CliError(`unknown template "${id}": expected one of ${TEMPLATE_IDS.join(', ')}`);
  if (!values.data) throw new CliError(`--data <file.json> is required\n${USAGE}`);
  if (values.locale !== undefined && !isLocale(values.locale))
    throw new CliError(`--locale ${values.locale}: expected one of ${LOCALES.join(', ')}`);
  const format = (values.format ?? 'html') as Format;
  if (!FORMATS.includes(format))
    throw new CliError(`--format ${values.format}: expected one of ${FORMATS.join(', ')}`);

  const document = await readJsonFile(values.data, '--data');
  const email = await renderEmail(id, document, {
    locale: values.locale,
    unsubscribeSecret: process.env.UNSUBSCRIBE_SECRET || undefined,
    recipient: values.to,
  });
  const out =
    format === 'json' ? JSON.stringify(email, null, 2) : format === 'text' ? email.text : email.html;
  process.stdout.write(`${out}\n`);
});

function parse() {
  return parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      locale: { type: 'string' },
      format: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
