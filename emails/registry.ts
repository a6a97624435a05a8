import { createElement } from 'react';
import type { Locale } from '../components/i18n';
import { type DocumentPart, ValidationError } from '../core/order-document';
import {
  checkRecipient,
  type EmailKind,
  headersFor,
  type RenderOptions,
  resolveLocale,
  resolveSubjectVariant,
  subjectOf,
  type Template,
  TemplateDefinitionError,
  type TemplateProps,
  templateProblems,
  validateFor,
} from '../core/template';
import {
  type FallbackHandler,
  RENDERERS,
  type RendererName,
  renderWithReference,
  renderWithStaticRenderer,
} from '../render/fast-render';

export type RenderedEmail = Readonly<{
  subject: string;
  preview: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  kind: EmailKind;
}>;

/** `renderEmail`'s options: the template's render options plus the choice of renderer. */
export type RenderEmailOptions = RenderOptions &
  Readonly<{
    /**
     * `fast` (default): the static renderer — the same HTML as react-email's `render()`, byte for
     * byte, and the same text as html-to-text, several times faster (`tests/render/fast-render.test.ts`
     * holds it to that for every template). `reference`: react-email's `render()` + html-to-text itself.
     */
    renderer?: RendererName;
    /**
     * Called when the fast renderer hands this email (or its plain text) to react-email, with the
     * reason — a construct it does not reproduce. Without it, each reason is warned about once on the console.
     */
    onFallback?: FallbackHandler;
  }>;

export class UnknownTemplateError extends Error {
  constructor(id: string, known: readonly string[]) {
    super(`unknown template "${id}": expected one of ${known.join(', ')}`);
    this.name = 'UnknownTemplateError';
  }
}

/**
 * A set of templates and the `renderEmail` that renders them: what the sequence planner, the
 * outbox, the quality gate and the Storybook helpers take, so a shop's own templates go wherever
 * ours go. `createRegistry([...builtInTemplates, backInStock])`.
 */
export type Registry<Id extends string = string> = Readonly<{
  /** The templates by id, in the order given. */
  templates: Readonly<Record<Id, Template>>;
  ids: readonly Id[];
  has(id: unknown): id is Id;
  /** The template with this id; throws UnknownTemplateError naming the known ids. */
  get(id: string): Template;
  /**
   * Renders one email: validates the document for the template (throwing a ValidationError that
   * names every bad field), then returns the subject, preheader, HTML, plain text, headers and kind.
   * The HTML is exactly what `render(<Template {...document} locale={locale} />)` gives.
   */
  renderEmail(id: Id, document: unknown, options?: RenderEmailOptions): Promise<RenderedEmail>;
}>;

/**
 * A registry of `list`, checked first: every template well formed (see `defineTemplate`) and no id
 * twice. A shop's template may replace none of ours silently: a repeated id is refused.
 */
export function createRegistry<const T extends readonly Template[]>(list: T): Registry<T[number]['id']> {
  type Id = T[number]['id'];
  const problems: string[] = [];
  const byId = new Map<string, Template>();
  list.forEach((template, i) => {
    problems.push(...templateProblems(template).map((p) => `templates[${i}].${p}`));
    const id = (template as { id?: unknown }).id;
    if (typeof id !== 'string') return;
    if (byId.has(id)) problems.push(`templates[${i}].id: "${id}" is already registered`);
    else byId.set(id, template);
  });
  if (problems.length > 0) throw new TemplateDefinitionError(problems);
  const ids = [...byId.keys()] as Id[];
  const templates = Object.freeze(Object.fromEntries(byId)) as Readonly<Record<Id, Template>>;
  const has = (id: unknown): id is Id => typeof id === 'string' && byId.has(id);
  const get = (id: string): Template => {
    const template = byId.get(id);
    if (template === undefined) throw new UnknownTemplateError(id, ids);
    return template;
  };
  return Object.freeze({
    templates,
    ids,
    has,
    get,
    // Async throughout: an unknown id rejects, as every other problem does.
    renderEmail: async (id: Id, document: unknown, options: RenderEmailOptions = {}) =>
      renderTemplate(get(id), document, options),
  });
}

async function renderTemplate(
  template: Template,
  document: unknown,
  options: RenderEmailOptions,
): Promise<RenderedEmail> {
  const { renderer = 'fast', onFallback, ...renderOptions } = options;
  if (!RENDERERS.includes(renderer))
    throw new ValidationError([`renderer: expected one of ${RENDERERS.join(', ')}`], 'invalid options');
  const doc = validateFor(template, document);
  const locale: Locale = resolveLocale(renderOptions.locale, doc);
  const variant = resolveSubjectVariant(renderOptions.subjectVariant);
  checkRecipient(renderOptions.recipient);
  const headers = headersFor(template, doc, renderOptions);
  const props: TemplateProps<DocumentPart> = { ...doc, ...renderOptions, locale };
  const element = createElement(template.component, props);
  const { html, text } =
    renderer === 'reference'
      ? await renderWithReference(element)
      : await renderWithStaticRenderer(element, onFallback);
  return {
    subject: subjectOf(template, doc, locale, variant),
    preview: template.preview(doc, locale),
    html,
    text,
    headers,
    kind: template.kind,
  };
}
