import { describe, expect, it } from 'vitest';
import { outcomeReport, type ReportRows, type ReportStep } from '../../../sending/engine/outcome-report';

const since = new Date('2026-11-01T00:00:00Z');
const until = new Date('2026-12-01T00:00:00Z');
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 10));

function step(id: string, over: Partial<ReportStep> = {}): ReportStep {
  return {
    id,
    orderId: `o-${id}`,
    template: 'review-request',
    variant: 'a',
    kind: 'marketing',
    recipient: `${id}@example.com`,
    customerEmail: `${id}@example.com`,
    state: 'sent',
    sendAt: at(10),
    sentAt: at(10),
    deliveredAt: at(10),
    bouncedAt: null,
    complainedAt: null,
    ...over,
  };
}

const base: ReportRows = {
  since,
  until,
  steps: [],
  clicks: [],
  credits: [],
  feedback: [],
  unsubscribes: [],
  customerOrders: [],
  goals: { 'review-request': 'review', 'cross-sell': 'order' },
  order: ['cross-sell', 'review-request'],
};

describe('outcomeReport', () => {
  it('counts per template × variant, rates per delivered email, money per currency, exact', () => {
    const steps = [
      step('a1'),
      step('a2'),
      step('a3', { deliveredAt: null, bouncedAt: at(10) }),
      step('a4', { complainedAt: at(11) }),
      step('b1', { variant: 'b' }),
      step('b2', { variant: 'b' }),
      step('b3', { variant: 'b' }),
      step('x1', { template: 'cross-sell', variant: null }),
      // A test send (to another address), one outside the window, one scheduled for later: not counted.
      step('t1', { recipient: 'tester@example.com' }),
      step('old', { sendAt: at(0), sentAt: at(0), deliveredAt: at(0) }),
      step('later', { state: 'scheduled', sendAt: new Date('2026-12-05T00:00:00Z'), deliveredAt: null }),
    ];
    const report = outcomeReport({
      ...base,
      steps,
      clicks: [
        { stepId: 'a1', verdict: 'human' },
        { stepId: 'a1', verdict: 'human' },
        { stepId: 'a2', verdict: 'machine' },
        { stepId: 'b1', verdict: 'human' },
        { stepId: 't1', verdict: 'human' },
      ],
      credits: [
        { orderId: 'n1', stepId: 'a1', currency: 'KRW', amount: 39000, withdrawn: false },
        { orderId: 'n2', stepId: 'a1', currency: 'USD', amount: 1999, withdrawn: false },
        { orderId: 'n3', stepId: 'a2', currency: 'KRW', amount: 10000, withdrawn: true },
        { orderId: 'n4', stepId: 'b1', currency: 'KRW', amount: 50000, withdrawn: false },
      ],
      unsubscribes: [{ email: 'b2@example.com', at: at(12) }],
    });
    expect(report.since).toBe('2026-11-01T00:00:00.000Z');
    expect(report.templates.map((r) => `${r.template}/${r.variant}`)).toEqual([
      'cross-sell/a',
      'review-request/a',
      'review-request/b',
    ]);
    expect(report.templates[1]).toEqual({
      template: 'review-request',
      variant: 'a',
      goal: 'review',
      sent: 4,
      delivered: 3,
      bounced: 1,
      complained: 1,
      unsubscribed: 0,
      humanClicks: 1,
      clickRate: 1 / 3,
      orders: 2,
      revenue: { KRW: 39000, USD: 1999 },
      revenuePerRecipient: { KRW: 13000, USD: 666 },
      conversionRate: 2 / 3,
    });
    expect(report.templates[2]).toMatchObject({
      sent: 3,
      delivered: 3,
      unsubscribed: 1,
      humanClicks: 1,
      orders: 1,
      revenue: { KRW: 50000 },
      revenuePerRecipient: { KRW: 16667 },
    });
    expect(report.templates[0]).toMatchObject({
      goal: 'order',
      sent: 1,
      orders: 0,
      revenue: {},
      clickRate: 0,
    });
  });

  it('gives NPS, CSAT and tags from the answers to counted emails', () => {
    const steps = ['n1', 'n2', 'n3', 'n4', 'n5', 's1', 's2', 's3'].map((id) => step(id));
    const nps = [10, 9, 8, 6, 0];
    const report = outcomeReport({
      ...base,
      steps: [...steps, step('t', { recipient: 'tester@example.com' })],
      feedback: [
        ...nps.map((score, i) => ({ stepId: `n${i + 1}`, scale: 'nps' as const, score, tags: [] })),
        { stepId: 's1', scale: 'stars', score: 5, tags: ['shipping'] },
        { stepId: 's2', scale: 'stars', score: 4, tags: ['shipping', 'quality'] },
        { stepId: 's3', scale: 'stars', score: 2, tags: [] },
        { stepId: 't', scale: 'stars', score: 1, tags: ['shipping'] },
      ],
    });
    // 2 promoters, 2 detractors of 5: 0. CSAT: 2 of 3 answers are 4–5: 66.7 %, unrounded.
    expect(report.feedback).toEqual({
      nps: { responses: 5, score: 0 },
      csat: { responses: 3, percent: 200 / 3 },
      tags: { quality: 1, shipping: 2 },
    });
  });

  it('measures retention over the customers the flow reached', () => {
    const report = outcomeReport({
      ...base,
      steps: [
        step('c1'),
        step('c1b', { customerEmail: 'C1@example.com', recipient: 'c1@example.com' }),
        step('c2'),
        step('c3'),
      ],
      customerOrders: [
        { email: 'c1@example.com', orders: 2 },
        { email: 'c2@example.com', orders: 1 },
      ],
    });
    expect(report.retention).toEqual({ customers: 3, repeatRate: 1 / 3 });
    expect(outcomeReport(base)).toMatchObject({ templates: [], retention: { customers: 0, repeatRate: 0 } });
  });
});
