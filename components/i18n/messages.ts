import type { CustomerVoice } from '../../core/customer-voice';
import type { ShipmentStatus } from '../../core/order-document';

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
    ordered: string;
    shipped: string;
    outForDelivery: string;
    delivered: string;
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
  /** Marketing, after confirmation: three voices picked by `customerVoice()`. */
  thankYou: {
    subject: Record<CustomerVoice, (firstName: string, shop: string) => string>;
    preview: Record<CustomerVoice, (shop: string) => string>;
    title: Record<CustomerVoice, (firstName: string) => string>;
    body: Record<CustomerVoice, (shop: string) => string>;
    perksTitle: Record<CustomerVoice, string>;
    perks: Record<CustomerVoice, string>;
    perksCta: Record<CustomerVoice, string>;
    storyTitle: string;
    /** Leads into the contact's email address. */
    writeTo: (name: string) => string;
    signOff: string;
    /** The signature when the shop names no contact. */
    team: (shop: string) => string;
  };
  /** Transactional, just before delivery: how to use what was bought. */
  instructions: {
    subject: (product: string) => string;
    preview: (product: string) => string;
    intro: (firstName: string, product: string) => string;
    videoIntro: string;
    video: string;
    videoAlt: (title: string) => string;
    guideIntro: string;
    guide: string;
    help: string;
  };
  /** Marketing, after delivery: thanks first, then a one-tap rating. No incentive for good reviews. */
  review: {
    subject: (firstName: string) => string;
    preview: (shop: string) => string;
    title: (firstName: string) => string;
    thanks: (shop: string) => string;
    ask: string;
    starsQuestion: string;
    starLabel: (rating: number) => string;
    npsQuestion: (shop: string) => string;
    npsLabel: (score: number) => string;
    npsLow: string;
    npsHigh: string;
    itemsTitle: string;
    reviewItem: string;
    surveyIntro: string;
    survey: string;
  };
  /** Marketing, weeks later: what goes with the order. Never names what it already holds, not even in the copy. */
  crossSell: {
    subject: (firstName: string) => string;
    preview: (shop: string) => string;
    title: string;
    intro: (firstName: string) => string;
    view: string;
  };
  /** Marketing, weeks later: give a friend something, get something back. */
  referral: {
    subject: (firstName: string, give: string) => string;
    preview: (give: string, get: string) => string;
    title: string;
    body: (firstName: string, shop: string, give: string, get: string) => string;
    giveLabel: string;
    getLabel: string;
    codeLabel: string;
    copyHint: string;
    share: string;
    shareByEmail: string;
    /** The prefilled email a customer sends a friend, in the customer's language. */
    mailSubject: (firstName: string, shop: string, give: string) => string;
    mailBody: (shop: string, give: string, code: string, url: string) => string;
  };
}
