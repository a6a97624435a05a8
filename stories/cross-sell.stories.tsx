import type { Meta, StoryObj } from '@storybook/react-vite';
import CrossSellEmail from '../emails/cross-sell';
import { koreanOrderData, singleRecommendationData } from './fixtures';
import { previewSecretArgs, templateStory } from './template-story';

const meta = {
  title: 'Emails/Cross-sell',
  component: CrossSellEmail,
  args: { ...koreanOrderData, ...previewSecretArgs },
  ...templateStory('cross-sell'),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof CrossSellEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Four recommendations, one of them already in the order: three cards in a row (one column on a phone). */
export const Default: Story = {};
/** A single product left to suggest. */
export const SingleProduct: Story = { args: singleRecommendationData };
