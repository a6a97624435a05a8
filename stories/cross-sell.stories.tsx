import type { Meta, StoryObj } from '@storybook/react-vite';
import CrossSellEmail from '../emails/cross-sell';
import { koreanOrderData, singleRecommendationData, unratedRecommendationsData } from './fixtures';
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

/**
 * Four recommendations, one of them already in the order: three cards in a row (one column on a phone).
 * Two carry other customers' ratings (stars and "4.8 out of 5, 132 reviews"); the whisk has none.
 */
export const Default: Story = {};
/** No ratings given: no stars and no review count on any card. */
export const NoRatings: Story = { args: unratedRecommendationsData };
/** A single product left to suggest. */
export const SingleProduct: Story = { args: singleRecommendationData };
