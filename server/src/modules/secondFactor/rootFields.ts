// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { changeExpiredPassword } from './commands/change-expired-password.ts'
import { completeLogin } from './commands/complete-login.ts'
import { confirmTotp } from './commands/confirm-totp.ts'
import { disableTotp } from './commands/disable-totp.ts'
import { forgetDevice } from './commands/forget-device.ts'
import { sendLoginCode } from './commands/send-login-code.ts'
import { startTotpSetup } from './commands/start-totp-setup.ts'
import { myTrustedDevices } from './queries/my-trusted-devices.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    sendLoginCode,
    completeLogin,
    changeExpiredPassword,
    startTotpSetup,
    confirmTotp,
    disableTotp,
    myTrustedDevices,
    forgetDevice,
  ],
}
