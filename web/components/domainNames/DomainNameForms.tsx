// A domain's name as DNS carries it (A-label, xn--…) and its reserved 简繁 variants, as small lines under the name in
// the domain lists.
import { DnsName } from '@/components/ui/DnsName'

export function ALabelLine({ aLabelName }: { aLabelName: string | null | undefined }) {
  if (!aLabelName) return null
  return <DnsName name={aLabelName} className="mono domain-a-label" testId="domain-a-label" />
}

export function VariantsLine({ names }: { names: { kind: string; fullName: string }[] }) {
  const variants = names.filter((name) => name.kind === 'VARIANT').map((name) => name.fullName)
  if (!variants.length) return null
  return (
    <span className="muted domain-variants" data-testid="domain-variants">
      为本单位保留的简繁变体：{variants.join('、')}
    </span>
  )
}
