// 申请表: 《党政机关网站开办审核/资格复核申请表》 after seed 004's table (开办主体基本情况, 网站基本情况, the principal and the
// handler, the opinions of the unit and the offices), one copy per A4 page; with the paper step the form is sent in
// four copies (一式四份), each marked 第 n 份 / 共 4 份.
import { SYSTEM_CATEGORY_LABELS } from '@/components/labels'
import type { PrintableApplication } from './load'
import { chineseCount, formCopies, needsPaperStep } from './text'
import { PrintDomainName } from './DomainName'

function Check({ checked, label }: { checked: boolean; label: string }) {
  return (
    <span className="print-check" data-checked={checked ? 'true' : 'false'}>
      <span aria-hidden="true">{checked ? '☑' : '☐'}</span> {label}
    </span>
  )
}

function Opinion({ title }: { title: string }) {
  return (
    <td colSpan={2} className="print-opinion">
      <p className="print-opinion-title">{title}</p>
      <p className="print-opinion-stamp">（单位公章）</p>
      <p className="print-opinion-date">年　　月　　日</p>
    </td>
  )
}

function Contact({ landline, mobile, email }: { landline: string | null | undefined; mobile: string; email: string }) {
  return (
    <td>
      <div>固定电话：{landline || '—'}</div>
      <div>手机：{mobile}</div>
      <div>电子邮箱：{email}</div>
    </td>
  )
}

function FormCopy({ application, copy, copies }: { application: PrintableApplication; copy: number; copies: number }) {
  const paperStep = needsPaperStep(application.unit.type)
  return (
    <article className="print-sheet print-form" data-testid="print-form-copy">
      <h1 className="print-title">{paperStep ? '党政机关' : ''}网站开办审核/资格复核申请表</h1>
      <div className="print-form-meta">
        <span>
          编号：<span className="mono">{application.serialNumber}</span>
        </span>
        {copies > 1 && (
          <span className="print-copy-mark" data-testid="print-copy-mark">
            第 {copy} 份 / 共 {copies} 份
          </span>
        )}
      </div>
      <table className="print-table">
        <colgroup>
          <col className="print-col-label" />
          <col />
          <col className="print-col-label-narrow" />
          <col className="print-col-wide" />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">申请类型</th>
            <td colSpan={3}>
              <Check checked={application.kind === 'NEW_SITE'} label="新开办网站申请" />
              <Check checked={application.kind === 'RE_REVIEW'} label="已开办网站复核" />
            </td>
          </tr>
          <tr>
            <th colSpan={4} scope="colgroup" className="print-section">
              开办主体基本情况
            </th>
          </tr>
          <tr>
            <th scope="row">开办主体名称</th>
            <td colSpan={3}>{application.unitName}</td>
          </tr>
          <tr>
            <th scope="row">上级主管单位</th>
            <td colSpan={3}>{application.superiorUnitName || '—'}</td>
          </tr>
          <tr>
            <th scope="row">开办主体职能</th>
            <td colSpan={3} className="print-prose">
              {application.unitFunctions || '—'}
            </td>
          </tr>
          <tr>
            <th scope="row">系统类别</th>
            <td colSpan={3}>{SYSTEM_CATEGORY_LABELS[application.systemCategory]}</td>
          </tr>
          <tr>
            <th scope="row">通讯地址</th>
            <td>{application.address}</td>
            <th scope="row">邮编</th>
            <td>{application.postcode}</td>
          </tr>
          <tr>
            <th colSpan={4} scope="colgroup" className="print-section">
              网站基本情况
            </th>
          </tr>
          <tr>
            <th scope="row">网站名称</th>
            <td colSpan={3}>{application.siteName}</td>
          </tr>
          <tr>
            <th scope="row">网站简介</th>
            <td colSpan={3} className="print-prose">
              {application.siteIntro}
            </td>
          </tr>
          <tr>
            <th scope="row">中文域名</th>
            <td colSpan={3}>
              <PrintDomainName domain={application.chineseDomain ?? null} />
            </td>
          </tr>
          <tr>
            <th scope="row">英文域名</th>
            <td colSpan={3}>{application.useMicroSite ? '无（使用网络红页）' : (application.englishDomain ?? '—')}</td>
          </tr>
          <tr>
            <th scope="row">网站IP地址</th>
            <td colSpan={3}>{application.ipAddress || '—'}</td>
          </tr>
          <tr>
            <th scope="row">网站主要负责人</th>
            <td>{application.principalName}</td>
            <th scope="row">联系方式</th>
            <Contact
              landline={application.principalLandline}
              mobile={application.principalMobile}
              email={application.principalEmail}
            />
          </tr>
          <tr>
            <th scope="row">网站申请经办人</th>
            <td>{application.handlerName}</td>
            <th scope="row">联系方式</th>
            <Contact
              landline={application.handlerLandline}
              mobile={application.handlerMobile}
              email={application.handlerEmail}
            />
          </tr>
          <tr>
            <th scope="row">网站申请经办人身份证号</th>
            <td colSpan={3} className="mono">
              {application.handlerIdNumber}
            </td>
          </tr>
          <tr className="print-opinions">
            <Opinion title="申请单位意见" />
            <Opinion title="县级编制部门意见（开办主体为市级可不填）" />
          </tr>
          <tr className="print-opinions">
            <Opinion title="市级编制部门意见" />
            <Opinion title="省级编制部门意见" />
          </tr>
        </tbody>
      </table>
      <div className="print-notes">
        <p>注：1、每一个网站对应填写一份申请表{copies > 1 ? `；申请表一式${chineseCount(copies)}份` : ''}。</p>
        <p>2、此表为申请单位在线填写相关信息并经机构编制部门初审通过后由系统自动生成。</p>
        <p>3、此表所列信息除网站主要负责人、网站申请经办人的个人信息外，均可向社会公开。</p>
      </div>
    </article>
  )
}

export function ApplicationForm({ application }: { application: PrintableApplication }) {
  const copies = formCopies(application)
  return (
    <>
      {Array.from({ length: copies }, (_, index) => (
        <FormCopy key={index} application={application} copy={index + 1} copies={copies} />
      ))}
    </>
  )
}
