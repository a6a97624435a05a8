/**
 * The shapes every check shares. A checker is a function from one rendered email to findings,
 * so each one can be tested on a hand-written HTML string without the registry or a browser.
 */
import type { EmailKind } from '../core/template';

export type CheckName =
  | 'render'
  | 'compat'
  | 'validity'
  | 'a11y'
  | 'contrast'
  | 'size'
  | 'compliance'
  | 'layout'
  | 'outlook'
  | 'spam';

/** The browser engines the layout check runs in (quality/engines/). */
export type EngineId = 'chromium' | 'firefox' | 'webkit';
export type Severity = 'error' | 'warning';
/** One email kind for the whole system (core/template.ts). */
export type { EmailKind };

/** One email as the gate sees it: which template, locale and state it is, and what it renders to. */
export type EmailUnderCheck = Readonly<{
  template: string;
  locale: string;
  /** The state of the document it was rendered from: a sample name, or a variant such as `status:delayed`. */
  state: string;
  kind: EmailKind;
  html: string;
  headers: Readonly<Record<string, string>>;
  /** The shop's postal address as the document gives it: marketing mail must show it. */
  postalAddress?: string;
  /** The subject line: a `ko` / `zh-CN` marketing subject must start with the advertising mark. */
  subject?: string;
  /** Who sends it, as the document says: Korea's and China's rules ask the footer to name them and a contact. */
  sender?: Readonly<{ name: string; email: string; phone?: string }>;
}>;

/** One problem in one email: what is wrong (message), which rule says so, and where it is. */
export type Finding = Readonly<{
  template: string;
  locale: string;
  state: string;
  check: CheckName;
  severity: Severity;
  /** The rule that fired: a caniemail feature title, an html-validate or axe rule id, or one of ours. */
  rule: string;
  message: string;
  /** The element (a short selector with its identifying attribute), or `document` for the email as a whole. */
  where: string;
  /** 1-based line and column in the HTML, when the check knows them. */
  line?: number;
  column?: number;
  /** Layout findings: the engine, viewport width and theme it was seen in, and whether the `<style>` was kept. */
  engine?: EngineId;
  width?: number;
  theme?: 'light' | 'dark';
  style?: boolean;
}>;

/** The email of a finding about none in particular: a tool or a browser that could not run. */
export const NO_EMAIL: EmailUnderCheck = {
  template: '*',
  locale: '*',
  state: '*',
  kind: 'transactional',
  html: '',
  headers: {},
};

export type Checker = (email: EmailUnderCheck) => Finding[];
export type AsyncChecker = (email: EmailUnderCheck) => Promise<Finding[]>;

/** What a check says about an email: a finding without the email's identity and the check's name, `error` by default. */
export type FindingInput = Readonly<
  Omit<Finding, 'template' | 'locale' | 'state' | 'check' | 'severity'> & { severity?: Severity }
>;

/** Builds a finding for an email: the email's identity travels with every finding. */
export function findingFor(email: EmailUnderCheck, check: CheckName, input: FindingInput): Finding {
  return {
    template: email.template,
    locale: email.locale,
    state: email.state,
    check,
    severity: input.severity ?? 'error',
    rule: input.rule,
    message: input.message,
    where: input.where,
    ...(input.line === undefined ? {} : { line: input.line }),
    ...(input.column === undefined ? {} : { column: input.column }),
    ...(input.engine === undefined ? {} : { engine: input.engine }),
    ...(input.width === undefined ? {} : { width: input.width }),
    ...(input.theme === undefined ? {} : { theme: input.theme }),
    ...(input.style === undefined ? {} : { style: input.style }),
  };
}

/** `order-confirmation · ko · en-usd`: how a finding names its email. */
export function emailLabel(email: Pick<EmailUnderCheck, 'template' | 'locale' | 'state'>): string {
  return `${email.template} · ${email.locale} · ${email.state}`;
}

/** An email built from a bare HTML string, for tests and one-off checks. */
export function emailFromHtml(
  html: string,
  fields: Partial<Omit<EmailUnderCheck, 'html'>> = {},
): EmailUnderCheck {
  return {
    template: 'fixture',
    locale: 'en',
    state: 'fixture',
    kind: 'transactional',
    headers: {},
    ...fields,
    html,
  };
}
