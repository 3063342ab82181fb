// The GraphQL documents of 变更联系人, in a module without 'use client': the page's server component loads the
// contacts with one of them, and a server component only ever sees a client reference (no document, no hash) of
// what a 'use client' module exports.
import { graphql } from '@/graphql/generated'

export const UnitContacts_Form = graphql(`
  fragment UnitContacts_Form on UnitContacts {
    unitId
    unitName
    handlerName
    handlerMobile
    handlerEmail
    handlerIdNumber
    landline
    address
    postcode
    version
  }
`)

export const UnitContactsDocument = graphql(`
  query UnitContacts {
    myUnitContacts {
      ...UnitContacts_Form
    }
  }
`)

export const UpdateUnitContactsMutation = graphql(`
  mutation UpdateUnitContacts($input: UpdateUnitContactsInput!) {
    updateUnitContacts(input: $input) {
      ...UnitContacts_Form
    }
  }
`)
