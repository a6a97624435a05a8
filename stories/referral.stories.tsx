import type { Meta, StoryObj } from '@storybook/react-vite';
import ReferralEmail from '../emails/referral';
import { koreanOrderData, longOfferData } from './fixtures';
import { previewSecretArgs, templateStory } from './template-story';

const meta = {
  title: 'Emails/Referral',
  component: ReferralEmail,
  args: { ...koreanOrderData, ...previewSecretArgs },
  ...templateStory('referral'),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof ReferralEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** A long code and long give/get texts. */
export const LongOffer: Story = { args: longOfferData };
