import type { Meta, StoryObj } from '@storybook/react-vite';
import { ProductGrid } from '../../components/product-grid';
import { blockStory } from '../block-story';
import { americanOrderData } from '../fixtures';

const products = americanOrderData.recommendations;

const meta = {
  title: 'Blocks/ProductGrid',
  component: ProductGrid,
  args: { products, currency: 'USD', locale: 'en', hrefFor: (product) => product.url, cta: 'Take a look' },
  argTypes: { hrefFor: { control: false } },
  ...blockStory(ProductGrid, 'ProductGrid', {
    note: 'Rows of cards that stack into one column on a phone (switch the toolbar to mobile).',
  }),
  tags: ['autodocs'],
} satisfies Meta<typeof ProductGrid>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two rows of two. */
export const Four: Story = {};
/** One row of three. */
export const Three: Story = { args: { products: products.slice(0, 3) } };
export const Two: Story = { args: { products: products.slice(0, 2) } };
/** One card at half width. */
export const One: Story = { args: { products: products.slice(0, 1) } };
