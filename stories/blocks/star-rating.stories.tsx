import type { Meta, StoryObj } from '@storybook/react-vite';
import { StarRating } from '../../components/star-rating';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/StarRating',
  component: StarRating,
  args: { rating: { average: 4.7, count: 132 }, locale: 'en' },
  ...blockStory(StarRating, 'StarRating'),
  tags: ['autodocs'],
} satisfies Meta<typeof StarRating>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Five stars for 4.7 (rounded to whole stars), then the words screen readers and the plain text read. */
export const Default: Story = {};
export const Middling: Story = { args: { rating: { average: 3.2, count: 18 } } };
export const OneReview: Story = { args: { rating: { average: 5, count: 1 } } };
