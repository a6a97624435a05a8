/** `/admin/orders?q=` (search by order id or address) and `/admin/orders/<id>` (the order's steps on a day axis). */
import type { OrderRow, StepRow } from '../../store/schema';
import { Csrf, Layout } from './layout';
import { type Clock, EmailFrames, Notice, State, Table, When } from './parts';

export function OrdersPage({
  q,
  orders,
  csrf,
  clock,
}: Readonly<{ q: string; orders: readonly OrderRow[]; csrf: string; clock: Clock }>) {
  return (
    <Layout title="Orders" page="orders" csrf={csrf}>
      <form method="get" action="/admin/orders">
        <label htmlFor="q">Order id or email address</label>
        <input type="search" id="q" name="q" defaultValue={q} />
        <p>
          <button type="submit">Search</button>
        </p>
      </form>
      {orders.length === 0 ? (
        <p>{q ? `No live order matches “${q}”.` : 'No order has been planned yet.'}</p>
      ) : (
        <Table
          columns={['Order', 'Customer', 'Placed', 'Sequence', 'Stopped']}
          caption={q ? `Orders matching “${q}”` : 'Latest orders'}
        >
          {orders.map((o) => (
            <tr key={o.id}>
              <td>
                <a href={`/admin/orders/${encodeURIComponent(o.id)}`}>{o.id}</a>
              </td>
              <td>{o.customer_email}</td>
              <td>{o.placed_at ? <When iso={new Date(o.placed_at).toISOString()} clock={clock} /> : ''}</td>
              <td>{o.sequence}</td>
              <td>{o.cancelled ?? ''}</td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export type RenderedStep = Readonly<{
  row: StepRow;
  email?: { html: string; text: string; subject: string };
}>;

export type OrderPageData = Readonly<{
  order: OrderRow;
  steps: readonly RenderedStep[];
  runs: readonly Readonly<{ key: string; to: string }>[];
  flash?: string;
}>;

const STEP_COLUMNS = ['Template', 'State', 'Reason', 'Due', 'Subject (variant)'];

/** The steps grouped by their day: the order's calendar, top to bottom. */
export function DayAxis({
  steps,
  clock,
  csrf,
  orderPath,
}: Readonly<{ steps: readonly RenderedStep[]; clock: Clock; csrf?: string; orderPath: string }>) {
  const days = [...new Set(steps.map((s) => s.row.day))].sort((a, b) => a - b);
  return (
    <ol className="days">
      {days.map((day) => (
        <li key={day}>
          <h3>Day {day}</h3>
          <Table columns={STEP_COLUMNS.concat(csrf ? ['Action'] : [])}>
            {steps
              .filter((s) => s.row.day === day)
              .map(({ row }) => (
                <tr key={row.id}>
                  <th scope="row">{row.template}</th>
                  <td>
                    <State state={row.state} />
                  </td>
                  <td>{[row.anchor, row.reason].filter(Boolean).join('; ')}</td>
                  <td>
                    <When iso={new Date(row.send_at).toISOString()} local={row.local_time} clock={clock} />
                  </td>
                  <td>
                    {row.subject ?? ''}
                    {row.variant ? ` (${row.variant})` : ''}
                  </td>
                  {csrf ? (
                    <td>
                      {row.state === 'failed' ? (
                        <form method="post" action={`${orderPath}/retry`} className="inline">
                          <Csrf token={csrf} />
                          <input type="hidden" name="step" value={row.id} />
                          <button type="submit">Retry {row.template}</button>
                        </form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
          </Table>
          {steps
            .filter((s) => s.row.day === day && s.email)
            .map(({ row, email }) =>
              email ? (
                <details key={row.id}>
                  <summary>The {row.template} email</summary>
                  <EmailFrames {...email} label={`The ${row.template} email`} />
                </details>
              ) : null,
            )}
        </li>
      ))}
    </ol>
  );
}

export function OrderPage({
  data,
  csrf,
  clock,
}: Readonly<{ data: OrderPageData; csrf: string; clock: Clock }>) {
  const { order, steps, runs, flash } = data;
  const path = `/admin/orders/${encodeURIComponent(order.id)}`;
  const open = steps.some((s) => ['planned', 'sending', 'scheduled'].includes(s.row.state));
  return (
    <Layout title={`Order ${order.id}`} page="orders" csrf={csrf}>
      {flash ? <Notice text={flash} /> : null}
      <dl className="pairs">
        <dt>Customer</dt>
        <dd>{order.customer_email}</dd>
        <dt>Placed</dt>
        <dd>
          {order.placed_at ? <When iso={new Date(order.placed_at).toISOString()} clock={clock} /> : '—'}
        </dd>
        <dt>Sequence</dt>
        <dd>{order.sequence}</dd>
        <dt>Stopped</dt>
        <dd>{order.cancelled ?? 'no'}</dd>
      </dl>
      {open ? (
        <form method="post" action={`${path}/cancel`}>
          <Csrf token={csrf} />
          <p>
            <button type="submit">Cancel order {order.id}</button>
            <span className="hint">Stops every step not yet sent; its test runs are not touched.</span>
          </p>
        </form>
      ) : null}
      <h2>Steps, day by day</h2>
      {steps.length ? (
        <DayAxis steps={steps} clock={clock} csrf={csrf} orderPath={path} />
      ) : (
        <p>No step recorded.</p>
      )}
      <h2>Test runs of this order</h2>
      {runs.length ? (
        <ul>
          {runs.map((r) => (
            <li key={r.key}>
              <a href={`/admin/test-sends/${encodeURIComponent(r.key)}`}>to {r.to}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
    </Layout>
  );
}
