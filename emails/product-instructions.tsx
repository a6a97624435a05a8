import type { CSSProperties } from 'react';
import { Button } from '../components/button';
import { themed } from '../components/design';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { InstructionSteps } from '../components/instruction-steps';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { stylesFor } from '../components/styles';
import { space } from '../components/theme';
import { Title } from '../components/title';
import { VideoLink } from '../components/video-link';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

/** The product the email is about: the order's first line. */
const productName = (doc: { order: { items: readonly { name: string }[] } }) =>
  doc.order.items[0]?.name ?? '';

export type ProductInstructionsProps = TemplateProps<'instructions'>;

/** Sent just before delivery. Transactional: steps, a guide and a video for what was bought, nothing to sell. */
export function ProductInstructionsEmail(props: ProductInstructionsProps) {
  const { doc, t, link, layout, theme } = prepare(productInstructions, props);
  const styles = makeStyles(theme);
  const { customer, instructions } = doc;
  const copy = t.instructions;
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{instructions.title}</Title>
      <Paragraph>{copy.intro(customer.firstName, productName(doc))}</Paragraph>
      <InstructionSteps steps={instructions.steps} />
      {instructions.videoUrl ? (
        <>
          <Paragraph>{copy.videoIntro}</Paragraph>
          <VideoLink
            href={link(instructions.videoUrl)}
            thumbnailUrl={instructions.videoThumbnailUrl}
            label={copy.video}
            alt={copy.videoAlt(instructions.title)}
          />
        </>
      ) : null}
      <Paragraph>{copy.guideIntro}</Paragraph>
      <Button href={link(instructions.guideUrl)}>{copy.guide}</Button>
      <Paragraph tone="muted" style={styles.help}>
        {copy.help}
      </Paragraph>
    </EmailLayout>
  );
}

ProductInstructionsEmail.PreviewProps = koreanOrderData satisfies ProductInstructionsProps;
export default ProductInstructionsEmail;

export const productInstructions = defineTemplate({
  id: 'product-instructions',
  kind: 'transactional',
  goal: 'click',
  sent: 'Day 7, just before delivery: how to use what was bought. Transactional: no promotions.',
  requires: ['instructions'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).instructions.subject[variant](productName(doc)),
  preview: (doc, locale) => messages(locale, doc.shop.copy).instructions.preview(productName(doc)),
  component: ProductInstructionsEmail,
});

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    help: { ...text.muted, margin: `${space.lg} 0 0` },
  } satisfies Record<string, CSSProperties>;
});
