import { defineMessages } from '../i18n/index.tsx';

export const authMessages = defineMessages({
  signInTitle: ['登录', 'Sign in'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  usernameRequired: ['请输入用户名', 'Enter your user name'],
  passwordRequired: ['请输入密码', 'Enter your password'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出登录', 'Sign out'],
  expiredTitle: ['登录已过期', 'Your session has expired'],
  expiredText: [
    '请重新登录。登录后将继续刚才的操作，已填写的内容不会丢失。',
    'Sign in again to carry on; what you were typing is kept.',
  ],
  changePassword: ['修改密码', 'Change password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  repeatPassword: ['再次输入新密码', 'New password again'],
  passwordsDiffer: ['两次输入的新密码不一致', 'The two new passwords differ'],
  passwordRule: [
    '至少 8 位，包含大写字母、小写字母、数字和符号中的三类',
    'At least 8 characters, with three of: capitals, small letters, digits, symbols',
  ],
  passwordChanged: ['密码已修改，其他设备上的登录已失效', 'Password changed; your other sessions have ended'],
  footer: ['仅限内部网络使用', 'For the internal network only'],
});
