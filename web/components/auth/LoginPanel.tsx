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
        {/* 账号认领: an account brought over from the old system has no password until its holder sets one; its
            login answers like a wrong password (nobody learns which logins exist), so the way in is said here. */}
        <p className="login-register" data-testid="claim-help">
          原网上名称注册管理系统的用户：账号已迁移，首次使用请先{' '}
          <Link href="/activate" data-testid="claim-link">
            认领账号
          </Link>
          （用认领通知中的链接或短信验证码设置密码）
        </p>
      </section>
    </div>
  )
}
