import type { Meta, StoryObj } from '@storybook/react-vite';
import ReviewRequestEmail from '../emails/review-request';
import { npsReviewData, starsReviewData } from './fixtures';
import { previewSecretArgs, templateStory } from './template-story';

const meta = {
  title: 'Emails/Review request',
  component: ReviewRequestEmail,
  args: { ...starsReviewData, ...previewSecretArgs },
  ...templateStory('review-request'),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof ReviewRequestEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** `review.scale: "stars"`: five one-tap links, 1 to 5 stars. */
export const Stars: Story = {};
/** `review.scale: "nps"`: eleven one-tap links, 0 to 10, with the ends labelled. */
export const Nps: Story = { args: npsReviewData };
