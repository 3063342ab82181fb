// The Chinese domain on the printed 申请函 and 申请表: its name, and after it the A-label DNS carries (issue 18 asks
// every export to show both), e.g. 清丰县人民政府.政务（xn--….xn--zfr164b）; the A-label wraps only after a dot.
import { DnsName } from '@/components/ui/DnsName'

export function PrintDomainName({ domain }: { domain: { fullName: string; aLabelName?: string | null } | null }) {
  if (!domain) return <>—</>
  return (
    <span data-testid="print-chinese-domain">
      {domain.fullName}
      {domain.aLabelName && <DnsName name={domain.aLabelName} before="（" after="）" />}
    </span>
  )
}
