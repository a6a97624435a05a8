/** `GET /admin/login`: one labelled password field. */
import { Layout } from './layout';

export function LoginPage({ problem }: Readonly<{ problem?: string }>) {
  return (
    <Layout title="Sign in to the console" page="login">
      <form method="post" action="/admin/login">
        {problem ? (
          <p className="error" id="password-problem" role="alert">
            {problem}
          </p>
        ) : null}
        <label htmlFor="password">Password</label>
        <span className="hint" id="password-hint">
          The console password is the server's ADMIN_PASSWORD setting.
        </span>
        <input
          type="password"
          id="password"
          name="password"
          autoComplete="current-password"
          required
          aria-describedby={problem ? 'password-hint password-problem' : 'password-hint'}
          {...(problem ? { 'aria-invalid': true } : {})}
        />
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </Layout>
  );
}
