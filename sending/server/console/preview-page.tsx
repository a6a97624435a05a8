/** `/admin/preview?template=&locale=&brand=&variant=&sample=`: any email at 375 and 600 px beside its plain text. */
import { Layout } from './layout';
import { EmailFrames, Problems, Select } from './parts';

export type PreviewChoices = Readonly<{
  templates: readonly string[];
  locales: readonly string[];
  brands: readonly string[];
  variants: readonly string[];
  samples: readonly string[];
}>;

export type PreviewQuery = Readonly<{
  template: string;
  locale: string;
  brand: string;
  variant: string;
  sample: string;
}>;

export function PreviewPage({
  query,
  choices,
  email,
  problems,
  csrf,
}: Readonly<{
  query: PreviewQuery;
  choices: PreviewChoices;
  email?: Readonly<{ html: string; text: string; subject: string }>;
  problems: readonly string[];
  csrf: string;
}>) {
  return (
    <Layout title="Preview" page="preview" csrf={csrf}>
      <form method="get" action="/admin/preview">
        <div className="grid">
          <div>
            <Select id="template" label="Template" value={query.template} options={choices.templates} />
          </div>
          <div>
            <Select id="sample" label="Sample order" value={query.sample} options={choices.samples} />
          </div>
          <div>
            <Select
              id="locale"
              label="Locale"
              value={query.locale}
              options={choices.locales}
              empty="The customer's own"
            />
          </div>
          <div>
            <Select
              id="brand"
              label="Brand"
              value={query.brand}
              options={choices.brands}
              empty="The document's own"
            />
          </div>
          <div>
            <Select id="variant" label="Subject variant" value={query.variant} options={choices.variants} />
          </div>
        </div>
        <p>
          <button type="submit">Show</button>
        </p>
      </form>
      <Problems problems={problems} title="This email cannot be shown:" />
      {email ? (
        <>
          <h2>Subject: {email.subject}</h2>
          <EmailFrames {...email} label={query.template} />
        </>
      ) : null}
    </Layout>
  );
}
