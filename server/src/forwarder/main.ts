// Starts the URL转发 server (npm start runs it beside the API and the portal): the process the A record of every
// URL forward points at (URL_FORWARD_SERVER_IPV4). It asks the API what each name forwards to.
import { forwarderConfig } from './config.ts'
import { createForwardingServer, lookupThroughApi } from './server.ts'

const { host, port, apiUrl, cacheSeconds, lookupSecret, maxConnectionsPerAddress } = forwarderConfig
const server = createForwardingServer({
  lookup: lookupThroughApi(apiUrl, { secret: lookupSecret }),
  cacheSeconds,
  maxConnectionsPerAddress,
})
server.listen(port, host, () => {
  console.log(`[forwarder] URL转发 on http://${host}:${port} (lookups at ${apiUrl})`)
})

function shutdown(signal: string) {
  console.log(`[forwarder] ${signal}: closing`)
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))
