// 申请函: 《关于申请对我单位开办的网站进行开办审核/资格复核的函》 after seed 004's template, addressed to the unit's
// same-level staffing office, with the site, its domains (or the 网络红页), the serial number, the contact person and
// room for the unit's stamp and the date.
import type { PrintableApplication } from './load'
import { PrintDomainName } from './DomainName'
import {
  chineseCount,
  formCopies,
  letterDate,
  needsPaperStep,
  phones,
  REVIEW_NAME,
  REVIEW_VERB,
  sameLevelOfficeName,
} from './text'

export function ApplicationLetter({ application }: { application: PrintableApplication }) {
  const review = REVIEW_NAME[application.kind]
  const submitted = letterDate(application.submittedAt)
  const paperStep = needsPaperStep(application.unit.type)
  const copies = formCopies(application)
  return (
    <article className="print-sheet print-letter" data-testid="print-letter">
      <p className="print-serial">
        编号：<span data-testid="print-serial">{application.serialNumber}</span>
      </p>
      <h1 className="print-title">
        关于申请对我单位开办的网站
        <br />
        进行{review}的函
      </h1>
      <p className="print-addressee" data-testid="print-addressee">
        {sameLevelOfficeName(application.unit.region)}：
      </p>
      <p className="print-paragraph">
        按照《关于加强党政机关网站安全管理的通知》（中网办发文〔2014〕1号）精神和《党政机关网站开办审核、资格复核和网站标识管理办法》的规定，现将我单位开办的“
        {application.siteName}”网站的相关材料送上，请予以{REVIEW_VERB[application.kind]}。
      </p>
      <p className="print-paragraph">
        该网站的{review}申请已于{submitted || '　　年　　月　　日'}在线提交（申请编号 {application.serialNumber}
        ），经机构编制部门在线审核通过。网站基本情况如下：
      </p>
      <dl className="print-facts">
        <div>
          <dt>开办主体：</dt>
          <dd data-testid="print-unit-name">{application.unitName}</dd>
        </div>
        <div>
          <dt>网站名称：</dt>
          <dd>{application.siteName}</dd>
        </div>
        <div>
          <dt>中文域名：</dt>
          <dd>
            <PrintDomainName domain={application.chineseDomain ?? null} />
          </dd>
        </div>
        {application.useMicroSite ? (
          <div>
            <dt>网站形式：</dt>
            <dd>网络红页（微网站），无英文域名</dd>
          </div>
        ) : (
          <div>
            <dt>英文域名：</dt>
            <dd>{application.englishDomain ?? '—'}</dd>
          </div>
        )}
      </dl>
      {paperStep && (
        <div className="print-attachments">
          <p>附件：</p>
          <ol>
            <li>《党政机关网站开办审核/资格复核申请表》（一式{chineseCount(copies)}份）</li>
            <li>网站申请经办人身份证复印件</li>
          </ol>
        </div>
      )}
      <div className="print-contact">
        <p>联 系 人：{application.handlerName}</p>
        <p>联系电话：{phones(application.handlerLandline, application.handlerMobile)}</p>
      </div>
      <div className="print-signature">
        <p>{application.unitName}（盖章）</p>
        <p className="print-date-blank">年　　月　　日</p>
      </div>
    </article>
  )
}
