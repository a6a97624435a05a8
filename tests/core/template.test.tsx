import { render } from 'react-email';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isValidatedDocument,
  orderDocumentSchema,
  parseOrderDocument,
  ValidationError,
} from '../../core/order-document';
import { validateFor } from '../../core/template';
import { renderEmail, ShippingUpdateEmail, templates } from '../../emails';
import { koreanOrderData } from '../../emails/_samples';
import { variant } from '../support';

/** Counts the schema parses a piece of work costs. */
function parses() {
  return vi.spyOn(orderDocumentSchema, 'safeParse');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('defineTemplate()', () => {
  it('gives the registry whole templates: metadata and component in one object', () => {
    const template = templates['shipping-update'];
    expect(template.component).toBe(ShippingUpdateEmail);
    expect(template.id).toBe('shipping-update');
    expect(template.requires).toEqual(['shipment']);
    expect(template.subject(koreanOrderData, 'en', 'a')).toBe('Your order is on its way');
  });
});

describe('a document validated once', () => {
  it('is frozen and remembered by parseOrderDocument, which returns it as it is the second time', () => {
    const raw = variant();
    expect(isValidatedDocument(raw)).toBe(false);
    const doc = parseOrderDocument(raw);
    expect(isValidatedDocument(doc)).toBe(true);
    expect(parseOrderDocument(doc)).toBe(doc);
    expect(Object.isFrozen(doc.order.items[0])).toBe(true);
    expect(() => {
      (doc.order as { total: number }).total = -1;
    }).toThrow(TypeError);
  });

  it('costs renderEmail one schema parse, the component inside it none', async () => {
    const spy = parses();
    await renderEmail('shipping-update', variant(), { locale: 'en' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('costs renderEmail one parse with every render option given (a live step: recipient, feedback step…)', async () => {
    const spy = parses();
    await renderEmail('review-request', variant(), {
      locale: 'en',
      recipient: 'someone@example.com',
      unsubscribeSecret: 'secret',
      subjectVariant: 'a',
      feedbackStep: 'step-1',
    });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('costs renderEmail no parse at all when the caller already validated it', async () => {
    const doc = parseOrderDocument(variant());
    const spy = parses();
    const email = await renderEmail('shipping-update', doc, { locale: 'en' });
    expect(spy).not.toHaveBeenCalled();
    expect(email.subject).toBe('Your order is on its way');
  });

  it('still runs the template’s own checks: a parsed document without a shipment is refused', () => {
    const doc = parseOrderDocument(variant(undefined, (d) => Object.assign(d, { shipment: undefined })));
    expect(() => validateFor(templates['shipping-update'], doc)).toThrow(
      'shipment: required by the shipping-update template',
    );
  });

  it('is parsed by a component rendered by hand, as the contract requires', async () => {
    const spy = parses();
    const html = await render(<ShippingUpdateEmail {...variant()} locale="en" />);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(html).toContain('CJ대한통운');
  });

  it('is not trusted once a part is swapped for an unvalidated one', async () => {
    const doc = validateFor(templates['shipping-update'], variant());
    const broken = { ...doc, shipment: { ...doc.shipment, trackingUrl: 'javascript:alert(1)' } };
    const error = await render(<ShippingUpdateEmail {...broken} locale="en" />).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toContain(
      'shipment.trackingUrl: expected an https: or mailto: URL',
    );
  });

  it('is not trusted when props carry a field the document did not', async () => {
    const doc = validateFor(templates['shipping-update'], variant());
    const spy = parses();
    await render(<ShippingUpdateEmail {...doc} {...{ extra: 'x' }} locale="en" />);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
