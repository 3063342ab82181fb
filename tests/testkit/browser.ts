// Debian's Chromium driven by playwright-core (no browser download: the test run installs the Debian package).
import { mkdirSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { artifactsDir } from './paths.ts'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export function screenshotPath(name: string): string {
  mkdirSync(`${artifactsDir}/screenshots`, { recursive: true })
  return `${artifactsDir}/screenshots/${name}.png`
}
