import type { FooterProps } from '../components/footer';
import type { Order, OrderItem } from '../core/order-document';
import {
  americanOrderData,
  type CompleteDocument,
  chineseOrderData,
  koreanOrderData,
} from '../emails/_samples';

/**
 * Order documents for the states the stories show, each derived from a complete sample so it
 * stays valid as the samples change. Names end in `Data`, like every shared fixture (STYLE.md).
 */

export { americanOrderData, chineseOrderData, koreanOrderData };

/** The order with subtotal and total recomputed from its lines. */
function withTotals<O extends Order>(order: O): O {
  const subtotal = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  return { ...order, subtotal, total: subtotal - (order.discount ?? 0) + order.shipping + (order.tax ?? 0) };
}

const base = koreanOrderData;
const [tea, teapot] = base.order.items as [OrderItem, OrderItem];

/** 10% off the whole order, and struck-through list prices. */
export const discountedOrderData: CompleteDocument = {
  ...base,
  order: withTotals({
    ...base.order,
    items: [tea, { ...teapot, unitPrice: 42000, compareAtPrice: 56000 }],
    discount: 12000,
    discountCodes: ['WELCOME10'],
  }),
};

const catalogue = [
  ...base.order.items,
  ...base.recommendations.map((r) => ({ ...r, quantity: 1, unitPrice: r.price })),
];

/** Forty lines: the email shows the first ones and links to the rest, staying far below Gmail's clip. */
export const manyItemsOrderData: CompleteDocument = {
  ...base,
  order: withTotals({
    ...base.order,
    items: Array.from({ length: 40 }, (_, i): OrderItem => {
      const model = catalogue[i % catalogue.length] as (typeof catalogue)[number];
      return {
        id: `sku-many-${String(i + 1).padStart(2, '0')}`,
        name: `${model.name} No. ${i + 1}`,
        quantity: 1 + (i % 3),
        unitPrice: 'unitPrice' in model ? model.unitPrice || 9000 : 9000,
        imageUrl: model.imageUrl,
        url: model.url,
      };
    }),
  }),
  shipment: { ...base.shipment, itemIds: undefined },
};

/** Names, variants and an address far longer than a design expects, one of them a single unbroken word. */
export const longNamesOrderData: CompleteDocument = {
  ...base,
  shop: { ...base.shop, name: 'Hanok Goods & Traditional Korean Tea Ceremony Supplies Cooperative' },
  customer: {
    ...base.customer,
    firstName: 'Maximiliana-Josephina',
    lastName: 'Wolfeschlegelsteinhausenbergerdorff',
  },
  order: {
    ...base.order,
    items: [
      {
        ...tea,
        name: 'Hand-picked first-flush Jeju volcanic-island organic green tea ceremony set with bamboo scoop and linen pouch',
        variant: 'Ujeon grade · 50 g × 3 tins · gift-wrapped with a handwritten card in Korean and English',
      },
      { ...teapot, name: 'Onggiclayteapotfiredinatraditionalwoodkilnfortwentyfourhours' },
    ],
    shippingAddress: {
      ...base.order.shippingAddress,
      name: 'Maximiliana-Josephina Wolfeschlegelsteinhausenbergerdorff',
      line1: 'Building 104, Raemian Gangnam Forest Apartments, 45 Toegye-ro 20-gil',
      line2: 'Apartment 3024, leave with the concierge on the ground floor if nobody answers',
    },
  },
};

/** Yen have no minor unit: 4,200 in the document is ¥4,200. */
export const yenOrderData: CompleteDocument = {
  ...base,
  order: withTotals({
    ...base.order,
    currency: 'JPY',
    items: [
      { ...tea, unitPrice: 4200, compareAtPrice: 5200 },
      { ...teapot, unitPrice: 9800 },
    ],
    shipping: 600,
    discount: 0,
    tax: 0,
  }),
  recommendations: base.recommendations.map((r) => ({
    ...r,
    price: Math.round(r.price / 9),
    compareAtPrice: undefined,
  })),
};

/** Every item in one parcel. */
export const shippedData: CompleteDocument = {
  ...base,
  shipment: { ...base.shipment, status: 'shipped', itemIds: undefined },
};
export const delayedData: CompleteDocument = {
  ...shippedData,
  shipment: { ...shippedData.shipment, status: 'delayed', estimatedDelivery: '2026-11-27' },
};
export const outForDeliveryData: CompleteDocument = {
  ...shippedData,
  shipment: { ...shippedData.shipment, status: 'out_for_delivery', estimatedDelivery: '2026-11-23' },
};
export const deliveredData: CompleteDocument = {
  ...shippedData,
  shipment: { ...shippedData.shipment, status: 'delivered' },
};
/** One of the two items ships now; the other follows. */
export const partialShipmentData: CompleteDocument = {
  ...base,
  shipment: { ...base.shipment, status: 'shipped', itemIds: [tea.id] },
};

/** `customer.ordersCount` 1 and a total below `shop.vipThreshold`. */
export const firstOrderData: CompleteDocument = { ...base, customer: { ...base.customer, ordersCount: 1 } };
/** A fourth order, still below the VIP threshold. */
export const returningData: CompleteDocument = { ...base, customer: { ...base.customer, ordersCount: 4 } };
/** A total at or above `shop.vipThreshold` (₩300,000 for this shop). */
export const vipData: CompleteDocument = {
  ...base,
  customer: { ...base.customer, ordersCount: 2 },
  order: withTotals({
    ...base.order,
    items: [
      ...base.order.items,
      {
        ...tea,
        id: 'sku-tea-chest',
        name: '제주 햇차 보관함, 일 년 치 수확',
        variant: undefined,
        quantity: 1,
        unitPrice: 260000,
        compareAtPrice: undefined,
      },
    ],
  }),
};

export const starsReviewData: CompleteDocument = { ...base, review: { ...base.review, scale: 'stars' } };
export const npsReviewData: CompleteDocument = { ...base, review: { ...base.review, scale: 'nps' } };

/** Steps as words only: no step photos, no video. */
export const textOnlyInstructionsData: CompleteDocument = {
  ...base,
  instructions: {
    title: base.instructions.title,
    guideUrl: base.instructions.guideUrl,
    steps: base.instructions.steps.map(({ title, body }) => ({ title, body })),
  },
};

/** One product left to suggest: the card sits alone at half width. */
export const singleRecommendationData: CompleteDocument = {
  ...base,
  recommendations: base.recommendations.filter((r) => r.id === 'sku-cup-02'),
};

/** A long code and long incentives: the give/get boxes must still stack cleanly on a phone. */
export const longOfferData: CompleteDocument = {
  ...base,
  referral: {
    ...base.referral,
    code: 'JISOO-KIM-WINTER-2026-FRIENDS',
    giveText: '첫 주문 1만 원 할인에 3만 원 이상 구매 시 무료 배송까지',
    getText: '친구가 주문할 때마다 1만 원 적립금, 횟수 제한 없이',
  },
};

/** An all-digital order and a mixed one (emails/_samples): a welcome with access buttons, and both parts. */
export { digitalOrderData, mixedOrderData } from '../emails/_samples';

/** The same cards with nobody's ratings: no stars, no words. */
export const unratedRecommendationsData: CompleteDocument = {
  ...base,
  recommendations: base.recommendations.map(({ rating: _rating, ...product }) => product),
};

/** Win-back for a first-order customer: the coupon, its code and when it runs out. */
export const winBackCouponData: CompleteDocument = firstOrderData;

/** Win-back for a returning customer: what is new at the shop. */
export const winBackNewsData: CompleteDocument = returningData;

/** A coupon with no end date: the box shows the code and the copy hint only. */
export const openEndedCouponData: CompleteDocument = {
  ...firstOrderData,
  winBack: {
    coupon: { code: base.winBack.coupon?.code ?? 'WELCOME', text: base.winBack.coupon?.text ?? '' },
  },
};

/** Three things that run out at different times: the email leads with the first to go. */
export const consumablesData: CompleteDocument = {
  ...base,
  order: {
    ...base.order,
    items: [
      ...base.order.items,
      {
        id: 'sku-filter-05',
        name: '종이 티백 필터',
        variant: '100매',
        quantity: 1,
        unitPrice: 6000,
        imageUrl: 'https://shop.example.com/i/tea.jpg',
        url: 'https://shop.example.com/p/filters',
        lifespanDays: 14,
      },
    ],
  },
};

/**
 * A marketing email's footer as the block stories show it, alone and inside the layout: Northwind's shop in
 * English, with an unsubscribe link (a preview's: a real one is signed for its recipient).
 */
export const marketingFooterData = {
  shop: americanOrderData.shop,
  locale: 'en',
  kind: 'marketing',
  unsubscribeHref: 'https://northwind.example.com/email/unsubscribe?email=alex%40example.com&token=preview',
} as const satisfies FooterProps;
