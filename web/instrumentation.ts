// Runs once when the portal's server starts (next start, next dev, or a custom server's prepare()). register() is
// called for each runtime; the start-up checks end the process, which only the Node.js server may do (a thrown error
// here would leave `next start` listening, answering every request with an error).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('./config/startup')).refuseToStartMisconfigured()
}
