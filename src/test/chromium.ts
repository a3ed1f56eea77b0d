import { chromium } from 'playwright-core';

/** Debian's Chromium, which the browser tests and the phone bench drive (no browser download on a closed network). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, as root, and silent towards the network: without the last four it dials Google's hosts at every start. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
