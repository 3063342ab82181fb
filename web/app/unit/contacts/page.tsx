import type { Metadata } from 'next'
import { ContactsForm } from '@/components/registration/ContactsForm'
import { UnitContactsDocument } from '@/components/registration/contactsDocuments'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '变更联系人' }

export default async function UnitContactsPage() {
  const data = await loadForRole('UNIT_USER', UnitContactsDocument)
  return <ContactsForm initial={data.myUnitContacts} />
}
