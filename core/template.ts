import type { ReactNode } from 'react';
import { markedSubject } from './advertising';
import { unsubscribeHeaders, unsubscribeUrl } from './links';
import { isLocale, LOCALES, type Locale } from './locales';
import {
  checkOrderDocument,
  type DocumentPart,
  isEmailAddress,
  type OrderDocument,
  ValidationError,
} from './order-document';

/** Transactional mail is about the order only; marketing carries an unsubscribe link and the List-Unsubscribe headers. */
export type EmailKind = 'transactional' | 'marketing';

/**
 * Every template has these subject lines in every locale (the copy's types hold each locale to it):
 * `a` is the default, the others are there to test against it (a sequence step's `subject` or `abTest`).
 */
export const SUBJECT_VARIANTS = ['a', 'b'] as const;
export type SubjectVariant = (typeof SUBJECT_VARIANTS)[number];

export function isSubjectVariant(value: unknown): value is SubjectVariant {
  return typeof value === 'string' && (SUBJECT_VARIANTS as readonly string[]).includes(value);
}

/** One subject line (or one set of them, by voice or status) per variant. */
export type Variants<T> = Readonly<Record<SubjectVariant, T>>;

/** What a caller may pass besides the document: the same options `renderEmail()` takes. */
export type RenderOptions = Readonly<{
  /** Overrides `customer.locale`. */
  locale?: Locale;
  /** Key for the `{token}` in `shop.unsubscribeUrl` (marketing only); `renderEmail` reads none from the environment. */
  unsubscribeSecret?: string;
  /** The address the email is actually sent to (a test send's `--to`); defaults to `customer.email`. */
  recipient?: string;
  /** Which subject line (`a`, the default, or `b`…): a subject-line test. The body is the same. */
  subjectVariant?: SubjectVariant;
  /**
   * The stored step this email is (a live send): with `shop.feedbackUrl` and the secret, the review request's
   * rating links go to the feedback page, signed for this step. Without it (a preview) they go to the review page.
   */
  feedbackStep?: string;
}>;

/**
 * Every key of `RenderOptions`: what a template's props carry besides the document. The type below refuses to
 * compile while an option is missing here, so a new option never makes a validated document look unvalidated
 * (it would be parsed again in every render).
 */
export const RENDER_OPTION_KEYS = [
  'locale',
  'unsubscribeSecret',
  'recipient',
  'subjectVariant',
  'feedbackStep',
] as const satisfies readonly (keyof RenderOptions)[];
type MissingRenderOption = Exclude<keyof RenderOptions, (typeof RENDER_OPTION_KEYS)[number]>;
const everyRenderOption: [MissingRenderOption] extends [never] ? true : MissingRenderOption = true;
void everyRenderOption;

/** The document with the parts a template needs made required. */
export type DocumentWith<P extends DocumentPart> = OrderDocument & {
  [K in P]-?: NonNullable<OrderDocument[K]>;
};

/** A template's props: the order document itself plus the render options (CONTRACT.md). */
export type TemplateProps<P extends DocumentPart = never> = DocumentWith<P> & RenderOptions;

/**
 * What an email is for, judged in the report: an `order` (attributed revenue), a `review` (ratings answered), a
 * `referral` (a friend brought), or a `click` (the customer came to look).
 */
export const GOALS = ['order', 'review', 'referral', 'click'] as const;
export type Goal = (typeof GOALS)[number];

/** What a template says about itself, without its component: all a planner or validator needs. */
export type TemplateDefinition<P extends DocumentPart = DocumentPart, Id extends string = string> = Readonly<{
  /** Kebab-case; kept as a literal type (`'order-confirmation'`), so a registry knows its ids at compile time. */
  id: Id;
  kind: EmailKind;
  /** What it is for, shown beside its row in the report. A shop's own template without one counts as `click`. */
  goal?: Goal;
  /** One line: when the email goes out. */
  sent: string;
  /** The optional parts of the document this template cannot do without. */
  requires: readonly P[];
  subject(doc: DocumentWith<P>, locale: Locale, variant: SubjectVariant): string;
  preview(doc: DocumentWith<P>, locale: Locale): string;
  /** Extra checks beyond the schema, as `path: problem` lines (e.g. nothing left to recommend). */
  check?(doc: DocumentWith<P>): string[];
}>;

/** A template component: the order document plus the render options as props (CONTRACT.md). */
export type TemplateComponent<P extends DocumentPart = DocumentPart> = ((
  props: TemplateProps<P>,
) => ReactNode) &
  /** The sample props `email dev`, the stories and the house rules render it with (typed by `satisfies` at the template). */
  Readonly<{ PreviewProps: object }>;

/** A whole template: its definition and its component, one object. */
export type Template<P extends DocumentPart = DocumentPart, Id extends string = string> = TemplateDefinition<
  P,
  Id
> &
  Readonly<{ component: TemplateComponent<P> }>;

/** Validates a document for one template: the schema, the parts it needs, marketing's unsubscribe URL. */
export function validateFor<P extends DocumentPart>(
  def: TemplateDefinition<P>,
  input: unknown,
): DocumentWith<P> {
  // A document validated before (parseOrderDocument, renderEmail, the planner) is not parsed again:
  // only this template's own checks run.
  const result = checkOrderDocument(input);
  const problems = result.success ? [] : result.problems;
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  for (const part of def.requires) {
    if (
      raw[part] === undefined &&
      !problems.some((p) => p.startsWith(`${part}:`) || p.startsWith(`${part}.`))
    )
      problems.push(`${part}: required by the ${def.id} template`);
  }
  if (def.kind === 'marketing') {
    const shop = raw.shop as Record<string, unknown> | undefined;
    if (shop && typeof shop === 'object' && shop.unsubscribeUrl === undefined)
      problems.push('shop.unsubscribeUrl: required for marketing emails');
  }
  if (problems.length === 0 && result.success)
    problems.push(...(def.check?.(result.data as DocumentWith<P>) ?? []));
  if (problems.length > 0 || !result.success) throw new ValidationError(problems, `cannot render ${def.id}`);
  return result.data as DocumentWith<P>;
}

/** The subject variant a caller asked for (`a` when none), refused with the choices when it does not exist. */
export function resolveSubjectVariant(requested: unknown): SubjectVariant {
  if (requested === undefined) return 'a';
  if (!isSubjectVariant(requested))
    throw new ValidationError(
      [`subjectVariant: expected one of ${SUBJECT_VARIANTS.join(', ')}`],
      'invalid options',
    );
  return requested;
}

export function resolveLocale(requested: unknown, doc: OrderDocument): Locale {
  if (requested === undefined) return doc.customer.locale;
  if (!isLocale(requested))
    throw new ValidationError([`locale: expected one of ${LOCALES.join(', ')}`], 'invalid options');
  return requested;
}

/** The `recipient` option (a test send's `--to`): an email address, since unsubscribe links are signed for it. */
export function checkRecipient(requested: unknown): void {
  if (requested === undefined) return;
  if (typeof requested !== 'string' || !isEmailAddress(requested))
    throw new ValidationError(['recipient: expected an email address'], 'invalid options');
}

/** The List-Unsubscribe pair for a marketing email; none for transactional mail. */
export function headersFor(
  def: TemplateDefinition,
  doc: OrderDocument,
  options: RenderOptions,
): Record<string, string> {
  if (def.kind !== 'marketing' || !doc.shop.unsubscribeUrl) return {};
  const href = unsubscribeUrl(
    doc.shop.unsubscribeUrl,
    options.recipient ?? doc.customer.email,
    options.unsubscribeSecret,
  );
  return unsubscribeHeaders(href, doc.shop.unsubscribeEmail);
}

/** Every optional part of the order document a template may require, in the document's order. */
export const DOCUMENT_PARTS: readonly DocumentPart[] = [
  'shipment',
  'instructions',
  'review',
  'recommendations',
  'referral',
  'winBack',
  'preferences',
];
const TEMPLATE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** What is wrong with a template object, as `field: problem` lines (none for a well-formed one). */
export function templateProblems(template: unknown): string[] {
  if (typeof template !== 'object' || template === null)
    return ['(template): expected an object from defineTemplate()'];
  const t = template as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof t.id !== 'string' || !TEMPLATE_ID.test(t.id))
    problems.push('id: expected a lower-case kebab-case id, e.g. back-in-stock');
  if (t.kind !== 'transactional' && t.kind !== 'marketing')
    problems.push('kind: expected transactional or marketing');
  if (t.goal !== undefined && !(GOALS as readonly unknown[]).includes(t.goal))
    problems.push(`goal: expected one of ${GOALS.join(', ')}`);
  if (typeof t.sent !== 'string' || t.sent.trim() === '')
    problems.push('sent: expected one line saying when the email goes out');
  if (!Array.isArray(t.requires))
    problems.push(`requires: expected a list of document parts (${DOCUMENT_PARTS.join(', ')})`);
  else
    t.requires.forEach((part: unknown, i) => {
      if (!DOCUMENT_PARTS.includes(part as DocumentPart))
        problems.push(`requires[${i}]: expected one of ${DOCUMENT_PARTS.join(', ')}`);
    });
  for (const fn of ['subject', 'preview'] as const)
    if (typeof t[fn] !== 'function') problems.push(`${fn}: expected a function (doc, locale) => string`);
  const component = t.component;
  if (typeof component !== 'function' && (typeof component !== 'object' || component === null))
    problems.push('component: expected a React component taking the order document as props');
  if (t.check !== undefined && typeof t.check !== 'function') problems.push('check: expected a function');
  return problems;
}

/** Thrown for a template that cannot be defined or registered: one line per problem, each naming where. */
export class TemplateDefinitionError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid template:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'TemplateDefinitionError';
    this.problems = problems;
  }
}

/**
 * Declares a template whole: its id, kind, when it is sent, the document parts it needs, its subject
 * and preview lines, and its component. The registry lists these objects as they are.
 */
export function defineTemplate<P extends DocumentPart = never, const Id extends string = string>(
  template: Template<P, Id>,
): Template<P, Id> {
  const problems = templateProblems(template);
  if (problems.length > 0) {
    const id = typeof template?.id === 'string' ? template.id : '(template)';
    throw new TemplateDefinitionError(problems.map((p) => `${id}.${p}`));
  }
  const subject = template.subject;
  // The advertising mark (core/advertising.ts) goes on here, after the copy and its overrides, so
  // every caller of `subject()` (the render, the planner, the outbox, the console) gets it.
  return {
    ...template,
    subject: (doc, locale, variant) => markedSubject(subject(doc, locale, variant), locale, template.kind),
  };
}

/** A template's subject line with the locale's advertising mark (for a template not made by `defineTemplate`). */
export function subjectOf<P extends DocumentPart>(
  def: TemplateDefinition<P>,
  doc: DocumentWith<P>,
  locale: Locale,
  variant: SubjectVariant,
): string {
  return markedSubject(def.subject(doc, locale, variant), locale, def.kind);
}
