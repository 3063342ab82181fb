// PII_ENCRYPTION_KEYS for API processes the tests start with NODE_ENV=production (which refuses to start without a
// key, or with the published dev key). A fixed test key: these databases hold only generated data.
export const TEST_PII_ENCRYPTION_KEYS = `test:${Buffer.alloc(32, 0x5a).toString('base64')}`
