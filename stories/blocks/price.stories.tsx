import type { Meta, StoryObj } from '@storybook/react-vite';
import { Price } from '../../components/price';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/Price',
  component: Price,
  args: { amount: 1999, currency: 'USD', locale: 'en' },
  ...blockStory(Price, 'Price', { note: "Amounts are integers in the currency's minor unit." }),
  tags: ['autodocs'],
} satisfies Meta<typeof Price>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Regular: Story = {};
export const Reduced: Story = { args: { amount: 2900, compareAt: 3500 } };
/** KRW and JPY have no minor unit. */
export const ZeroDecimal: Story = {
  args: { amount: 39000, compareAt: 49000, currency: 'KRW', locale: 'ko' },
};
/** BHD has three decimals. */
export const ThreeDecimals: Story = { args: { amount: 12345, currency: 'BHD' } };
