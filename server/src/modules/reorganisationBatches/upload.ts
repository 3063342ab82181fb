// The uploaded file as the API receives it: a name and its bytes in base64 (a GraphQL string; the request body
// limit, MAX_BODY_BYTES, caps a file at about 70 KB, some 500 rows; a larger reform is uploaded in parts).
import { badInput } from '../../errors.ts'

export interface UploadInput {
  fileName: string
  contentBase64: string
}

/** The longest base64 text accepted (the body limit refuses more anyway; this says so in Chinese). */
export const MAX_BASE64_LENGTH = 150_000

export function decodeUpload(input: UploadInput): { fileName: string; bytes: Uint8Array } {
  const fileName = input.fileName.trim()
  if (!/\.(xlsx|csv)$/i.test(fileName))
    throw badInput('只支持 .xlsx 或 .csv 文件', { fileName: '请上传 .xlsx 或 .csv 文件' })
  if (fileName.length > 255) throw badInput('文件名过长', { fileName: '文件名不能超过 255 个字符' })
  const text = input.contentBase64.replace(/\s+/g, '')
  if (!text || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw badInput('文件内容无法读取，请重新选择文件', { contentBase64: '文件内容不是有效的 base64' })
  const bytes = new Uint8Array(Buffer.from(text, 'base64'))
  if (!bytes.length) throw badInput('文件是空的', { contentBase64: '文件是空的' })
  return { fileName, bytes }
}
