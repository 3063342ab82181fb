// Seeding is idempotent: every run inserts what is missing and leaves what exists alone.
import type { PrismaClient } from '../generated/prisma/client.ts'
import { seedDemoData } from './demo.ts'
import { seedRegionsAndOffices } from './regions.ts'

export async function seedDatabase(prisma: PrismaClient, options: { demo?: boolean } = {}) {
  const counts = await seedRegionsAndOffices(prisma)
  if (options.demo !== false) await seedDemoData(prisma)
  return counts
}
