import type { Meta, StoryObj } from '@storybook/react-vite';
import { ShipmentProgress } from '../../components/shipment-progress';
import { SHIPMENT_STATUSES } from '../../core/order-document';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/ShipmentProgress',
  component: ShipmentProgress,
  args: { status: 'shipped', locale: 'en' },
  argTypes: { status: { control: 'inline-radio', options: SHIPMENT_STATUSES } },
  ...blockStory(ShipmentProgress, 'ShipmentProgress'),
  tags: ['autodocs'],
} satisfies Meta<typeof ShipmentProgress>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Shipped: Story = {};
/** The current step turns amber. */
export const Delayed: Story = { args: { status: 'delayed' } };
export const OutForDelivery: Story = { args: { status: 'out_for_delivery' } };
export const Delivered: Story = { args: { status: 'delivered' } };
