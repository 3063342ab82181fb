// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { addMicroSiteNewsItem } from './commands/add-micro-site-news-item.ts'
import { deleteMicroSiteNewsItem } from './commands/delete-micro-site-news-item.ts'
import { publishMicroSite } from './commands/publish-micro-site.ts'
import { saveMicroSite } from './commands/save-micro-site.ts'
import { unpublishMicroSite } from './commands/unpublish-micro-site.ts'
import { updateMicroSiteNewsItem } from './commands/update-micro-site-news-item.ts'
import { microSite } from './queries/micro-site.ts'
import { myMicroSite } from './queries/my-micro-site.ts'
import { publicMicroSite } from './queries/public-micro-site.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    saveMicroSite,
    publishMicroSite,
    unpublishMicroSite,
    addMicroSiteNewsItem,
    updateMicroSiteNewsItem,
    deleteMicroSiteNewsItem,
    myMicroSite,
    microSite,
    publicMicroSite,
  ],
}
