import type { StoryContext } from '@storybook/react-vite';
import { type ComponentType, isValidElement } from 'react';
import { isLocale } from '../components/i18n';
import { BlockFrame, expectRendered } from './email-frame';
import { chosenLocale, viewOf } from './globals';
import { knownIssuesParameters, type StoryOptions } from './template-story';

/**
 * The parts every block story shares: the block's props are the args, it is rendered by
 * react-email inside a bare email document (with the layout's dark and narrow-screen rules) and
 * shown in the frame at the toolbar's width and theme; a block with a `locale` prop follows the
 * toolbar's locale when one is chosen.
 */
export function blockStory<P extends object>(
  Component: ComponentType<P>,
  label: string,
  options: StoryOptions & { isDocument?: boolean } = {},
) {
  return {
    render: (args: P, context: Pick<StoryContext, 'globals'>) => {
      const view = viewOf(context.globals);
      const own = (args as { locale?: unknown }).locale;
      const locale = chosenLocale(view, isLocale(own) ? own : undefined) ?? 'en';
      const props = (isLocale(own) ? { ...args, locale } : args) as P;
      return (
        <BlockFrame
          view={view}
          locale={locale}
          label={label}
          inputKey={keyOf(props)}
          isDocument={options.isDocument}
        >
          <Component {...props} />
        </BlockFrame>
      );
    },
    play: async ({ canvasElement }: { canvasElement: HTMLElement }) => expectRendered(canvasElement),
    // (A JSDoc comment on `meta` would replace these parameters: pass the description here instead.)
    parameters: {
      ...(options.note ? { docs: { description: { component: options.note } } } : {}),
      a11y: {
        options: {
          rules: {
            // A block alone has no <h1>; the emails that use it do, and their stories check that.
            'page-has-heading-one': { enabled: false },
            ...knownIssuesParameters(options.knownIssues).a11y?.options.rules,
          },
        },
      },
    },
  };
}

/** A stable description of the props: elements by type and props, functions by their source. */
function keyOf(props: object): string {
  return JSON.stringify(props, (_, value: unknown) => {
    if (typeof value === 'function') return `fn:${value.toString()}`;
    if (isValidElement(value)) {
      const type = value.type;
      return {
        element: typeof type === 'string' ? type : ((type as { name?: string }).name ?? '?'),
        props: value.props,
      };
    }
    return value;
  });
}
