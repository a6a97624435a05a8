import type { Meta, StoryObj } from '@storybook/react-vite';
import { EmailLayout } from '../../components/email-layout';
import { Paragraph } from '../../components/paragraph';
import { blockStory } from '../block-story';
import { americanOrderData, koreanOrderData, marketingFooterData } from '../fixtures';

const meta = {
  title: 'Blocks/EmailLayout',
  component: EmailLayout,
  args: {
    shop: koreanOrderData.shop,
    locale: 'ko',
    subject: 'The subject line, also the document title',
    preview: 'The preheader: hidden in the email, shown after the subject in the inbox.',
    kind: 'transactional',
    homeHref: koreanOrderData.shop.url,
    children: <Paragraph>The template's content goes here.</Paragraph>,
  },
  argTypes: {
    children: { control: false },
    kind: { control: 'inline-radio', options: ['transactional', 'marketing'] },
  },
  ...blockStory(EmailLayout, 'EmailLayout', {
    isDocument: true,
    note: 'The shell every email shares: lang and dir, colour-scheme metadata, preheader, logo header, footer.',
  }),
  tags: ['autodocs'],
} satisfies Meta<typeof EmailLayout>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Transactional: Story = {};
/** Marketing adds the social links, the unsubscribe link and the reason the reader gets this email. */
export const Marketing: Story = {
  args: {
    ...marketingFooterData,
    subject: 'The subject line, also the document title',
    homeHref: americanOrderData.shop.url,
  },
};
/** No dark logo: the same logo stays on the dark background. */
export const SingleLogo: Story = { args: { shop: { ...koreanOrderData.shop, logoDarkUrl: undefined } } };
