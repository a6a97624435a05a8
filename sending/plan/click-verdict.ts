/**
 * Was a click a person, or a machine? Decided once, when Resend's `email.clicked` arrives, from what that moment
 * knows: the click's time, link and user agent, when the email was delivered (or handed over), and the email's
 * earlier clicks. Only the verdict and the rule that decided it are kept; the user agent is read here and
 * dropped. docs/outcomes.md gives the evidence behind each rule; tests/fixtures/clicks/ holds them to it.
 *
 * The rules, first match wins:
 *   agent          no user agent, or one a security gateway, link scanner, previewer or HTTP library announces
 *   before-delivery the click is up to a minute earlier than the delivery Resend reported (a gateway scanning in
 *                  transit); further before, the clocks disagree and timing is no evidence either way
 *   seconds        within 30 s of delivery (60 s of hand-over when no delivery is known): gateways and Safe
 *                  Links detonations open every link within seconds; a person needs longer to open and read
 *   burst          another link of the same email clicked within 2 s: a scanner walks every link at once; a person
 *                  reads between clicks. The earlier clicks of that burst become `machine` too.
 *   human          none of these
 */
export type Verdict = 'human' | 'machine';
export type ClickRule = 'agent' | 'before-delivery' | 'seconds' | 'burst' | 'human';

export type Click = Readonly<{
  /** When it happened (ms since the epoch). */
  atMs: number;
  link: string;
  /** As the click reached Resend's redirect; judged, never stored. */
  userAgent?: string | undefined;
}>;

export type EarlierClick = Readonly<{ id: string; atMs: number; link: string; verdict: Verdict }>;

export type ClickContext = Readonly<{
  /** When Resend reported the email delivered. */
  deliveredMs?: number | undefined;
  /** When it left us for the recipient (sent, or its scheduled time), when no delivery is known. */
  sentMs?: number | undefined;
  /** The same email's clicks received before this one. */
  earlier?: readonly EarlierClick[];
}>;

export type ClickJudgement = Readonly<{
  verdict: Verdict;
  rule: ClickRule;
  /** Earlier clicks of the same email that this one shows were part of a burst: now `machine`. */
  revise: readonly string[];
}>;

export const SECONDS_AFTER_DELIVERY = 30;
export const SECONDS_AFTER_SENDING = 60;
export const BURST_SECONDS = 2;
/** Further before the delivery than this, a click's time and the delivery's come from clocks that disagree. */
export const CLOCKS_DISAGREE_MS = 60_000;

/**
 * Agents that announce themselves: secure email gateways and link protection (Barracuda, Mimecast, Proofpoint's
 * URL Defense, Microsoft Defender / Safe Links and Office's link checks, Trend Micro, Symantec / MessageLabs,
 * Cisco IronPort, Sophos, Forcepoint, FireEye / Trellix, Fortinet, Zscaler, Avanan / Check Point, Vade,
 * Hornetsecurity, Libraesva, SpamTitan, Cloudmark), search and safety crawlers (BingPreview, Google-Safety),
 * chat previewers, headless browsers and plain HTTP libraries.
 */
const SCANNER_AGENTS = new RegExp(
  [
    'barracuda',
    'mimecast',
    'proofpoint',
    'urldefense',
    'safe ?links',
    'defender',
    'microsoft office',
    'ms-?office',
    'office existence discovery',
    'trend ?micro',
    'symantec',
    'messagelabs',
    'ironport',
    'cisco',
    'sophos',
    'forcepoint',
    'fireeye',
    'trellix',
    'forti(?:net|mail|guard)',
    'zscaler',
    'avanan',
    'check ?point',
    'vade(?:secure|retro)?\\b',
    'hornet',
    'libraesva',
    'spamtitan',
    'cloudmark',
    'mailscanner',
    'virustotal',
    'bingpreview',
    'google-safety',
    'googleimageproxy',
    'yahoomailproxy',
    'headlesschrome',
    'phantomjs',
    'python',
    'curl/',
    'wget',
    'go-http-client',
    'java/',
    'okhttp',
    'apache-httpclient',
    'axios',
    'node-fetch',
    'undici',
    'libwww',
    'scrapy',
    'facebookexternalhit',
    'slackbot',
    'whatsapp',
    'telegrambot',
    'discordbot',
    'skypeuripreview',
    '[a-z]bot/',
    '(?:^|[^a-z])bot(?:[^a-z]|$)',
    'crawler',
    'spider',
    'preview',
    'prefetch',
    'scanner',
  ].join('|'),
  'i',
);

export function isScannerAgent(userAgent: string | undefined): boolean {
  const agent = userAgent?.trim() ?? '';
  return agent === '' || SCANNER_AGENTS.test(agent);
}

/** The verdict for one click, given what is known when it arrives. */
export function judgeClick(click: Click, context: ClickContext = {}): ClickJudgement {
  const machine = (rule: ClickRule, revise: readonly string[] = []) =>
    ({ verdict: 'machine', rule, revise }) as const;
  if (isScannerAgent(click.userAgent)) return machine('agent');
  // A click stamped much earlier than the delivery (or the sending) it follows says the clocks disagree, not
  // who clicked: timing is then no evidence either way.
  if (context.deliveredMs !== undefined) {
    const delta = click.atMs - context.deliveredMs;
    if (delta >= -CLOCKS_DISAGREE_MS && delta < -1000) return machine('before-delivery');
    if (delta >= -1000 && delta <= SECONDS_AFTER_DELIVERY * 1000) return machine('seconds');
  } else if (context.sentMs !== undefined) {
    const delta = click.atMs - context.sentMs;
    if (delta >= -CLOCKS_DISAGREE_MS && delta <= SECONDS_AFTER_SENDING * 1000) return machine('seconds');
  }
  const burst = (context.earlier ?? []).filter(
    (e) => e.link !== click.link && Math.abs(e.atMs - click.atMs) <= BURST_SECONDS * 1000,
  );
  if (burst.length > 0)
    return machine(
      'burst',
      burst.filter((e) => e.verdict === 'human').map((e) => e.id),
    );
  return { verdict: 'human', rule: 'human', revise: [] };
}
