import type { Meta, StoryObj } from '@storybook/react-vite';
import ReplenishmentEmail from '../emails/replenishment';
import { consumablesData, koreanOrderData } from './fixtures';
import { previewSecretArgs, templateStory } from './template-story';

const meta = {
  title: 'Emails/Replenishment',
  component: ReplenishmentEmail,
  args: { ...koreanOrderData, ...previewSecretArgs },
  ...templateStory('replenishment', {
    note: 'Lists the items with `lifespanDays`, shortest first; a sequence sends it `offsetDays` before the shortest runs out (`"day": "lifespan"`).',
  }),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof ReplenishmentEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** One consumable (the tea, 30 days); the teapot does not run out and is not listed. */
export const Default: Story = {};
/** Two consumables: the filters run out first and lead the email. */
export const SeveralConsumables: Story = { args: consumablesData };
/** The second subject line (variant b). */
export const SubjectB: Story = { args: { subjectVariant: 'b' } };
