// `npm run db:seed`: migrate and seed the configured database (PGlite by default, or DATABASE_URL).
import { openConfiguredDatabase } from '../db/open.ts'
import { seedDatabase } from './index.ts'

const database = await openConfiguredDatabase()
try {
  const counts = await seedDatabase(database.prisma)
  console.log(`[seed] ${counts.regions} regions, ${counts.offices} offices, demo units and accounts`)
} finally {
  await database.close()
}
