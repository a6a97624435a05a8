import type { Meta, StoryObj } from '@storybook/react-vite';
import { CodeBox } from '../../components/code-box';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/CodeBox',
  component: CodeBox,
  args: { code: 'JISOO10', label: 'Your code', hint: 'Double-click or long-press to copy it' },
  ...blockStory(CodeBox, 'CodeBox'),
  tags: ['autodocs'],
} satisfies Meta<typeof CodeBox>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const LongCode: Story = { args: { code: 'JISOO-KIM-WINTER-2026-FRIENDS', hint: undefined } };
