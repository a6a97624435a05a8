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
          "The default sequence for a sample order, as the send script plans it (`sending/schedule.ts`): each step's day, its time on the customer's clock, template, subject and kind. Choose a step to open that email.",
      },
    },
  },
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof SequenceTimeline>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Hanok Goods, Seoul: a first order, so the referral step (`when: returning`) is skipped. */
export const FirstOrder: Story = {};
/** Northwind Supply, New York: a returning customer gets all seven emails. */
export const Returning: Story = { args: americanOrderData };
/** 青瓷生活, Shanghai: a VIP order; the referral step is for returning customers only. */
export const Vip: Story = { args: chineseOrderData };
