// The badge as a site shows it: the script (/badge/<number>.js) that puts the badge image, linked to the
// verification page, where its script tag stands, and the image itself (/badge/<number>.svg): red with an
// emblem-like star for a valid badge, grey with 已注销 for a cancelled one.
import { UNIT_TYPE_LABELS } from '@/components/labels'
import type { BadgeFacts } from './publicData'

export const BADGE_WIDTH = 120
export const BADGE_HEIGHT = 150

const RED = '#c8161d'
const GREY = '#9ca3af'

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A five-pointed star centred on (cx, cy). */
function star(cx: number, cy: number, outer: number): string {
  const inner = outer * 0.382
  const points: string[] = []
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? outer : inner
    const angle = -Math.PI / 2 + (i * Math.PI) / 5
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(2)},${(cy + radius * Math.sin(angle)).toFixed(2)}`)
  }
  return points.join(' ')
}

export function badgeSvg(facts: Pick<BadgeFacts, 'badgeNumber' | 'status' | 'unitType'>): string {
  const cancelled = facts.status === 'CANCELLED'
  const color = cancelled ? GREY : RED
  const kind = UNIT_TYPE_LABELS[facts.unitType] ?? '党政机关'
  const numberSize = Math.min(10, 104 / (facts.badgeNumber.length * 0.62))
  const title = `${kind}网站标识 ${facts.badgeNumber}${cancelled ? '（已注销）' : ''}`
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-label="${xml(title)}">
  <title>${xml(title)}</title>
  <rect x="1.5" y="1.5" width="${BADGE_WIDTH - 3}" height="${BADGE_HEIGHT - 3}" rx="6" fill="#ffffff" stroke="${color}" stroke-width="3"/>
  <circle cx="60" cy="46" r="33" fill="${color}"/>
  <circle cx="60" cy="46" r="28" fill="none" stroke="#ffd84d" stroke-width="1.5" opacity="${cancelled ? 0.4 : 1}"/>
  <polygon points="${star(60, 47, 19)}" fill="${cancelled ? '#f3f4f6' : '#ffd84d'}"/>
  <text x="60" y="100" text-anchor="middle" font-family="'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif" font-size="17" font-weight="700" fill="${color}" letter-spacing="1">${xml(kind)}</text>
  <text x="60" y="120" text-anchor="middle" font-family="'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif" font-size="13" fill="${color}" letter-spacing="2">网站标识</text>
  <text x="60" y="139" text-anchor="middle" font-family="Consolas,'Liberation Mono',monospace" font-size="${numberSize.toFixed(1)}" fill="${cancelled ? GREY : '#4b5563'}">${xml(facts.badgeNumber)}</text>${
    cancelled
      ? `
  <g transform="rotate(-18 60 60)">
    <rect x="14" y="45" width="92" height="28" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="${GREY}" stroke-width="2"/>
    <text x="60" y="66" text-anchor="middle" font-family="'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif" font-size="18" font-weight="700" fill="#6b7280" letter-spacing="3">已注销</text>
  </g>`
      : ''
  }
</svg>
`
}

/**
 * The badge script: inserts, just before its own script tag (document.currentScript; the end of the body when a
 * loader hides it), a centred link to the verification page holding the badge image.
 */
export function badgeScript(
  facts: Pick<BadgeFacts, 'badgeNumber' | 'status' | 'unitType'>,
  urls: { verification: string; image: string },
): string {
  const kind = UNIT_TYPE_LABELS[facts.unitType] ?? '党政机关'
  const alt = `${kind}网站标识${facts.status === 'CANCELLED' ? '（已注销）' : ''}，点击核验`
  const values = JSON.stringify({
    href: urls.verification,
    src: urls.image,
    alt,
    width: BADGE_WIDTH,
    height: BADGE_HEIGHT,
  })
  return `/* 网站标识 ${facts.badgeNumber} */
(function () {
  var v = ${values};
  var script = document.currentScript;
  var box = document.createElement('div');
  box.className = 'conac-badge';
  box.style.cssText = 'text-align:center;margin:12px auto;clear:both;';
  var link = document.createElement('a');
  link.href = v.href;
  link.target = '_blank';
  link.rel = 'noopener';
  link.title = v.alt;
  var img = document.createElement('img');
  img.src = v.src;
  img.alt = v.alt;
  img.width = v.width;
  img.height = v.height;
  img.style.cssText = 'border:0;display:inline-block;';
  link.appendChild(img);
  box.appendChild(link);
  if (script && script.parentNode) script.parentNode.insertBefore(box, script);
  else if (document.body) document.body.appendChild(box);
})();
`
}
