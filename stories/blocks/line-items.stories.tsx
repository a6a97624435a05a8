import type { Meta, StoryObj } from '@storybook/react-vite';
import { LineItems } from '../../components/line-items';
import { blockStory } from '../block-story';
import { americanOrderData, koreanOrderData, longNamesOrderData, manyItemsOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/LineItems',
  component: LineItems,
  args: {
    items: koreanOrderData.order.items,
    currency: koreanOrderData.order.currency,
    locale: 'ko',
    moreHref: koreanOrderData.order.statusUrl,
  },
  ...blockStory(LineItems, 'LineItems'),
  tags: ['autodocs'],
} satisfies Meta<typeof LineItems>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A reduced line (original struck through) and a free one. */
export const Default: Story = {};
export const Dollars: Story = {
  args: {
    items: americanOrderData.order.items,
    currency: 'USD',
    locale: 'en',
    moreHref: americanOrderData.order.statusUrl,
  },
};
/** Past the limit, the rest is one link to the order page. */
export const Overflow: Story = { args: { items: manyItemsOrderData.order.items.slice(0, 12) } };
export const LongNames: Story = { args: { items: longNamesOrderData.order.items } };
