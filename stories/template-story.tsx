import type { ArgTypes, StoryContext } from '@storybook/react-vite';
import { LOCALES } from '../components/i18n';
import { registry as builtIn, type Registry, SUBJECT_VARIANTS, type TemplateId } from '../emails';
import { type EmailArgs, EmailFrame, expectRendered, PREVIEW_SECRET } from './email-frame';
import { viewOf } from './globals';

/**
 * The parts every template story shares: args are the order document plus the render options,
 * the story renders them through the real `renderEmail()` inside the frame, and `play` fails the
 * story (in Storybook and in the Vitest run) when the email does not render.
 */
export function templateStory<R extends Registry>(
  id: R extends Registry<infer Id> ? Id : TemplateId,
  options: StoryOptions & { registry?: R } = {},
) {
  const { note, knownIssues = [], registry = builtIn } = options;
  // A shop's own template previews like ours: pass the registry that holds it (`createRegistry`).
  const template = registry.get(id);
  return {
    render: (args: EmailArgs, context: Pick<StoryContext, 'globals'>) => (
      <EmailFrame template={id} args={args} view={viewOf(context.globals)} registry={registry} />
    ),
    play: async ({ canvasElement }: { canvasElement: HTMLElement }) => expectRendered(canvasElement),
    argTypes: templateArgTypes,
    parameters: {
      // (A JSDoc comment on `meta` would replace these parameters: pass `note` instead.)
      docs: {
        description: {
          component: [`**${template.kind}** · ${template.sent}`, note].filter(Boolean).join('\n\n'),
        },
      },
      ...knownIssuesParameters(knownIssues),
    },
  };
}

export type StoryOptions = Readonly<{
  /** Shown under the title on the docs page. */
  note?: string;
  /**
   * axe rules switched off for these stories only, because of a known bug in a component they
   * use. Each must name the bug; remove the entry when the component is fixed.
   */
  knownIssues?: readonly Readonly<{ rule: string; bug: string }>[];
}>;

export function knownIssuesParameters(issues: StoryOptions['knownIssues'] = []) {
  if (issues.length === 0) return {};
  return {
    a11y: { options: { rules: Object.fromEntries(issues.map((i) => [i.rule, { enabled: false }])) } },
  };
}

/** Marketing templates sign `{token}` in the unsubscribe link; previews use a fixed, fake key. */
export const previewSecretArgs = { unsubscribeSecret: PREVIEW_SECRET } as const;

const part = (what: string) =>
  ({ control: 'object', table: { category: 'Order document' }, description: what }) as const;

export const documentArgTypes = {
  locale: {
    control: 'select',
    options: LOCALES,
    description: "Overrides `customer.locale`. The toolbar's locale, when set, overrides this.",
    table: { category: 'Render options' },
  },
  unsubscribeSecret: {
    control: 'text',
    description:
      'Key for `{token}` in `shop.unsubscribeUrl` (marketing only). A preview value, never the real one.',
    table: { category: 'Render options' },
  },
  recipient: {
    control: 'text',
    description: 'The address the email goes to (a test send); defaults to `customer.email`.',
    table: { category: 'Render options' },
  },
  shop: part('The shop: name, links, logo, support contact, postal address, unsubscribe URL, VIP threshold.'),
  customer: part('Who ordered: name, email, locale, time zone, how many orders so far.'),
  order: part('The order: lines (money in minor units), totals, address, payment, status link.'),
  shipment: part('Where the parcel is: status, carrier, tracking, estimated delivery, the items in it.'),
  instructions: part('How to use the product: title, steps, guide and video links.'),
  review: part('Where to review: URL with `{rating}`, survey, scale (stars or nps).'),
  recommendations: part('Products to suggest next.'),
  referral: part('The referral code, share link and what both sides get.'),
} satisfies ArgTypes<EmailArgs & Record<string, unknown>>;

/**
 * A template story's controls: the document's, plus the subject line. The variants are the ones every template
 * has in every locale (`SUBJECT_VARIANTS`; the copy's types hold each template to them), so one control serves
 * every template, a shop's own included. Not on the Sequence story: there each step's variant comes from the plan.
 */
export const templateArgTypes = {
  ...documentArgTypes,
  subjectVariant: {
    control: 'radio',
    options: SUBJECT_VARIANTS,
    description:
      "Which subject line: `a` (the default) or another to test against it (a sequence step's `subject` or `abTest`). The body is the same.",
    table: { category: 'Render options', defaultValue: { summary: 'a' } },
  },
} satisfies ArgTypes<EmailArgs & Record<string, unknown>>;
