import type { Meta, StoryObj } from '@storybook/react-vite';
import { ProductCard } from '../../components/product-card';
import { blockStory } from '../block-story';
import { koreanOrderData } from '../fixtures';

const [reduced, regular] = koreanOrderData.recommendations;

const meta = {
  title: 'Blocks/ProductCard',
  component: ProductCard,
  args: {
    product: reduced ?? koreanOrderData.recommendations[0],
    currency: 'KRW',
    locale: 'ko',
    href: 'https://shop.example.com/p/cup',
    cta: '자세히 보기',
    imageSize: 250,
  },
  ...blockStory(ProductCard, 'ProductCard'),
  tags: ['autodocs'],
} satisfies Meta<typeof ProductCard>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Reduced: the original price struck through. */
export const Reduced: Story = {};
export const Regular: Story = {
  args: { product: regular ?? koreanOrderData.recommendations[0], imageSize: 160 },
};
