import type { Meta, StoryObj } from '@storybook/react-vite';
import { Paragraph } from '../../components/paragraph';
import { space } from '../../components/theme';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/Paragraph',
  component: Paragraph,
  args: {
    tone: 'body',
    children: 'Thank you for your order. We will email you again as soon as it ships.',
  },
  argTypes: { tone: { control: 'inline-radio', options: ['body', 'muted', 'subtle'] } },
  ...blockStory(Paragraph, 'Paragraph', {
    note: 'Running text in one of three tones; the dark-mode class and the token style come together.',
  }),
  tags: ['autodocs'],
} satisfies Meta<typeof Paragraph>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Body: Story = {};
/** Secondary facts: an order number, a payment method. */
export const Muted: Story = { args: { tone: 'muted', children: 'Order #1001 · placed on 20 November 2026' } };
/** Fine print: why the email was sent, the shop's postal address. */
export const Subtle: Story = {
  args: { tone: 'subtle', children: 'Hanok Goods · 12 Bukchon-ro, Jongno-gu, Seoul 03052, KR' },
};
/** A block adjusts spacing and alignment; the colour stays the tone's. */
export const Adjusted: Story = {
  args: { style: { margin: `${space.lg} 0 0`, textAlign: 'center' }, children: 'Centred, with room above.' },
};
