import type { Meta, StoryObj } from '@storybook/react-vite';
import WinBackEmail from '../emails/win-back';
import { openEndedCouponData, winBackCouponData, winBackNewsData } from './fixtures';
import { previewSecretArgs, templateStory } from './template-story';

const meta = {
  title: 'Emails/Win-back',
  component: WinBackEmail,
  args: { ...winBackCouponData, ...previewSecretArgs },
  ...templateStory('win-back', {
    note: 'First-order customers (`customer.ordersCount` ≤ 1) get `winBack.coupon`; returning customers get `winBack.news`. Switch the subject line with the `subjectVariant` control.',
  }),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof WinBackEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A first-order customer: the coupon code in its box, valid until a time on the customer's clock. */
export const Coupon: Story = {};
/** A returning customer: the shop's news, each story linking back into the shop. */
export const News: Story = { args: winBackNewsData };
/** A coupon without an end date. */
export const OpenEndedCoupon: Story = { args: openEndedCouponData };
/** The second subject line (variant b), for a subject-line test. */
export const SubjectB: Story = { args: { subjectVariant: 'b' } };
