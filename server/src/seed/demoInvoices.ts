// Demo invoice stock (发票余额): each demo office has signed for one batch of pre-issued invoices, so collecting a
// fee with invoices works out of the box. The stock moves only through the SIGNED movement. Idempotent, like the rest
// of the seed: an office that already has a signed request is left alone.
import type { PrismaClient } from '../generated/prisma/client.ts'

const DEMO_STOCK = 200
/** The demo offices and the staff member who signed for their invoices. */
const DEMO_OFFICES = [
  { regionCode: '410922', username: 'qingfeng' },
  { regionCode: '410923', username: 'nanle' },
  { regionCode: '410900', username: 'puyang' },
  { regionCode: '410000', username: 'henan' },
  { regionCode: '130000', username: 'hebei' },
] as const

export async function seedDemoInvoices(prisma: PrismaClient): Promise<void> {
  for (const demo of DEMO_OFFICES) {
    const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: demo.regionCode } })
    const staff = await prisma.user.findUnique({ where: { username: demo.username } })
    if (!staff) continue
    if (await prisma.invoiceRequest.findFirst({ where: { officeId: office.id, status: 'SIGNED' } })) continue
    await prisma.$transaction(async (tx) => {
      const signedAt = new Date()
      const request = await tx.invoiceRequest.create({
        data: {
          officeId: office.id,
          count: DEMO_STOCK,
          invoiceType: 'GENERAL',
          faceValueFen: 3_000_000n,
          mailingAddress: office.address ?? `${office.name}（演示地址）`,
          status: 'SIGNED',
          requestedById: staff.id,
          requestedAt: new Date(signedAt.getTime() - 7 * 86_400_000),
          shippedAt: new Date(signedAt.getTime() - 3 * 86_400_000),
          trackingNumber: `SF${demo.regionCode}0001`,
          signedAt,
          signedById: staff.id,
          version: 2,
        },
      })
      await tx.invoiceStockMovement.create({
        data: {
          officeId: office.id,
          quantity: DEMO_STOCK,
          reason: 'SIGNED',
          invoiceRequestId: request.id,
          createdById: staff.id,
        },
      })
    })
  }
}
