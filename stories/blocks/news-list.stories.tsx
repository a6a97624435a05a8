import type { Meta, StoryObj } from '@storybook/react-vite';
import { NewsList } from '../../components/news-list';
import { blockStory } from '../block-story';
import { americanOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/NewsList',
  component: NewsList,
  args: { news: americanOrderData.winBack.news ?? [], hrefFor: (url: string) => url },
  ...blockStory(NewsList, 'NewsList'),
  tags: ['autodocs'],
} satisfies Meta<typeof NewsList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A story with a picture, then one without; each title links to read on. */
export const Default: Story = {};
