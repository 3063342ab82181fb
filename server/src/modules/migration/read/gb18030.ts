// GB18030 encoding of text (Node's TextDecoder reads GB18030, but TextEncoder only writes UTF-8): for the example
// files and the tests, which must show that a CSV saved by Excel on a Chinese Windows is read like UTF-8. The table
// is the decoder's own two-byte (GBK) range inverted, built once; characters outside it are not needed here.
let table: Map<string, number> | null = null

function encodingTable(): Map<string, number> {
  if (table) return table
  table = new Map()
  const decoder = new TextDecoder('gb18030')
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const char = decoder.decode(new Uint8Array([lead, trail]))
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, (lead << 8) | trail)
    }
  return table
}

export function encodeGb18030(text: string): Uint8Array {
  const codes = encodingTable()
  const bytes: number[] = []
  for (const char of text) {
    const code = char.charCodeAt(0)
    if (code < 0x80) bytes.push(code)
    else {
      const pair = codes.get(char)
      if (pair === undefined) throw new Error(`no two-byte GB18030 code for ${JSON.stringify(char)}`)
      bytes.push(pair >> 8, pair & 0xff)
    }
  }
  return Uint8Array.from(bytes)
}
