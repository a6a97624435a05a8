import type { Preview } from '@storybook/react-vite';
import { DEFAULT_VIEW } from '../stories/globals';

/**
 * Toolbar globals every email story reads (stories/globals.ts): the locale, the colour treatment
 * the recipient's client applies, the width it gives the email, and the shop's brand.
 */
const preview = {
  globalTypes: {
    locale: {
      description: 'Locale of the email (copy, subject, money, dates)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        dynamicTitle: true,
        items: [
          { value: 'auto', title: "Customer's locale" },
          { value: 'en', right: 'en', title: 'English' },
          { value: 'ko', right: 'ko', title: '한국어' },
          { value: 'zh-CN', right: 'zh-CN', title: '简体中文' },
        ],
      },
    },
    theme: {
      description: 'How the mail client colours the email',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: 'light', icon: 'sun', title: 'Light' },
          { value: 'dark', icon: 'moon', title: 'Dark (prefers-color-scheme)' },
          { value: 'inverted', icon: 'transfer', title: 'Forced inversion (Gmail app)' },
        ],
      },
    },
    brand: {
      description: "The shop's brand (shop.brand): the document's own, or a sample",
      toolbar: {
        title: 'Brand',
        icon: 'paintbrush',
        dynamicTitle: true,
        items: [
          { value: 'document', title: "The document's own (none: today's colours)" },
          { value: 'hanok', title: 'Hanok · celadon green' },
          { value: 'noir', title: 'Noir · gold on black, serif' },
          { value: 'sunny', title: 'Sunny · yellow, black button text' },
        ],
      },
    },
    width: {
      description: 'Width the mail client gives the email',
      toolbar: {
        title: 'Width',
        icon: 'mobile',
        dynamicTitle: true,
        items: [
          { value: 'mobile', icon: 'mobile', title: 'Mobile · 375 px' },
          { value: 'desktop', icon: 'browser', title: 'Desktop · 600 px' },
          { value: 'wide', icon: 'grow', title: 'Wide · 1024 px' },
        ],
      },
    },
  },
  initialGlobals: { ...DEFAULT_VIEW },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    a11y: {
      // Violations fail the story, in the panel and in `npm run test:storybook`.
      test: 'error',
      // An email is shown inside a mail client, whose own page holds the landmarks; asking the
      // email (or the frame around it) for them would only teach people to ignore the panel.
      // Run options, not `config`: axe passes them on to the email's iframe, and `config` stays behind.
      options: { rules: { region: { enabled: false }, 'landmark-one-main': { enabled: false } } },
    },
    // Emails in the order a customer receives them, after the timeline of the whole sequence.
    options: {
      storySort: {
        order: [
          'Emails',
          [
            'Sequence',
            'Order confirmation',
            'Shipping update',
            'Thank you',
            'Product instructions',
            'Review request',
            'Cross-sell',
            'Referral',
          ],
          'Blocks',
          'Design',
        ],
      },
    },
  },
  tags: ['autodocs'],
} satisfies Preview;

export default preview;
