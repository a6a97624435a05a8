import type { Meta, StoryObj } from '@storybook/react-vite';
import { InstructionSteps } from '../../components/instruction-steps';
import { blockStory } from '../block-story';
import { americanOrderData, koreanOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/InstructionSteps',
  component: InstructionSteps,
  args: { steps: koreanOrderData.instructions.steps },
  ...blockStory(InstructionSteps, 'InstructionSteps'),
  tags: ['autodocs'],
} satisfies Meta<typeof InstructionSteps>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The first step has a photo. */
export const WithImage: Story = {};
export const TextOnly: Story = { args: { steps: americanOrderData.instructions.steps } };
