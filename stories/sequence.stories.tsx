import type { Meta, StoryObj } from '@storybook/react-vite';
import { expectRendered } from './email-frame';
import { americanOrderData, chineseOrderData, koreanOrderData } from './fixtures';
import { viewOf } from './globals';
import { SequenceTimeline } from './sequence-timeline';
import { documentArgTypes, previewSecretArgs } from './template-story';

const meta = {
  title: 'Emails/Sequence',
  component: SequenceTimeline,
  args: { ...koreanOrderData, ...previewSecretArgs },
  argTypes: documentArgTypes,
  render: (args, { globals }) => <SequenceTimeline {...args} view={viewOf(globals)} />,
  play: async ({ canvasElement }) => expectRendered(canvasElement),
  parameters: {
    docs: {
      description: {
        component:
          "The default sequence for a sample order, as the send script plans it (`sending/plan/schedule.ts`): each step's day (and what it counts from: the estimated delivery, the delivery, or its fallback day), its time on the customer's clock, template, subject and kind. Choose a step to open that email.",
      },
    },
  },
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof SequenceTimeline>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Hanok Goods, Seoul: a first order, so the referral step (`when: returning`) is skipped. No delivery yet: the
 * review request and cross-sell sit at their fallback days; the instructions go the day before the estimated delivery.
 */
export const FirstOrder: Story = {};
/** The parcel was delivered on Nov 24: the review request goes 5 days after delivery (Nov 29, 10:00), the cross-sell 10. */
export const Delivered: Story = { args: { anchors: { delivered: '2026-11-24T14:20:00+09:00' } } };
/** Northwind Supply, New York: a returning customer also gets the referral. */
export const Returning: Story = { args: americanOrderData };
/** 青瓷生活, Shanghai: a VIP order; the referral step is for returning customers only. */
export const Vip: Story = { args: chineseOrderData };
