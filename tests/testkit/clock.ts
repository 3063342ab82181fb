// Some rules count calendar days and weeks in China time (a daily limit, one charge run a day, the remittance
// week), or clock hours (the SMS budget). A test that straddles midnight in Beijing (16:00 UTC), or the turn of an
// hour, would see two periods; these wait it out.
const BEIJING_OFFSET_MS = 8 * 3_600_000
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/** Waits until at least `marginMs` away from the last and the next turn of a period (waits at most 2 × margin). */
async function awayFromTurn(periodMs: number, offsetMs: number, marginMs: number): Promise<void> {
  const sinceTurn = (Date.now() + offsetMs) % periodMs
  const untilTurn = periodMs - sinceTurn
  const wait = sinceTurn < marginMs ? marginMs - sinceTurn : untilTurn < marginMs ? untilTurn + marginMs : 0
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

/** Waits until at least `marginMs` away from the next and the last Beijing midnight (waits at most 2 × margin). */
export function awayFromBeijingMidnight(marginMs = 90_000): Promise<void> {
  return awayFromTurn(DAY_MS, BEIJING_OFFSET_MS, marginMs)
}

/** Waits until at least `marginMs` away from the next and the last full hour. */
export function awayFromHourTurn(marginMs = 90_000): Promise<void> {
  return awayFromTurn(HOUR_MS, 0, marginMs)
}
