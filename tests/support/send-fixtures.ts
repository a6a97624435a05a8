import { americanOrderData, koreanOrderData } from '../../emails/_samples';

/** The samples, pinned to the order times the send tests' exact schedules were worked out for. */
export const seoul = {
  ...koreanOrderData,
  order: { ...koreanOrderData.order, placedAt: '2026-11-20T09:30:00+09:00' },
};
export const newYork = {
  ...americanOrderData,
  order: { ...americanOrderData.order, placedAt: '2026-10-30T14:15:00-04:00' },
};
export const secret = 'test-unsubscribe-secret';
