/**
 * The console's test-send form, read and checked field by field before anything is planned: the recipient, the
 * sample or the pasted document (each problem with its field path), the uploaded sequence, the speed, the brand
 * and the locale. Nothing is planned unless every field is right.
 */
import { isLocale, LOCALES } from '../../../core/locales';
import { isEmailAddress, type OrderDocument, ValidationError } from '../../../core/order-document';
import { sampleDocuments } from '../../../emails/_samples';
import { type SampleBrandName, sampleBrands } from '../../../emails/_samples/brands';
import { validateOrders } from '../../intake/order-input';
import { parseDuration } from '../../plan/schedule';
import { parseSequence, type Sequence } from '../../plan/sequence';
import { type FieldProblems, SPEEDS, type TestSendValues } from './test-send-pages';

export const SAMPLE_NAMES = Object.keys(sampleDocuments) as (keyof typeof sampleDocuments)[];

export type TestSendRequest = Readonly<{
  document: OrderDocument;
  to: string;
  compressMs: number;
  sequence?: Sequence;
}>;

export type ReadForm =
  | Readonly<{ ok: true; request: TestSendRequest; values: TestSendValues }>
  | Readonly<{ ok: false; problems: FieldProblems; values: TestSendValues }>;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export async function readTestSendForm(form: FormData): Promise<ReadForm> {
  const values: TestSendValues = {
    sample: text(form, 'sample'),
    document: text(form, 'document'),
    to: text(form, 'to').trim(),
    speed: text(form, 'speed') || '1m',
    brand: text(form, 'brand'),
    locale: text(form, 'locale'),
  };
  const problems: Record<string, string[]> = {};
  const add = (field: string, problem: string) => {
    problems[field] = [...(problems[field] ?? []), problem];
  };

  if (!values.to) add('to', 'required: the address the test emails go to');
  else if (!isEmailAddress(values.to)) add('to', `"${values.to}" is not an email address`);

  let document: OrderDocument | undefined;
  if (values.document.trim()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(values.document);
    } catch (error) {
      add('document', `not valid JSON (${(error as Error).message})`);
    }
    if (parsed !== undefined) {
      if (Array.isArray(parsed)) add('document', 'one order document, not a list');
      else {
        const batch = validateOrders(parsed);
        for (const invalid of batch.invalid) for (const p of invalid.problems) add('document', p);
        document = batch.valid[0]?.document;
      }
    }
  } else {
    const sample = sampleDocuments[values.sample as keyof typeof sampleDocuments];
    if (!sample) add('sample', `choose one of ${SAMPLE_NAMES.join(', ')}`);
    else document = sample as OrderDocument;
  }

  let sequence: Sequence | undefined;
  const file = form.get('sequence');
  if (file instanceof File && file.size > 0) {
    try {
      sequence = parseSequence(JSON.parse(await file.text()), `sequence file ${file.name}`);
    } catch (error) {
      if (error instanceof ValidationError) for (const p of error.problems) add('sequence', p);
      else add('sequence', `${file.name}: not valid JSON (${(error as Error).message})`);
    }
  }

  const compressMs = (SPEEDS as readonly string[]).includes(values.speed)
    ? parseDuration(values.speed)
    : undefined;
  if (compressMs === undefined) add('speed', `choose one of ${SPEEDS.join(', ')}`);
  if (values.brand && !(values.brand in sampleBrands))
    add('brand', `choose the document's own or one of ${Object.keys(sampleBrands).join(', ')}`);
  if (values.locale && !isLocale(values.locale)) add('locale', `choose one of ${LOCALES.join(', ')}`);

  if (Object.keys(problems).length > 0 || !document || compressMs === undefined)
    return { ok: false, problems, values };
  const brand = values.brand ? sampleBrands[values.brand as SampleBrandName] : undefined;
  const chosen: OrderDocument = {
    ...document,
    ...(brand ? { shop: { ...document.shop, brand } } : {}),
    ...(values.locale && isLocale(values.locale)
      ? { customer: { ...document.customer, locale: values.locale } }
      : {}),
  };
  return {
    ok: true,
    values,
    request: { document: chosen, to: values.to, compressMs, ...(sequence ? { sequence } : {}) },
  };
}
