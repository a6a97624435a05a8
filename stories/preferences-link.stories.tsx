import type { Meta, StoryObj } from '@storybook/react-vite';
import PreferencesLinkEmail from '../emails/preferences-link';
import { americanOrderData, chineseOrderData, koreanOrderData } from './fixtures';
import { templateStory } from './template-story';

const meta = {
  title: 'Emails/Preferences link',
  component: PreferencesLinkEmail,
  args: koreanOrderData,
  ...templateStory('preferences-link', {
    note: 'Sent when someone asks `/preferences` for their link. Transactional: one button, signed for the address it goes to.',
  }),
  tags: ['autodocs'],
  excludeStories: /.*Data$/,
} satisfies Meta<typeof PreferencesLinkEmail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The Korean shop's link, in Korean. */
export const Default: Story = {};
/** The American shop's link, in English. */
export const English: Story = { args: americanOrderData };
/** The Chinese shop's link, in Chinese. */
export const Chinese: Story = { args: chineseOrderData };
