/** The configuration check the overview shows: each setting by name (never its value), set or not, and what that means. */
import type { ConfigLine } from './overview-page';

const SETTINGS: readonly (readonly [string, string, string])[] = [
  ['RESEND_API_KEY', 'emails go to Resend', 'unset: nothing is sent; steps wait in the store'],
  ['EMAIL_FROM', 'the sender of every email', 'unset: nothing can be sent'],
  [
    'UNSUBSCRIBE_SECRET',
    'signs the unsubscribe links',
    'unset: orders whose unsubscribe URL has {token} are refused',
  ],
  ['INTAKE_TOKEN', 'POST /orders, /events and GET /status are open to its bearer', 'unset: they answer 401'],
  ['RESEND_WEBHOOK_SECRET', 'bounces and complaints are heard', 'unset: /webhooks/resend answers 503'],
  ['SHOPIFY_WEBHOOK_SECRET', "Shopify's webhooks are verified", 'unset: Shopify webhooks are refused'],
  ['SHOP_CONFIG', "the shop object for Shopify's orders", 'unset: Shopify orders cannot be planned'],
  ['DATABASE_URL', 'the store is a Postgres server', 'unset: the store is embedded in the ledger directory'],
  ['ADMIN_PASSWORD', 'this console is open to its password', 'unset: /admin answers 404'],
];

export function configurationCheck(env: NodeJS.ProcessEnv): ConfigLine[] {
  return SETTINGS.map(([name, ifSet, ifUnset]) => {
    const set = Boolean(env[name]?.trim());
    return { name, set, meaning: set ? ifSet : ifUnset };
  });
}
