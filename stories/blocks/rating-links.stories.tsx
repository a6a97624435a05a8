import type { Meta, StoryObj } from '@storybook/react-vite';
import { RatingLinks, ratingUrl } from '../../components/rating-links';
import { blockStory } from '../block-story';
import { koreanOrderData } from '../fixtures';

const reviewUrl = koreanOrderData.review.reviewUrl;

const meta = {
  title: 'Blocks/RatingLinks',
  component: RatingLinks,
  args: {
    scale: 'stars',
    question: 'How would you rate your order?',
    hrefFor: (rating) => ratingUrl(reviewUrl, rating),
    locale: 'en',
  },
  argTypes: { scale: { control: 'inline-radio', options: ['stars', 'nps'] }, hrefFor: { control: false } },
  ...blockStory(RatingLinks, 'RatingLinks'),
  tags: ['autodocs'],
} satisfies Meta<typeof RatingLinks>;
export default meta;
type Story = StoryObj<typeof meta>;

/** One tap records 1 to 5 stars. */
export const Stars: Story = {};
/** 0 to 10, the ends labelled. */
export const Nps: Story = {
  args: { scale: 'nps', question: 'How likely are you to recommend Hanok Goods to a friend?' },
};
