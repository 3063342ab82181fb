// Dates on the micro-site pages, in China time: 2025-09-10.
const DAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—'
  const parts = Object.fromEntries(DAY.formatToParts(new Date(iso)).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** The badge's public addresses (the same shapes as server/src/modules/badges/snippet.ts). */
export const badgeAddresses = (badgeNumber: string) => ({
  badgeNumber,
  verificationPath: `/verify/${badgeNumber}`,
  imagePath: `/badge/${badgeNumber}.svg`,
})
