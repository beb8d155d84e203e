// /api/account (docs/PROTOCOL.md, Accounts). No DOM here.
import { request } from './request';

/** A restricted session answers its restriction: a forced password change, or an administrator's missing second factor. */
export type SignInStatus = 'signedIn' | 'twoFactorRequired' | 'passwordChangeRequired' | 'twoFactorSetupRequired';
export type SecondFactor = 'totp' | 'recovery' | 'passkey';

export interface SignInAnswer {
  readonly status: SignInStatus;
  readonly methods?: SecondFactor[];
}

export interface Me {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: string[];
  /** Two-step verification is on: TOTP or at least one passkey. */
  readonly twoFactorEnabled: boolean;
  readonly totpEnabled: boolean;
  readonly passkeyCount: number;
  readonly mustChangePassword: boolean;
  /** What a restricted session must finish first: "passwordChange" or "twoFactorSetup"; null when unrestricted. */
  readonly restriction?: string | null;
}

export interface AccountSession {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly current: boolean;
}

export interface TotpSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrSvg: string;
}

export const signIn = (email: string, password: string) =>
  request<SignInAnswer>('POST', '/api/account/sign-in', { email, password });
export const signInWithTotp = (code: string) => request<SignInAnswer>('POST', '/api/account/sign-in/totp', { code });
export const signInWithRecoveryCode = (code: string) =>
  request<SignInAnswer>('POST', '/api/account/sign-in/recovery', { code });
export const signOut = () => request<unknown>('POST', '/api/account/sign-out');
export const me = () => request<Me>('GET', '/api/account/me');
export const changePassword = (currentPassword: string, newPassword: string) =>
  request<unknown>('POST', '/api/account/password', { currentPassword, newPassword });
export const sessions = () => request<AccountSession[]>('GET', '/api/account/sessions');
export const revokeSession = (id: string) => request<unknown>('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`);
export const setUpTotp = () => request<TotpSetup>('POST', '/api/account/totp/setup');
export const confirmTotp = (code: string) => request<{ recoveryCodes: string[] }>('POST', '/api/account/totp/confirm', { code });
export const disableTotp = (code: string) => request<unknown>('DELETE', '/api/account/totp', { code });
/** New recovery codes (the old ones stop working), confirmed with a current TOTP code or the password. */
export const regenerateRecoveryCodes = (confirmation: { code: string } | { password: string }) =>
  request<{ recoveryCodes: string[] }>('POST', '/api/account/recovery-codes', confirmation);
