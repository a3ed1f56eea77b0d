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
  // Forced password change and "my sessions" (issue 11).
  mustChangeTitle: ['请先修改密码', 'Change your password first'],
  mustChangeText: [
    '您的密码由他人设置或已过期。修改密码后才能继续使用系统。',
    'Your password was set by someone else or has expired. Change it to go on.',
  ],
  mySessions: ['我的登录', 'My sessions'],
  sessionSignedIn: ['登录时间', 'Signed in'],
  sessionLastSeen: ['最近活动', 'Last active'],
  sessionAddress: ['来源地址', 'Address'],
  sessionAgent: ['浏览器', 'Browser'],
  thisSession: ['当前', 'This one'],
  endSession: ['退出', 'Sign out'],
  endOthers: ['退出其他所有登录', 'Sign out everywhere else'],
  endOthersConfirm: ['确定退出除当前以外的所有登录？', 'Sign out every session but this one?'],
});
