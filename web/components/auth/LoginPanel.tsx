// The login page's card around the form.
import Link from 'next/link'
import { SYSTEM_NAME } from '@/components/labels'
import { LoginForm } from './LoginForm'

export function LoginPanel({ reason }: { reason?: string }) {
  return (
    <div className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <div className="login-card-head">
          <h1 id="login-title">用户登录</h1>
          <p>{SYSTEM_NAME}</p>
        </div>
        <LoginForm reason={reason} />
        <p className="login-forgot">
          <Link href="/forgot-password" data-testid="forgot-password-link">
            忘记密码？
          </Link>
        </p>
        <p className="login-help">单位用户、编办工作人员和 CONAC 工作人员使用同一入口登录。</p>
        <p className="login-register">
          尚未注册的单位请先{' '}
          <Link href="/register" data-testid="register-link">
            新用户注册
          </Link>
        </p>
      </section>
    </div>
  )
}
