// 联系人信息: the logged-in unit user's own unit contacts, with the version the edit form sends back.
import { defineQuery } from '../../../commands/define.ts'
import { CONTACT_SELECT, ownUnitContactsPolicy, ownUnitId } from '../contacts.ts'

export const myUnitContacts = defineQuery({
  name: 'myUnitContacts',
  policy: ownUnitContactsPolicy,
  scope: 'the viewer’s own unit (viewer.unitId)',
  run: (ctx, _input: undefined) =>
    ctx.prisma.unit.findUniqueOrThrow({ where: { id: ownUnitId(ctx) }, select: CONTACT_SELECT }),
})
