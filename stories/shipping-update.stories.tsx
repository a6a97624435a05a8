import type { Meta, StoryObj } from '@storybook/react-vite';
import ShippingUpdateEmail from '../emails/shipping-update';
import { delayedData, deliveredData, outForDeliveryData, partialShipmentData, shippedData } from './fixtures';
import { templateStory } from './template-story';

const meta = {
  title: 'Emails/Shipping update',
  component: ShippingUpdateEmail,
  args: shippedData,
  ...templateStory('shipping-update'),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof ShippingUpdateEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Shipped: Story = {};
export const Delayed: Story = { args: delayedData };
export const OutForDelivery: Story = { args: outForDeliveryData };
export const Delivered: Story = { args: deliveredData };
/** One of the order's two items is in this parcel; the email says the rest follows. */
export const Partial: Story = { args: partialShipmentData };
