/**
 * The preference centre and the complaint guardrail as the facade offers them: an address's choices (read,
 * saved and honoured at once: what they now exclude is recalled from Resend), a preferences link by email, the
 * page's shop and language, and the guardrail's state and its lifting by hand.
 */
import { isLocale } from '../../core/locales';
import { contextOfDocument, type PageContext } from '../http/page';
import type { ShopConfig } from '../intake/shopify/shop-config';
import type { Preferences } from '../plan/preferences';
import type { Sender } from '../provider/sender';
import type { Db } from '../store/db';
import { latestDocument, preferencesOf, savePreferences } from '../store/preferences';
import { type GuardrailState, guardrailState, resumeMarketing } from './guardrail';
import { recallScheduled } from './preference-stops';
import { type LinkOutcome, sendPreferencesLink } from './preferences-link';
import type { Canceller } from './stops';

export type PreferenceCentreContext = Readonly<{
  db: () => Promise<Db>;
  /** Recalls at Resend what the new choices exclude, and sends the links (none: recorded only). */
  sender: () => Sender | undefined;
  /** Who recalls what is scheduled at Resend (default: the sender, at once). */
  canceller?: () => Canceller;
  from: string;
  unsubscribeSecret: string | undefined;
  /** The shop a page wears for an address the store does not know. */
  shopConfig?: ShopConfig | string;
  log?: (line: string) => void;
}>;

export type PreferenceCentre = Readonly<{
  preferences(email: string): Promise<Preferences>;
  setPreferences(email: string, preferences: Preferences): Promise<Preferences>;
  requestPreferencesLink(email: string, origin: string): Promise<LinkOutcome>;
  guardrailState(): Promise<GuardrailState>;
  resumeMarketing(): Promise<boolean>;
  /** The shop and language a page wears: the address's latest order's; else the configured shop's; else none. */
  pageContext(address: string | undefined): Promise<PageContext>;
}>;

export function preferenceCentre(context: PreferenceCentreContext): PreferenceCentre {
  const { db } = context;
  return {
    preferences: async (email) => preferencesOf(await db(), email),
    async setPreferences(email, chosen) {
      const store = await db();
      const previous = await savePreferences(store, email, chosen);
      await recallScheduled(store, (context.canceller ?? context.sender)(), email, chosen);
      return previous;
    },
    requestPreferencesLink: async (email, origin) =>
      sendPreferencesLink(
        {
          db: await db(),
          sender: context.sender(),
          from: context.from,
          unsubscribeSecret: context.unsubscribeSecret,
        },
        email,
        origin,
      ),
    guardrailState: async () => guardrailState(await db()),
    async resumeMarketing() {
      const resumed = await resumeMarketing(await db());
      if (resumed) context.log?.('marketing resumed: the complaint guardrail was lifted by hand');
      return resumed;
    },
    async pageContext(address) {
      const document = address === undefined ? undefined : await latestDocument(await db(), address);
      if (document !== undefined) return contextOfDocument(document, isLocale);
      const shop = typeof context.shopConfig === 'object' ? context.shopConfig : undefined;
      return shop ? contextOfDocument({ shop, customer: { locale: shop.defaultLocale } }, isLocale) : {};
    },
  };
}
