import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { tags, variant } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;

describe('<ProductInstructionsEmail>', () => {
  it('names the product in the subject, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) => (await renderEmail('product-instructions', koreanOrderData, { locale })).subject,
      ),
    );
    expect(subjects).toEqual([
      'Getting started with 제주 녹차 세트',
      '제주 녹차 세트, 이렇게 시작해 보세요',
      '제주 녹차 세트上手指南',
    ]);
  });

  it('is transactional: no unsubscribe headers, no marketing blocks', async () => {
    const { html, headers, kind } = await renderEmail('product-instructions', koreanOrderData);
    expect(kind).toBe('transactional');
    expect(headers).toEqual({});
    expect(html).not.toContain('data-marketing');
    expect(html).not.toContain('data-unsubscribe');
  });

  it('numbers the steps, in order, with an image and its alt text where the step has one', async () => {
    const { text, html } = await renderEmail('product-instructions', koreanOrderData, { locale: 'en' });
    expect(text).toMatch(
      /1 찻주전자 데우기\n\n뜨거운 물로 찻주전자를[^\n]*\n\n2 찻잎 계량하기\n\n물 150ml[^\n]*\n\n3 70 °C에서 우리기/,
    );
    const stepImage = tags(html, 'img').find((img) => img.includes('guide-warm-pot.jpg'));
    expect(stepImage).toContain('alt="옹기 찻주전자에 뜨거운 물을 붓는 모습"');
    expect(stepImage).toContain('width="552"');
    expect(stepImage).toContain('height="311"');
  });

  it('shows the video as a linked thumbnail with a play label, never a player', async () => {
    const { html, text } = await renderEmail('product-instructions', koreanOrderData, { locale: 'en' });
    expect(html).not.toMatch(/<(video|iframe|object|embed)\b/i);
    const thumb = tags(html, 'img').find((img) => img.includes('video-brew-green-tea.jpg'));
    expect(thumb).toContain('alt="Play the video: 녹차 맛있게 우리는 법"');
    // Another host: left untouched, no campaign parameters.
    expect(html.match(/href="https:\/\/video\.example\.com\/watch\/brew-green-tea"/g)).toHaveLength(2);
    expect(text).toContain('▶ Watch the video https://video.example.com/watch/brew-green-tea');
  });

  it('falls back to a play button without a thumbnail, and leaves the video out when there is none', async () => {
    const { html, text } = await renderEmail('product-instructions', americanOrderData);
    expect(tags(html, 'img').some((img) => img.includes('youtube'))).toBe(false);
    expect(html).toContain('href="https://youtube.com/watch?v=northwind-bottle"');
    expect(text).toContain('▶ Watch the video https://youtube.com/watch?v=northwind-bottle');

    const noVideo = await renderEmail('product-instructions', chineseOrderData);
    expect(noVideo.html).not.toContain('▶');
    expect(noVideo.text).not.toContain('观看视频');
  });

  it('links the guide with campaign parameters', async () => {
    const { html } = await renderEmail('product-instructions', americanOrderData);
    expect(html).toContain(
      'href="https://northwind.example.com/guides/bottle-care?utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=product-instructions"',
    );
  });

  it('refuses a document without instructions, naming the part', async () => {
    const without = variant(koreanOrderData, (doc) => {
      (doc as { instructions?: unknown }).instructions = undefined;
    });
    await expect(renderEmail('product-instructions', without)).rejects.toThrow(
      /instructions: required by the product-instructions template/,
    );
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const { html, text } = await renderEmail('product-instructions', samples[locale], { locale });
    await expect(html).toMatchFileSnapshot(`./__snapshots__/product-instructions.${locale}.html`);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/product-instructions.${locale}.txt`);
  });
});
