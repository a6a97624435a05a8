import type { Meta, StoryObj } from '@storybook/react-vite';
import { ReviewItems } from '../../components/review-items';
import { blockStory } from '../block-story';
import { americanOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/ReviewItems',
  component: ReviewItems,
  args: {
    title: 'Review what you bought',
    items: americanOrderData.order.items.filter((item) => item.reviewUrl),
    hrefFor: (item) => item.reviewUrl ?? item.url,
    cta: 'Write a review',
  },
  argTypes: { hrefFor: { control: false } },
  ...blockStory(ReviewItems, 'ReviewItems'),
  tags: ['autodocs'],
} satisfies Meta<typeof ReviewItems>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
