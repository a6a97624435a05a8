import type { Meta, StoryObj } from '@storybook/react-vite';
import ThankYouEmail from '../emails/thank-you';
import { firstOrderData, returningData, vipData } from './fixtures';
import { previewSecretArgs, templateStory } from './template-story';

const meta = {
  title: 'Emails/Thank you',
  component: ThankYouEmail,
  args: { ...firstOrderData, ...previewSecretArgs },
  ...templateStory('thank-you', {
    note: 'The voice is the first that applies of VIP (total ≥ `shop.vipThreshold`), returning (`customer.ordersCount` > 1), first order.',
  }),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof ThankYouEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

export const FirstOrder: Story = {};
export const Returning: Story = { args: returningData };
export const Vip: Story = { args: vipData };
/** The same email in each sample brand (the Brand toolbar does this for every story). */
export const HanokBrand: Story = { globals: { brand: 'hanok' } };
export const NoirBrandDark: Story = { globals: { brand: 'noir', theme: 'dark' } };
export const SunnyBrand: Story = { globals: { brand: 'sunny' } };
