import type { Meta, StoryObj } from '@storybook/react-vite';
import { Totals } from '../../components/totals';
import { blockStory } from '../block-story';
import { americanOrderData, koreanOrderData, yenOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/Totals',
  component: Totals,
  args: { order: koreanOrderData.order, locale: 'ko' },
  ...blockStory(Totals, 'Totals'),
  tags: ['autodocs'],
} satisfies Meta<typeof Totals>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** A discount, free shipping and tax. */
export const DiscountAndTax: Story = { args: { order: americanOrderData.order, locale: 'en' } };
/** The discount line names the codes the customer entered (`order.discountCodes`). */
export const DiscountCodes: Story = {
  args: { order: { ...americanOrderData.order, discountCodes: ['WELCOME10'] }, locale: 'en' },
};
export const Yen: Story = { args: { order: yenOrderData.order } };
