import type { Messages } from './messages';

export const zhCN = {
  lang: 'zh-CN',
  dir: 'ltr',
  common: {
    greeting: (firstName) => `${firstName}，您好：`,
    orderNumber: (number) => `订单号 ${number}`,
    viewOrder: '查看订单',
    items: '商品',
    quantity: (n) => `数量 ${n}`,
    subtotal: '商品小计',
    discount: '优惠',
    discountWithCodes: (codes) => `优惠（${codes}）`,
    shipping: '运费',
    freeShipping: '免运费',
    tax: '税费',
    total: '实付金额',
    free: '免费',
    ratingText: (average, count) => `${average} 分（满分 5 分），${count} 条评价`,
    copyHint: '双击或长按即可复制。',
    shipTo: '收货地址',
    payment: (brand, last4) => `已使用尾号 ${last4} 的 ${brand.toUpperCase()} 卡支付`,
    moreItems: (count) => `另有 ${count} 件商品 — 查看完整订单`,
    logoAlt: (shop) => shop,
    questions: '有任何问题，直接回复这封邮件即可。',
    emailLabel: '邮箱：',
    phoneLabel: '电话：',
    contactPerson: (name, role) =>
      role ? `${role}${name}会亲自阅读每一封回复。` : `${name}会亲自阅读每一封回复。`,
    unsubscribe: '退订',
    preferences: '偏好设置',
    sender: (shop, address) => `发件人：${shop}，地址：${address}`,
    refusal: '如不希望再收到此类营销邮件，可随时免费取消：',
    whyReceived: (shop) => `您收到这封邮件，是因为您曾在${shop}购物。`,
    transactionalNote: (shop) => `这是一封关于您在${shop}订单的服务邮件。`,
    followUs: '关注我们',
  },
  progress: {
    ordered: '已下单',
    shipped: '已发货',
    outForDelivery: '派送中',
    delivered: '已签收',
  },
  confirmation: {
    subject: {
      a: (orderNumber) => `订单 #${orderNumber} 已确认`,
      b: (orderNumber, firstName) => `${firstName}，谢谢！我们已收到订单 #${orderNumber}`,
    },
    preview: (firstName, total) => `${firstName}，感谢您的订购！订单金额 ${total}，我们正在为您备货。`,
    title: '感谢您的订购',
    intro: (firstName) => `${firstName}，我们已收到您的订单，正在为您备货。商品发出后会第一时间通知您。`,
    placedOn: (date) => `下单时间：${date}`,
    nextSteps: '您可以随时在订单页面查看订单状态。',
    welcome: {
      subject: {
        a: () => '感谢您，欢迎加入！',
        b: (_firstName, shop) => `您在${shop}购买的商品已可使用`,
      },
      preview: (firstName) => `${firstName}，感谢您的订购！您购买的内容已全部就绪，访问方式就在邮件里。`,
      title: '感谢您，欢迎加入！',
      intro: (firstName) =>
        `${firstName}，感谢您的订购。无需等待：您购买的内容现在就能使用，点击下方按钮即可。`,
      nextSteps: '请保留这封邮件。您也可以随时在订单页面找到这些链接和密钥。',
    },
    mixedIntro: (firstName) =>
      `${firstName}，感谢您的订购。部分商品现在就能使用，其余商品我们正在备货，发出后会第一时间通知您。`,
    readyNow: '现在即可使用',
    open: (item) => `打开${item}`,
    licenseKey: '许可证密钥',
    accessUntil: (date) => `有效期至 ${date}`,
  },
  shipping: {
    subject: {
      a: {
        shipped: () => '您的订单已发货',
        delayed: (orderNumber) => `订单 #${orderNumber} 配送延迟通知`,
        out_for_delivery: () => '您的包裹今天送达',
        delivered: (orderNumber) => `订单 #${orderNumber} 已签收`,
      },
      b: {
        shipped: (orderNumber) => `好消息：订单 #${orderNumber} 已经发出`,
        delayed: (orderNumber) => `订单 #${orderNumber} 需要多一点时间`,
        out_for_delivery: (orderNumber) => `今天送达：订单 #${orderNumber} 正在派送`,
        delivered: (orderNumber) => `到啦！订单 #${orderNumber} 已签收`,
      },
    },
    preview: {
      shipped: (carrier) => `包裹已交由${carrier}配送，可随时查看物流。`,
      delayed: (carrier) => `${carrier}的配送需要多一点时间，这是最新进展。`,
      out_for_delivery: (carrier) => `${carrier}今天将为您派送包裹。`,
      delivered: (carrier) => `${carrier}已将包裹送达。`,
    },
    title: {
      shipped: '您的订单已发货',
      delayed: '配送有所延迟',
      out_for_delivery: '今天送达',
      delivered: '已签收',
    },
    body: {
      shipped: (firstName) => `${firstName}，好消息：您的订单已经发出，可以通过下方的物流链接随时查看进度。`,
      delayed: (firstName) =>
        `${firstName}，非常抱歉：您的包裹比预计晚到。包裹仍在运输途中，最新的预计送达时间请查看物流页面。`,
      out_for_delivery: (firstName) => `${firstName}，您的包裹正在派送中，预计今天送达，请留意快递员的联系。`,
      delivered: (firstName) =>
        `${firstName}，您的包裹已签收。如有缺件或破损，请直接回复这封邮件，我们会尽快处理。`,
    },
    partial: (shipped, total) => `本次包裹包含您订单中 ${total} 件商品里的 ${shipped} 件。`,
    remaining: (count) => `其余 ${count} 件商品将另行发出。`,
    inThisShipment: '本次包裹内的商品',
    carrier: '快递公司',
    trackingNumber: '运单号',
    estimatedDelivery: '预计送达',
    track: '查看物流',
  },
  thankYou: {
    subject: {
      a: {
        'first-order': (firstName, shop) => `${firstName}，欢迎来到${shop}`,
        returning: (firstName) => `${firstName}，感谢您再次光临`,
        vip: (firstName) => `${firstName}，感谢您成为我们的贵宾`,
      },
      b: {
        'first-order': (_firstName, shop) => `${shop}全体成员的一份小小谢意`,
        returning: (firstName, shop) => `${firstName}，${shop}很高兴您回来了`,
        vip: (firstName) => `${firstName}，一份专属于您的感谢`,
      },
    },
    preview: {
      'first-order': (shop) => `感谢您在${shop}的第一笔订单，希望这是一段美好缘分的开始。`,
      returning: () => '很高兴再次见到您，您的订单我们正在用心准备。',
      vip: () => '一份真诚的感谢，以及专属于您的贵宾礼遇。',
    },
    title: {
      'first-order': (firstName) => `欢迎您，${firstName}！`,
      returning: (firstName) => `欢迎回来，${firstName}`,
      vip: (firstName) => `衷心感谢您，${firstName}`,
    },
    body: {
      'first-order': (shop) =>
        `感谢您在${shop}下了第一笔订单。我们是一个小团队，每一笔订单对我们都意义非凡，希望您会喜欢即将收到的商品。`,
      returning: (shop) => `感谢您再次选择${shop}。老顾客的回头，是对我们最好的肯定。`,
      vip: (shop) => `正是有您这样的顾客，${shop}才能一路走下去。这份支持，我们从不视为理所当然。`,
    },
    perksTitle: { 'first-order': '加入会员', returning: '给老朋友的消息', vip: '您的贵宾礼遇' },
    perks: {
      'first-order': '会员可以第一时间获知新品上架，每次购物还能累积积分。加入完全免费。',
      returning: '您喜欢的新品和补货消息，我们会第一时间告诉您。',
      vip: '新系列抢先看、专属客服通道，以及随时优先处理您的需求。',
    },
    perksCta: { 'first-order': '免费加入', returning: '看看新品', vip: '浏览新系列' },
    storyTitle: '我们的故事',
    writeTo: (name) => `如有任何需要，欢迎直接写信给${name}，每一封邮件都由真人阅读并回复：`,
    signOff: '祝好，',
    team: (shop) => `${shop}团队`,
  },
  instructions: {
    subject: {
      a: (product) => `${product}上手指南`,
      b: (product) => `让您的${product}物尽其用`,
    },
    preview: (product) => `几个简单步骤，让您的${product}物尽其用。`,
    intro: (firstName, product) => `${firstName}，您的${product}即将送达。以下几步帮您轻松上手。`,
    videoIntro: '更喜欢看视频？这段短片演示了每一个步骤。',
    video: '观看视频',
    videoAlt: (title) => `播放视频：${title}`,
    guideIntro: '想了解更多？完整指南涵盖保养方法、使用技巧和常见问题。',
    guide: '阅读完整指南',
    help: '哪一步遇到困难？直接回复这封邮件，我们会一步步帮您解决。',
  },
  review: {
    subject: {
      a: (firstName) => `${firstName}，这次购物还满意吗？`,
      b: (_firstName, shop) => `有一分钟吗？告诉${shop}您的想法`,
    },
    preview: (shop) => `感谢您在${shop}购物，轻点一下告诉我们您的感受。`,
    title: (firstName) => `谢谢您，${firstName}`,
    thanks: (shop) => `再次感谢您在${shop}的订单。希望商品已安全送达，也希望您用得满意。`,
    ask: '这次的购物体验如何？只需轻点一下。无论好评还是意见，您的真实反馈都能帮助我们做得更好。',
    starsQuestion: '您会给这次订单打几颗星？',
    starLabel: (rating) => `${rating} 星`,
    npsQuestion: (shop) => `您有多大可能向朋友推荐${shop}？`,
    npsLabel: (score) => `${score} 分（满分 10 分）`,
    npsLow: '0 = 完全不可能',
    npsHigh: '10 = 非常可能',
    itemsTitle: '为您购买的商品写评价',
    reviewItem: '写评价',
    surveyIntro: '如果您还有几分钟，欢迎填写一份简短的问卷，告诉我们更多想法。',
    survey: '填写问卷',
  },
  crossSell: {
    subject: {
      a: (firstName) => `${firstName}，这些您可能也会喜欢`,
      b: (firstName, shop) => `${firstName}，${shop}为您精选`,
    },
    preview: (shop) => `${shop}为您上次购买的商品挑选了几件好搭档。`,
    title: '您可能还会喜欢…',
    intro: (firstName) => `${firstName}，我们为您上次购买的商品挑选了几件好搭档。不着急，慢慢看。`,
    view: '去看看',
  },
  referral: {
    subject: {
      a: (firstName, give) => `${firstName}，送好友一份${give}`,
      b: (_firstName, give) => `分享好物：好友得${give}，您也有奖励`,
    },
    preview: (give, get) => `好友得${give}，您得${get}。您的邀请码在这里。`,
    title: '邀请好友，一起享优惠',
    body: (_firstName, shop, give, get) =>
      `身边有朋友也会喜欢${shop}吗？分享您的专属邀请码，好友可获得${give}；好友完成首单后，您将获得${get}。`,
    giveLabel: '好友获得',
    getLabel: '您获得',
    codeLabel: '您的邀请码',
    copyHint: '双击或长按邀请码即可复制。',
    share: '分享邀请链接',
    shareByEmail: '或通过邮件邀请好友',
    mailSubject: (firstName, shop, give) => `${firstName}送你一份${shop}的${give}`,
    mailBody: (shop, give, code, url) =>
      `你好！\n\n推荐你试试我常逛的${shop}。使用我的邀请码 ${code}，或通过下面的链接注册，即可获得${give}。\n\n${url}`,
  },
  winBack: {
    subject: {
      a: {
        coupon: (firstName) => `${firstName}，我们想您了`,
        news: (_firstName, shop) => `${shop}上新啦`,
      },
      b: {
        coupon: () => '为您的下一单准备了一份小礼物',
        news: (firstName, shop) => `${firstName}，来看看${shop}的新鲜事`,
      },
    },
    preview: {
      coupon: (shop, offer) => `您在${shop}的下一单可享${offer}，优惠码就在邮件里。`,
      news: (shop) => `${shop}的新品和新鲜事，为您精选。`,
    },
    title: {
      coupon: (firstName) => `${firstName}，期待再次见到您`,
      news: (firstName) => `${firstName}，来看看我们的新鲜事`,
    },
    body: {
      coupon: (shop, offer) =>
        `距离您在${shop}的第一笔订单已经过去几周了，希望您用得满意。我们为您的下一单准备了${offer}：结账时输入下方的优惠码即可。`,
      news: (shop) => `感谢您一直以来对${shop}的支持。这是自您上次下单以来，我们准备的新鲜事。`,
    },
    codeLabel: '您的优惠码',
    validUntil: (date) => `有效期至 ${date}`,
    shop: '去逛逛',
    newsOutro: '店里还有更多好物，随时欢迎您来逛逛。',
  },
  preferencesLink: {
    subject: {
      a: (shop) => `您在${shop}的邮件偏好设置`,
      b: (shop) => `这是您管理${shop}邮件的链接`,
    },
    preview: (shop) => `选择想收到的${shop}邮件，暂停一段时间，或关闭营销邮件。`,
    title: '邮件偏好设置',
    body: (firstName, shop) =>
      `${firstName}，您好！您申请了${shop}的邮件偏好设置链接。您可以只保留想收到的邮件，暂停 30、60 或 90 天，或完全关闭营销邮件。关于订单和配送的服务邮件不受影响，照常发送。`,
    button: '管理我的邮件',
    notRequested:
      '如果这不是您本人的操作，请忽略此邮件：在您做出选择之前，一切都不会改变，且此链接仅对您的邮箱有效。',
  },
  replenishment: {
    subject: {
      a: (_firstName, product) => `${product}快用完了吗？`,
      b: (firstName) => `${firstName}，该补货啦`,
    },
    preview: (product) => `您的${product}可能快用完了，趁还没用完，一键回购。`,
    title: '快用完了吗？',
    intro: (firstName) =>
      `${firstName}，根据您上次的订单，您常用的商品可能快用完了。现在回购，就不用担心断货。`,
    lasts: (days) => `约可使用 ${days} 天`,
    runsOut: (date) => `预计 ${date} 前后用完`,
    buyAgain: '再次购买',
    outro: '还有不少？没关系，需要的时候我们随时都在。',
  },
} satisfies Messages;
