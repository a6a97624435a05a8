/**
 * Spam filters on the full message: every email as a sender would send it (From, To, Subject, Date,
 * Message-ID, List-Unsubscribe…, a text and an HTML alternative) through SpamAssassin (score at most 1.0)
 * and rspamd (below its `add header` action). Local rules only: SpamAssassin with `-L` and no Bayes, rspamd
 * started here with its network modules (RBLs, SPF, DKIM, DMARC, fuzzy, reputation) off, on the loopback.
 * Both are Debian's packages; a missing one is a warning locally and a failure under CI=true.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { type EmailUnderCheck, type Finding, findingFor, NO_EMAIL } from './types';

export const SPAMASSASSIN_MAX = 1.0;
export const SPAMASSASSIN_PATH = '/usr/bin/spamassassin';
export const RSPAMD_PATH = '/usr/bin/rspamd';

export type Message = Readonly<{
  email: EmailUnderCheck;
  from: string;
  to: string;
  subject: string;
  text: string;
}>;

/** RFC 2047 for a header with non-ASCII text (a Korean subject). */
function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

/** `shop.example.com` from `Shop <hello@shop.example.com>`. */
const domainOf = (address: string) => /@([^>\s]+)/.exec(address)?.[1] ?? 'example.com';

const base64Lines = (text: string) =>
  (
    Buffer.from(text)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** `Name <address>` with the name encoded when it is not ASCII (a Korean shop's name). */
function encodeAddress(value: string): string {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(value);
  if (!m) return value;
  const name = m[1] ?? '';
  const encoded = encodeHeader(name);
  return `${encoded === name ? JSON.stringify(name) : encoded} <${m[2]}>`;
}

/**
 * The message as the sender would hand it over. Dated now (a filter scores a date in the future or far in
 * the past); the Message-ID is fixed.
 */
export function mimeMessage(message: Message, index = 0, date = new Date()): string {
  const boundary = `pp-alt-${index}`;
  const headers: [string, string][] = [
    ['From', encodeAddress(message.from)],
    ['To', message.to],
    ['Subject', encodeHeader(message.subject)],
    ['Date', date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<check-${index}.${message.email.template}@${domainOf(message.from)}>`],
    ['MIME-Version', '1.0'],
    ...Object.entries(message.email.headers),
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  return [
    ...headers.map(([name, value]) => `${name}: ${value}`),
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.email.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export type Verdict = Readonly<{ score: number; rules: string[] }>;

/** Every message through one SpamAssassin process (mbox in, mbox out), local tests only, no Bayes. */
export function spamAssassin(messages: readonly string[]): Verdict[] {
  const mbox = messages
    .map(
      (m) =>
        `From check@localhost Mon Dec  7 09:00:00 2026\n${m.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`,
    )
    .join('\n');
  const run = spawnSync(
    SPAMASSASSIN_PATH,
    [
      '-L',
      '-x',
      '--mbox',
      '--cf=use_bayes 0',
      '--cf=report_safe 0',
      '--cf=bayes_auto_learn 0',
      '--cf=use_auto_whitelist 0',
    ],
    { input: mbox, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`spamassassin exited ${run.status}: ${run.stderr.slice(0, 300)}`);
  // Its output is not in the input's order: each message is known by its Message-ID (`<check-N.…>`).
  const verdicts: (Verdict | undefined)[] = messages.map(() => undefined);
  for (const block of run.stdout.split(/^From check@localhost .*$/m)) {
    const id = /^Message-ID: <check-(\d+)\./im.exec(block)?.[1];
    const status =
      /^X-Spam-Status: \w+, score=(-?[\d.]+) required=[\d.]+ tests=([\s\S]*?)(?=\s+autolearn=|\s+version=|\n\S)/m.exec(
        block,
      );
    if (id === undefined || !status) continue;
    verdicts[Number(id)] = {
      score: Number(status[1]),
      rules: (status[2] ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .filter((rule) => rule !== 'none'),
    };
  }
  const judged = verdicts.filter((v) => v !== undefined);
  if (judged.length !== messages.length)
    throw new Error(`spamassassin judged ${judged.length} of ${messages.length} messages`);
  return judged;
}

/** The modules that would ask the network: off, so only the local rules judge. */
const NETWORK_MODULES = [
  'rbl',
  'surbl',
  'spf',
  'dkim',
  'dmarc',
  'arc',
  'fuzzy_check',
  'asn',
  'emails',
  'url_reputation',
  'phishing',
  'neural',
  'ratelimit',
  'greylist',
  'replies',
  'reputation',
  'history_redis',
  'dcc',
];

export type Rspamd = Readonly<{
  check: (message: string) => Promise<Verdict & { action: string }>;
  /** The score at which rspamd would add a spam header. */
  addHeader: number;
  stop: () => Promise<void>;
}>;

/** Starts rspamd on loopback ports with a configuration of its own (nothing in /etc changes), in the foreground. */
export async function startRspamd(): Promise<Rspamd> {
  const dir = mkdtempSync(join(tmpdir(), 'rspamd-check-'));
  // Kept between runs: rspamd compiles its regular expressions there once (a minute), then loads them.
  const db = join(tmpdir(), 'post-purchase-emails-rspamd-db');
  const [normal, controller, proxy] = [await freePort(), await freePort(), await freePort()];
  const write = (name: string, content: string) => writeFileSync(join(dir, 'override.d', name), content);
  for (const sub of [join(dir, 'override.d'), join(dir, 'run'), db]) mkdirSync(sub, { recursive: true });
  chmodSync(dir, 0o755);
  write('worker-normal.inc', `bind_socket = "127.0.0.1:${normal}";\ncount = 1;\n`);
  write('worker-controller.inc', `bind_socket = "127.0.0.1:${controller}";\ncount = 1;\n`);
  write('worker-proxy.inc', `bind_socket = "127.0.0.1:${proxy}";\ncount = 1;\n`);
  write('logging.inc', 'type = "console";\nlevel = "error";\n');
  write('options.inc', 'dns { nameserver = ["127.0.0.1:9"]; timeout = 0.1s; retransmits = 0; }\n');
  write('redis.conf', '');
  for (const module of NETWORK_MODULES) write(`${module}.conf`, 'enabled = false;\n');
  // rspamd drops to _rspamd: its run and database folders must be its own.
  const owner = spawnSync('id', ['-u', '_rspamd'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', '_rspamd'], { encoding: 'utf8' });
  const asUser = process.getuid?.() === 0 && owner.status === 0;
  if (asUser)
    for (const sub of [join(dir, 'run'), db]) chownSync(sub, Number(owner.stdout), Number(group.stdout));
  const child: ChildProcess = spawn(
    RSPAMD_PATH,
    [
      '-f',
      ...(asUser ? ['-u', '_rspamd', '-g', '_rspamd'] : []),
      '-c',
      '/etc/rspamd/rspamd.conf',
      `--var=LOCAL_CONFDIR=${dir}`,
      `--var=RUNDIR=${join(dir, 'run')}`,
      `--var=DBDIR=${db}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(undefined);
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 180_000;
    let actions: { action: string; value: number }[] | undefined;
    while (!actions) {
      if (child.exitCode !== null)
        throw new Error(`rspamd exited ${child.exitCode}: ${stderr.trim().slice(0, 300)}`);
      try {
        await fetch(`http://127.0.0.1:${normal}/ping`);
        const response = await fetch(`http://127.0.0.1:${controller}/actions`);
        if (response.ok) actions = (await response.json()) as { action: string; value: number }[];
      } catch {
        if (Date.now() > deadline)
          throw new Error(`rspamd did not answer in 180 s: ${stderr.trim().slice(0, 300)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const addHeader = actions.find((a) => a.action === 'add header')?.value;
    if (addHeader === undefined) throw new Error('rspamd has no "add header" action');
    return {
      addHeader,
      check: async (message) => {
        const response = await fetch(`http://127.0.0.1:${normal}/checkv2`, {
          method: 'POST',
          headers: { 'content-type': 'message/rfc822', IP: '127.0.0.1', 'Settings-Id': '' },
          body: message,
        });
        if (!response.ok) throw new Error(`rspamd answered ${response.status}`);
        const body = (await response.json()) as {
          score: number;
          action: string;
          symbols?: Record<string, { score: number }>;
        };
        const rules = Object.entries(body.symbols ?? {})
          .filter(([, s]) => s.score !== 0)
          .map(([name, s]) => `${name}(${s.score.toFixed(2)})`);
        return { score: body.score, action: body.action, rules };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type SpamOptions = Readonly<{ requireTools?: boolean }>;

/** Both filters over every message; findings per email, and tool problems as general findings. */
export async function checkSpam(
  messages: readonly Message[],
  options: SpamOptions = {},
): Promise<{ findings: Map<EmailUnderCheck, Finding[]>; general: Finding[] }> {
  const findings = new Map<EmailUnderCheck, Finding[]>(messages.map((m) => [m.email, []]));
  const general: Finding[] = [];
  const mime = messages.map((m, i) => mimeMessage(m, i));
  const missing = (tool: string, path: string, pkg: string) =>
    general.push(
      findingFor(NO_EMAIL, 'spam', {
        severity: options.requireTools ? 'error' : 'warning',
        rule: 'tool-missing',
        message: `${tool} not found at ${path}: install Debian's package (apt-get install -y ${pkg}); the ${tool} check did not run`,
        where: 'environment',
      }),
    );
  const failed = (tool: string, error: unknown) =>
    general.push(
      findingFor(NO_EMAIL, 'spam', {
        rule: 'tool-failed',
        message: `${tool} could not judge the emails: ${(error as Error).message}`,
        where: 'environment',
      }),
    );

  if (!existsSync(SPAMASSASSIN_PATH)) missing('SpamAssassin', SPAMASSASSIN_PATH, 'spamassassin');
  else
    try {
      spamAssassin(mime).forEach((verdict, i) => {
        const message = messages[i] as Message;
        if (verdict.score > SPAMASSASSIN_MAX)
          findings.get(message.email)?.push(
            findingFor(message.email, 'spam', {
              rule: 'spamassassin',
              message: `SpamAssassin scores ${verdict.score} (at most ${SPAMASSASSIN_MAX}): ${verdict.rules.join(', ')}`,
              where: 'document',
            }),
          );
      });
    } catch (error) {
      failed('SpamAssassin', error);
    }

  if (!existsSync(RSPAMD_PATH)) missing('rspamd', RSPAMD_PATH, 'rspamd');
  else {
    let rspamd: Rspamd | undefined;
    try {
      rspamd = await startRspamd();
      for (const [i, message] of messages.entries()) {
        const verdict = await rspamd.check(mime[i] as string);
        if (verdict.score >= rspamd.addHeader)
          findings.get(message.email)?.push(
            findingFor(message.email, 'spam', {
              rule: 'rspamd',
              message: `rspamd scores ${verdict.score.toFixed(2)} (add header at ${rspamd.addHeader}; action: ${verdict.action}): ${verdict.rules.join(', ')}`,
              where: 'document',
            }),
          );
      }
    } catch (error) {
      failed('rspamd', error);
    } finally {
      await rspamd?.stop();
    }
  }
  return { findings, general };
}
