/**
 * Pieces every console page shares: a time on both clocks, a step's state, the email in frames beside its text,
 * a table with its column headings, a labelled choice.
 */
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { clockTime, customerClock, relative } from '../../plan/operator-clock';

export type Clock = Readonly<{ zone: string; now: Date }>;

const STATE: Record<string, string> = {
  planned: 'waiting',
  sending: 'sending',
  sent: 'sent',
  scheduled: 'scheduled at Resend',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  rejected: 'rejected',
};

export function stateLabel(state: string): string {
  return STATE[state] ?? state;
}

export function State({ state }: Readonly<{ state: string }>) {
  return <span className={`state state-${state}`}>{stateLabel(state)}</span>;
}

/** `10:39 (in 1 min)` on the operator's clock, the customer's beside it. */
export function When({ iso, local, clock }: Readonly<{ iso: string; local?: string; clock: Clock }>) {
  return (
    <>
      <time dateTime={iso}>{clockTime(iso, clock.zone, clock.now)}</time> ({relative(iso, clock.now)})
      {local ? (
        <span className="hint">customer's clock: {customerClock(local, iso, clock.zone, clock.now)}</span>
      ) : null}
    </>
  );
}

/** The email as the recipient sees it, at a phone's width and at the email's own, beside its plain text. */
export function EmailFrames({
  html,
  text,
  subject,
  label,
}: Readonly<{ html: string; text: string; subject: string; label: string }>) {
  return (
    <div className="frames">
      {[375, 600].map((width) => (
        <figure key={width}>
          <figcaption>
            {width} px{width === 375 ? ' (a phone)' : ' (the email’s width)'}
          </figcaption>
          <iframe
            title={`${label} at ${width} px: ${subject}`}
            srcDoc={html}
            width={width}
            sandbox=""
            loading="lazy"
          />
        </figure>
      ))}
      <figure>
        <figcaption>Plain text</figcaption>
        <pre className="text">{text}</pre>
      </figure>
    </div>
  );
}

export function Problems({ problems, title }: Readonly<{ problems: readonly string[]; title: string }>) {
  if (problems.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A message after an action, in lines: an indented line (`  stopped:`) heads a list of the more indented lines
 * under it (each step); the others are paragraphs.
 */
export function Notice({ text }: Readonly<{ text: string }>) {
  const blocks: { heading?: string; items: string[]; paragraph?: string }[] = [];
  for (const line of text.split('\n')) {
    if (/^ {4}\S/.test(line)) blocks.at(-1)?.items.push(line.trim());
    else if (/^ {2}\S/.test(line)) blocks.push({ heading: line.trim(), items: [] });
    else if (line.trim()) blocks.push({ paragraph: line.trim(), items: [] });
  }
  return (
    <div className="notice" role="status">
      {blocks.map((b, i) =>
        b.paragraph !== undefined ? (
          <p key={`p${i}-${b.paragraph}`}>{b.paragraph}</p>
        ) : (
          <div key={`h${i}-${b.heading}`}>
            <p>
              <strong>{b.heading}</strong>
            </p>
            <ul>
              {b.items.map((item, j) => (
                <li key={`${j}-${item}`}>{item}</li>
              ))}
            </ul>
          </div>
        ),
      )}
    </div>
  );
}

/**
 * A table in its scrolling frame: a caption when given, a heading cell per column, then the rows. `id` and `live`
 * (the page replaces the frame's content as it updates itself, layout.tsx) go on the frame.
 */
export function Table({
  columns,
  caption,
  id,
  live,
  children,
}: Readonly<{
  columns: readonly string[];
  caption?: string;
  id?: string;
  live?: boolean;
  children: ReactNode;
}>) {
  return (
    <div className="table-wrap" id={id} data-live={live ? true : undefined}>
      <table>
        {caption === undefined ? null : <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A label and its choice, submitted under `id`: the options as they are named, after an empty one when `empty`
 * names it. Further attributes (a problem's `aria-describedby`) go on the `<select>`.
 */
export function Select({
  id,
  label,
  value,
  options,
  empty,
  ...attributes
}: Readonly<
  { id: string; label: string; value: string; options: readonly string[]; empty?: string } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'id' | 'name' | 'defaultValue' | 'children'
  >
>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={id} defaultValue={value} {...attributes}>
        {empty === undefined ? null : <option value="">{empty}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </>
  );
}
