// Reads the CPU profile `npm run bench -w server` wrote with BENCH_CPU_PROFILE=1 and prints where our API spent the
// samples of one phase: self time by package (our own files by folder) and by function, and for a function the
// call chains that lead to it. The phase is cut by its timed window (windows.json, the monotonic clock's
// microseconds, as V8 stamps its samples).
//
//   node --import tsx scripts/bench/profile-window.ts /tmp/bench-api-cpu "review queue, our API" [function-regexp]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const [dir, phase, callersOf] = process.argv.slice(2)
if (!dir || !phase) {
  console.error('usage: profile-window.ts <profile dir> <phase label> [function regexp]')
  process.exit(2)
}
const windows = JSON.parse(readFileSync(path.join(dir, 'windows.json'), 'utf8')) as {
  label: string
  from: number
  to: number
}[]
const window = windows.find((w) => w.label === phase)
if (!window) throw new Error(`no phase "${phase}"; phases: ${windows.map((w) => w.label).join(', ')}`)
// The main thread's profile is the largest (tsx's module loader runs in a thread of its own and writes one too).
const file = readdirSync(dir)
  .filter((name) => name.endsWith('.cpuprofile'))
  .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0]
if (!file) throw new Error(`no .cpuprofile in ${dir}`)
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile

const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
const parentOf = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)

const selfTime = new Map<number, number>()
let at = profile.startTime
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0
  if (at < window.from || at > window.to) continue
  const id = profile.samples[i]!
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0))
}
const total = [...selfTime.values()].reduce((sum, t) => sum + t, 0)

const where = (frame: CallFrame) =>
  frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/server\//, 'server/')
const packageOf = (url: string) => {
  if (!url) return '(native, GC, idle)'
  if (url.startsWith('server/')) return url.split('/').slice(0, 3).join('/')
  return url.match(/^(@[^/]+\/[^/]+|[^/]+)/)?.[1] ?? url
}
const nameOf = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame)}:${node.callFrame.lineNumber + 1}`

const byPackage = new Map<string, number>()
const byFunction = new Map<string, number>()
for (const [id, time] of selfTime) {
  const node = nodes.get(id)!
  const pkg = packageOf(where(node.callFrame))
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time)
  byFunction.set(nameOf(node), (byFunction.get(nameOf(node)) ?? 0) + time)
}
const top = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => `${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n')

console.log(`${phase}: ${(total / 1000).toFixed(0)} ms of samples in ${((window.to - window.from) / 1e6).toFixed(1)} s`)
console.log(`\nby package\n${top(byPackage, 30)}`)
console.log(`\nby function (self)\n${top(byFunction, 50)}`)
if (callersOf) {
  const pattern = new RegExp(callersOf)
  const chains = new Map<string, number>()
  for (const [id, time] of selfTime) {
    if (!pattern.test(nodes.get(id)!.callFrame.functionName)) continue
    const chain: string[] = []
    for (let parent = parentOf.get(id); parent !== undefined && chain.length < 10; parent = parentOf.get(parent))
      chain.push(nameOf(nodes.get(parent)!))
    chains.set(chain.join(' < '), (chains.get(chain.join(' < ')) ?? 0) + time)
  }
  console.log(`\ncallers of /${callersOf}/\n${top(chains, 15)}`)
}
