/** `/admin/test-sends` (the form and the runs) and `/admin/test-sends/<run>` (its progress and its cancel button). */
import type { StepStatus } from '../../sequencer';
import type { TestRunRow } from '../../store/test-runs';
import { Csrf, Layout } from './layout';
import { type Clock, Notice, Problems, Select, State, Table, When } from './parts';

export const SPEEDS = ['10s', '30s', '1m', '2m', '5m', '10m'] as const;

export type TestSendChoices = Readonly<{
  samples: readonly string[];
  brands: readonly string[];
  locales: readonly string[];
}>;

export type TestSendValues = Readonly<{
  sample: string;
  document: string;
  to: string;
  speed: string;
  brand: string;
  locale: string;
}>;

export const EMPTY_FORM: TestSendValues = {
  sample: '',
  document: '',
  to: '',
  speed: '1m',
  brand: '',
  locale: '',
};

/** Problems by field (`to`, `document`, `sequence`, `speed`, `brand`, `locale`, `sample`). */
export type FieldProblems = Readonly<Record<string, readonly string[]>>;

function FieldError({ id, problems }: Readonly<{ id: string; problems?: readonly string[] }>) {
  if (!problems?.length) return null;
  return (
    <ul className="error" id={`${id}-problems`}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

const described = (id: string, problems: FieldProblems, hint = false) => {
  const ids = [hint ? `${id}-hint` : '', problems[id]?.length ? `${id}-problems` : ''].filter(Boolean);
  return {
    ...(ids.length ? { 'aria-describedby': ids.join(' ') } : {}),
    ...(problems[id]?.length ? { 'aria-invalid': true } : {}),
  };
};

/** One of the form's choices, with what is wrong with it said beside it (and tied to it for a screen reader). */
function Choice({
  problems,
  ...select
}: Readonly<{
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  empty?: string;
  problems: FieldProblems;
}>) {
  return (
    <>
      <Select {...select} {...described(select.id, problems)} />
      <FieldError id={select.id} problems={problems[select.id]} />
    </>
  );
}

export function TestSendsPage({
  values,
  problems,
  choices,
  runs,
  csrf,
  clock,
}: Readonly<{
  values: TestSendValues;
  problems: FieldProblems;
  choices: TestSendChoices;
  runs: readonly TestRunRow[];
  csrf: string;
  clock: Clock;
}>) {
  const all = Object.entries(problems).flatMap(([field, list]) => list.map((p) => `${field}: ${p}`));
  return (
    <Layout title="Test sends" page="test-sends" csrf={csrf}>
      <p>
        A test send goes to your address, not the customer's, as a run of its own: the live order with the
        same id is never touched, and another address is a fresh run.
      </p>
      <Problems problems={all} title="Nothing was sent. Fix these fields:" />
      <form method="post" action="/admin/test-sends" encType="multipart/form-data">
        <Csrf token={csrf} />
        <label htmlFor="to">Send to</label>
        <input
          type="email"
          id="to"
          name="to"
          required
          defaultValue={values.to}
          autoComplete="email"
          {...described('to', problems)}
        />
        <FieldError id="to" problems={problems.to} />

        <Choice
          id="sample"
          label="Order document: a sample"
          value={values.sample}
          options={choices.samples}
          problems={problems}
        />

        <label htmlFor="document">Or paste an order document (JSON)</label>
        <span className="hint" id="document-hint">
          When given, it is used instead of the sample, and checked field by field.
        </span>
        <textarea
          id="document"
          name="document"
          defaultValue={values.document}
          {...described('document', problems, true)}
        />
        <FieldError id="document" problems={problems.document} />

        <label htmlFor="sequence">Sequence file (optional)</label>
        <span className="hint" id="sequence-hint">
          Without one, the post-purchase sequence.
        </span>
        <input
          type="file"
          id="sequence"
          name="sequence"
          accept=".json,application/json"
          {...described('sequence', problems, true)}
        />
        <FieldError id="sequence" problems={problems.sequence} />

        <Choice
          id="speed"
          label="Speed: one day of the sequence lasts"
          value={values.speed}
          options={SPEEDS}
          problems={problems}
        />

        <Choice
          id="brand"
          label="Brand"
          value={values.brand}
          options={choices.brands}
          empty="The document's own"
          problems={problems}
        />

        <Choice
          id="locale"
          label="Locale"
          value={values.locale}
          options={choices.locales}
          empty="The customer's own"
          problems={problems}
        />
        <p>
          <button type="submit">Start the test send</button>
        </p>
      </form>

      <h2>Runs</h2>
      {runs.length === 0 ? (
        <p>No test send yet.</p>
      ) : (
        <Table columns={['Run', 'Started', 'Sent', 'Still to go', 'Stopped']}>
          {runs.map((r) => (
            <tr key={r.key}>
              <td>
                <a href={`/admin/test-sends/${encodeURIComponent(r.key)}`}>
                  Order {r.order} to {r.to}
                </a>
              </td>
              <td>
                <When iso={r.createdAt.toISOString()} clock={clock} />
              </td>
              <td>
                {r.sent} of {r.steps}
              </td>
              <td>{r.open}</td>
              <td>{r.cancelled ?? ''}</td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

const OPEN = new Set(['planned', 'sending']);

export function TestRunPage({
  run,
  steps,
  flash,
  csrf,
  clock,
}: Readonly<{
  run: Readonly<{ key: string; order: string; to: string }>;
  steps: readonly StepStatus[];
  flash?: string;
  csrf: string;
  clock: Clock;
}>) {
  const going = steps.filter((s) => OPEN.has(s.state) || s.state === 'scheduled').length;
  const sent = steps.filter((s) => s.state === 'sent').length;
  // Updates itself while a step is still to go in our store.
  const live = steps.some((s) => OPEN.has(s.state));
  return (
    <Layout title={`Test run: order ${run.order} to ${run.to}`} page="test-sends" csrf={csrf} live={live}>
      {flash ? <Notice text={flash} /> : null}
      <p role="status" id="progress" data-live>
        {sent} of {steps.length} step(s) sent; {going} still to go
        {live ? ' (this page updates itself every 3 seconds until none waits).' : '.'}
      </p>
      <p>
        <a href={`/admin/orders/${encodeURIComponent(run.order)}`}>The live order {run.order}</a> is not
        touched by this run.
      </p>
      {going ? (
        <form method="post" action={`/admin/test-sends/${encodeURIComponent(run.key)}/cancel`}>
          <Csrf token={csrf} />
          <button type="submit">Cancel this test run</button>
        </form>
      ) : null}
      <Table columns={['Step', 'Template', 'Due', 'State', 'Reason']} caption="Steps" id="steps" live>
        {steps.map((s) => (
          <tr key={`${s.template}-${s.sendAt}-${s.step}`}>
            <td>{s.step}</td>
            <th scope="row">{s.template}</th>
            <td>
              <When iso={s.sendAt} local={s.local} clock={clock} />
            </td>
            <td>
              <State state={s.state} />
            </td>
            <td>{s.reason ?? ''}</td>
          </tr>
        ))}
      </Table>
    </Layout>
  );
}
