import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'demo-')), 'outbox');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', out], {
    encoding: 'utf8',
    env: { ...process.env, RESEND_API_KEY: '', UNSUBSCRIBE_SECRET: '' },
  });

  it('writes every template × locale × sample and the sequence timeline, offline', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('90 emails written');
    const gallery = readFileSync(join(out, 'templates/index.html'), 'utf8');
    expect(gallery.match(/<tr><td>/g)).toHaveLength(90);
    const timeline = readFileSync(join(out, 'index.html'), 'utf8');
    expect(timeline).toContain('order-confirmation');
    expect(timeline).toContain('skipped');
    expect(timeline).toContain('href="templates/index.html"');
  });

  it('keeps the sent HTML on https images and shows the previews with the local stand-ins', () => {
    const sent = readFileSync(join(out, '01-day0-order-confirmation.html'), 'utf8');
    const preview = readFileSync(join(out, '01-day0-order-confirmation.preview.html'), 'utf8');
    expect(sent).toContain('src="https://shop.example.com/i/tea.jpg"');
    expect(preview).not.toContain('src="https://shop.example.com/i/tea.jpg"');
    const local = preview.match(/src="(sample-images\/[^"]+)"/)?.[1];
    expect(local).toBeDefined();
    expect(existsSync(join(out, local as string))).toBe(true);
    const gallery = readFileSync(join(out, 'templates/ko-krw.referral.ko.preview.html'), 'utf8');
    const galleryImage = gallery.match(/src="(\.\.\/sample-images\/[^"]+)"/)?.[1];
    expect(existsSync(join(out, 'templates', galleryImage as string))).toBe(true);
  });
});
