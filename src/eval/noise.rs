//! Ticket noise for measuring clustering on feedback as it really arrives: each labelled text
//! is wrapped in the furniture of a support ticket or a CSM's mail (greeting, pleasantries, a
//! sign-off with a signature block, a confidentiality disclaimer, a help-desk footer, a quoted
//! reply from the agent, metadata lines), in English or Chinese after the text's own script.
//!
//! There are [`TEMPLATES`] templates per language: each fixes which parts appear and which
//! phrasing of each part; names, companies, job titles, phone numbers, ticket numbers, dates
//! and URLs are drawn per item. Everything is a pure function of `(seed, item index)`, so a
//! run is reproducible. This is a measuring instrument: the analyser must never be tuned to
//! these exact phrases (the acceptance checks use templates nobody here has seen).

/// Templates per language.
pub const TEMPLATES: usize = 48;

/// SplitMix64: small, deterministic, good enough to draw template parts.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, item: u64) -> Self {
        let mut r = Rng(seed ^ item.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// Which parts a template has, and which phrasing of each (indices into the phrase lists).
struct Template {
    greeting: Option<usize>,
    opener: Option<usize>,
    closing: Option<usize>,
    signoff: usize,
    signature: usize,
    disclaimer: Option<usize>,
    footer: Option<usize>,
    quote: Option<usize>,
    meta: bool,
}

fn template(t: usize) -> Template {
    // Co-prime strides give 48 different combinations of parts and phrasings.
    Template {
        greeting: (t % 7 != 6).then_some(t % 9),
        opener: (t % 3 != 2).then_some(t % 8),
        closing: (t % 4 != 3).then_some((t / 2) % 8),
        signoff: t % 8,
        signature: t % 6,
        disclaimer: t.is_multiple_of(2).then_some((t / 2) % 5),
        footer: (t % 5 < 3).then_some(t % 6),
        quote: (t % 3 == 1).then_some((t / 3) % 4),
        meta: t % 4 == 1,
    }
}

/// The ticket as some help desks, CRMs and exports pass it on: its lines joined into one
/// (blank lines dropped), so no rule can lean on where a line starts or ends.
pub fn flatten(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text wrapped in ticket boilerplate; the language follows the text's script (Chinese
/// when it has CJK ideographs).
pub fn wrap(text: &str, seed: u64, item: u64) -> String {
    let mut rng = Rng::new(seed, item);
    let t = template(rng.below(TEMPLATES));
    if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        zh(text, &t, &mut rng)
    } else {
        en(text, &t, &mut rng)
    }
}

const EN_FIRST: &[&str] = &[
    "James", "Maria", "Wei", "Priya", "Olusegun", "Sofia", "Liam", "Aiko", "Noah", "Fatima",
    "Lucas", "Ingrid", "Mateo", "Chloe", "Arjun", "Hannah", "Diego", "Yuki", "Omar", "Elena",
    "Samuel", "Zoe", "Tomasz", "Grace", "Kwame", "Isabel", "Ravi", "Emma", "Hugo", "Leila",
];
const EN_LAST: &[&str] = &[
    "Smith",
    "Garcia",
    "Chen",
    "Patel",
    "Adeyemi",
    "Rossi",
    "Murphy",
    "Tanaka",
    "Johnson",
    "Haddad",
    "Silva",
    "Larsen",
    "Fernandez",
    "Dubois",
    "Sharma",
    "Becker",
    "Lopez",
    "Sato",
    "Nasser",
    "Popescu",
    "Okafor",
    "Kowalski",
    "Nguyen",
    "O'Brien",
    "Schmidt",
    "Ivanova",
];
const EN_COMPANY: &[&str] = &[
    "Northwind Traders",
    "Globex Corporation",
    "Initrode GmbH",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Retail Group",
    "Blue Harbor Bank",
    "Pinecrest Insurance",
    "Helios Energy Ltd",
    "Vandelay Industries",
    "Acme Analytics",
    "Summit Learning",
    "Orbital Freight Co.",
    "Greenleaf Foods",
    "Quantum Dynamics Inc.",
    "Redwood Partners LLP",
    "Silverline Media",
];
const EN_TITLE: &[&str] = &[
    "Senior Product Manager",
    "Head of Operations",
    "IT Administrator",
    "Finance Director",
    "Customer Success Lead",
    "VP Engineering",
    "Office Manager",
    "Business Analyst",
    "Chief Technology Officer",
    "Procurement Specialist",
    "Marketing Coordinator",
    "Director of Customer Experience",
    "Systems Engineer",
    "Account Executive",
];
const EN_AGENT: &[&str] = &[
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie",
];
const EN_CITY: &[&str] = &[
    "Boston, MA 02110",
    "London EC2A 4NE",
    "Austin, TX 78701",
    "Dublin 2, Ireland",
    "Toronto, ON M5V 2T6",
    "Sydney NSW 2000",
    "Berlin 10115",
    "Singapore 018989",
];
const EN_STREET: &[&str] = &[
    "Market Street",
    "High Street",
    "Congress Avenue",
    "King Street West",
    "George Street",
    "Friedrichstrasse",
    "Harbour Road",
    "Elm Drive",
];
const EN_HELPDESK: &[&str] = &[
    "Zendesk",
    "Freshdesk",
    "Help Scout",
    "ServiceNow",
    "Jira Service Management",
];

fn en(text: &str, t: &Template, r: &mut Rng) -> String {
    let first = r.pick(EN_FIRST);
    let last = r.pick(EN_LAST);
    let company = r.pick(EN_COMPANY);
    let domain: String = company
        .split_whitespace()
        .next()
        .unwrap_or("example")
        .to_lowercase();
    let agent = r.pick(EN_AGENT);
    let n = 5 + r.below(3);
    let ticket = r.digits(n);
    let email = format!(
        "{}.{}@{domain}.example",
        first.to_lowercase(),
        last.to_lowercase()
    );
    let mut out: Vec<String> = Vec::new();
    if t.meta {
        out.push(format!(
            "Subject: Re: [Ticket #{ticket}] Request from {company}"
        ));
        out.push(format!(
            "Customer ID: {} | Plan: {} | Browser: {} {}",
            r.digits(6),
            r.pick(&["Enterprise", "Business", "Pro", "Starter"]),
            r.pick(&["Chrome", "Firefox", "Edge", "Safari"]),
            100 + r.below(30)
        ));
        out.push(String::new());
    }
    if let Some(g) = t.greeting {
        out.push(
            [
                "Hi team,".to_owned(),
                "Hello Support,".to_owned(),
                format!("Dear {agent},"),
                "Good morning,".to_owned(),
                "Hi there,".to_owned(),
                "To whom it may concern,".to_owned(),
                "Dear Sir or Madam,".to_owned(),
                format!("Hello {agent},"),
                "Hey folks,".to_owned(),
            ][g]
                .clone(),
        );
        out.push(String::new());
    }
    if let Some(o) = t.opener {
        out.push(
            [
                "I hope you are doing well.".to_owned(),
                "Hope this email finds you well.".to_owned(),
                "Thanks for getting back to me so quickly last time.".to_owned(),
                format!("Following up on my call with {agent} earlier today."),
                format!("I'm reaching out on behalf of the operations team at {company}."),
                "We discussed this briefly during our quarterly business review.".to_owned(),
                "Apologies for the long email, but this has been bugging us for a while."
                    .to_owned(),
                "Quick question from our side, if you have a minute.".to_owned(),
            ][o]
                .clone(),
        );
    }
    out.push(text.to_owned());
    if let Some(c) = t.closing {
        out.push(
            [
                "Thanks in advance for your help!",
                "Let me know if you need any more information from us.",
                "Looking forward to hearing from you.",
                "Any help would be greatly appreciated.",
                "Please advise at your earliest convenience.",
                "Happy to jump on a call if that is easier.",
                "This is holding up our team, so a quick answer would be great.",
                "I have attached a screenshot in case it helps.",
            ][c]
                .to_owned(),
        );
    }
    out.push(String::new());
    out.push(
        [
            "Best regards,",
            "Kind regards,",
            "Thanks,",
            "Cheers,",
            "Many thanks,",
            "Sincerely,",
            "Thank you,",
            "All the best,",
        ][t.signoff]
            .to_owned(),
    );
    let title = r.pick(EN_TITLE);
    let phone = format!("+1 ({}) {}-{}", r.digits(3), r.digits(3), r.digits(4));
    let address = format!(
        "{} {}, {}",
        10 + r.below(990),
        r.pick(EN_STREET),
        r.pick(EN_CITY)
    );
    match t.signature {
        0 => {
            out.push(format!("{first} {last}"));
            out.push(format!("{title} | {company}"));
            out.push(format!(
                "T: {phone} | M: +44 7{} {}",
                r.digits(3),
                r.digits(6)
            ));
        }
        1 => {
            out.push(first.to_owned());
        }
        2 => {
            out.push(format!("{first} {last}"));
            out.push(title.to_owned());
            out.push(company.to_owned());
            out.push(address);
            out.push(format!("Direct: {phone}"));
            out.push(format!("www.{domain}.example"));
        }
        3 => {
            out.push(format!("{first} {last} | {title}"));
            out.push(format!("{company} | {email} | {phone}"));
        }
        4 => {
            out.push(format!("{first} {last}, {title}"));
            out.push(format!("Mobile: {phone}"));
        }
        _ => {
            out.push(format!("-- \n{first} {last}"));
            out.push(format!("{title}, {company}"));
            out.push(format!("Office: {phone} ext. {}", r.digits(3)));
            out.push(email.clone());
        }
    }
    if let Some(d) = t.disclaimer {
        out.push(String::new());
        out.push(
            [
                format!(
                    "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and \
                     intended solely for the use of the addressee. If you have received this \
                     message in error, please notify the sender immediately and delete it. Any \
                     unauthorised use or disclosure is prohibited. {company} accepts no liability \
                     for viruses."
                ),
                "This message may contain privileged information. If you are not the intended \
                 recipient, you must not copy, distribute or act on it; please tell us and \
                 destroy all copies."
                    .to_owned(),
                format!(
                    "Disclaimer: The information in this email is confidential and may be legally \
                     privileged. It is intended solely for the addressee. Access to this email by \
                     anyone else is unauthorized. {company} is registered in England and Wales, \
                     company number {}.",
                    r.digits(8)
                ),
                "Please consider the environment before printing this email.".to_owned(),
                "IMPORTANT: The contents of this email and any attachments are confidential. They \
                 are intended for the named recipient(s) only. If you have received this email by \
                 mistake, please notify the sender immediately and do not disclose the contents \
                 to anyone or make copies thereof."
                    .to_owned(),
            ][d]
                .clone(),
        );
    }
    if let Some(q) = t.quote {
        out.push(String::new());
        let date = format!(
            "{}, {} {}, 2026 at {}:{} {}",
            r.pick(&["Mon", "Tue", "Wed", "Thu", "Fri"]),
            r.pick(&["Jan", "Mar", "Jun", "Sep", "Nov"]),
            1 + r.below(28),
            1 + r.below(12),
            r.digits(2),
            r.pick(&["AM", "PM"])
        );
        let support = format!(
            "support@{}.example",
            r.pick(&["sift", "vendor", "helpdesk"])
        );
        let body = [
            format!("Hi {first},\nThanks for reaching out! Could you tell us a bit more about what you are trying to do? Screenshots help.\nBest,\n{agent}"),
            format!("Hello {first},\nThank you for contacting Customer Support. Your request ({ticket}) has been received and is being reviewed by our team.\nRegards,\n{agent} | Support Team"),
            format!("Hi {first}, I've passed this on to our product team and will update you as soon as I hear back.\n{agent}"),
            "Dear customer,\nWe're sorry for the inconvenience. A member of our team will respond within 24 hours.\nKind regards,\nThe Support Team".to_owned(),
        ][q]
            .clone();
        match q % 2 {
            0 => {
                out.push(format!("On {date}, {agent} <{support}> wrote:"));
                for l in body.lines() {
                    out.push(format!("> {l}"));
                }
            }
            _ => {
                out.push("-----Original Message-----".to_owned());
                out.push(format!("From: {agent} <{support}>"));
                out.push(format!("Sent: {date}"));
                out.push(format!("To: {first} {last} <{email}>"));
                out.push(format!("Subject: RE: Case {ticket}"));
                out.push(String::new());
                out.extend(body.lines().map(str::to_owned));
            }
        }
    }
    if let Some(f) = t.footer {
        out.push(String::new());
        let helpdesk = r.pick(EN_HELPDESK);
        out.push(
            [
                format!(
                    "--\nTicket #{ticket} | Priority: {} | Status: Open\nView this ticket online: https://support.vendor.example/tickets/{ticket}",
                    r.pick(&["Low", "Normal", "High", "Urgent"])
                ),
                "##- Please type your reply above this line -##".to_owned(),
                format!("This email is a service from {helpdesk}. Delivered by {helpdesk}."),
                format!("[ref:_00D{}._500{}:ref]", r.digits(6), r.digits(7)),
                format!(
                    "You are receiving this because you opened request #{ticket}. Reply to this email to add a comment."
                ),
                format!("Sent from my {}", r.pick(&["iPhone", "iPad", "Galaxy S24", "Pixel"])),
            ][f]
                .clone(),
        );
    }
    out.join("\n")
}

const ZH_SURNAME: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
const ZH_GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "建华", "晓东", "志强", "海燕", "雪梅", "子涵",
];
const ZH_COMPANY: &[&str] = &[
    "华信科技有限公司",
    "东方物流集团",
    "蓝海数据股份有限公司",
    "远景医疗科技",
    "星辰教育集团",
    "金桥贸易有限公司",
    "天穹云计算有限公司",
    "鼎盛金融服务有限公司",
    "新锐传媒",
    "长风制造有限公司",
];
const ZH_DEPT: &[&str] = &[
    "产品部",
    "运营中心",
    "信息技术部",
    "财务部",
    "客户成功部",
    "市场部",
    "采购部",
    "行政部",
];
const ZH_TITLE: &[&str] = &[
    "产品经理",
    "运营总监",
    "IT主管",
    "财务经理",
    "高级工程师",
    "项目经理",
    "客户经理",
];
const ZH_CITY: &[&str] = &[
    "北京市朝阳区",
    "上海市浦东新区",
    "深圳市南山区",
    "杭州市西湖区",
    "广州市天河区",
    "成都市高新区",
];

fn zh(text: &str, t: &Template, r: &mut Rng) -> String {
    let name = format!("{}{}", r.pick(ZH_SURNAME), r.pick(ZH_GIVEN));
    let agent = format!(
        "{}{}",
        r.pick(ZH_SURNAME),
        r.pick(&["小姐", "先生", "工", "经理"])
    );
    let company = r.pick(ZH_COMPANY).to_owned();
    let dept = r.pick(ZH_DEPT);
    let n = 6 + r.below(3);
    let ticket = r.digits(n);
    let mobile = format!("1{}{}", 3 + r.below(7), r.digits(9));
    let mut out: Vec<String> = Vec::new();
    if t.meta {
        out.push(format!("主题：回复：【工单 #{ticket}】{company}的需求"));
        out.push(format!(
            "客户编号：{} ｜ 版本：{} ｜ 浏览器：{}",
            r.digits(6),
            r.pick(&["企业版", "专业版", "标准版"]),
            r.pick(&["Chrome", "Edge", "360浏览器", "Safari"])
        ));
        out.push(String::new());
    }
    if let Some(g) = t.greeting {
        out.push(
            [
                "您好，".to_owned(),
                "你好！".to_owned(),
                "尊敬的客服团队：".to_owned(),
                format!("{agent}您好，"),
                "各位好，".to_owned(),
                "Hi 客服，".to_owned(),
                "早上好！".to_owned(),
                format!("{agent}，你好："),
                "您好！".to_owned(),
            ][g]
                .clone(),
        );
    }
    if let Some(o) = t.opener {
        out.push(
            [
                "打扰了。".to_owned(),
                "希望一切顺利。".to_owned(),
                format!("上周和{agent}电话沟通过这个问题。"),
                format!("我是{company}{dept}的{name}。"),
                "感谢你们上次的快速回复。".to_owned(),
                "在季度业务回顾会上我们简单提过这件事。".to_owned(),
                "不好意思又来麻烦你们。".to_owned(),
                "有个问题想咨询一下。".to_owned(),
            ][o]
                .clone(),
        );
    }
    out.push(text.to_owned());
    if let Some(c) = t.closing {
        out.push(
            [
                "麻烦尽快回复，谢谢！",
                "如需更多信息，请随时联系我。",
                "期待您的回复。",
                "非常感谢你们的帮助。",
                "请尽快安排处理。",
                "如果方便的话，可以约个电话沟通。",
                "这个问题影响了我们团队的工作，希望尽快解决。",
                "附件是相关截图，供参考。",
            ][c]
                .to_owned(),
        );
    }
    out.push(String::new());
    out.push(
        [
            "谢谢！",
            "此致\n敬礼",
            "祝好，",
            "顺祝商祺！",
            "多谢，",
            "此致敬礼！",
            "谢谢",
            "祝工作顺利！",
        ][t.signoff]
            .to_owned(),
    );
    let address = format!(
        "地址：{}{}路{}号{}室",
        r.pick(ZH_CITY),
        r.pick(&["建国", "中山", "科技", "人民", "解放"]),
        1 + r.below(300),
        100 + r.below(2000)
    );
    let title = r.pick(ZH_TITLE);
    match t.signature {
        0 => {
            out.push(name.clone());
            out.push(format!("{dept} | {company}"));
            out.push(format!("电话：{mobile}"));
        }
        1 => out.push(name.clone()),
        2 => {
            out.push(format!("{name} {title}"));
            out.push(company.clone());
            out.push(address);
            out.push(format!(
                "手机：{} {} {}",
                &mobile[..3],
                &mobile[3..7],
                &mobile[7..]
            ));
        }
        3 => {
            out.push(format!("{company} {dept} {name}"));
            out.push(format!(
                "座机：0{}-{} 分机 {}",
                r.digits(2),
                r.digits(8),
                r.digits(3)
            ));
        }
        4 => {
            out.push(format!("{name}（{title}）"));
            out.push(format!(
                "邮箱：{}@{}.example.cn",
                r.digits(5),
                r.pick(&["huaxin", "dongfang", "lanhai"])
            ));
        }
        _ => {
            out.push(format!("—— {name}"));
            out.push(format!("{company}｜{title}"));
            out.push(format!("Tel: +86 {mobile}"));
        }
    }
    if let Some(d) = t.disclaimer {
        out.push(String::new());
        out.push(
            [
                "本邮件及其附件可能包含保密信息，仅供指定收件人使用。如果您不是指定收件人，请立即通知发件人并删除本邮件，严禁复制、转发或披露其中内容。".to_owned(),
                format!("免责声明：本邮件所含信息仅供收件人参考，{company}不对因使用本邮件内容而造成的任何损失承担责任。"),
                "保密提示：此邮件可能含有商业机密，未经许可不得转发。若误收本邮件，请删除并告知发件人。".to_owned(),
                "为了环保，打印前请三思。".to_owned(),
                "【重要】本邮件内容及附件受法律保护，仅限指定收件人阅读。任何未经授权的使用、传播或复制均被禁止。".to_owned(),
            ][d]
                .clone(),
        );
    }
    if let Some(q) = t.quote {
        out.push(String::new());
        let date = format!(
            "2026年{}月{}日 {}:{}",
            1 + r.below(12),
            1 + r.below(28),
            8 + r.below(10),
            r.digits(2)
        );
        let body = [
            format!("{name}您好，\n感谢您的反馈！能否详细描述一下您的使用场景？附上截图会更好。\n祝好，\n{agent}"),
            format!("您好，\n您的工单（编号 {ticket}）已收到，我们的团队正在处理中。\n客服中心"),
            format!("{name}，您好！我已将您的需求转给产品团队，有进展会第一时间通知您。\n{agent}"),
            "尊敬的客户：\n给您带来不便深表歉意，我们会在24小时内回复您。\n客户服务部".to_owned(),
        ][q]
            .clone();
        match q % 2 {
            0 => {
                out.push(format!(
                    "在 {date}，{agent} <support@vendor.example> 写道："
                ));
                for l in body.lines() {
                    out.push(format!("> {l}"));
                }
            }
            _ => {
                out.push("-----原始邮件-----".to_owned());
                out.push(format!("发件人：{agent} <support@vendor.example>"));
                out.push(format!("发送时间：{date}"));
                out.push(format!("收件人：{name}"));
                out.push(format!("主题：回复：工单 {ticket}"));
                out.push(String::new());
                out.extend(body.lines().map(str::to_owned));
            }
        }
    }
    if let Some(f) = t.footer {
        out.push(String::new());
        out.push(
            [
                format!(
                    "工单编号：{ticket} ｜ 优先级：{} ｜ 状态：处理中\n查看工单：https://support.vendor.example/tickets/{ticket}",
                    r.pick(&["低", "中", "高", "紧急"])
                ),
                "## 请在此线以上回复 ##".to_owned(),
                "此邮件由客服系统自动发送，请勿直接回复。".to_owned(),
                format!("[ref:_00D{}._500{}:ref]", r.digits(6), r.digits(7)),
                format!("您收到此邮件是因为您提交了工单 #{ticket}。直接回复本邮件即可补充信息。"),
                "发自我的华为手机".to_owned(),
            ][f]
                .clone(),
        );
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_per_seed_and_item() {
        assert_eq!(
            wrap("PDF export please", 7, 3),
            wrap("PDF export please", 7, 3)
        );
        assert_ne!(
            wrap("PDF export please", 7, 3),
            wrap("PDF export please", 8, 3)
        );
        assert!(wrap("PDF export please", 7, 3).contains("PDF export please"));
    }

    #[test]
    fn language_follows_the_text() {
        let zh = (0..20)
            .map(|i| wrap("我想导出PDF报表", 1, i))
            .collect::<String>();
        assert!(zh.contains("工单") || zh.contains("谢谢") || zh.contains("您好"));
        let en = (0..20)
            .map(|i| wrap("Export to PDF", 1, i))
            .collect::<String>();
        assert!(!en.contains("您好"));
    }

    #[test]
    fn every_template_is_used_and_they_differ() {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..4000 {
            let w = wrap("X", 11, i);
            // The template's fixed parts (names and numbers vary): lines without digits or the text.
            let shape: Vec<String> = w
                .lines()
                .map(|l| l.chars().filter(|c| !c.is_ascii_digit()).collect())
                .collect();
            seen.insert(shape.len());
        }
        assert!(seen.len() > 5);
        let shapes: std::collections::BTreeSet<String> = (0..TEMPLATES)
            .map(|t| {
                let t = template(t);
                format!(
                    "{:?}{:?}{:?}{}{}{:?}{:?}{:?}{}",
                    t.greeting,
                    t.opener,
                    t.closing,
                    t.signoff,
                    t.signature,
                    t.disclaimer,
                    t.footer,
                    t.quote,
                    t.meta
                )
            })
            .collect();
        assert_eq!(shapes.len(), TEMPLATES);
    }
}
