import type { Meta, StoryObj } from '@storybook/react-vite';
import OrderConfirmationEmail from '../emails/order-confirmation';
import {
  digitalOrderData,
  discountedOrderData,
  longNamesOrderData,
  manyItemsOrderData,
  mixedOrderData,
  yenOrderData,
} from './fixtures';
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
/** A discount with the code that gave it: "할인 (WELCOME10)" on the discount line. */
export const Discounted: Story = { args: discountedOrderData };
/** 40 lines: the first eight show, then a link to the order page for the rest. */
export const ManyItems: Story = { args: manyItemsOrderData };
/**
 * Long names at a phone's width: a 60-letter product name with no break in it, a long variant, name and
 * address. Everything wraps inside 375px (the quality gate checks this in Chromium, Firefox and WebKit).
 */
export const LongNames: Story = { args: longNamesOrderData, globals: { width: 'mobile' } };
/** JPY has no minor unit: amounts in the document are whole yen. */
export const ZeroDecimalCurrency: Story = { args: yenOrderData };
// The meta's args carry the Korean sample's shipment; a digital order has none, so the story unsets it.
/** Every item has access: a welcome that leads with the access buttons, a licence key to copy, no address. */
export const Digital: Story = { args: { ...digitalOrderData, shipment: undefined } };
/** Part digital, part shipped: what is ready now, then the receipt and where the rest goes. */
export const Mixed: Story = { args: mixedOrderData };
/** The second subject line (variant b), for a subject-line test. */
export const SubjectB: Story = { args: { subjectVariant: 'b' } };
