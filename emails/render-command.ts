import { isLocale, LOCALES } from '../components/i18n';
import {
  CliError,
  type CommandOutput,
  type ExitCode,
  execute,
  parseCommandLine,
  processOutput,
  readJsonFile,
} from '../core/cli';
import { isTemplateId, renderEmail, TEMPLATE_IDS } from './index';

/**
 * `npm run -s render -- <template-id> --data <file.json> [--locale …] [--format html|text|json] [--to <email>]`:
 * one email to stdout. Validates the template id, every flag and the document before rendering anything.
 */

export const RENDER_USAGE = `usage: npm run -s render -- <template-id> --data <file.json> [--locale ${LOCALES.join('|')}] [--format html|text|json] [--to <email>]
templates: ${TEMPLATE_IDS.join(', ')}`;

const FORMATS = ['html', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

export type RenderCommandOptions = Readonly<{
  /** The key for `{token}` in unsubscribe links (the script passes `UNSUBSCRIBE_SECRET`). */
  unsubscribeSecret?: string;
  output?: CommandOutput;
}>;

/** Runs the render command on `argv` (the arguments after the script); returns its exit code. */
export function renderCommand(
  argv: readonly string[],
  options: RenderCommandOptions = {},
): Promise<ExitCode> {
  const output = options.output ?? processOutput;
  return execute(async () => {
    const { values, positionals } = parse(argv);
    if (values.help) {
      output.stdout(`${RENDER_USAGE}\n`);
      return;
    }
    if (positionals.length !== 1) throw new CliError(`expected exactly one template id\n${RENDER_USAGE}`);
    const [id] = positionals as [string];
    if (!isTemplateId(id))
      throw new CliError(`unknown template "${id}": expected one of ${TEMPLATE_IDS.join(', ')}`);
    if (!values.data) throw new CliError(`--data <file.json> is required\n${RENDER_USAGE}`);
    if (values.locale !== undefined && !isLocale(values.locale))
      throw new CliError(`--locale ${values.locale}: expected one of ${LOCALES.join(', ')}`);
    const format = (values.format ?? 'html') as Format;
    if (!FORMATS.includes(format))
      throw new CliError(`--format ${values.format}: expected one of ${FORMATS.join(', ')}`);

    const document = await readJsonFile(values.data, '--data');
    const email = await renderEmail(id, document, {
      locale: values.locale,
      unsubscribeSecret: options.unsubscribeSecret,
      recipient: values.to,
    });
    const out =
      format === 'json' ? JSON.stringify(email, null, 2) : format === 'text' ? email.text : email.html;
    output.stdout(`${out}\n`);
  }, output);
}

function parse(argv: readonly string[]) {
  return parseCommandLine(argv, RENDER_USAGE, {
    data: { type: 'string' },
    locale: { type: 'string' },
    format: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
}
