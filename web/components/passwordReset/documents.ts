// The GraphQL documents of 忘记密码 (persisted: codegen hashes them into the trusted manifest).
import { graphql } from '@/graphql/generated'

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($username: String!) {
    requestPasswordReset(username: $username) {
      message
    }
  }
`)

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      username
    }
  }
`)
