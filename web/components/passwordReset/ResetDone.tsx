// What 忘记密码 and the emailed link show once the password is set: the person signs in again themself.
import Link from 'next/link'
import { resultMessage } from '@/components/ui/resultMessages'

export function ResetDone({ username }: { username: string }) {
  return (
    <div className="reg-help" data-testid="reset-password-done" role="status">
      <p>{resultMessage('resetPassword')}</p>
      <p>
        用户名：<strong>{username}</strong>
      </p>
      <p>
        <Link href="/login" className="button button-primary" data-testid="reset-password-login">
          前往登录
        </Link>
      </p>
    </div>
  )
}
