import type { Meta, StoryObj } from '@storybook/react-vite';
import { VideoLink } from '../../components/video-link';
import { blockStory } from '../block-story';
import { koreanOrderData } from '../fixtures';

const meta = {
  title: 'Blocks/VideoLink',
  component: VideoLink,
  args: {
    href: koreanOrderData.instructions.videoUrl ?? koreanOrderData.instructions.guideUrl,
    thumbnailUrl: koreanOrderData.instructions.videoThumbnailUrl,
    label: 'Watch the video',
    alt: 'Play the video: Brewing your tea',
  },
  ...blockStory(VideoLink, 'VideoLink'),
  tags: ['autodocs'],
} satisfies Meta<typeof VideoLink>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The still, then a bar with ▶ and the label: both one link. */
export const WithThumbnail: Story = {};
/** Without a still, a play button stands in. */
export const WithoutThumbnail: Story = { args: { thumbnailUrl: undefined } };
