import type { ShipmentStatus } from '../order-document';

/**
 * Every string a template shows, in one typed shape: a locale file that misses a key
 * (or gets a signature wrong) fails the type check.
 */
export interface Messages {
  /** BCP 47 tag for `<html lang>`. */
  lang: string;
  dir: 'ltr' | 'rtl';
  common: {
    greeting: (firstName: string) => string;
    orderNumber: (number: string) => string;
    viewOrder: string;
    items: string;
    quantity: (n: number) => string;
    subtotal: string;
    discount: string;
    shipping: string;
    freeShipping: string;
    tax: string;
    total: string;
    shipTo: string;
    payment: (brand: string, last4: string) => string;
    moreItems: (count: number) => string;
    logoAlt: (shop: string) => string;
    questions: string;
    emailLabel: string;
    phoneLabel: string;
    contactPerson: (name: string, role?: string) => string;
    unsubscribe: string;
    whyReceived: (shop: string) => string;
    transactionalNote: (shop: string) => string;
    followUs: string;
  };
  progress: {
    label: string;
    ordered: string;
    shipped: string;
    outForDelivery: string;
    delivered: string;
    current: string;
  };
  confirmation: {
    subject: (orderNumber: string) => string;
    preview: (firstName: string, total: string) => string;
    title: string;
    intro: (firstName: string) => string;
    placedOn: (date: string) => string;
    nextSteps: string;
  };
  shipping: {
    subject: Record<ShipmentStatus, (orderNumber: string) => string>;
    preview: Record<ShipmentStatus, (carrier: string) => string>;
    title: Record<ShipmentStatus, string>;
    body: Record<ShipmentStatus, (firstName: string) => string>;
    partial: (shipped: number, total: number) => string;
    remaining: (count: number) => string;
    inThisShipment: string;
    carrier: string;
    trackingNumber: string;
    estimatedDelivery: string;
    track: string;
  };
}
