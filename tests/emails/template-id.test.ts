/**
 * Template ids are types: `renderEmail` takes a `TemplateId`, and a registry from `createRegistry` takes its own
 * templates' ids, so a misspelt id fails `npm run typecheck` (which compiles this file), not a send at run time.
 * Each `@ts-expect-error` below is an error tsc must find: were the id a plain string, the directive itself
 * would be the error.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  registry as builtIn,
  type Registry,
  renderEmail,
  type TemplateId,
  type templates,
} from '../../emails';
import { koreanOrderData } from '../../emails/_samples';
import ownRegistry from '../fixtures/back-in-stock-registry';

describe('TemplateId', () => {
  it('is the union of the built-in ids, and renderEmail takes nothing else', async () => {
    expectTypeOf<TemplateId>().toEqualTypeOf<keyof typeof templates>();
    expectTypeOf<'order-confirmation'>().toExtend<TemplateId>();
    expectTypeOf<'order-confirmaton'>().not.toExtend<TemplateId>();
    expectTypeOf(renderEmail).parameter(0).toEqualTypeOf<TemplateId>();
    expectTypeOf(builtIn).toEqualTypeOf<Registry<TemplateId>>();
    // @ts-expect-error a misspelt id does not compile
    const misspelt = renderEmail('order-confirmaton', koreanOrderData);
    await expect(misspelt).rejects.toThrow('unknown template "order-confirmaton"');
  });

  it("types a registry of one's own by its own ids", async () => {
    expectTypeOf(ownRegistry.renderEmail).parameter(0).toEqualTypeOf<TemplateId | 'back-in-stock'>();
    expectTypeOf<'back-in-stock'>().not.toExtend<TemplateId>();
    // @ts-expect-error a misspelt id of one's own does not compile either
    const misspelt = ownRegistry.renderEmail('back-in-stok', koreanOrderData);
    await expect(misspelt).rejects.toThrow('unknown template "back-in-stok"');
  });
});
