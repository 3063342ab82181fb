// The menu bar under the top bar: the pages of the logged-in person's role (navigation.ts), grouped.
import { getViewer } from '@/graphql/viewer'
import { NavMenu } from './NavMenu'
import { navFor } from './navigation'

export async function NavBar() {
  const state = await getViewer().catch(() => null)
  if (state?.kind !== 'user') return null
  return <NavMenu entries={navFor(state.user.role, state.user.office?.level, state.user)} />
}
