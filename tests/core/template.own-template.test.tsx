import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../core/locales';
import { parseOrderDocument, ValidationError } from '../../core/order-document';
import {
  registry as builtIn,
  createRegistry,
  defineTemplate,
  TemplateDefinitionError,
  templates,
  UnknownTemplateError,
} from '../../emails';
import { koreanOrderData } from '../../emails/_samples';
import { sampleBrands } from '../../emails/_samples/brands';
import { loadRegistry } from '../../quality/check-command';
import { runGate } from '../../quality/gate';
import { composeSequence } from '../../sending/offline/compose';
import { plan } from '../../sending/plan/schedule';
import { parseSequence } from '../../sending/plan/sequence';
import { templateStory } from '../../stories/template-story';
import { BackInStockEmail, backInStock } from '../fixtures/back-in-stock';
import registry from '../fixtures/back-in-stock-registry';
import { variant } from '../support';
import { FULL, matrix } from '../support/matrix';

const NOW = new Date('2026-11-19T00:00:00Z');

describe('a template defined outside emails/', () => {
  it('renders through its registry, in the shop brand and locale, beside the built-ins', async () => {
    const doc = variant(koreanOrderData, (d) => Object.assign(d.shop, { brand: sampleBrands.hanok }));
    const email = await registry.renderEmail('back-in-stock', doc, { locale: 'en', unsubscribeSecret: 's' });
    expect(email.kind).toBe('marketing');
    expect(email.subject).toBe(`${koreanOrderData.recommendations[0]?.name} is back in stock`);
    expect(email.html).toContain('>Good news, 지수</h1>');
    expect(email.html).toContain('background-color:#2f6b3a');
    expect(email.html).toContain('utm_campaign=back-in-stock');
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.text).toContain('Shop now');
    expect(registry.ids).toEqual([...builtIn.ids, 'back-in-stock']);
    expect((await registry.renderEmail('order-confirmation', doc)).subject).toBe(
      (await builtIn.renderEmail('order-confirmation', doc)).subject,
    );
  });

  it('is validated like ours: the document, the parts it needs, and the definition itself', async () => {
    const bare = variant(koreanOrderData, (d) => Object.assign(d, { recommendations: undefined }));
    const error = await registry
      .renderEmail('back-in-stock', bare, { unsubscribeSecret: 's' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      'recommendations: required by the back-in-stock template',
    ]);
    // @ts-expect-error the built-in registry's ids do not include 'back-in-stock'
    await expect(builtIn.renderEmail('back-in-stock', koreanOrderData)).rejects.toThrow(UnknownTemplateError);
    expect(() =>
      defineTemplate({
        ...backInStock,
        id: 'Back In Stock',
        kind: 'promo' as 'marketing',
        requires: ['stock' as 'review'],
      }),
    ).toThrow(TemplateDefinitionError);
    try {
      defineTemplate({ ...backInStock, id: 'Back In Stock', requires: ['stock' as 'review'] });
    } catch (e) {
      expect((e as TemplateDefinitionError).problems).toEqual([
        'Back In Stock.id: expected a lower-case kebab-case id, e.g. back-in-stock',
        'Back In Stock.requires[0]: expected one of shipment, instructions, review, recommendations, referral, winBack, preferences',
      ]);
    }
    expect(() => createRegistry([...Object.values(templates), backInStock, backInStock])).toThrow(
      `templates[${builtIn.ids.length + 1}].id: "back-in-stock" is already registered`,
    );
  });

  it('sequences: the planner and the composer take the registry', async () => {
    const sequence = parseSequence(
      {
        steps: [
          { template: 'order-confirmation', day: 0 },
          { template: 'back-in-stock', day: 30, at: '10:00' },
        ],
      },
      'sequence',
      registry,
    );
    expect(() => parseSequence({ steps: [{ template: 'back-in-stock', day: 30 }] })).toThrow(
      /steps\[0\]\.template: unknown template "back-in-stock"/,
    );
    const doc = parseOrderDocument(koreanOrderData);
    const planned = plan(doc, sequence, { now: NOW, registry });
    expect(planned.steps.map((s) => s.template)).toEqual(['order-confirmation', 'back-in-stock']);
    expect(planned.steps[1]?.local).toMatch(/T10:00/);
    const composed = await composeSequence(koreanOrderData, {
      sequence,
      registry,
      now: NOW,
      unsubscribeSecret: 's',
    });
    const step = composed.steps.find((s) => s.template === 'back-in-stock');
    // A marketing template of the shop's own gets the advertising mark like ours (core/advertising.ts).
    expect(step?.payload.subject).toBe(`(광고) ${koreanOrderData.recommendations[0]?.name} 재입고 안내`);
    expect(step?.payload.html).toContain('다시 입고되었습니다');
  });

  it('passes the quality gate (static checks, every sample brand; every locale and the spam filters under test:full)', async () => {
    const locales = matrix<Locale>(LOCALES, () => ['ko']);
    // The spam filters cost seconds per run where they are installed; the quick suite leaves them to test:full
    // and to tests/quality/spam.test.ts, as the gate's own --json test does (--no-spam).
    const result = await runGate({ registry, only: ['back-in-stock'], locales, browser: false, spam: FULL });
    expect(result.emails.length).toBeGreaterThanOrEqual(locales.length * 6);
    expect(new Set(result.emails.map((e) => e.locale))).toEqual(new Set(locales));
    expect(result.emails.some((e) => e.state.includes('@noir'))).toBe(true);
    const errors = result.emails.flatMap((e) => e.findings.filter((f) => f.severity === 'error'));
    expect(errors).toEqual([]);
  }, 120_000);

  it('is what `npm run check -- --templates <module>` loads', async () => {
    const loaded = await loadRegistry('tests/fixtures/back-in-stock-registry.ts');
    expect(loaded.ids).toContain('back-in-stock');
    const single = await loadRegistry('tests/fixtures/back-in-stock.tsx');
    expect(single.ids).toEqual(['back-in-stock']);
    await expect(loadRegistry('tests/fixtures/missing.ts')).rejects.toThrow(
      /--templates tests\/fixtures\/missing.ts: cannot load it/,
    );
  });

  it('previews through the Storybook helper', () => {
    const story = templateStory('back-in-stock', { registry });
    const element = story.render({ ...koreanOrderData }, { globals: { brand: 'sunny' } }) as {
      props: { template: string; registry: unknown; view: { brand: string } };
    };
    expect(element.props.template).toBe('back-in-stock');
    expect(element.props.registry).toBe(registry);
    expect(element.props.view.brand).toBe('sunny');
    expect(story.parameters.docs.description.component).toContain(backInStock.sent);
    expect(BackInStockEmail).toBe(registry.get('back-in-stock').component);
  });
});
