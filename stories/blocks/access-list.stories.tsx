import type { Meta, StoryObj } from '@storybook/react-vite';
import { AccessList } from '../../components/access-list';
import { blockStory } from '../block-story';
import { digitalOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/AccessList',
  component: AccessList,
  args: { items: digitalOrderData.order.items, locale: 'en', timeZone: 'Asia/Seoul' },
  ...blockStory(AccessList, 'AccessList'),
  tags: ['autodocs'],
} satisfies Meta<typeof AccessList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Account access until a date, an app with its licence key in a copyable box, a download with the default label. */
export const Default: Story = {};
/** The same expiry on a Los Angeles clock. */
export const OtherTimeZone: Story = { args: { timeZone: 'America/Los_Angeles' } };
