// The Chromium flags of the renderer bench: the e2e flags, plus those that keep a headless page's
// animation frames and timers at full rate (no throttling of a page Chromium thinks is in the
// background or hidden), so frame intervals measure the page and not Chromium's power saving.
import { chromiumArgs } from '../../playwright.config.ts';

export const benchChromiumArgs = [
  ...chromiumArgs,
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];
