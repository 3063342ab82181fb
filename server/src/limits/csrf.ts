// CSRF prevention: yoga's plugin refuses requests a browser sends cross-site without a CORS preflight (GET, and
// POST with a form or text/plain body) unless they carry the header below, which a cross-site form cannot set.
// The portal posts JSON (application/json needs a preflight), so it passes without the header.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention'
import type { Plugin } from 'graphql-yoga'
import { limitError } from './errors.ts'

/** Integrators sending GET queries (or non-JSON bodies) add this header, with any value. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf'

/** The plugin's check, with a coded Chinese error instead of its English one. */
export function useCsrfPrevention(): Plugin {
  const check = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }).onRequestParse!
  return {
    onRequestParse(payload) {
      try {
        return check(payload)
      } catch {
        throw limitError(
          'CSRF_CHECK_FAILED',
          `请求被拒绝（跨站请求防护）：请以 application/json 格式 POST，或携带 ${CSRF_HEADER} 请求头`,
          403,
        )
      }
    },
  }
}
