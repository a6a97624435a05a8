import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { Link } from '../components/primitives';
import { RatingLinks, ratingUrl } from '../components/rating-links';
import { ReviewItems } from '../components/review-items';
import { stylesFor } from '../components/styles';
import { Title } from '../components/title';
import { feedbackLink } from '../core/links';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type ReviewRequestProps = TemplateProps<'review'>;

/** Sent after delivery. Marketing: a thank-you, then one-click rating links, per-item review links and an optional survey. */
export function ReviewRequestEmail(props: ReviewRequestProps) {
  const { doc, locale, t, link, layout, theme } = prepare(reviewRequest, props);
  const { text } = stylesFor(theme);
  const { shop, customer, order, review } = doc;
  const copy = t.review;
  const scale = review.scale ?? 'stars';
  const reviewable = order.items.filter((item) => item.reviewUrl);
  // Answers come back to us (shop.feedbackUrl), signed for this step and score, when the email is a stored step.
  const feedback =
    shop.feedbackUrl && props.feedbackStep && props.unsubscribeSecret
      ? { url: shop.feedbackUrl, step: props.feedbackStep, secret: props.unsubscribeSecret }
      : undefined;
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title(customer.firstName)}</Title>
      <Paragraph>{copy.thanks(shop.name)}</Paragraph>
      <Paragraph>{copy.ask}</Paragraph>
      <RatingLinks
        scale={scale}
        question={scale === 'nps' ? copy.npsQuestion(shop.name) : copy.starsQuestion}
        // Fill in the rating first, then add campaign parameters: the link must carry both.
        hrefFor={(rating) =>
          feedback
            ? feedbackLink(feedback.url, feedback.step, rating, feedback.secret)
            : link(ratingUrl(review.reviewUrl, rating))
        }
        locale={locale}
      />
      {reviewable.length > 0 ? (
        <ReviewItems
          title={copy.itemsTitle}
          items={reviewable}
          hrefFor={(item) => link(item.reviewUrl ?? item.url)}
          cta={copy.reviewItem}
        />
      ) : null}
      {review.surveyUrl ? (
        <Paragraph>
          {copy.surveyIntro}{' '}
          <Link href={link(review.surveyUrl)} style={text.link}>
            {copy.survey}
          </Link>
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}

// Marketing previews need a key for the sample's {token} unsubscribe link; a real send passes UNSUBSCRIBE_SECRET.
ReviewRequestEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies ReviewRequestProps;
export default ReviewRequestEmail;

export const reviewRequest = defineTemplate({
  id: 'review-request',
  kind: 'marketing',
  goal: 'review',
  sent: 'Day 14, after delivery: thanks first, then a one-tap rating. No incentive for a good review.',
  requires: ['review'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).review.subject[variant](doc.customer.firstName, doc.shop.name),
  preview: (doc, locale) => messages(locale, doc.shop.copy).review.preview(doc.shop.name),
  component: ReviewRequestEmail,
});
