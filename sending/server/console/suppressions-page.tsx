/** `/admin/suppressions`: search, add, remove with a reason; every change kept with who and when. */
import type { Suppression } from '../../sequencer';
import type { AuditEntry } from '../../store/suppression-audit';
import { Csrf, Layout } from './layout';
import { type Clock, Problems, Table, When } from './parts';

export function SuppressionsPage({
  q,
  list,
  audit,
  problems,
  flash,
  csrf,
  clock,
}: Readonly<{
  q: string;
  list: readonly Suppression[];
  audit: readonly AuditEntry[];
  problems: readonly string[];
  flash?: string;
  csrf: string;
  clock: Clock;
}>) {
  return (
    <Layout title="Suppressions" page="suppressions" csrf={csrf}>
      {flash ? (
        <p className="notice" role="status">
          {flash}
        </p>
      ) : null}
      <Problems problems={problems} title="Nothing was changed:" />
      <section className="card" aria-labelledby="add">
        <h2 id="add">Add a suppression</h2>
        <form method="post" action="/admin/suppressions">
          <Csrf token={csrf} />
          <input type="hidden" name="action" value="add" />
          <label htmlFor="add-email">Email address</label>
          <input type="email" id="add-email" name="email" required />
          <fieldset>
            <legend>What it stops</legend>
            <input type="radio" id="scope-all" name="scope" value="all" defaultChecked />
            <label htmlFor="scope-all">every email</label>
            <input type="radio" id="scope-marketing" name="scope" value="marketing" />
            <label htmlFor="scope-marketing">marketing only</label>
          </fieldset>
          <label htmlFor="add-reason">Reason</label>
          <input type="text" id="add-reason" name="reason" required />
          <p>
            <button type="submit">Suppress</button>
          </p>
        </form>
      </section>
      <form method="get" action="/admin/suppressions">
        <label htmlFor="q">Search suppressed addresses</label>
        <input type="search" id="q" name="q" defaultValue={q} />
        <p>
          <button type="submit">Search</button>
        </p>
      </form>
      <h2>Suppressed addresses</h2>
      {list.length === 0 ? (
        <p>{q ? `No suppressed address matches “${q}”.` : 'No suppressed address.'}</p>
      ) : (
        <Table columns={['Address', 'Stops', 'Source', 'Since', 'Reason', 'Remove']}>
          {list.map((s, i) => (
            <tr key={s.email}>
              <th scope="row">{s.email}</th>
              <td>{s.scope === 'all' ? 'every email' : 'marketing'}</td>
              <td>{s.source}</td>
              <td>
                <When iso={s.createdAt} clock={clock} />
              </td>
              <td>{s.reason ?? ''}</td>
              <td>
                <form method="post" action="/admin/suppressions">
                  <Csrf token={csrf} />
                  <input type="hidden" name="action" value="remove" />
                  <input type="hidden" name="email" value={s.email} />
                  <label htmlFor={`remove-reason-${i}`}>Reason to remove {s.email}</label>
                  <input type="text" id={`remove-reason-${i}`} name="reason" required />
                  <button type="submit">Remove {s.email}</button>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>Audit: who changed what, and when</h2>
      {audit.length === 0 ? (
        <p>No change recorded.</p>
      ) : (
        <Table columns={['When', 'Address', 'Change', 'By', 'Reason']}>
          {audit.map((a) => (
            <tr key={`${a.at}-${a.email}-${a.action}`}>
              <td>
                <When iso={a.at} clock={clock} />
              </td>
              <td>{a.email}</td>
              <td>
                {a.action}
                {a.scope ? ` (${a.scope === 'all' ? 'every email' : 'marketing'})` : ''}
              </td>
              <td>{a.actor}</td>
              <td>{a.reason ?? ''}</td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}
