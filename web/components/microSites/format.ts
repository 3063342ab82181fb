/** The badge's public addresses (the same shapes as server/src/modules/badges/snippet.ts). */
export const badgeAddresses = (badgeNumber: string) => ({
  badgeNumber,
  verificationPath: `/verify/${badgeNumber}`,
  imagePath: `/badge/${badgeNumber}.svg`,
})
