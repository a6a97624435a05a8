import type { Meta, StoryObj } from '@storybook/react-vite';
import { Footer } from '../../components/footer';
import { blockStory } from '../block-story';
import { koreanOrderData, marketingFooterData } from '../fixtures';

const meta = {
  title: 'Blocks/Footer',
  component: Footer,
  args: { shop: koreanOrderData.shop, locale: 'ko', kind: 'transactional' },
  argTypes: { kind: { control: 'inline-radio', options: ['transactional', 'marketing'] } },
  ...blockStory(Footer, 'Footer'),
  tags: ['autodocs'],
} satisfies Meta<typeof Footer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Support contact and the shop's address; no unsubscribe link, no social links. */
export const Transactional: Story = {};
export const Marketing: Story = { args: marketingFooterData };
