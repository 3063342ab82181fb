// /badge/<number>.js (the script a site embeds) and /badge/<number>.svg (the badge image). Public, cached for
// five minutes; an unknown or malformed number is 404. The script's links come from PUBLIC_PORTAL_URL only
// (config/publicPortal.ts): a cached answer must not carry whatever Host a request claimed.
import { badgeScript, badgeSvg } from '@/components/badges/assets'
import { loadBadgeFacts } from '@/components/badges/publicData'
import { publicPortalUrl } from '@/config/publicPortal'

export const dynamic = 'force-dynamic'

const FILE = /^([0-9A-Z]{1,32})\.(js|svg)$/

function notFound(): Response {
  return new Response('未找到该网站标识\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=60' },
  })
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params
  const match = FILE.exec(file)
  if (!match) return notFound()
  const [, badgeNumber, extension] = match as unknown as [string, string, 'js' | 'svg']
  let facts
  try {
    facts = await loadBadgeFacts(badgeNumber)
  } catch {
    return new Response('服务暂不可用\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    })
  }
  if (!facts) return notFound()
  const headers = { 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }
  if (extension === 'svg') {
    return new Response(badgeSvg(facts), { headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' } })
  }
  const origin = publicPortalUrl()
  const script = badgeScript(facts, {
    verification: `${origin}/verify/${facts.badgeNumber}`,
    image: `${origin}/badge/${facts.badgeNumber}.svg`,
  })
  return new Response(script, { headers: { ...headers, 'content-type': 'text/javascript; charset=utf-8' } })
}
