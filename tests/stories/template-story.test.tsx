import { describe, expect, it } from 'vitest';
import { SUBJECT_VARIANTS, TEMPLATE_IDS } from '../../emails';
import { templateStory } from '../../stories/template-story';
import registry from '../fixtures/back-in-stock-registry';

type StoryMeta = { default: { argTypes?: Record<string, { control?: unknown; options?: unknown }> } };

/** Each template's story file, as Storybook loads it. */
const storyFiles = import.meta.glob<StoryMeta>('../../stories/*.stories.tsx');

describe('template stories', () => {
  it.each(TEMPLATE_IDS)('%s: the subject line is a radio control over every subject variant', async (id) => {
    const load = storyFiles[`../../stories/${id}.stories.tsx`];
    expect(load, `stories/${id}.stories.tsx`).toBeDefined();
    const meta = (await load?.())?.default;
    expect(meta?.argTypes?.subjectVariant).toMatchObject({ control: 'radio', options: SUBJECT_VARIANTS });
  });

  it("gives a shop's own template the same control", () => {
    expect(templateStory('back-in-stock', { registry }).argTypes.subjectVariant).toMatchObject({
      control: 'radio',
      options: SUBJECT_VARIANTS,
    });
  });
});
