// `npm run reorganisation:template -w server`: writes the 批量机构改革 template the portal offers for download
// (web/public/templates/) and the filled-in example of docs/reorganisation/. Run it after changing the columns or the
// instructions (modules/reorganisationBatches/columns.ts, template.ts); tests/api/reorganisation-batch.test.ts
// checks that the committed files are what this writes.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { exampleFile, templateFiles } from '../src/modules/reorganisationBatches/template.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const write = (relative: string, content: Uint8Array | string) => {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
  console.log(`wrote ${relative}`)
}
const template = await templateFiles()
write('web/public/templates/reorganisation-batch-template.xlsx', template.xlsx)
write('web/public/templates/reorganisation-batch-template.csv', template.csv)
const example = await exampleFile()
write('docs/reorganisation/example.xlsx', example.xlsx)
write('docs/reorganisation/example.csv', example.csv)
