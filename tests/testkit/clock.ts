// Some rules count calendar days and weeks in China time (a daily limit, one charge run a day, the remittance
// week). A test that straddles midnight in Beijing (16:00 UTC) would see two days; this waits it out.
const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** Waits until at least `marginMs` away from the next and the last Beijing midnight (waits at most 2 × margin). */
export async function awayFromBeijingMidnight(marginMs = 90_000): Promise<void> {
  const sinceMidnight = (Date.now() + BEIJING_OFFSET_MS) % DAY_MS
  const untilMidnight = DAY_MS - sinceMidnight
  const wait = sinceMidnight < marginMs ? marginMs - sinceMidnight : untilMidnight < marginMs ? untilMidnight + marginMs : 0
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}
