import { launchChromium } from './chromium';
import type { Engine, EngineName } from './engine';
import { launchFirefox } from './firefox';
import { launchWebKit } from './webkit';

export * from './engine';

export const LAUNCHERS: Record<EngineName, () => Promise<Engine>> = {
  chromium: () => launchChromium(),
  firefox: () => launchFirefox(),
  webkit: () => launchWebKit(),
};
