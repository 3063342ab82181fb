// 取消发布网络红页: PUBLISHED → DRAFT; the public page disappears.
import { defineCommand } from '../../../commands/define.ts'
import { moveMicroSite } from '../publishing.ts'
import { UNIT_EDITORS } from '../rules.ts'

export const unpublishMicroSite = defineCommand({
  name: 'unpublishMicroSite',
  policy: UNIT_EDITORS,
  scope: 'the viewer’s own unit',
  transition: { entity: 'MicroSite', from: ['PUBLISHED'], to: ['DRAFT'] },
  run: (ctx, input: { version: number }) => moveMicroSite(ctx, input.version, 'DRAFT'),
})
