// A domain's name as DNS carries it (A-label, xn--…) and its reserved 简繁 variants, as small lines under the name in
// the domain lists.
export function ALabelLine({ aLabelName }: { aLabelName: string | null | undefined }) {
  if (!aLabelName) return null
  return (
    <span className="mono domain-a-label" data-testid="domain-a-label">
      {aLabelName}
    </span>
  )
}

export function VariantsLine({ names }: { names: { kind: string; fullName: string }[] }) {
  const variants = names.filter((name) => name.kind === 'VARIANT').map((name) => name.fullName)
  if (!variants.length) return null
  return (
    <span className="muted domain-variants" data-testid="domain-variants">
      简繁变体（为本单位保留）：{variants.join('、')}
    </span>
  )
}
