import type { Meta, StoryObj } from '@storybook/react-vite';
import ProductInstructionsEmail from '../emails/product-instructions';
import { koreanOrderData, textOnlyInstructionsData } from './fixtures';
import { templateStory } from './template-story';

const meta = {
  title: 'Emails/Product instructions',
  component: ProductInstructionsEmail,
  args: koreanOrderData,
  ...templateStory('product-instructions'),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof ProductInstructionsEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A step photo and a video still. */
export const Default: Story = {};
/** Steps in words only; the video link becomes a plain button when there is a video but no still. */
export const TextOnly: Story = { args: textOnlyInstructionsData };
