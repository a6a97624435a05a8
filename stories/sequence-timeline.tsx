import { type CSSProperties, useId, useState } from 'react';
import { formatDateTime } from '../components/dates';
import { parseOrderDocument } from '../core/order-document';
import type { TemplateProps } from '../core/template';
import { type Anchors, plan } from '../sending/plan/schedule';
import type { StepTemplateId } from '../sending/plan/sequence';
import { defaultSequence } from '../sending/plan/sequence';
import { timingLabel } from '../sending/plan/step-timing';
import { EmailFrame, PREVIEW_SECRET } from './email-frame';
import { chosenLocale, DEFAULT_VIEW, type View } from './globals';
import { ui, uiButton } from './ui-theme';

export type SequenceTimelineProps = TemplateProps &
  Readonly<{
    view?: View;
    /** Shipment events already received (`{ delivered: "2026-11-24T14:20:00+09:00" }`): anchored steps count from them. */
    anchors?: Anchors;
  }>;

type Row = Readonly<{
  number: number;
  day: number;
  /** What the day counts from when not the order: `5 days after delivery · Nov 29, 10:00`. */
  timing?: string;
  local: string;
  template: StepTemplateId;
  subject?: string;
  kind?: string;
  reason?: string;
}>;

/**
 * The default sequence (CONTRACT.md) for one order, planned by the send script's own planner
 * (`sending/plan/schedule.ts`): day, the time on the customer's clock, template, subject and kind,
 * and the steps this customer would not get, with the reason. A step timed from the parcel names its anchor
 * (`5 days after delivery · Nov 29, 10:00`, or its fallback while the delivery is not known). Choosing a step opens it in the frame.
 */
export function SequenceTimeline({ view = DEFAULT_VIEW, anchors, ...args }: SequenceTimelineProps) {
  const { locale: storyLocale, unsubscribeSecret, recipient, ...input } = args;
  const locale = chosenLocale(view, storyLocale);
  const result = planFor(input, locale, anchors);
  const [selected, setSelected] = useState(0);
  const captionId = useId();
  if ('error' in result) {
    return (
      <section data-email-frame="sequence" data-state="error" aria-label="Sequence" style={styles.wrap}>
        <div role="alert" data-render-error style={styles.error}>
          <p style={styles.errorTitle}>This order document cannot be planned</p>
          <pre style={styles.errorText}>{result.error}</pre>
        </div>
      </section>
    );
  }
  const { rows, timeZone, displayLocale, warnings } = result;
  const open = rows.filter((row) => row.reason === undefined);
  const current = open.find((row) => row.number === selected) ?? open[0];
  return (
    <div style={styles.wrap}>
      <table aria-describedby={captionId} style={styles.table}>
        <caption id={captionId} style={styles.caption}>
          Default sequence · times on the customer's clock ({timeZone}) · choose a step to open it
        </caption>
        <thead>
          <tr>
            {['Day', 'Local time', 'Template', 'Subject', 'Kind'].map((h) => (
              <th key={h} scope="col" style={styles.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const isCurrent = row.number === current?.number;
            return (
              <tr key={row.number} style={isCurrent ? styles.rowCurrent : undefined}>
                <td style={styles.td}>
                  {row.day}
                  {row.timing ? (
                    <>
                      <br />
                      <small style={styles.skipped}>{row.timing}</small>
                    </>
                  ) : null}
                </td>
                <td style={styles.td}>{formatDateTime(row.local, displayLocale, timeZone)}</td>
                <td style={styles.td}>
                  {row.reason === undefined ? (
                    <button
                      type="button"
                      aria-pressed={isCurrent}
                      onClick={() => setSelected(row.number)}
                      style={isCurrent ? styles.openCurrent : styles.open}
                    >
                      {row.template}
                    </button>
                  ) : (
                    <span style={styles.skipped}>{row.template}</span>
                  )}
                </td>
                <td style={styles.td}>
                  {row.subject ?? <em style={styles.skipped}>Not sent: {row.reason}</em>}
                </td>
                <td style={styles.td}>{row.kind ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {warnings.length > 0 ? (
        <ul style={styles.warnings}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {current ? (
        <>
          <h2 style={styles.heading}>
            Day {current.day} · {current.template}
          </h2>
          <EmailFrame
            template={current.template}
            args={{ ...input, locale, unsubscribeSecret: unsubscribeSecret ?? PREVIEW_SECRET, recipient }}
            view={view}
          />
        </>
      ) : null}
    </div>
  );
}

type Planned =
  | { error: string }
  | {
      rows: readonly Row[];
      timeZone: string;
      displayLocale: NonNullable<TemplateProps['locale']>;
      warnings: readonly string[];
    };

function planFor(input: unknown, locale: TemplateProps['locale'], anchors?: Anchors): Planned {
  try {
    const parsed = parseOrderDocument(input);
    // The planner writes subjects in the customer's locale; the toolbar may ask for another.
    const doc = locale ? { ...parsed, customer: { ...parsed.customer, locale } } : parsed;
    // `now` at the order time: every step is in the future, so the plan never depends on today's date.
    const result = plan(doc, defaultSequence(), {
      now: new Date(doc.order.placedAt),
      ...(anchors ? { anchors } : {}),
    });
    const rows: Row[] = [
      ...result.steps.map((s) => ({
        number: s.number,
        day: s.day,
        ...(s.anchor ? { timing: timingLabel(s, result.timeZone) } : {}),
        local: s.local,
        template: s.template,
        subject: s.subject,
        kind: s.kind,
      })),
      ...result.skipped.map((s) => ({
        number: s.number,
        day: s.day,
        ...(s.anchor ? { timing: timingLabel(s, result.timeZone) } : {}),
        local: s.local,
        template: s.template,
        reason: s.reason,
      })),
    ].sort((a, b) => a.number - b.number);
    return { rows, timeZone: result.timeZone, displayLocale: doc.customer.locale, warnings: result.warnings };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const { ink, muted, line, font: system } = ui;
const openButton: CSSProperties = { ...uiButton, padding: '2px 10px' };

const styles = {
  wrap: { fontFamily: system, color: ink, fontSize: '14px', lineHeight: '20px' },
  table: { borderCollapse: 'collapse', width: '100%', maxWidth: '1100px', margin: '0 0 16px' },
  caption: { textAlign: 'left', color: muted, fontSize: '12px', padding: '0 0 6px' },
  th: {
    textAlign: 'left',
    borderBottom: `2px solid ${line}`,
    padding: '6px 10px',
    fontSize: '12px',
    color: muted,
  },
  td: { borderBottom: `1px solid ${line}`, padding: '6px 10px', verticalAlign: 'top' },
  rowCurrent: { background: '#f6f8fa' },
  open: openButton,
  openCurrent: { ...openButton, background: ink, color: '#ffffff', borderColor: ink },
  skipped: { color: muted },
  warnings: { color: '#6b3e00', margin: '0 0 16px' },
  heading: { fontSize: '16px', margin: '8px 0 12px' },
  error: { border: '1px solid #cf222e', background: '#fff1f0', borderRadius: '6px', padding: '12px 16px' },
  errorTitle: { margin: '0 0 8px', fontWeight: 700, color: '#82071e' },
  errorText: { margin: 0, whiteSpace: 'pre-wrap', fontSize: '13px', color: '#82071e' },
} satisfies Record<string, CSSProperties>;
