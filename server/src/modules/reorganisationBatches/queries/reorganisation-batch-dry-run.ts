// 试运行: the spreadsheet read, planned and validated as the viewer would submit it; writes nothing. The report
// comes with its Excel form (base64) for the download button.
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { dryRunSpreadsheet } from '../dryRun.ts'
import { reportWorkbook } from '../report.ts'
import { decodeUpload, type UploadInput } from '../upload.ts'

export const reorganisationBatchDryRun = defineQuery({
  name: 'reorganisationBatchDryRun',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    rule: 'the units the file names must lie in the viewer’s office subtree (CONAC: anywhere); others are reported as not found',
  },
  scope: 'unitScope',
  async run(ctx, input: UploadInput) {
    const { fileName, bytes } = decodeUpload(input)
    const { plans: _plans, ...report } = await dryRunSpreadsheet(ctx.prisma, ctx.viewer, fileName, bytes)
    const workbook = await reportWorkbook(report)
    return { ...report, reportXlsxBase64: Buffer.from(workbook).toString('base64') }
  },
})
