import type { Meta, StoryObj } from '@storybook/react-vite';
import { space } from '../../components/theme';
import { Title } from '../../components/title';
import { blockStory } from '../block-story';

const meta = {
  title: 'Blocks/Title',
  component: Title,
  args: { level: 1, children: 'Thanks for your order, Jisoo!' },
  argTypes: { level: { control: 'inline-radio', options: [1, 2, 3] } },
  ...blockStory(Title, 'Title', {
    note: 'Headings `<h1>`–`<h3>`: the level’s token style and the text colour’s dark-mode class together.',
  }),
  tags: ['autodocs'],
} satisfies Meta<typeof Title>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The email's one headline. */
export const Level1: Story = {};
/** A section: "Items", "Ship to". */
export const Level2: Story = { args: { level: 2, children: 'Items in this shipment' } };
/** A group inside a section. */
export const Level3: Story = { args: { level: 3, children: 'Before your first brew' } };
/** Spacing adjusted by the email that uses it. */
export const Spaced: Story = { args: { level: 2, style: { margin: `${space.xl} 0 ${space.xs}` } } };
