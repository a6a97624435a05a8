import type { Messages } from './messages';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const en = {
  lang: 'en',
  dir: 'ltr',
  common: {
    greeting: (firstName) => `Hi ${firstName},`,
    orderNumber: (number) => `Order #${number}`,
    viewOrder: 'View your order',
    items: 'Items',
    quantity: (n) => `Qty ${n}`,
    subtotal: 'Subtotal',
    discount: 'Discount',
    shipping: 'Shipping',
    freeShipping: 'Free',
    tax: 'Tax',
    total: 'Total',
    shipTo: 'Shipping to',
    payment: (brand, last4) => `Paid with ${brand.toUpperCase()} ending in ${last4}`,
    moreItems: (count) => `+${count} more ${plural(count, 'item', 'items')} — view your order`,
    logoAlt: (shop) => shop,
    questions: 'Questions? Just reply to this email.',
    emailLabel: 'Email:',
    phoneLabel: 'Phone:',
    contactPerson: (name, role) => (role ? `${name}, ${role}, reads every reply.` : `${name} reads every reply.`),
    unsubscribe: 'Unsubscribe',
    whyReceived: (shop) => `You're receiving this because you shopped at ${shop}.`,
    transactionalNote: (shop) => `This is a service email about your order at ${shop}.`,
    followUs: 'Follow us',
  },
  progress: {
    label: 'Delivery progress',
    ordered: 'Ordered',
    shipped: 'Shipped',
    outForDelivery: 'Out for delivery',
    delivered: 'Delivered',
    current: '(current step)',
  },
  confirmation: {
    subject: (orderNumber) => `Order #${orderNumber} confirmed`,
    preview: (firstName, total) => `Thanks, ${firstName}! We've got your order (${total}) and we're getting it ready.`,
    title: 'Thanks for your order',
    intro: (firstName) =>
      `Hi ${firstName}, we've received your order and we're getting it ready. We'll email you again as soon as it ships.`,
    placedOn: (date) => `Placed on ${date}`,
    nextSteps: 'You can check its status at any time on your order page.',
  },
  shipping: {
    subject: {
      shipped: () => 'Your order is on its way',
      delayed: (orderNumber) => `Update: order #${orderNumber} is delayed`,
      out_for_delivery: () => 'Your order is out for delivery today',
      delivered: (orderNumber) => `Order #${orderNumber} has been delivered`,
    },
    preview: {
      shipped: (carrier) => `Your parcel is with ${carrier}. Track it any time.`,
      delayed: (carrier) => `${carrier} needs a little more time. Here's the latest.`,
      out_for_delivery: (carrier) => `${carrier} will deliver your parcel today.`,
      delivered: (carrier) => `${carrier} has delivered your parcel.`,
    },
    title: {
      shipped: 'Your order has shipped',
      delayed: 'Your delivery is running late',
      out_for_delivery: 'Arriving today',
      delivered: 'Delivered',
    },
    body: {
      shipped: (firstName) => `Good news, ${firstName}: your order is on its way. You can follow it with the tracking link below.`,
      delayed: (firstName) =>
        `Sorry, ${firstName}: your parcel is taking longer than planned. It's still on its way, and the tracking page has the latest estimate.`,
      out_for_delivery: (firstName) =>
        `${firstName}, your parcel is out for delivery and should reach you today. Keep an eye out for the courier.`,
      delivered: (firstName) =>
        `${firstName}, your parcel has been delivered. If anything is missing or damaged, reply to this email and we'll sort it out.`,
    },
    partial: (shipped, total) => `This parcel holds ${shipped} of the ${total} items in your order.`,
    remaining: (count) => `The other ${count} ${plural(count, 'item follows', 'items follow')} in a separate parcel.`,
    inThisShipment: 'In this parcel',
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    estimatedDelivery: 'Estimated delivery',
    track: 'Track your parcel',
  },
} satisfies Messages;
