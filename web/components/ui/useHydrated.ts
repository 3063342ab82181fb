'use client'
// Whether React has hydrated the page: false in the server's HTML and while hydrating, true from then on (and at once
// when the component first renders in the browser after a client-side navigation). Forms keep their submit button
// disabled until then, so a click before hydration can never submit the form natively.
import { useSyncExternalStore } from 'react'

const subscribeToNothing = () => () => {}

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  )
}
