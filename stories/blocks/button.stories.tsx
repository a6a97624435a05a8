import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from '../../components/button';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/Button',
  component: Button,
  args: { href: 'https://shop.example.com/orders/ord_1001', children: 'View your order', tone: 'primary' },
  argTypes: {
    tone: { control: 'inline-radio', options: ['primary', 'quiet'] },
    children: { control: 'text' },
  },
  ...blockStory(Button, 'Button'),
  tags: ['autodocs'],
} satisfies Meta<typeof Button>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = {};
export const Quiet: Story = { args: { tone: 'quiet', children: 'Read the care guide' } };
export const LongLabel: Story = { args: { children: '주문 내역과 배송 상황을 한눈에 확인하기' } };
