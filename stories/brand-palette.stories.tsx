import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { sampleBrands } from '../emails/_samples/brands';
import { BrandPalette } from './brand-palette';
import { chosenBrand, viewOf } from './globals';

/**
 * The palette every block wears for a brand, derived from `shop.brand` (components/theme.ts): the
 * dark mode, the link colour pushed to 4.5:1, the button edge, the muted tones — each pair with its
 * ratio. `Toolbar` follows the Brand toolbar; the others pin a sample.
 */
const meta = {
  title: 'Design/Brand palette',
  component: BrandPalette,
  args: { name: "Today's colours", brand: undefined },
  tags: ['autodocs'],
} satisfies Meta<typeof BrandPalette>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Toolbar: Story = {
  render: (args, context: Pick<StoryContext, 'globals'>) => {
    const view = viewOf(context.globals);
    const brand = chosenBrand(view);
    return <BrandPalette name={brand ? view.brand : args.name} brand={brand ?? args.brand} />;
  },
};
export const Hanok: Story = { args: { name: 'Hanok', brand: sampleBrands.hanok } };
export const Noir: Story = { args: { name: 'Noir', brand: sampleBrands.noir } };
export const Sunny: Story = { args: { name: 'Sunny', brand: sampleBrands.sunny } };
