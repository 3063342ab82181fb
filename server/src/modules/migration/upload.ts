// A file uploaded to a PORTAL run (the page posts the raw bytes to /migration/runs/<id>/files, http/migration.ts):
// checked (name, size, kind) and stored in migration_uploads. A file of the same name replaces the earlier one.
// Any upload moves a validated run back to UPLOADED (with a new version), so a commit never writes files that
// were not validated.
import { appError, badInput } from '../../errors.ts'
import { checkText } from '../../validation/text.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import type { Viewer } from '../../viewer.ts'
import { kindOf } from './read/kind.ts'
import { fileFromBytes } from './read/sourceFile.ts'
import { isLive } from './run.ts'
import { KIND_ORDER, TEMPLATES, type FileKind } from './templates.ts'

/** The largest file accepted (the national export is split per province and kind well below this). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

export interface StoredUpload {
  id: number
  fileName: string
  kind: FileKind
  size: number
}

const TEMPLATE_NAMES = KIND_ORDER.map((kind) => TEMPLATES[kind].fileName).join('、')

export function checkFileName(raw: string): string {
  // The name comes from a query parameter: control characters, NUL and broken UTF-16 are refused before they reach
  // the database (PostgreSQL refuses NUL in text) or the report.
  const named = checkText(raw, { kind: 'singleLine', maxLength: 1000 })
  if (!named.ok) throw badInput(`文件名无效：${named.problem}`, { fileName: named.problem })
  const fileName = named.value.trim().replace(/^.*[\\/]/, '')
  if (!fileName) throw badInput('请给出文件名', { fileName: '请给出文件名' })
  if (fileName.length > 255) throw badInput('文件名过长', { fileName: '文件名不能超过 255 个字符' })
  if (!/\.(xlsx|csv)$/i.test(fileName))
    throw badInput(`只支持 .xlsx 或 .csv 文件：${fileName}`, { fileName: '请上传 .xlsx 或 .csv 文件' })
  return fileName
}

export async function storeUpload(
  prisma: PrismaClient,
  actor: { viewer: Viewer; ip: string | null },
  runId: number,
  rawFileName: string,
  bytes: Uint8Array,
): Promise<StoredUpload> {
  const fileName = checkFileName(rawFileName)
  if (!bytes.byteLength) throw badInput(`文件是空的：${fileName}`, { file: '文件是空的' })
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    throw badInput(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB：${fileName}`, { file: '文件过大，请拆分后上传' })
  const kind = await kindOf(fileFromBytes(fileName, bytes))
  if (!kind)
    throw appError(
      'BAD_USER_INPUT',
      `无法识别 ${fileName} 的类型：文件名应以模板名称开头（${TEMPLATE_NAMES}），或表头与模板一致`,
      { reason: 'UNKNOWN_FILE_KIND', fields: { file: '无法识别文件类型' } },
    )
  const run = await prisma.migrationRun.findUnique({ where: { id: runId } })
  if (!run) throw appError('NOT_FOUND', '导入不存在')
  if (isLive(run) || !['UPLOADED', 'VALIDATED'].includes(run.status))
    throw appError('CONFLICT', '该导入已开始提交或正在校验，不能再上传文件；请新建一次导入', {
      reason: 'MIGRATION_RUN_STATE',
    })
  return prisma.$transaction(async (tx) => {
    const moved = await tx.migrationRun.updateMany({
      where: { id: runId, version: run.version, status: run.status },
      data: { status: 'UPLOADED', version: { increment: 1 } },
    })
    if (!moved.count) throw appError('CONFLICT', '导入的状态已变化，请刷新后重试', { reason: 'STALE_VERSION' })
    const replaced = await tx.migrationUpload.deleteMany({ where: { runId, fileName } })
    // Raw SQL with the bytes as base64: PGlite's Prisma adapter does not pass a Bytes argument through.
    const [upload] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO migration_uploads ("runId", "fileName", kind, size, content)
      VALUES (${runId}, ${fileName}, ${kind}, ${bytes.byteLength}, decode(${Buffer.from(bytes).toString('base64')}, 'base64'))
      RETURNING id`
    await writeAudit(tx, actor, {
      action: 'migrationUpload.add',
      subjectType: 'MigrationRun',
      subjectId: runId,
      after: { fileName, kind, size: bytes.byteLength, replaced: replaced.count > 0 },
    })
    return { id: upload!.id, fileName, kind, size: bytes.byteLength }
  })
}
