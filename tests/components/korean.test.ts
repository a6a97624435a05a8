/**
 * Korean particles chosen by the word before them (es-hangul's `josa`), and a wording that needs none
 * where the name is not Hangul: no `이(가)` / `을(를)` fallback anywhere in the copy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messages } from '../../components/i18n';
import { byName, endsInHangul } from '../../components/i18n/korean';
import { renderEmail, TEMPLATE_IDS } from '../../emails';
import { koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const ko = messages('ko');
/** 한옥 ends in ㄱ (a final consonant), 다솜상회 in 회 (none), Hanok Goods in Latin letters. */
const WITH_FINAL = '한옥';
const WITHOUT_FINAL = '다솜상회';
const LATIN = 'Hanok Goods';
const FALLBACKS = /\((?:이|가|을|를|은|는|과|와|로|으로)\)/;

describe('byName()', () => {
  it('tells a Hangul ending from anything else', () => {
    expect([WITH_FINAL, WITHOUT_FINAL, LATIN, '青瓷生活', 'Tea 3', '녹차 세트 '].map(endsInHangul)).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('takes the particle from the final consonant, or the particle-free wording', () => {
    const say = (name: string) =>
      byName(
        name,
        '을/를',
        (named) => `${named} 좋아해요`,
        (plain) => `${plain}의 상품을 좋아해요`,
      );
    expect(say(WITH_FINAL)).toBe('한옥을 좋아해요');
    expect(say(WITHOUT_FINAL)).toBe('다솜상회를 좋아해요');
    expect(say(LATIN)).toBe('Hanok Goods의 상품을 좋아해요');
  });
});

describe('the Korean copy', () => {
  it('has no 이(가) / 을(를) style fallback in its source', () => {
    const source = readFileSync(new URL('../../components/i18n/ko.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(FALLBACKS);
  });

  it.each([
    [WITH_FINAL, '한옥을 다시 찾아 주셔서', '한옥이 계속 나아갈 수 있는 건'],
    [WITHOUT_FINAL, '다솜상회를 다시 찾아 주셔서', '다솜상회가 계속 나아갈 수 있는 건'],
    [LATIN, 'Hanok Goods에 다시 와 주셔서', '저희 Hanok Goods 팀이 계속 나아갈 수 있는 건'],
  ])('thanks a returning customer and a VIP of %s', (shop, returning, vip) => {
    expect(ko.thankYou.body.returning(shop)).toContain(returning);
    expect(ko.thankYou.body.vip(shop)).toContain(vip);
  });

  it.each([
    ['박미나', '고객 상담 담당 박미나가 모든 답장을 직접 읽습니다.'],
    ['김준', '고객 상담 담당 김준이 모든 답장을 직접 읽습니다.'],
    ['Mina Park', '모든 답장은 고객 상담 담당 Mina Park에게 바로 전달되어 직접 읽고 답해 드립니다.'],
  ])('names the contact %s with the right particle, or none', (name, line) => {
    expect(ko.common.contactPerson(name, '고객 상담 담당')).toBe(line);
  });

  it.each([
    ['녹차', '녹차를 더 잘 즐기는 방법', '주문하신 녹차가 곧 도착해요', '녹차가 곧 떨어질 수 있어요'],
    ['찻잔', '찻잔을 더 잘 즐기는 방법', '주문하신 찻잔이 곧 도착해요', '찻잔이 곧 떨어질 수 있어요'],
    [
      'Jeju tea set',
      'Jeju tea set, 더 잘 즐기는 방법',
      '주문하신 상품(Jeju tea set)이 곧 도착해요',
      '주문하신 Jeju tea set, 곧 떨어질 수 있어요',
    ],
  ])('speaks of the product %s', (product, subject, intro, preview) => {
    expect(ko.instructions.subject.b(product)).toBe(subject);
    expect(ko.instructions.intro('지수', product)).toContain(intro);
    expect(ko.replenishment.preview(product)).toContain(preview);
  });

  it.each([
    [WITH_FINAL, '한옥을 이용해 주셔서', '한옥을 친구에게 추천할'],
    [WITHOUT_FINAL, '다솜상회를 이용해 주셔서', '다솜상회를 친구에게 추천할'],
    [LATIN, 'Hanok Goods에서 쇼핑해 주셔서', '친구에게 Hanok Goods 추천 의향이 얼마나'],
  ])('asks for a review of %s', (shop, preview, nps) => {
    expect(ko.review.preview(shop)).toContain(preview);
    expect(ko.review.npsQuestion(shop)).toContain(nps);
  });

  it('renders every template in Korean without a fallback particle, for Hangul and Latin names alike', async () => {
    for (const shopName of [WITH_FINAL, WITHOUT_FINAL, LATIN]) {
      const doc = variant(koreanOrderData, (d) => {
        d.shop.name = shopName;
        if (d.shop.contact) d.shop.contact.name = 'Mina Park';
        if (d.order.items[0]) d.order.items[0].name = 'Jeju tea set';
      });
      for (const id of TEMPLATE_IDS) {
        const { text, subject, preview } = await renderEmail(id, doc, {
          locale: 'ko',
          unsubscribeSecret: SECRET,
        });
        expect(`${subject}\n${preview}\n${text}`, `${id} for ${shopName}`).not.toMatch(FALLBACKS);
      }
    }
  });
});
