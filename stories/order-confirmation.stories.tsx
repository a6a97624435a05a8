import type { Meta, StoryObj } from '@storybook/react-vite';
import OrderConfirmationEmail from '../emails/order-confirmation';
import { discountedOrderData, longNamesOrderData, manyItemsOrderData, yenOrderData } from './fixtures';
import { templateStory } from './template-story';

const meta = {
  title: 'Emails/Order confirmation',
  component: OrderConfirmationEmail,
  args: OrderConfirmationEmail.PreviewProps,
  ...templateStory('order-confirmation'),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof OrderConfirmationEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Discounted: Story = { args: discountedOrderData };
/** 40 lines: the first eight show, then a link to the order page for the rest. */
export const ManyItems: Story = { args: manyItemsOrderData };
export const LongNames: Story = { args: longNamesOrderData };
/** JPY has no minor unit: amounts in the document are whole yen. */
export const ZeroDecimalCurrency: Story = { args: yenOrderData };
