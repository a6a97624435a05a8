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
    discountWithCodes: (codes) => `Discount (${codes})`,
    shipping: 'Shipping',
    freeShipping: 'Free',
    tax: 'Tax',
    total: 'Total',
    free: 'Free',
    ratingText: (average, count) => `${average} out of 5, ${count} ${plural(count, 'review', 'reviews')}`,
    copyHint: 'Double-click or press and hold the code to copy it.',
    shipTo: 'Shipping to',
    payment: (brand, last4) => `Paid with ${brand.toUpperCase()} ending in ${last4}`,
    moreItems: (count) => `+${count} more ${plural(count, 'item', 'items')} — view your order`,
    logoAlt: (shop) => shop,
    questions: 'Questions? Just reply to this email.',
    emailLabel: 'Email:',
    phoneLabel: 'Phone:',
    contactPerson: (name, role) =>
      role ? `${name}, ${role}, reads every reply.` : `${name} reads every reply.`,
    unsubscribe: 'Unsubscribe',
    preferences: 'Manage preferences',
    sender: (shop, address) => `${shop} · ${address}`,
    refusal: 'Rather not get these emails? You can leave at any time:',
    whyReceived: (shop) => `You're receiving this because you shopped at ${shop}.`,
    transactionalNote: (shop) => `This is a service email about your order at ${shop}.`,
    followUs: 'Follow us',
  },
  progress: {
    ordered: 'Ordered',
    shipped: 'Shipped',
    outForDelivery: 'Out for delivery',
    delivered: 'Delivered',
  },
  confirmation: {
    subject: {
      a: (orderNumber) => `Order #${orderNumber} confirmed`,
      b: (orderNumber, firstName) => `Thanks, ${firstName}! We've got order #${orderNumber}`,
    },
    preview: (firstName, total) =>
      `Thanks, ${firstName}! We've got your order (${total}) and we're getting it ready.`,
    title: 'Thanks for your order',
    intro: (firstName) =>
      `Hi ${firstName}, we've received your order and we're getting it ready. We'll email you again as soon as it ships.`,
    placedOn: (date) => `Placed on ${date}`,
    nextSteps: 'You can check its status at any time on your order page.',
    welcome: {
      subject: {
        a: () => 'Thanks — welcome!',
        b: (_firstName, shop) => `Your ${shop} order is ready to use`,
      },
      preview: (firstName) =>
        `Thanks, ${firstName}! Everything you bought is ready: your access details are inside.`,
      title: 'Thanks — welcome!',
      intro: (firstName) =>
        `Hi ${firstName}, thank you for your order. There's nothing to wait for: everything you bought is ready now, right from the buttons below.`,
      nextSteps: 'Keep this email: your links and keys are also on your order page whenever you need them.',
    },
    mixedIntro: (firstName) =>
      `Hi ${firstName}, thank you for your order. Part of it is ready for you right now, and we're getting the rest ready to ship. We'll email you again as soon as it's on its way.`,
    readyNow: 'Ready now',
    open: (item) => `Open ${item}`,
    licenseKey: 'License key',
    accessUntil: (date) => `Available until ${date}`,
  },
  shipping: {
    subject: {
      a: {
        shipped: () => 'Your order is on its way',
        delayed: (orderNumber) => `Update: order #${orderNumber} is delayed`,
        out_for_delivery: () => 'Your order is out for delivery today',
        delivered: (orderNumber) => `Order #${orderNumber} has been delivered`,
      },
      b: {
        shipped: (orderNumber) => `Good news: order #${orderNumber} has shipped`,
        delayed: (orderNumber) => `Order #${orderNumber} needs a little more time`,
        out_for_delivery: (orderNumber) => `Arriving today: order #${orderNumber}`,
        delivered: (orderNumber) => `It's here! Order #${orderNumber} was delivered`,
      },
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
      shipped: (firstName) =>
        `Good news, ${firstName}: your order is on its way. You can follow it with the tracking link below.`,
      delayed: (firstName) =>
        `Sorry, ${firstName}: your parcel is taking longer than planned. It's still on its way, and the tracking page has the latest estimate.`,
      out_for_delivery: (firstName) =>
        `${firstName}, your parcel is out for delivery and should reach you today. Keep an eye out for the courier.`,
      delivered: (firstName) =>
        `${firstName}, your parcel has been delivered. If anything is missing or damaged, reply to this email and we'll sort it out.`,
    },
    partial: (shipped, total) => `This parcel holds ${shipped} of the ${total} items in your order.`,
    remaining: (count) =>
      `The other ${count} ${plural(count, 'item follows', 'items follow')} in a separate parcel.`,
    inThisShipment: 'In this parcel',
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    estimatedDelivery: 'Estimated delivery',
    track: 'Track your parcel',
  },
  thankYou: {
    subject: {
      a: {
        'first-order': (firstName, shop) => `Welcome to ${shop}, ${firstName}`,
        returning: (firstName) => `Thanks for coming back, ${firstName}`,
        vip: (firstName) => `${firstName}, thank you — you're one of our VIPs`,
      },
      b: {
        'first-order': (_firstName, shop) => `A little thank-you from all of us at ${shop}`,
        returning: (firstName, shop) => `${firstName}, ${shop} is glad you're back`,
        vip: (firstName) => `A special thank-you for you, ${firstName}`,
      },
    },
    preview: {
      'first-order': (shop) =>
        `Thank you for your first order at ${shop}. We hope it's the start of something good.`,
      returning: () => `It's good to see you again. Your order is in good hands.`,
      vip: () => 'A proper thank-you, and the perks that come with it.',
    },
    title: {
      'first-order': (firstName) => `Welcome, ${firstName}!`,
      returning: (firstName) => `Good to see you again, ${firstName}`,
      vip: (firstName) => `Thank you, ${firstName}`,
    },
    body: {
      'first-order': (shop) =>
        `Thank you for choosing ${shop} for your first order. We're a small team, and every order means a lot to us. We hope you love what's on its way.`,
      returning: (shop) =>
        `Thank you for shopping with ${shop} again. A customer who comes back is the best compliment we could ask for.`,
      vip: (shop) => `Orders like yours keep ${shop} going, and we don't take that for granted.`,
    },
    perksTitle: { 'first-order': 'Become a member', returning: 'For our regulars', vip: 'Your VIP perks' },
    perks: {
      'first-order':
        'Members hear about new arrivals first and collect rewards on every order. Joining is free.',
      returning: "You'll be the first to hear about new arrivals and restocks of the things you like.",
      vip: 'Early access to new collections, a direct line to our team, and priority help whenever you need it.',
    },
    perksCta: { 'first-order': 'Join for free', returning: "See what's new", vip: 'Explore new arrivals' },
    storyTitle: 'Our story',
    writeTo: (name) => `If there's anything you need, write to ${name} — a real person reads every message:`,
    signOff: 'Warmly,',
    team: (shop) => `The ${shop} team`,
  },
  instructions: {
    subject: {
      a: (product) => `Getting started with ${product}`,
      b: (product) => `How to get the most from your ${product}`,
    },
    preview: (product) => `A few simple steps to get the most from your ${product}.`,
    intro: (firstName, product) =>
      `Hi ${firstName}, your ${product} is almost with you. Here's how to get off to a good start.`,
    videoIntro: 'Prefer to watch? The short video shows every step.',
    video: 'Watch the video',
    videoAlt: (title) => `Play the video: ${title}`,
    guideIntro: 'Want more detail? The full guide covers care, tips and common questions.',
    guide: 'Read the full guide',
    help: "Stuck on a step? Reply to this email and we'll walk you through it.",
  },
  review: {
    subject: {
      a: (firstName) => `How did we do, ${firstName}?`,
      b: (_firstName, shop) => `Got a minute? Tell ${shop} what you think`,
    },
    preview: (shop) => `Thank you for shopping at ${shop}. One tap tells us how it went.`,
    title: (firstName) => `Thank you, ${firstName}`,
    thanks: (shop) =>
      `Thank you again for your order at ${shop}. We hope everything arrived safely and that you're enjoying it.`,
    ask: 'Would you tell us how it went? It takes one tap, and every honest answer, good or bad, helps us do better.',
    starsQuestion: 'How would you rate your order?',
    starLabel: (rating) => `${rating} ${plural(rating, 'star', 'stars')}`,
    npsQuestion: (shop) => `How likely are you to recommend ${shop} to a friend?`,
    npsLabel: (score) => `${score} out of 10`,
    npsLow: '0 = not likely',
    npsHigh: '10 = very likely',
    itemsTitle: 'Review what you bought',
    reviewItem: 'Write a review',
    surveyIntro: 'Have a few more minutes? Tell us more in a short survey.',
    survey: 'Take the survey',
  },
  crossSell: {
    subject: {
      a: (firstName) => `${firstName}, you might also like these`,
      b: (firstName, shop) => `Picked for you at ${shop}, ${firstName}`,
    },
    preview: (shop) => `A few things from ${shop} that go well with what you bought.`,
    title: 'You might also like…',
    intro: (firstName) =>
      `Hi ${firstName}, we picked a few things that go well with your last order. No rush: they'll be here when you're ready.`,
    view: 'Take a look',
  },
  referral: {
    subject: {
      a: (firstName, give) => `${firstName}, give a friend ${give}`,
      b: (_firstName, give) => `Share the love: ${give} for a friend, a reward for you`,
    },
    preview: (give, get) => `They get ${give}, you get ${get}. Your code is inside.`,
    title: 'Share the good stuff',
    body: (_firstName, shop, give, get) =>
      `Know someone who'd love ${shop}? Share your code: your friend gets ${give}, and once they've ordered, you get ${get}.`,
    giveLabel: 'Your friend gets',
    getLabel: 'You get',
    codeLabel: 'Your code',
    copyHint: 'Double-click or press and hold the code to copy it.',
    share: 'Share your link',
    shareByEmail: 'Or invite a friend by email',
    mailSubject: (firstName, shop, give) => `${firstName} sent you ${give} at ${shop}`,
    mailBody: (shop, give, code, url) =>
      `Hi!\n\nI've been shopping at ${shop} and thought you'd like it too. Use my code ${code} or the link below and you'll get ${give}.\n\n${url}`,
  },
  winBack: {
    subject: {
      a: {
        coupon: (firstName) => `We miss you, ${firstName}`,
        news: (_firstName, shop) => `What's new at ${shop}`,
      },
      b: {
        coupon: () => 'A little something for your next order',
        news: (firstName, shop) => `${firstName}, fresh from ${shop}`,
      },
    },
    preview: {
      coupon: (shop, offer) => `${offer} on your next order at ${shop}. Your code is inside.`,
      news: (shop) => `New arrivals and news from ${shop}, picked for you.`,
    },
    title: {
      coupon: (firstName) => `We'd love to see you again, ${firstName}`,
      news: (firstName) => `Here's what's new, ${firstName}`,
    },
    body: {
      coupon: (shop, offer) =>
        `It's been a few weeks since your first order at ${shop}, and we hope you're enjoying it. Here's ${offer} toward your next one: enter the code below at checkout.`,
      news: (shop) =>
        `Thank you for being a regular at ${shop}. Here's what we've been working on since your last order.`,
    },
    codeLabel: 'Your code',
    validUntil: (date) => `Valid until ${date}`,
    shop: 'Shop now',
    newsOutro: 'There is more in the shop whenever you feel like a look around.',
  },
  preferencesLink: {
    subject: {
      a: (shop) => `Your email preferences at ${shop}`,
      b: (shop) => `Here is your link to choose the emails ${shop} sends you`,
    },
    preview: (shop) =>
      `Choose which emails ${shop} sends you, pause them for a while, or turn marketing off.`,
    title: 'Your email preferences',
    body: (firstName, shop) =>
      `Hi ${firstName}, you asked for a link to your email preferences at ${shop}. Choose which emails you want to keep, pause them for 30, 60 or 90 days, or turn marketing off altogether. Emails about your orders keep coming either way.`,
    button: 'Choose my emails',
    notRequested:
      "Didn't ask for this? You can ignore this email: nothing changes until you choose, and the link works only for your address.",
  },
  replenishment: {
    subject: {
      a: (_firstName, product) => `Running low on ${product}?`,
      b: (firstName) => `Time to restock, ${firstName}?`,
    },
    preview: (product) => `Your ${product} may run out soon. Reorder in a tap before it does.`,
    title: 'Running low?',
    intro: (firstName) =>
      `Hi ${firstName}, going by your last order, some of your favourites may be running out soon. Reorder now and you won't have to go without.`,
    lasts: (days) => `Lasts about ${days} ${plural(days, 'day', 'days')}`,
    runsOut: (date) => `May run out around ${date}`,
    buyAgain: 'Buy again',
    outro: "Still have plenty? No problem: we'll be here when you need more.",
  },
} satisfies Messages;
