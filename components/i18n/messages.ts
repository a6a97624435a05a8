import type { CustomerVoice, WinBackVoice } from '../../core/customer-voice';
import type { ShipmentStatus } from '../../core/order-document';
import type { Variants } from '../../core/template';

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
    /** The discount line when the order names its codes: "Discount (WELCOME10)". */
    discountWithCodes: (codes: string) => string;
    shipping: string;
    freeShipping: string;
    tax: string;
    total: string;
    /** A price of 0: the locale's word for free, never "₩0". */
    free: string;
    /** The text equivalent of a star rating, for screen readers and the plain text ("4.7 out of 5, 132 reviews"). */
    ratingText: (average: string, count: number) => string;
    /** Under a code set alone in its box. */
    copyHint: string;
    shipTo: string;
    payment: (brand: string, last4: string) => string;
    moreItems: (count: number) => string;
    logoAlt: (shop: string) => string;
    questions: string;
    emailLabel: string;
    phoneLabel: string;
    contactPerson: (name: string, role?: string) => string;
    unsubscribe: string;
    /** Beside the unsubscribe link when `shop.preferencesUrl` is set. */
    preferences: string;
    /**
     * Marketing footers: who sends the email. Korea's and China's rules ask the body of advertising
     * mail to name the sender; in those locales the stock words are shown, whatever `shop.copy` says.
     */
    sender: (shop: string, address: string) => string;
    /** Marketing footers, before the unsubscribe (and preferences) links: how to refuse further mail, free. */
    refusal: string;
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
    subject: Variants<(orderNumber: string, firstName: string) => string>;
    preview: (firstName: string, total: string) => string;
    title: string;
    intro: (firstName: string) => string;
    placedOn: (date: string) => string;
    nextSteps: string;
    /** An all-digital order: the confirmation is a welcome that leads with the access buttons. */
    welcome: {
      subject: Variants<(firstName: string, shop: string) => string>;
      preview: (firstName: string) => string;
      title: string;
      intro: (firstName: string) => string;
      nextSteps: string;
    };
    /** A mixed order: some items are ready now, the rest ship. */
    mixedIntro: (firstName: string) => string;
    readyNow: string;
    /** The button for an item's access link when the document gives no label. */
    open: (item: string) => string;
    licenseKey: string;
    accessUntil: (date: string) => string;
  };
  shipping: {
    subject: Variants<Record<ShipmentStatus, (orderNumber: string) => string>>;
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
    subject: Variants<Record<CustomerVoice, (firstName: string, shop: string) => string>>;
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
    subject: Variants<(product: string) => string>;
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
    subject: Variants<(firstName: string, shop: string) => string>;
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
    subject: Variants<(firstName: string, shop: string) => string>;
    preview: (shop: string) => string;
    title: string;
    intro: (firstName: string) => string;
    view: string;
  };
  /** Marketing, weeks later: give a friend something, get something back. */
  referral: {
    subject: Variants<(firstName: string, give: string) => string>;
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
  /** Marketing, the end of the flow: a coupon for first-order customers, news for those who came back. */
  winBack: {
    subject: Variants<Record<WinBackVoice, (firstName: string, shop: string) => string>>;
    preview: { coupon: (shop: string, offer: string) => string; news: (shop: string) => string };
    title: Record<WinBackVoice, (firstName: string) => string>;
    body: { coupon: (shop: string, offer: string) => string; news: (shop: string) => string };
    codeLabel: string;
    validUntil: (date: string) => string;
    shop: string;
    /** Under the news: the shop's front door. */
    newsOutro: string;
  };
  /**
   * Transactional, on request: the link to the preference centre, sent when someone asks for it
   * on `/preferences` without an old email at hand.
   */
  preferencesLink: {
    subject: Variants<(shop: string) => string>;
    preview: (shop: string) => string;
    title: string;
    body: (firstName: string, shop: string) => string;
    button: string;
    /** For a request the reader did not make: nothing changes. */
    notRequested: string;
  };
  /** Marketing, a few days before the shortest-lived item runs out: buy it again. */
  replenishment: {
    subject: Variants<(firstName: string, product: string) => string>;
    preview: (product: string) => string;
    title: string;
    intro: (firstName: string) => string;
    lasts: (days: number) => string;
    runsOut: (date: string) => string;
    buyAgain: string;
    outro: string;
  };
}
