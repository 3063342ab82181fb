// 发布网络红页: DRAFT → PUBLISHED; the public page /m/<unitId> appears.
import { defineCommand } from '../../../commands/define.ts'
import { moveMicroSite } from '../publishing.ts'
import { UNIT_EDITORS } from '../rules.ts'

export const publishMicroSite = defineCommand({
  name: 'publishMicroSite',
  policy: UNIT_EDITORS,
  scope: 'the viewer’s own unit',
  transition: { entity: 'MicroSite', from: ['DRAFT'], to: ['PUBLISHED'] },
  run: (ctx, input: { version: number }) => moveMicroSite(ctx, input.version, 'PUBLISHED'),
})
