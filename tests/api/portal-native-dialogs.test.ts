// The portal asks its questions in its own dialog (web/components/ui/ConfirmDialog.tsx, issue 15): the browser's
// window.confirm shows the site's address as its title, cannot name the action on its button and cannot be styled;
// alert and prompt have the same faults. This keeps them from coming back one call at a time.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { portalSourceFiles, webDir } from '../testkit/portalSources.ts'

/** Calls of the browser's own dialogs: confirm(, window.confirm(, alert(, prompt( (not a method of something else). */
const NATIVE_DIALOG_CALL = /(?<![\w$.])(?:window\.)?(?:confirm|alert|prompt)\s*\(/g

/** The native dialog calls in `source`, after dropping comments and the portal's own `confirm` from useConfirm(). */
function nativeDialogCalls(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/[^\n]*/g, '$1')
  const ownConfirm = /\bconst\s+confirm\s*=\s*useConfirm\(\)/.test(code)
  return [...code.matchAll(NATIVE_DIALOG_CALL)]
    .map((match) => match[0])
    .filter((call) => !(ownConfirm && /^confirm\s*\(/.test(call)))
}

describe('the portal’s questions', () => {
  it('are asked with ConfirmDialog, never with window.confirm, alert or prompt', () => {
    const files = portalSourceFiles()
    expect(files.length).toBeGreaterThan(50)
    const offending = files.flatMap((file) =>
      nativeDialogCalls(readFileSync(file, 'utf8')).map((call) => `${path.relative(webDir, file)}: ${call}`),
    )
    expect(offending).toEqual([])
  })

  it('tells a native call from the portal’s own confirm', () => {
    expect(nativeDialogCalls("if (!window.confirm('删除？')) return")).toEqual(['window.confirm('])
    expect(nativeDialogCalls("alert('x'); prompt('y')")).toEqual(['alert(', 'prompt('])
    expect(
      nativeDialogCalls("const confirm = useConfirm()\nif (!(await confirm({ title: 'x', message: 'y' }))) return"),
    ).toEqual([])
    expect(nativeDialogCalls("if (!confirm('删除？')) return")).toEqual(['confirm('])
    expect(nativeDialogCalls('// window.confirm( in a comment\nconfirmRemittance({ input })')).toEqual([])
  })
})
