// 双重验证 → 绑定身份验证器, step 1: a new secret, stored sealed (totpSecret.ts) but not yet in use; the page shows
// it as a QR code (and as text for typing in). Starting again replaces a setup that was never confirmed.
import QRCode from 'qrcode'
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { signedInStaff, STAFF_IN_PERSON } from '../staff.ts'
import { newTotpSecret } from '../totp.ts'
import { sealTotpSecret } from '../totpSecret.ts'

export const startTotpSetup = defineCommand({
  name: 'startTotpSetup',
  policy: STAFF_IN_PERSON,
  scope: 'the viewer’s own user',
  effects: ['users.totpSecretEnc (a new secret, not enabled)'],

  async run(ctx, _input: undefined) {
    const user = await signedInStaff(ctx)
    if (user.totpEnabledAt) throw appError('CONFLICT', '已绑定身份验证器；如需更换，请先解除绑定')
    const { secretBase32, uri } = newTotpSecret(user.username)
    await ctx.prisma.user.update({
      where: { id: user.id },
      data: { totpSecretEnc: sealTotpSecret(user.id, secretBase32), totpLastStep: null },
    })
    const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 })
    return { uri, secret: secretBase32, qrDataUrl }
  },
})
