import type { Meta, StoryObj } from '@storybook/react-vite';
import { Callout } from '../../components/callout';
import { Paragraph } from '../../components/paragraph';
import { blockStory } from '../block-story';
import { koreanOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/Callout',
  component: Callout,
  args: {
    title: 'Our story',
    children: <Paragraph>{koreanOrderData.shop.story}</Paragraph>,
    marketing: false,
  },
  argTypes: { children: { control: false } },
  ...blockStory(Callout, 'Callout'),
  tags: ['autodocs'],
} satisfies Meta<typeof Callout>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** Marked `data-marketing`, so the quality gate can prove no transactional email carries it. */
export const Marketing: Story = { args: { title: 'A thank-you from us', marketing: true } };
