/** `/admin`: is it healthy, is it configured, what went today, what waits, what failed and needs a hand. */
import type { StepRow } from '../../store/schema';
import type { ConfigLine } from '../configuration';
import { Layout } from './layout';
import { type Clock, State, Table, When } from './parts';

export type OverviewData = Readonly<{
  health: Readonly<{ store: boolean; backend: string; worker: string; guardrail?: string }>;
  configuration: readonly ConfigLine[];
  today: Readonly<Partial<Record<string, number>>>;
  queue: Readonly<{ due: number; waiting: number; next: readonly StepRow[] }>;
  failures: readonly StepRow[];
}>;

const TODAY_STATES = ['sent', 'scheduled', 'planned', 'skipped', 'cancelled', 'failed'] as const;

export function OverviewPage({
  data,
  csrf,
  clock,
}: Readonly<{ data: OverviewData; csrf: string; clock: Clock }>) {
  const { health, configuration, today, queue, failures } = data;
  return (
    <Layout title="Overview" page="overview" csrf={csrf}>
      <div className="grid">
        <section className="card" aria-labelledby="health">
          <h2 id="health">Health</h2>
          <dl className="pairs">
            <dt>Store</dt>
            <dd>
              {health.store ? 'ok' : 'NOT reachable'} ({health.backend})
            </dd>
            <dt>Worker</dt>
            <dd>{health.worker}</dd>
            {health.guardrail ? (
              <>
                <dt>Complaints</dt>
                <dd>{health.guardrail}</dd>
              </>
            ) : null}
            <dt>Clock</dt>
            <dd>{clock.zone}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="today">
          <h2 id="today">Today's live steps</h2>
          <dl className="pairs">
            {TODAY_STATES.map((state) => (
              <div key={state} style={{ display: 'contents' }}>
                <dt>
                  <State state={state} />
                </dt>
                <dd>{today[state] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">Test sends are not counted.</p>
        </section>
      </div>
      <section className="card" aria-labelledby="configuration">
        <h2 id="configuration">Configuration check</h2>
        <Table columns={['Setting', 'Set', 'What it means']}>
          {configuration.map((c) => (
            <tr key={c.name}>
              <th scope="row">
                <code>{c.name}</code>
              </th>
              <td>{c.set ? 'set' : 'unset'}</td>
              <td>{c.meaning}</td>
            </tr>
          ))}
        </Table>
      </section>
      <section className="card" aria-labelledby="queue">
        <h2 id="queue">The queue</h2>
        <p>
          {queue.waiting} live step(s) wait in the store; {queue.due} of them are due now.
        </p>
        {queue.next.length ? <StepList rows={queue.next} clock={clock} caption="Next to go" /> : null}
      </section>
      <section className="card" aria-labelledby="failures">
        <h2 id="failures">Failures that need a hand</h2>
        {failures.length ? (
          <StepList rows={failures} clock={clock} caption="Failed steps (open the order to retry)" />
        ) : (
          <p>No failed step.</p>
        )}
      </section>
    </Layout>
  );
}

function StepList({
  rows,
  clock,
  caption,
}: Readonly<{ rows: readonly StepRow[]; clock: Clock; caption: string }>) {
  return (
    <Table columns={['Order', 'Template', 'Due', 'State', 'Reason']} caption={caption}>
      {rows.map((r) => (
        <tr key={r.id}>
          <td>
            <a href={`/admin/orders/${encodeURIComponent(r.order_id)}`}>{r.order_id}</a>
          </td>
          <td>{r.template}</td>
          <td>
            <When iso={new Date(r.send_at).toISOString()} local={r.local_time} clock={clock} />
          </td>
          <td>
            <State state={r.state} />
          </td>
          <td>{r.reason ?? ''}</td>
        </tr>
      ))}
    </Table>
  );
}
