import { byName } from './korean';
import type { Messages } from './messages';

export const ko = {
  lang: 'ko',
  dir: 'ltr',
  common: {
    greeting: (firstName) => `${firstName}님, 안녕하세요.`,
    orderNumber: (number) => `주문번호 ${number}`,
    viewOrder: '주문 내역 보기',
    items: '주문 상품',
    quantity: (n) => `수량 ${n}개`,
    subtotal: '상품 금액',
    discount: '할인',
    discountWithCodes: (codes) => `할인 (${codes})`,
    shipping: '배송비',
    freeShipping: '무료',
    tax: '세금',
    total: '총 결제 금액',
    free: '무료',
    ratingText: (average, count) => `5점 만점에 ${average}점, 리뷰 ${count}개`,
    copyHint: '코드를 두 번 클릭하거나 길게 눌러 복사하세요.',
    shipTo: '배송지',
    payment: (brand, last4) => `${brand.toUpperCase()} 카드(끝자리 ${last4})로 결제`,
    moreItems: (count) => `외 ${count}개 상품 — 주문 내역에서 전체 보기`,
    logoAlt: (shop) => shop,
    questions: '궁금한 점이 있으면 이 메일에 바로 답장해 주세요.',
    emailLabel: '이메일:',
    phoneLabel: '전화:',
    contactPerson: (name, role) =>
      byName(
        name,
        '이/가',
        (named) => `${role ? `${role} ` : ''}${named} 모든 답장을 직접 읽습니다.`,
        (plain) => `모든 답장은 ${role ? `${role} ` : ''}${plain}에게 바로 전달되어 직접 읽고 답해 드립니다.`,
      ),
    unsubscribe: '수신거부',
    preferences: '수신 설정',
    sender: (shop, address) => `발신자: ${shop} · 주소: ${address}`,
    refusal: '광고성 메일을 더 이상 원하지 않으시면 언제든 무료로 수신을 거부하실 수 있습니다:',
    whyReceived: (shop) => `${shop}에서 구매하셨기 때문에 이 메일을 받으셨습니다.`,
    transactionalNote: (shop) => `${shop} 주문에 관한 안내 메일입니다.`,
    followUs: '팔로우하기',
  },
  progress: {
    ordered: '주문 완료',
    shipped: '발송 완료',
    outForDelivery: '배송 중',
    delivered: '배송 완료',
  },
  confirmation: {
    subject: {
      a: (orderNumber) => `주문(#${orderNumber})이 완료되었습니다`,
      b: (orderNumber, firstName) => `${firstName}님, 주문(#${orderNumber})을 잘 받았어요`,
    },
    preview: (firstName, total) =>
      `${firstName}님, 주문해 주셔서 감사합니다. 결제 금액 ${total}, 상품을 준비하고 있어요.`,
    title: '주문해 주셔서 감사합니다',
    intro: (firstName) =>
      `${firstName}님, 주문이 정상적으로 접수되어 상품을 준비하고 있습니다. 발송되면 바로 알려 드릴게요.`,
    placedOn: (date) => `주문일: ${date}`,
    nextSteps: '주문 상태는 주문 내역 페이지에서 언제든 확인하실 수 있습니다.',
    welcome: {
      subject: {
        a: () => '감사합니다, 환영해요!',
        b: (_firstName, shop) => `${shop} 주문 상품을 바로 이용하실 수 있어요`,
      },
      preview: (firstName) => `${firstName}님, 감사합니다! 구매하신 상품을 지금 바로 이용하실 수 있어요.`,
      title: '감사합니다, 환영해요!',
      intro: (firstName) =>
        `${firstName}님, 주문해 주셔서 감사합니다. 기다리실 필요 없이, 구매하신 상품은 아래 버튼에서 바로 이용하실 수 있어요.`,
      nextSteps:
        '이 메일을 보관해 두세요. 링크와 라이선스 키는 주문 내역 페이지에서도 언제든 확인하실 수 있습니다.',
    },
    mixedIntro: (firstName) =>
      `${firstName}님, 주문해 주셔서 감사합니다. 일부 상품은 지금 바로 이용하실 수 있고, 나머지 상품은 발송을 준비하고 있어요. 발송되면 바로 알려 드릴게요.`,
    readyNow: '지금 바로 이용하기',
    open: (item) => `${item} 열기`,
    licenseKey: '라이선스 키',
    accessUntil: (date) => `${date}까지 이용 가능`,
  },
  shipping: {
    subject: {
      a: {
        shipped: () => '주문하신 상품이 발송되었습니다',
        delayed: (orderNumber) => `주문(#${orderNumber}) 배송이 지연되고 있습니다`,
        out_for_delivery: () => '오늘 상품이 도착할 예정입니다',
        delivered: (orderNumber) => `주문(#${orderNumber})이 배송 완료되었습니다`,
      },
      b: {
        shipped: (orderNumber) => `반가운 소식! 주문(#${orderNumber}) 상품이 출발했어요`,
        delayed: (orderNumber) => `주문(#${orderNumber}) 배송에 조금 더 시간이 필요해요`,
        out_for_delivery: (orderNumber) => `오늘 도착! 주문(#${orderNumber}) 상품이 배송 중이에요`,
        delivered: (orderNumber) => `도착했어요! 주문(#${orderNumber}) 배송 완료`,
      },
    },
    preview: {
      shipped: (carrier) => `${carrier}에서 배송을 시작했어요. 언제든 배송 조회가 가능합니다.`,
      delayed: (carrier) => `${carrier} 배송이 조금 늦어지고 있어요. 최신 상황을 알려 드립니다.`,
      out_for_delivery: (carrier) => `${carrier} 기사님이 오늘 상품을 전해 드릴 예정입니다.`,
      delivered: (carrier) => `${carrier}에서 상품을 배송 완료했습니다.`,
    },
    title: {
      shipped: '상품이 발송되었습니다',
      delayed: '배송이 지연되고 있습니다',
      out_for_delivery: '오늘 도착 예정입니다',
      delivered: '배송이 완료되었습니다',
    },
    body: {
      shipped: (firstName) =>
        `${firstName}님, 주문하신 상품이 출발했어요. 아래 배송 조회 링크에서 위치를 확인하실 수 있습니다.`,
      delayed: (firstName) =>
        `${firstName}님, 죄송합니다. 배송이 예정보다 늦어지고 있습니다. 상품은 이동 중이며, 최신 도착 예정일은 배송 조회 페이지에서 확인하실 수 있습니다.`,
      out_for_delivery: (firstName) => `${firstName}님, 상품이 배송 출발하여 오늘 중 도착할 예정입니다.`,
      delivered: (firstName) =>
        `${firstName}님, 상품이 배송 완료되었습니다. 누락되거나 파손된 상품이 있다면 이 메일에 답장해 주세요. 바로 도와드리겠습니다.`,
    },
    partial: (shipped, total) => `이번 택배에는 주문하신 상품 ${total}개 중 ${shipped}개가 들어 있습니다.`,
    remaining: (count) => `나머지 ${count}개 상품은 별도로 발송됩니다.`,
    inThisShipment: '이번 택배 상품',
    carrier: '택배사',
    trackingNumber: '운송장 번호',
    estimatedDelivery: '도착 예정일',
    track: '배송 조회하기',
  },
  thankYou: {
    subject: {
      a: {
        'first-order': (firstName, shop) => `${firstName}님, ${shop}에 오신 것을 환영해요`,
        returning: (firstName) => `${firstName}님, 다시 찾아 주셔서 감사합니다`,
        vip: (firstName) => `${firstName}님, 저희의 VIP 고객이 되어 주셔서 감사합니다`,
      },
      b: {
        'first-order': (_firstName, shop) => `${shop} 팀이 드리는 작은 감사 인사`,
        returning: (firstName, shop) => `${firstName}님, ${shop}에 다시 와 주셔서 기뻐요`,
        vip: (firstName) => `${firstName}님께만 드리는 특별한 감사 인사`,
      },
    },
    preview: {
      'first-order': (shop) => `${shop}에서의 첫 주문에 진심으로 감사드립니다. 좋은 인연의 시작이길 바라요.`,
      returning: () => '다시 만나서 반가워요. 주문하신 상품은 정성껏 준비하고 있어요.',
      vip: () => '감사의 마음과 함께 VIP 혜택을 안내해 드려요.',
    },
    title: {
      'first-order': (firstName) => `${firstName}님, 환영합니다!`,
      returning: (firstName) => `다시 만나서 반가워요, ${firstName}님`,
      vip: (firstName) => `${firstName}님, 진심으로 감사합니다`,
    },
    body: {
      'first-order': (shop) =>
        `첫 주문을 ${shop}에서 해 주셔서 감사합니다. 작은 팀이라 주문 하나하나가 저희에게 큰 의미가 있어요. 받으실 상품이 마음에 꼭 드시길 바랍니다.`,
      returning: (shop) =>
        `${byName(
          shop,
          '을/를',
          (named) => `${named} 다시 찾아 주셔서`,
          (plain) => `${plain}에 다시 와 주셔서`,
        )} 감사합니다. 다시 찾아 주시는 것만큼 큰 칭찬은 없어요.`,
      vip: (shop) =>
        `${byName(
          shop,
          '이/가',
          (named) => named,
          (plain) => `저희 ${plain} 팀이`,
        )} 계속 나아갈 수 있는 건 고객님 같은 분들 덕분입니다. 그 마음, 당연하게 여기지 않을게요.`,
    },
    perksTitle: {
      'first-order': '멤버십에 가입하세요',
      returning: '단골 고객님께 드리는 소식',
      vip: 'VIP 혜택',
    },
    perks: {
      'first-order':
        '회원이 되시면 신상품 소식을 가장 먼저 받고, 주문할 때마다 적립 혜택도 누리실 수 있어요. 가입은 무료입니다.',
      returning: '좋아하실 만한 신상품과 재입고 소식을 가장 먼저 알려 드릴게요.',
      vip: '새 컬렉션 사전 공개, 전담 상담 창구, 필요할 때 언제든 우선 지원을 받으실 수 있어요.',
    },
    perksCta: { 'first-order': '무료로 가입하기', returning: '신상품 보기', vip: '새 컬렉션 둘러보기' },
    storyTitle: '저희 이야기',
    writeTo: (name) =>
      `필요한 것이 있으면 ${name}에게 편하게 메일 주세요. 모든 메일은 사람이 직접 읽고 답장합니다:`,
    signOff: '감사합니다.',
    team: (shop) => `${shop} 팀 드림`,
  },
  instructions: {
    subject: {
      a: (product) => `${product}, 이렇게 시작해 보세요`,
      b: (product) =>
        byName(
          product,
          '을/를',
          (named) => `${named} 더 잘 즐기는 방법`,
          (plain) => `${plain}, 더 잘 즐기는 방법`,
        ),
    },
    preview: (product) =>
      `${byName(
        product,
        '을/를',
        (named) => named,
        (plain) => `${plain},`,
      )} 제대로 즐기는 간단한 방법을 알려 드려요.`,
    intro: (firstName, product) =>
      `${firstName}님, 주문하신 ${byName(
        product,
        '이/가',
        (named) => named,
        (plain) => `상품(${plain})이`,
      )} 곧 도착해요. 처음 사용하실 때 도움이 될 내용을 정리했습니다.`,
    videoIntro: '영상으로 보고 싶으신가요? 짧은 영상에 모든 단계를 담았어요.',
    video: '영상 보기',
    videoAlt: (title) => `영상 재생: ${title}`,
    guideIntro: '더 자세한 내용은 관리 방법, 팁, 자주 묻는 질문을 담은 전체 가이드에서 확인하세요.',
    guide: '전체 가이드 읽기',
    help: '잘 안 되는 단계가 있나요? 이 메일에 답장해 주시면 차근차근 도와드릴게요.',
  },
  review: {
    subject: {
      a: (firstName) => `${firstName}님, 주문은 만족스러우셨나요?`,
      b: (_firstName, shop) => `잠깐 시간 괜찮으세요? ${shop}에 의견을 들려주세요`,
    },
    preview: (shop) =>
      `${byName(
        shop,
        '을/를',
        (named) => `${named} 이용해 주셔서`,
        (plain) => `${plain}에서 쇼핑해 주셔서`,
      )} 감사합니다. 한 번의 클릭으로 의견을 들려주세요.`,
    title: (firstName) => `${firstName}님, 감사합니다`,
    thanks: (shop) =>
      `${shop}에서 주문해 주셔서 다시 한번 감사드립니다. 상품은 잘 받으셨고, 마음에 드셨길 바랍니다.`,
    ask: '이용 경험은 어떠셨나요? 한 번만 눌러 주시면 됩니다. 좋은 점이든 아쉬운 점이든, 솔직한 의견이 저희에게 큰 도움이 됩니다.',
    starsQuestion: '이번 주문에 별점을 준다면?',
    starLabel: (rating) => `별 ${rating}개`,
    npsQuestion: (shop) =>
      byName(
        shop,
        '을/를',
        (named) => `${named} 친구에게 추천할 가능성은 얼마나 되나요?`,
        (plain) => `친구에게 ${plain} 추천 의향이 얼마나 있으신가요?`,
      ),
    npsLabel: (score) => `10점 만점에 ${score}점`,
    npsLow: '0 = 전혀 추천하지 않음',
    npsHigh: '10 = 적극 추천함',
    itemsTitle: '구매하신 상품 리뷰 남기기',
    reviewItem: '리뷰 쓰기',
    surveyIntro: '조금 더 시간을 내주실 수 있다면, 짧은 설문으로 의견을 더 들려주세요.',
    survey: '설문 참여하기',
  },
  crossSell: {
    subject: {
      a: (firstName) => `${firstName}님, 이런 상품은 어떠세요?`,
      b: (firstName, shop) => `${firstName}님을 위해 ${shop}에서 골랐어요`,
    },
    preview: (shop) => `${shop}에서 지난 주문과 잘 어울리는 상품을 골라 봤어요.`,
    title: '이 상품도 마음에 드실 거예요',
    intro: (firstName) =>
      `${firstName}님, 지난번 주문하신 상품과 함께 쓰기 좋은 상품을 몇 가지 골라 봤어요. 천천히 둘러보세요.`,
    view: '자세히 보기',
  },
  referral: {
    subject: {
      a: (firstName, give) => `${firstName}님, 친구에게 ${give} 혜택을 선물하세요`,
      b: (_firstName, give) => `친구에게는 ${give}, 나에게도 혜택이 돌아와요`,
    },
    preview: (give, get) => `친구는 ${give}, 나는 ${get}. 추천 코드를 확인하세요.`,
    title: '친구에게 선물하고 함께 혜택 받으세요',
    body: (firstName, shop, give, get) =>
      `${byName(
        shop,
        '을/를',
        (named) => named,
        (plain) => `${plain}의 상품을`,
      )} 좋아할 만한 친구가 있나요? 추천 코드를 공유하면 친구는 ${give} 혜택을 받고, 친구가 첫 주문을 마치면 ${firstName}님께도 ${get} 혜택을 드려요.`,
    giveLabel: '친구 혜택',
    getLabel: '내 혜택',
    codeLabel: '내 추천 코드',
    copyHint: '코드를 두 번 클릭하거나 길게 눌러 복사하세요.',
    share: '추천 링크 공유하기',
    shareByEmail: '이메일로 친구 초대하기',
    mailSubject: (firstName, shop, give) => `${firstName}님이 ${shop} ${give} 혜택을 보냈어요`,
    mailBody: (shop, give, code, url) =>
      `안녕하세요!\n\n${byName(
        shop,
        '을/를',
        (named) => `제가 즐겨 쓰는 ${named} 소개해요.`,
        (plain) => `제가 즐겨 찾는 ${plain}에서 함께 쇼핑해요.`,
      )} 아래 링크로 가입하거나 추천 코드를 입력하면 ${give} 혜택을 받을 수 있어요.\n\n추천 코드: ${code}\n${url}`,
  },
  winBack: {
    subject: {
      a: {
        coupon: (firstName) => `${firstName}님, 다시 만나고 싶어요`,
        news: (_firstName, shop) => `${shop}의 새로운 소식`,
      },
      b: {
        coupon: () => '다음 주문을 위한 작은 선물을 준비했어요',
        news: (firstName, shop) => `${firstName}님, ${shop}에 새로 들어왔어요`,
      },
    },
    preview: {
      coupon: (shop, offer) => `${shop} 다음 주문에 쓸 수 있는 ${offer} 쿠폰 코드를 확인하세요.`,
      news: (shop) => `${shop}의 신상품과 새 소식을 골라 전해 드려요.`,
    },
    title: {
      coupon: (firstName) => `${firstName}님, 다시 만나고 싶어요`,
      news: (firstName) => `${firstName}님, 새로운 소식을 전해 드려요`,
    },
    body: {
      coupon: (shop, offer) =>
        `${shop}에서 첫 주문을 하신 지 몇 주가 지났네요. 잘 사용하고 계신가요? 다음 주문에 쓰실 수 있도록 ${offer} 혜택을 준비했어요. 결제할 때 아래 코드를 입력해 주세요.`,
      news: (shop) =>
        `${byName(
          shop,
          '을/를',
          (named) => `${named} 꾸준히 찾아 주셔서`,
          (plain) => `${plain}에 꾸준히 들러 주셔서`,
        )} 감사합니다. 지난 주문 이후 저희가 준비한 소식을 전해 드려요.`,
    },
    codeLabel: '쿠폰 코드',
    validUntil: (date) => `${date}까지 사용 가능`,
    shop: '쇼핑하러 가기',
    newsOutro: '더 많은 상품은 언제든 스토어에서 편하게 둘러보세요.',
  },
  preferencesLink: {
    subject: {
      a: (shop) => `${shop} 이메일 수신 설정 링크를 보내 드려요`,
      b: (shop) => `요청하신 ${shop} 메일 수신 설정 안내`,
    },
    preview: (shop) => `${shop}에서 받을 메일을 고르거나, 잠시 멈추거나, 광고성 메일을 끌 수 있어요.`,
    title: '이메일 수신 설정',
    body: (firstName, shop) =>
      `${firstName}님, 요청하신 ${shop} 이메일 수신 설정 링크를 보내 드립니다. 받고 싶은 메일만 고르거나, 30일·60일·90일 동안 잠시 멈추거나, 광고성 메일을 모두 끌 수 있어요. 주문과 배송에 관한 안내 메일은 어떻게 설정하셔도 계속 보내 드립니다.`,
    button: '수신 설정 열기',
    notRequested:
      '직접 요청하지 않으셨다면 이 메일은 무시하셔도 됩니다. 직접 선택하시기 전에는 아무것도 바뀌지 않으며, 이 링크는 고객님의 이메일 주소에만 쓸 수 있습니다.',
  },
  replenishment: {
    subject: {
      a: (_firstName, product) => `${product}, 곧 떨어지지 않으셨나요?`,
      b: (firstName) => `${firstName}님, 다시 채워 둘 때가 되었어요`,
    },
    preview: (product) =>
      `${byName(
        product,
        '이/가',
        (named) => named,
        (plain) => `주문하신 ${plain},`,
      )} 곧 떨어질 수 있어요. 떨어지기 전에 간편하게 다시 주문하세요.`,
    title: '곧 떨어지지 않으셨나요?',
    intro: (firstName) =>
      `${firstName}님, 지난 주문을 보니 즐겨 쓰시는 상품이 곧 떨어질 때가 되었어요. 지금 다시 주문하시면 떨어질 걱정 없이 계속 쓰실 수 있어요.`,
    lasts: (days) => `약 ${days}일 사용`,
    runsOut: (date) => `${date}쯤 소진 예상`,
    buyAgain: '다시 구매하기',
    outro: '아직 넉넉하신가요? 괜찮아요. 필요하실 때 언제든 기다리고 있을게요.',
  },
} satisfies Messages;
