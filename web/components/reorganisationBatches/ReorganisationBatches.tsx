'use client'
// 批量机构改革 (office and CONAC): download the template, choose the filled-in file, 试运行 (the report lists every
// problem by 行号 and 列, also as an Excel file), 提交 when it is clean (ConfirmDialog with the counts); below, the
// batches the office uploaded or reviews, each opening to its own page (review, progress, result).
import Link from 'next/link'
import { useState } from 'react'
import { useClient, useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { FilePicker } from '@/components/ui/FilePicker'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { ReorganisationBatchDryRunQuery } from '@/graphql/generated/graphql'
import { BatchStatusTag, downloadBase64 } from './parts'

export const ReorganisationBatchDryRunQueryDoc = graphql(`
  query ReorganisationBatchDryRun($input: ReorganisationBatchUploadInput!) {
    reorganisationBatchDryRun(input: $input) {
      fileName
      rowCount
      cleanCount
      problems {
        sheet
        row
        column
        message
      }
      rows {
        sequence
        sheetRow
        kindText
        summary
        objectCount
        problemCount
      }
      reportXlsxBase64
    }
  }
`)

export const SubmitReorganisationBatchMutation = graphql(`
  mutation SubmitReorganisationBatch($input: ReorganisationBatchUploadInput!) {
    submitReorganisationBatch(input: $input) {
      id
      status
      rowCount
      reviewOfficeName
    }
  }
`)

export const ReorganisationBatchListQuery = graphql(`
  query ReorganisationBatchList($first: Int, $after: String) {
    reorganisationBatches(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          fileName
          status
          officeName
          reviewOfficeName
          rowCount
          doneCount
          failedCount
          percent
          createdAt
          canReview
        }
      }
    }
  }
`)

type Report = ReorganisationBatchDryRunQuery['reorganisationBatchDryRun']

/** The file as the API takes it: its bytes in base64 (chunked, so a large file does not overflow the call stack). */
async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** About what the API's request limit lets through (base64 grows a file by a third). */
const MAX_FILE_BYTES = 70_000

export function ReorganisationBatches({ basePath }: { basePath: string }) {
  const confirm = useConfirm()
  const pages = useCursorPages()
  const [list, reload] = useQuery({
    query: ReorganisationBatchListQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [upload, setUpload] = useState<{ fileName: string; contentBase64: string } | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ActionResult | null>(null)
  const client = useClient()
  const [, submit] = useMutation(SubmitReorganisationBatchMutation)

  async function choose(file: File | undefined) {
    setReport(null)
    setResult(null)
    if (!file) return setUpload(null)
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setUpload(null)
      return setResult({ text: '只支持 .xlsx 或 .csv 文件，请使用模板填写。', error: true })
    }
    if (file.size > MAX_FILE_BYTES) {
      setUpload(null)
      return setResult({ text: '文件过大（超过 70 KB，约 500 项），请分成几批上传。', error: true })
    }
    setUpload({ fileName: file.name, contentBase64: await fileAsBase64(file) })
  }

  async function check() {
    if (!upload) return
    setBusy(true)
    setResult(null)
    // A query run on demand: the file is sent once per click, never cached.
    const answer = await client
      .query(ReorganisationBatchDryRunQueryDoc, { input: upload }, { requestPolicy: 'network-only' })
      .toPromise()
    setBusy(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    setReport(answer.data!.reorganisationBatchDryRun)
  }

  async function send() {
    if (!upload || !report || report.problems.length) return
    const moves = report.rows.reduce((sum, row) => sum + row.objectCount, 0)
    const ok = await confirm({
      title: '提交批量机构改革',
      message: `确定提交「${report.fileName}」吗？\n共 ${report.rowCount} 项机构改革，涉及 ${moves} 个对象（域名、标识、网站申请、网络红页、用户）。\n提交后由上级编办审核，审核通过后逐项执行。`,
      confirmLabel: '提交',
    })
    if (!ok) return
    setBusy(true)
    const answer = await submit({ input: upload })
    setBusy(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    const batch = answer.data!.submitReorganisationBatch
    setResult({
      text: resultMessage('submitReorganisationBatch', { rows: batch.rowCount, reviewOffice: batch.reviewOfficeName }),
      error: false,
    })
    setReport(null)
    setUpload(null)
    reload({ requestPolicy: 'network-only' })
  }

  const connection = list.data?.reorganisationBatches
  return (
    <>
      <section className="panel" aria-labelledby="batch-upload-title">
        <div className="panel-head">
          <h1 id="batch-upload-title">批量机构改革</h1>
        </div>
        <div className="panel-section">
          <p className="muted">
            一个文件列出多项机构改革（更名、合并、拆分、撤销），每行一项。先下载模板填写，再试运行：报告逐行列出问题（行号、列、原因），
            无问题后方可提交。审核通过后逐项执行，每一项单独完成（要么全部对象转移，要么都不动）；如某项因提交后情况变化无法执行，
            记录原因，其余各项继续执行。
          </p>
          <p>
            <a className="button button-light" href="/templates/reorganisation-batch-template.xlsx" download>
              下载模板（Excel）
            </a>{' '}
            <a className="button button-light" href="/templates/reorganisation-batch-template.csv" download>
              下载模板（CSV）
            </a>
          </p>
          <FilePicker
            id="batch-file"
            accept=".xlsx,.csv"
            buttonLabel="选择文件（.xlsx 或 .csv）"
            onChange={(files) => void choose(files[0])}
            testId="batch-file"
          />
          <p>
            <button
              type="button"
              className="button button-primary"
              disabled={!upload || busy}
              onClick={() => void check()}
              data-testid="batch-dry-run"
            >
              {busy && !report ? '试运行中…' : '试运行'}
            </button>{' '}
            <button
              type="button"
              className="button button-primary"
              disabled={!report || report.problems.length > 0 || busy}
              onClick={() => void send()}
              data-testid="batch-submit"
            >
              提交审核
            </button>
          </p>
          <ResultNotice result={result} testId="batch-result" />
          {report && <DryRunReport report={report} />}
        </div>
      </section>

      <section className="panel" aria-labelledby="batch-list-title">
        <div className="panel-head">
          <h2 id="batch-list-title">批次</h2>
          {connection && <span className="panel-meta">共 {connection.totalCount} 批</span>}
        </div>
        <ErrorNotice error={list.error} />
        {!connection ? (
          list.fetching ? (
            <Loading />
          ) : null
        ) : connection.edges.length === 0 ? (
          <EmptyState testId="batch-list-empty">暂无批量机构改革</EmptyState>
        ) : (
          <TableScroll labelledBy="batch-list-title">
            <table className="table" data-testid="batch-list">
              <thead>
                <tr>
                  <th>文件</th>
                  <th>提交编办</th>
                  <th>审核编办</th>
                  <th>状态</th>
                  <th className="num">改革事项</th>
                  <th className="num">已执行</th>
                  <th className="num">失败</th>
                  <th>提交时间</th>
                  <th className="table-actions">操作</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{node.fileName}</td>
                    <td>{node.officeName}</td>
                    <td>{node.reviewOfficeName}</td>
                    <td>
                      <BatchStatusTag status={node.status} />
                    </td>
                    <td className="num">{node.rowCount}</td>
                    <td className="num">{node.doneCount}</td>
                    <td className="num">{node.failedCount}</td>
                    <td>{formatDateTime(node.createdAt)}</td>
                    <td className="table-actions">
                      <Link href={`${basePath}/${node.id}`}>{node.canReview ? '审核' : '查看'}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
      </section>
    </>
  )
}

function DryRunReport({ report }: { report: Report }) {
  const clean = report.problems.length === 0
  return (
    <div data-testid="batch-report">
      <h2>试运行报告</h2>
      <p
        className={clean ? 'notice notice-ok' : 'notice notice-error'}
        role="status"
        data-testid="batch-report-summary"
      >
        {clean
          ? `共 ${report.rowCount} 项，全部通过检查，可以提交审核。`
          : `共 ${report.rowCount} 项，${report.cleanCount} 项无问题；发现 ${report.problems.length} 个问题，请修改文件后重新试运行。`}{' '}
        <button
          type="button"
          className="button button-light"
          onClick={() =>
            downloadBase64(report.reportXlsxBase64, `试运行报告-${report.fileName.replace(/\.[^.]+$/, '')}.xlsx`)
          }
        >
          下载报告（Excel）
        </button>
      </p>
      {!clean && (
        <TableScroll label="问题">
          <table className="table" data-testid="batch-problems">
            <thead>
              <tr>
                <th>工作表</th>
                <th className="num">行号</th>
                <th>列</th>
                <th>原因</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.sheet || '文件'}</td>
                  <td className="num">{problem.row || ''}</td>
                  <td>{problem.column}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <TableScroll label="改革事项">
        <table className="table" data-testid="batch-rows">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th className="num">行号</th>
              <th>类型</th>
              <th>内容</th>
              <th className="num">对象数</th>
              <th className="num">问题</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.sheetRow}>
                <td className="num">{row.sequence || ''}</td>
                <td className="num">{row.sheetRow}</td>
                <td>{row.kindText ?? ''}</td>
                <td>{row.summary}</td>
                <td className="num">{row.objectCount}</td>
                <td className="num">{row.problemCount || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  )
}
