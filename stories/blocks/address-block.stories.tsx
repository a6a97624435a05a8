import type { Meta, StoryObj } from '@storybook/react-vite';
import { AddressBlock } from '../../components/address-block';
import { blockStory } from '../block-story';
import { americanOrderData, koreanOrderData, longNamesOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/AddressBlock',
  component: AddressBlock,
  args: { address: koreanOrderData.order.shippingAddress, locale: 'ko' },
  ...blockStory(AddressBlock, 'AddressBlock'),
  tags: ['autodocs'],
} satisfies Meta<typeof AddressBlock>;
export default meta;
type Story = StoryObj<typeof meta>;

/** An empty region leaves no gap; the country is named in the email's locale. */
export const Default: Story = {};
export const WithRegion: Story = { args: { address: americanOrderData.order.shippingAddress, locale: 'en' } };
export const LongLines: Story = { args: { address: longNamesOrderData.order.shippingAddress } };
