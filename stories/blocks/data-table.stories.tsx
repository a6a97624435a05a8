import type { Meta, StoryObj } from '@storybook/react-vite';
import { DataTable, type DataTableProps, LabelledRows } from '../../components/data-table';
import { text } from '../../components/styles';
import { blockStory } from '../block-story';

type FactsProps = Omit<DataTableProps, 'children'> &
  Readonly<{ rows: readonly (readonly [string, string])[] }>;

/** The table with label/value rows, as the shipping update lays out carrier and tracking facts. */
function Facts({ rows, ...props }: FactsProps) {
  return (
    <DataTable {...props}>
      <LabelledRows rows={rows} labelStyle={text.label} valueStyle={text.value} />
    </DataTable>
  );
}

const meta = {
  title: 'Blocks/DataTable',
  component: Facts,
  args: {
    rows: [
      ['Carrier', 'CJ Logistics'],
      ['Tracking number', '6543210987'],
      ['Estimated delivery', 'Tue, November 24, 2026'],
    ],
  },
  ...blockStory(Facts, 'DataTable', { note: 'In the plain text, its rows become aligned columns.' }),
  tags: ['autodocs'],
} satisfies Meta<typeof Facts>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ShipmentFacts: Story = {};
/** In a tinted box, as in the shipping update. */
export const Boxed: Story = { args: { className: 'pp-box' } };
