import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { isUnitIdParam, loadOwnPreview, loadPublicMicroSite } from '@/components/microSites/load'
import { MicroSiteView } from '@/components/microSites/MicroSiteView'

interface Props {
  params: Promise<{ unitId: string }>
  searchParams: Promise<{ preview?: string | string[] }>
}

/** ?preview=1 from the editor: the unit's own users see their micro-site even before it is published. */
async function load({ params, searchParams }: Props) {
  const { unitId } = await params
  if (!isUnitIdParam(unitId)) return null
  if ((await searchParams).preview === '1') {
    const own = await loadOwnPreview(unitId)
    if (own)
      return {
        site: own.site,
        banner: own.published
          ? '预览：以下为本单位网络红页的对外显示效果。'
          : '预览：本网络红页尚未发布，仅本单位用户可见，公众无法访问。',
      }
  }
  const site = await loadPublicMicroSite(unitId)
  return site && { site, banner: undefined }
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props)
  if (!loaded) return { title: '页面不存在' }
  // The browser tab shows the site's name alone (网站名称 must match the tab title); a published page may be indexed.
  const published = !loaded.banner
  return {
    title: { absolute: loaded.site.title },
    description: loaded.site.introduction.slice(0, 120),
    robots: published ? { index: true, follow: true } : { index: false, follow: false },
  }
}

export default async function PublicMicroSitePage(props: Props) {
  const loaded = await load(props)
  if (!loaded) notFound()
  return <MicroSiteView site={loaded.site} banner={loaded.banner} />
}
