'use client'
// 刷新 beside a notice that the page is out of date (someone else acted first): reloading shows the current state.
export function ReloadButton() {
  return (
    <button type="button" className="button button-light" onClick={() => window.location.reload()}>
      刷新
    </button>
  )
}
