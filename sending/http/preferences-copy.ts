/** The preference centre's words, per locale. */
import type { Locale } from '../../core/locales';
import type { Topic } from '../plan/preferences';

export type PreferencesCopy = Readonly<{
  title: string;
  heading: string;
  intro: (address: string, shop?: string) => string;
  topicsLegend: string;
  topics: Record<Topic, string>;
  pauseLegend: string;
  noPause: string;
  pause: (days: number) => string;
  pausedUntil: (day: string) => string;
  none: string;
  keep: string;
  save: string;
  savedTitle: string;
  saved: (address: string) => string;
  undo: string;
  askTitle: string;
  ask: string;
  emailLabel: string;
  send: string;
  sentTitle: string;
  sent: (address: string) => string;
  invalidTitle: string;
  invalid: string;
  badInput: (field: string) => string;
}>;

export const PREFERENCES_COPY: Record<Locale, PreferencesCopy> = {
  en: {
    title: 'Email preferences',
    heading: 'Choose the emails you get',
    intro: (a, shop) => `Emails${shop ? ` from ${shop}` : ''} to ${a}. Untick what you would rather not get.`,
    topicsLegend: 'Topics',
    topics: {
      reviews: 'Review requests',
      offers: 'Offers and recommendations (related products, refills, come-back offers)',
      referral: 'Invite-a-friend rewards',
      thanks: 'Thank-you notes',
    },
    pauseLegend: 'Take a break',
    noPause: 'No pause',
    pause: (n) => `Pause for ${n} days`,
    pausedUntil: (day) => `Paused until ${day}`,
    none: 'No marketing emails at all',
    keep: 'You will still get emails about your orders, such as confirmations and shipping updates.',
    save: 'Save my choices',
    savedTitle: 'Your choices are saved',
    saved: (a) => `We saved the email choices for ${a}.`,
    undo: 'Undo: restore my previous choices',
    askTitle: 'Get a link to your email preferences',
    ask: 'Enter your email address and we will send you a link to choose which emails you get.',
    emailLabel: 'Email address',
    send: 'Email me the link',
    sentTitle: 'Check your inbox',
    sent: (a) =>
      `If ${a} has ordered from us, a link to its email preferences is on its way. The link works for that address only.`,
    invalidTitle: 'This link is not valid',
    invalid:
      'This preferences link is incomplete or was changed. Use the link in the latest email, or ask for a new one below.',
    badInput: (field) => `Something in the form was not understood (${field}). Please try again.`,
  },
  ko: {
    title: '수신 설정',
    heading: '받을 이메일 선택',
    intro: (a, shop) =>
      `${a}(으)로 보내는 ${shop ? `${shop}의 ` : ''}이메일입니다. 받고 싶지 않은 항목의 선택을 해제하세요.`,
    topicsLegend: '주제',
    topics: {
      reviews: '리뷰 요청',
      offers: '혜택과 추천(관련 상품, 재구매, 재방문 혜택)',
      referral: '친구 초대 혜택',
      thanks: '감사 인사',
    },
    pauseLegend: '잠시 쉬기',
    noPause: '일시 중지 안 함',
    pause: (n) => `${n}일 동안 일시 중지`,
    pausedUntil: (day) => `${day}까지 일시 중지됨`,
    none: '마케팅 이메일 모두 수신거부',
    keep: '주문 확인, 배송 안내 등 주문에 관한 이메일은 계속 받으십니다.',
    save: '선택 저장',
    savedTitle: '저장되었습니다',
    saved: (a) => `${a}의 이메일 수신 설정을 저장했습니다.`,
    undo: '되돌리기: 이전 설정으로 복원',
    askTitle: '수신 설정 링크 받기',
    ask: '이메일 주소를 입력하시면 받을 이메일을 고를 수 있는 링크를 보내 드립니다.',
    emailLabel: '이메일 주소',
    send: '링크 보내기',
    sentTitle: '받은편지함을 확인하세요',
    sent: (a) =>
      `${a}(으)로 주문하신 적이 있다면 수신 설정 링크를 보내 드렸습니다. 링크는 해당 주소에서만 쓸 수 있습니다.`,
    invalidTitle: '유효하지 않은 링크입니다',
    invalid:
      '수신 설정 링크가 불완전하거나 변경되었습니다. 가장 최근 이메일의 링크를 사용하시거나, 아래에서 새 링크를 요청해 주세요.',
    badInput: (field) => `양식의 일부를 이해하지 못했습니다(${field}). 다시 시도해 주세요.`,
  },
  'zh-CN': {
    title: '邮件偏好设置',
    heading: '选择您要接收的邮件',
    intro: (a, shop) => `发送到 ${a} 的${shop ? ` ${shop} ` : ''}邮件。取消勾选您不想接收的内容。`,
    topicsLegend: '主题',
    topics: {
      reviews: '评价邀请',
      offers: '优惠与推荐（相关商品、补货、回购优惠）',
      referral: '邀请好友奖励',
      thanks: '感谢信',
    },
    pauseLegend: '暂停一段时间',
    noPause: '不暂停',
    pause: (n) => `暂停 ${n} 天`,
    pausedUntil: (day) => `已暂停至 ${day}`,
    none: '不接收任何营销邮件',
    keep: '您仍会收到与订单有关的邮件，例如订单确认和发货通知。',
    save: '保存设置',
    savedTitle: '设置已保存',
    saved: (a) => `已保存 ${a} 的邮件偏好设置。`,
    undo: '撤销：恢复之前的设置',
    askTitle: '获取邮件偏好设置链接',
    ask: '输入您的邮箱地址，我们会发送一个链接，供您选择要接收的邮件。',
    emailLabel: '邮箱地址',
    send: '发送链接',
    sentTitle: '请查看您的收件箱',
    sent: (a) => `如果 ${a} 曾在本店下单，偏好设置链接已发出。该链接仅适用于这个地址。`,
    invalidTitle: '此链接无效',
    invalid: '此偏好设置链接不完整或已被修改。请使用最新邮件中的链接，或在下方重新获取。',
    badInput: (field) => `表单中有内容无法识别（${field}）。请重试。`,
  },
};
