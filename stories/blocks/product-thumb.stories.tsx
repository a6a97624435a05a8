import type { Meta, StoryObj } from '@storybook/react-vite';
import { Column, Row, Text } from 'react-email';
import { ProductThumb, type ProductThumbProps } from '../../components/product-thumb';
import { blockStory } from '../block-story';

/** A thumbnail is a table cell: shown in a row beside the product's name, as LineItems and ReviewItems use it. */
function ThumbInRow(props: ProductThumbProps) {
  return (
    <Row>
      <ProductThumb {...props} />
      <Column>
        <Text>{props.name}</Text>
      </Column>
    </Row>
  );
}

const meta = {
  title: 'Blocks/ProductThumb',
  component: ThumbInRow,
  args: {
    href: 'https://shop.example.com/p/tea',
    imageUrl: 'https://shop.example.com/i/tea.jpg',
    name: 'Jeju green tea set',
  },
  ...blockStory(ThumbInRow, 'ProductThumb'),
  tags: ['autodocs'],
} satisfies Meta<typeof ThumbInRow>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Top: Story = {};
/** Centred beside a short line, as in the review request's item list. */
export const Middle: Story = { args: { align: 'middle', spacing: 'xs' } };
