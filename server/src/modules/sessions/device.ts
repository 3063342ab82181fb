// 我的登录设备: a browser's user agent as a person recognises their device ("Chrome 120 · Windows 10"), parsed with
// bowser (MIT; ua-parser-js 2.x is AGPL). Unknown or missing agents read 未知设备.
import Bowser from 'bowser'

const PLATFORM_TEXT: Record<string, string> = { desktop: '电脑', mobile: '手机', tablet: '平板', tv: '电视' }

export interface DeviceLabel {
  /** e.g. Chrome 120 */
  browser: string | null
  /** e.g. Windows 10, iOS 17.4 */
  os: string | null
  /** 电脑 / 手机 / 平板, or null */
  kind: string | null
}

export function describeDevice(userAgent: string | null): DeviceLabel {
  if (!userAgent) return { browser: null, os: null, kind: null }
  const parsed = Bowser.parse(userAgent)
  const major = parsed.browser.version?.split('.')[0]
  const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(' ') : null
  const osVersion = parsed.os.versionName ?? parsed.os.version
  const os = parsed.os.name ? [parsed.os.name, osVersion].filter(Boolean).join(' ') : null
  const kind = parsed.platform.type ? (PLATFORM_TEXT[parsed.platform.type] ?? null) : null
  return { browser, os, kind }
}
