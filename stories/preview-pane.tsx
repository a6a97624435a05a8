import axeScriptUrl from 'axe-core/axe.min.js?url';
import {
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { EmailKind } from '../components/email-layout';
import { type View, WIDTHS } from './globals';
import {
  byteSize,
  INVERSION_FILTER,
  previewDocument,
  SIZE_CLIP_KB,
  SIZE_WARN_KB,
  sizeLevel,
} from './preview-document';
import { ui, uiButton } from './ui-theme';

/**
 * The pane every email frame shows (email-frame.tsx): the facts of the rendered email (subject, preheader,
 * kind, HTML size against Gmail's clip, headers), then tabs for the HTML in an iframe at the toolbar's width
 * and theme and for the plain text.
 */

export type Rendered = Readonly<{
  html: string;
  text: string;
  subject?: string;
  preview?: string;
  kind?: EmailKind;
  headers?: Readonly<Record<string, string>>;
}>;

export type Outcome =
  | { state: 'rendering' }
  | { state: 'ready'; rendered: Rendered }
  | { state: 'error'; message: string };

type Tab = 'both' | 'html' | 'text';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'both', label: 'Side by side' },
  { id: 'html', label: 'HTML' },
  { id: 'text', label: 'Plain text' },
];

export function PreviewPane({ outcome, view, label }: { outcome: Outcome; view: View; label: string }) {
  const [tab, setTab] = useState<Tab>('both');
  const [loadedDoc, setLoadedDoc] = useState<string | null>(null);
  const baseId = useId();
  const rendered = outcome.state === 'ready' ? outcome.rendered : undefined;
  const srcDoc = rendered ? previewDocument(rendered.html, view.theme, document.baseURI) : undefined;
  const state = outcome.state === 'ready' ? (loadedDoc === srcDoc ? 'ready' : 'loading') : outcome.state;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + step + TABS.length) % TABS.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
  };
  return (
    <section
      data-email-frame={label}
      data-state={state}
      aria-label={`Email preview: ${label}`}
      style={styles.frame}
    >
      {outcome.state === 'error' ? (
        <div role="alert" data-render-error style={styles.error}>
          <p style={styles.errorTitle}>This email cannot be rendered with these args</p>
          <pre style={styles.errorText}>{outcome.message}</pre>
        </div>
      ) : null}
      {outcome.state === 'rendering' ? (
        <p role="status" style={styles.status}>
          Rendering…
        </p>
      ) : null}
      {rendered && srcDoc ? (
        <>
          <Facts rendered={rendered} />
          <div role="tablist" aria-label="What to show" style={styles.tabs}>
            {TABS.map((t) => (
              <button
                key={t.id}
                id={`${baseId}-tab-${t.id}`}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                aria-controls={`${baseId}-panel`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={onKeyDown}
                style={tab === t.id ? styles.tabSelected : styles.tab}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div
            id={`${baseId}-panel`}
            role="tabpanel"
            aria-labelledby={`${baseId}-tab-${tab}`}
            style={styles.panel}
          >
            {tab !== 'text' ? (
              <HtmlView
                srcDoc={srcDoc}
                view={view}
                title={`Email HTML${rendered.subject ? `: ${rendered.subject}` : `: ${label}`}`}
                onLoaded={setLoadedDoc}
              />
            ) : null}
            {tab !== 'html' ? <TextView text={rendered.text} /> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

function Facts({ rendered }: { rendered: Rendered }) {
  const bytes = byteSize(rendered.html);
  const level = sizeLevel(bytes);
  const kb = (bytes / 1024).toFixed(1);
  const headers = Object.entries(rendered.headers ?? {});
  return (
    <dl style={styles.facts}>
      {rendered.subject !== undefined ? (
        <Fact term="Subject">
          <span style={styles.subject}>{rendered.subject}</span>
        </Fact>
      ) : null}
      {rendered.preview !== undefined ? <Fact term="Preheader">{rendered.preview}</Fact> : null}
      {rendered.kind !== undefined ? (
        <Fact term="Kind">
          <span style={rendered.kind === 'marketing' ? styles.badgeMarketing : styles.badgeTransactional}>
            {rendered.kind}
          </span>
        </Fact>
      ) : null}
      <Fact term="HTML size">
        <span style={styles.size[level]} data-size-level={level}>
          {kb} KB
        </span>{' '}
        <span style={styles.hint}>
          {level === 'clip'
            ? `over ${SIZE_CLIP_KB} KB: Gmail clips this email`
            : level === 'warn'
              ? `over ${SIZE_WARN_KB} KB: half of Gmail's ${SIZE_CLIP_KB} KB clip`
              : `Gmail clips above ${SIZE_CLIP_KB} KB`}
        </span>
      </Fact>
      {headers.length > 0 ? (
        <Fact term="Headers">
          {headers.map(([name, value]) => (
            <code key={name} style={styles.header}>
              {name}: {value}
            </code>
          ))}
        </Fact>
      ) : null}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div style={styles.fact}>
      <dt style={styles.term}>{term}</dt>
      <dd style={styles.definition}>{children}</dd>
    </div>
  );
}

function HtmlView({
  srcDoc,
  view,
  title,
  onLoaded,
}: {
  srcDoc: string;
  view: View;
  title: string;
  onLoaded: (doc: string) => void;
}) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(600);
  const width = WIDTHS[view.width];
  const measure = useCallback(() => {
    const doc = ref.current?.contentDocument;
    const fit = () => {
      const root = ref.current?.contentDocument?.documentElement;
      if (root) setHeight(Math.max(200, Math.ceil(root.getBoundingClientRect().height)));
    };
    // After layout, and again once the email's fonts (CJK fallbacks) are in, so nothing scrolls inside.
    requestAnimationFrame(fit);
    void doc?.fonts?.ready.then(() => requestAnimationFrame(fit));
  }, []);
  // The email reflows when the width changes; follow its height.
  useEffect(measure, [measure, width]);
  return (
    <div style={styles.device}>
      <p style={styles.deviceLabel}>
        {width} px · {view.theme === 'inverted' ? 'forced inversion (Gmail app)' : view.theme}
      </p>
      <iframe
        ref={ref}
        title={title}
        srcDoc={srcDoc}
        width={width}
        height={height}
        onLoad={(event) => {
          const frame = event.currentTarget;
          measure();
          void withAxe(frame).then(() => {
            if (frame.isConnected) onLoaded(srcDoc);
          });
        }}
        style={{
          ...styles.iframe,
          width: `${width}px`,
          colorScheme: view.theme === 'dark' ? 'dark' : 'light',
          filter: view.theme === 'inverted' ? INVERSION_FILTER : undefined,
        }}
      />
    </div>
  );
}

function TextView({ text }: { text: string }) {
  const labelId = useId();
  return (
    <div style={styles.textWrap}>
      <p id={labelId} style={styles.deviceLabel}>
        Plain text
      </p>
      {/* A named region, focusable so keyboard users can scroll it (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
      <section aria-labelledby={labelId} tabIndex={0} style={styles.textScroll}>
        <pre style={styles.text}>{text}</pre>
      </section>
    </div>
  );
}

/**
 * addon-a11y runs axe-core on the story, and axe checks an iframe only when axe-core is loaded
 * inside it too. The frame loads axe-core's own build into the preview copy (never into the
 * email itself), so the a11y panel and the Vitest run check the email as well as the frame.
 */
function withAxe(frame: HTMLIFrameElement): Promise<void> {
  const doc = frame.contentDocument;
  if (!doc?.head || doc.querySelector('script[data-storybook-axe]')) return Promise.resolve();
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    script.dataset.storybookAxe = '';
    script.src = new URL(axeScriptUrl, document.baseURI).href;
    script.onload = () => resolve();
    // Without axe the email goes unchecked (the panel says so), but it still renders.
    script.onerror = () => resolve();
    doc.head.append(script);
  });
}

const { ink, muted, line, font: system } = ui;

const badge: CSSProperties = {
  display: 'inline-block',
  padding: '1px 8px',
  borderRadius: '999px',
  fontSize: '12px',
  fontWeight: 600,
  lineHeight: '20px',
};
const tab = uiButton;

const styles = {
  frame: { fontFamily: system, color: ink, fontSize: '14px', lineHeight: '20px' },
  status: { color: muted, margin: 0 },
  error: {
    border: '1px solid #cf222e',
    background: '#fff1f0',
    borderRadius: '6px',
    padding: '12px 16px',
    marginBottom: '16px',
  },
  errorTitle: { margin: '0 0 8px', fontWeight: 700, color: '#82071e' },
  errorText: { margin: 0, whiteSpace: 'pre-wrap', fontSize: '13px', color: '#82071e' },
  facts: { display: 'grid', gap: '4px', margin: '0 0 12px', maxWidth: '1024px' },
  fact: { display: 'grid', gridTemplateColumns: '96px 1fr', gap: '12px', alignItems: 'baseline' },
  term: {
    color: muted,
    fontWeight: 600,
    fontSize: '12px',
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  definition: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  subject: { fontSize: '16px', fontWeight: 700 },
  hint: { color: muted, fontSize: '12px' },
  header: { display: 'block', fontSize: '12px', color: muted, overflowWrap: 'anywhere' },
  badgeTransactional: { ...badge, background: '#ddf4ff', color: '#0a3069' },
  badgeMarketing: { ...badge, background: '#fbefff', color: '#512a97' },
  size: {
    ok: { ...badge, background: '#dafbe1', color: '#0f5323' },
    warn: { ...badge, background: '#fff1c2', color: '#6b3e00' },
    clip: { ...badge, background: '#ffebe9', color: '#82071e' },
  },
  tabs: { display: 'flex', gap: '6px', margin: '0 0 12px' },
  tab,
  tabSelected: { ...tab, background: ink, color: '#ffffff', borderColor: ink },
  panel: { display: 'flex', flexWrap: 'wrap', gap: '24px', alignItems: 'flex-start' },
  device: { flex: '0 0 auto', maxWidth: '100%', overflowX: 'auto' },
  deviceLabel: { margin: '0 0 4px', color: muted, fontSize: '12px' },
  iframe: { display: 'block', border: `1px solid ${line}`, borderRadius: '4px', background: '#ffffff' },
  textWrap: { flex: '1 1 320px', minWidth: '280px', maxWidth: '720px' },
  textScroll: {
    border: `1px solid ${line}`,
    borderRadius: '4px',
    background: '#f6f8fa',
    maxHeight: '80vh',
    overflow: 'auto',
  },
  text: {
    margin: 0,
    padding: '12px',
    color: ink,
    font: `13px/19px ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK KR', monospace`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
} satisfies Record<string, CSSProperties | Record<string, CSSProperties>>;
