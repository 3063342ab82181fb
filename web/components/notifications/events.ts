// The centre tells the top-bar badge that the unread count changed (markNotificationsRead returns a number, so
// urql's document cache has no typename to invalidate).
export const NOTIFICATIONS_CHANGED = 'notifications:changed'

export function announceNotificationsChanged(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED))
}
