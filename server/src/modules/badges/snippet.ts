// The badge code (标识代码) a unit pastes before </body>, and the public addresses it points at. The installation
// check looks for the same script address, so both sides use these functions.
import { config } from '../../config.ts'

/** The script that draws the badge and links it to the verification page. */
export const badgeScriptPath = (badgeNumber: string) => `/badge/${badgeNumber}.js`
/** The badge image. */
export const badgeImagePath = (badgeNumber: string) => `/badge/${badgeNumber}.svg`
/** The public verification page (公开核验页). */
export const verificationPath = (badgeNumber: string) => `/verify/${badgeNumber}`
/** The public micro-site (网络红页) of a unit. */
export const microSitePath = (unitId: number) => `/m/${unitId}`

export const publicUrl = (path: string) => `${config.publicPortalUrl}${path}`

/** The snippet shown under 标识管理: one script tag, placed immediately before </body>. */
export function badgeSnippet(badgeNumber: string): string {
  return `<script id="conac-badge" src="${publicUrl(badgeScriptPath(badgeNumber))}" charset="utf-8"></script>`
}
