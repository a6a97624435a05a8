/** Pieces every console page shares: a time on both clocks, a step's state, the email in frames beside its text. */
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
