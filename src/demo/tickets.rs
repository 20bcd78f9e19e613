//! The demo's feedback, as the channels deliver it: e-mails to the help desk with greetings,
//! signatures, disclaimers and the agent's quoted reply; in-app widget messages; CSM, sales and
//! research notes from the CRM. English and Chinese. Each item carries the need it was written
//! for (`need`), the grouping a PM would make; it stays here and is never sent to the server.
//! Listed in arrival order.

use super::{Ticket, Via};
use crate::pb::{Importance, Source};

pub const TICKETS: &[Ticket] = &[
    Ticket {
        need: "sso",
        account: "globex",
        source: Source::Csm,
        importance: Importance::Critical,
        contact: ("Margaret Chen", "margaret.chen@globex.example"),
        via: Via::Note,
        subject: "",
        body: "Globex Corporation · renewal risk · Dana Whitfield (CSM)

Their security review is blocking the renewal: every user has to sign in through their identity \
provider (Okta) with SAML single sign-on, and local passwords must be switched off. Their Director \
of IT Security was clear on the call: no SSO, no signature.
They would also like SCIM provisioning later, but SAML SSO is the blocker for this renewal.
Next step: I owe them a date for SAML support before the exec sync.",
    },
    Ticket {
        need: "pdf",
        account: "stark",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Olivia Grant", "olivia.grant@stark.example"),
        via: Via::HelpDeskEmail,
        subject: "Weekly report as PDF",
        body: "Hi team,

Every Monday I screenshot the weekly report and paste it into a Word file so I can send it to our \
regional managers. Could you add a \"Download as PDF\" option to the weekly report? Even a simple \
printable layout would save me an hour a week.

Best regards,
Olivia Grant
Operations Manager | Stark Logistics
M: +1 (312) 555-0171",
    },
    Ticket {
        need: "sso",
        account: "tsinghua-soft",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("张伟", "zhang.wei@tsinghua-soft.example"),
        via: Via::Note,
        subject: "",
        body: "清华软件 Tsinghua Soft · monthly check-in · Kevin Liu (CSM)

Their IT manager raised SSO: every internal system is moving behind Azure AD and they need SAML \
single sign-on so staff log in with their company accounts instead of a separate password. In his \
words: \"没有单点登录，员工还得单独记一套密码，我们没法全员推广。\" Until we support SAML SSO they \
keep the rollout to the pilot team.",
    },
    Ticket {
        need: "dark",
        account: "pied-piper",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Nina Alvarez", "nina@piedpiper.example"),
        via: Via::HelpDeskEmail,
        subject: "Dark mode",
        body: "Hey folks,

Any chance of a dark mode for the dashboard? Half our team works late and the bright white \
background is rough on the eyes.

Cheers,
Nina",
    },
    Ticket {
        need: "csv",
        account: "cyberdyne",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Ellen Ford", "ellen.ford@cyberdyne.example"),
        via: Via::HelpDeskEmail,
        subject: "Bulk import contacts from CSV",
        body: "Hello Support Team,

We are migrating from our old CRM and need to bring in about 40,000 contacts. Is there a way to \
bulk import contacts from a CSV file? Adding them one by one is not an option.

Regards,
Ellen Ford
CRM Administrator | Cyberdyne Systems
Direct: +1 (408) 555-0102",
    },
    Ticket {
        need: "excel",
        account: "tsinghua-soft",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("刘洋", "liu.yang@tsinghua-soft.example"),
        via: Via::Note,
        subject: "",
        body: "清华软件 · 季度业务回顾 · 刘凯（客户成功）

财务部提出：报表需要导出为Excel格式（xlsx），他们要在Excel里做数据透视和二次核对。\
目前只能复制粘贴，数字格式经常出错。",
    },
    Ticket {
        need: "sso",
        account: "initech",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("Joanna Park", "joanna.park@initech.example"),
        via: Via::Note,
        subject: "",
        body: "Initech · onboarding call · Dana Whitfield (CSM)

Their IT team wants staff to log in with their Azure AD (Entra ID) accounts instead of separate \
passwords. They asked whether we support SAML 2.0 single sign-on with just-in-time user creation. \
1,200 seats are waiting on this; the rollout is paused until SSO is in place.",
    },
    Ticket {
        need: "audit",
        account: "umbrella",
        source: Source::Csm,
        importance: Importance::Critical,
        contact: ("Alice Moreau", "alice.moreau@umbrella.example"),
        via: Via::Note,
        subject: "",
        body: "Umbrella Health · compliance review · Dana Whitfield (CSM)

HIPAA audit coming up in April. Their compliance officer needs an audit log of admin actions: who \
changed user permissions, who exported data, and when. Without an audit trail they document it by \
hand, and last year's auditor flagged that as a finding.",
    },
    Ticket {
        need: "pdf",
        account: "huaxia",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("王芳", "wang.fang@huaxia.example"),
        via: Via::Note,
        subject: "",
        body: "华夏物流 Huaxia Logistics · QBR · Kevin Liu (CSM)

Their ops team asked for the weekly report as a PDF (in their words: \"周报能不能一键生成PDF，\
直接发给总部领导\"). Today they paste screenshots into e-mails. Renewal is in 20 days and this \
came up twice on the call.",
    },
    Ticket {
        need: "pdf",
        account: "wayne",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Marcus Hill", "marcus.hill@wayne.example"),
        via: Via::HelpDeskEmail,
        subject: "Re: Exporting reports",
        body: "Thanks, that workaround works but it's clunky. What we really need is to \
export the weekly report as a PDF for our board pack: fixed layout, our logo, page numbers.

On Tue, 3 Feb 2026 at 16:40, Priya Natarajan <support@vendor.example> wrote:
> Hi Marcus,
> Thanks for reaching out! At the moment reports can be printed from the browser (File > Print).
> Let us know if there is anything else we can help with.
> Priya
> Customer Support",
    },
    Ticket {
        need: "sso",
        account: "umbrella",
        source: Source::Support,
        importance: Importance::Critical,
        contact: ("Carlos Oliveira", "carlos.oliveira@umbrella.example"),
        via: Via::HelpDeskEmail,
        subject: "SAML SSO required by our compliance policy",
        body: "Hello,

Our compliance policy no longer allows password-based logins to any system that touches patient \
data. We need SAML single sign-on (SSO) with Okta for all our users before the end of the quarter, \
otherwise we will have to stop using the product.

Can you confirm whether SAML is on the roadmap?

Kind regards,
Carlos Oliveira
Systems Administrator, IT Infrastructure
Umbrella Health
Tel: +1 (617) 555-0148

CONFIDENTIALITY NOTICE: This message, including any attachments, is intended solely for the use of \
the addressee and may contain confidential and privileged information. If you have received it in \
error, please notify the sender immediately and delete it.",
    },
    Ticket {
        need: "excel",
        account: "huaxia",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("李强", "li.qiang@huaxia.example"),
        via: Via::KefuEmail,
        subject: "报表导出Excel",
        body: "你好，

能不能把报表导出成Excel？我们财务每个月要核对运费明细，现在只能一页一页复制，很容易漏数据。

谢谢！
李强
华夏物流 信息部
座机：021-5555 0188",
    },
    Ticket {
        need: "dark",
        account: "aviato",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Tom Reyes", "tom@aviato.example"),
        via: Via::Widget("dashboard"),
        subject: "Feature request: dark theme",
        body: "Please add a dark theme to the dashboard, like the dark mode in VS Code. We keep it \
open on a wall screen in the office and it lights up the whole room in the evening.",
    },
    Ticket {
        need: "offline",
        account: "huaxia",
        source: Source::Csm,
        importance: Importance::Critical,
        contact: ("王芳", "wang.fang@huaxia.example"),
        via: Via::Note,
        subject: "",
        body: "华夏物流 · 现场拜访 · 刘凯（客户成功）

司机在山区和地下车库经常没有信号，手机App一断网就打不开运单，只能打电话回调度。\
客户明确要求支持离线模式：没网时也能查看和签收，恢复网络后自动同步。这是续约前他们最关心的问题。",
    },
    Ticket {
        need: "pdf",
        account: "pied-piper",
        source: Source::Support,
        importance: Importance::Unspecified,
        contact: ("Nina Alvarez", "nina@piedpiper.example"),
        via: Via::Widget("reports/weekly"),
        subject: "Feature request: PDF export",
        body: "PDF export of reports would save us a lot of time. Right now we copy the numbers \
into Google Slides before every investor update.",
    },
    Ticket {
        need: "slack",
        account: "wayne",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Marcus Hill", "marcus.hill@wayne.example"),
        via: Via::HelpDeskEmail,
        subject: "Alerts to Slack",
        body: "Hi Priya,

Could alerts be sent to a Slack channel instead of (or as well as) e-mail? Our analysts live in \
Slack and miss the e-mails.

Thanks!
Marcus Hill
Head of Analytics, Wayne Analytics",
    },
    Ticket {
        need: "sso",
        account: "hooli",
        source: Source::Sales,
        importance: Importance::Important,
        contact: ("Denise Walker", "denise.walker@hooli.example"),
        via: Via::Note,
        subject: "",
        body: "Hooli · expansion to 700 seats · AE notes

Procurement made SAML-based single sign-on a contract condition for the expansion. Their identity \
team runs Okta and wants users provisioned and deprovisioned from there. Legal will not sign the \
amendment without it.",
    },
    Ticket {
        need: "csv",
        account: "soylent",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Priti Shah", "priti.shah@soylent.example"),
        via: Via::Widget("contacts"),
        subject: "CSV upload",
        body: "We need to import our contacts in bulk from a spreadsheet (CSV). Ideally with \
column mapping, because our file has \"E-mail Address\" where you expect \"email\".",
    },
    Ticket {
        need: "dark",
        account: "nucleus",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Sophie Laurent", "sophie@nucleus.example"),
        via: Via::HelpDeskEmail,
        subject: "",
        body: "Hi,
Dashboard dark mode please! The white screen is painful during night shifts.
Thanks!
Sophie Laurent | Nucleus",
    },
    Ticket {
        need: "sso",
        account: "tsinghua-soft",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("张伟", "zhang.wei@tsinghua-soft.example"),
        via: Via::KefuEmail,
        subject: "咨询：是否支持SAML单点登录（SSO）",
        body: "您好，

我们公司所有业务系统都在接入 Azure AD，请问贵司是否支持 SAML 2.0 单点登录（SSO）？\
员工希望直接用公司账号登录，不想再单独记一套密码。

如已支持，麻烦提供 SAML 配置文档；如还不支持，能否告知大概的上线时间？

谢谢！
张伟
信息技术部 经理 | 清华软件
电话：+86 10 6278 3310
邮箱：zhang.wei@tsinghua-soft.example

本邮件及其附件含有清华软件的保密信息，仅限于发送给上面地址中列出的个人或群组。\
禁止任何其他人以任何形式使用（包括但不限于全部或部分地泄露、复制或散发）本邮件中的信息。\
如果您错收了本邮件，请您立即电话或邮件通知发件人并删除本邮件！",
    },
    Ticket {
        need: "pdf",
        account: "huaxia",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("王芳", "wang.fang@huaxia.example"),
        via: Via::KefuEmail,
        subject: "周报生成PDF",
        body: "您好：

每周的运营周报都要发给总部领导，我们是截图拼起来的，很不美观。希望周报能一键生成PDF，\
带上公司LOGO和页码，发邮件就方便了。

谢谢
王芳
运营部 主管
华夏物流有限公司
手机：139 1234 5678",
    },
    Ticket {
        need: "audit",
        account: "globex",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("Margaret Chen", "margaret.chen@globex.example"),
        via: Via::Note,
        subject: "",
        body: "Globex Corporation · questionnaire follow-up · Dana Whitfield (CSM)

Item 14 of their security questionnaire: they want every admin action (role changes, settings \
changes, deleted records) in an audit log they can stream into Splunk. A daily export of the log \
would do if streaming is hard.",
    },
    Ticket {
        need: "custom-fields",
        account: "bachman",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Ben Ortiz", "ben@bachmanity.example"),
        via: Via::HelpDeskEmail,
        subject: "PO number on invoices",
        body: "Hi,

Our accounting team needs a custom field for purchase order numbers on invoices. Our clients \
reject invoices without a PO number, so right now we edit every invoice by hand before sending it.

Thanks,
Ben",
    },
    Ticket {
        need: "excel",
        account: "dumpling",
        source: Source::Support,
        importance: Importance::Unspecified,
        contact: ("赵磊", "zhao.lei@dumpling.example"),
        via: Via::KefuEmail,
        subject: "",
        body: "您好，
希望报表可以导出Excel，我们财务要用WPS打开核对明细、做账。
谢谢",
    },
    Ticket {
        need: "dark",
        account: "raviga",
        source: Source::Research,
        importance: Importance::NiceToHave,
        contact: ("Laurie Bream", "laurie@raviga.example"),
        via: Via::Note,
        subject: "",
        body: "Interview synthesis · SMB analysts (5 sessions) · UX Research

Four of five analysts asked, unprompted, for a dark mode of the dashboard. Most keep it open all \
day next to a dark IDE or terminal and the switch hurts. One uses a browser extension that inverts \
colours, which breaks the charts.",
    },
    Ticket {
        need: "pdf",
        account: "aviato",
        source: Source::Support,
        importance: Importance::Unspecified,
        contact: ("Tom Reyes", "tom@aviato.example"),
        via: Via::HelpDeskEmail,
        subject: "pdf?",
        body: "can i get the weekly report as a pdf? need to forward it to our accountant who \
doesn't have a login

Sent from my iPhone",
    },
    Ticket {
        need: "slack",
        account: "gavin",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Grace Kim", "grace@gavin.example"),
        via: Via::Widget("settings/alerts"),
        subject: "",
        body: "Slack notifications for new alerts please! An incoming webhook would be \
enough for us.",
    },
    Ticket {
        need: "csv",
        account: "nucleus",
        source: Source::Support,
        importance: Importance::Unspecified,
        contact: ("Sophie Laurent", "sophie@nucleus.example"),
        via: Via::HelpDeskEmail,
        subject: "Re: Import failing",
        body: "Tried again with a smaller file and the CSV import of contacts still fails \
once the file is over ~5,000 rows. It spins and then says \"Something went wrong\". We need to \
load 12k contacts.

On Mon, 9 Mar 2026 at 11:15, Tom Becker <support@vendor.example> wrote:
> Hi Sophie,
> Sorry about that! Could you try splitting the file and let us know if it works?
> Best,
> Tom",
    },
    Ticket {
        need: "offline",
        account: "dumpling",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("赵磊", "zhao.lei@dumpling.example"),
        via: Via::KefuEmail,
        subject: "手机应用离线使用",
        body: "您好，
手机应用没有网络就完全不能用了。我们经常在外面拍摄，现场信号不好，能不能做个离线模式？
谢谢
赵磊 | 饺子工作室",
    },
    Ticket {
        need: "pdf",
        account: "globex",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("Raj Patel", "raj.patel@globex.example"),
        via: Via::Note,
        subject: "",
        body: "Globex Corporation · finance stakeholder sync · Dana Whitfield (CSM)

Finance (FP&A) wants the weekly report exported as PDF so it goes into the monthly close binder \
unchanged. Today they print to PDF from Chrome and the tables get cut off across pages.",
    },
    Ticket {
        need: "audit",
        account: "initech",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Joanna Park", "joanna.park@initech.example"),
        via: Via::HelpDeskEmail,
        subject: "Audit trail for admin settings?",
        body: "Good morning,

Someone changed our workspace permissions last week and nobody knows who. Is there an audit log \
that shows which admin changed a setting and when? If not, please take this as a feature request.

Thank you,
Joanna Park
IT Operations Lead
Initech
joanna.park@initech.example | +1 (512) 555-0190

This e-mail and any files transmitted with it are confidential and intended solely for the use of \
the individual or entity to whom they are addressed.",
    },
    Ticket {
        need: "dark",
        account: "bachman",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Ben Ortiz", "ben@bachmanity.example"),
        via: Via::HelpDeskEmail,
        subject: "dark mode!!",
        body: "dark mode dashboard!! my eyes at 2am

—
Ben Ortiz
Founder, Bachmanity",
    },
    Ticket {
        need: "excel",
        account: "xiaomai",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("陈静", "chen.jing@xiaomai.example"),
        via: Via::KefuEmail,
        subject: "Excel导出什么时候上线？",
        body: "客服你好：
上次说报表导出Excel的功能在排期中，请问现在有上线时间了吗？我们每月对账都要用。

在 2026年2月10日 14:32，李娜（客服中心）<kefu@vendor.example> 写道：
> 陈女士您好，
> 您的需求已经记录，产品团队正在排期，有进展会第一时间通知您。
> 李娜 | 客服中心",
    },
    Ticket {
        need: "slack",
        account: "raviga",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Laurie Bream", "laurie@raviga.example"),
        via: Via::HelpDeskEmail,
        subject: "Slack channel for alerts",
        body: "Could alerts be posted to our #ops Slack channel? E-mail alerts get buried.

Laurie Bream
Raviga Capital
+1 (650) 555-0164",
    },
    Ticket {
        need: "sso",
        account: "cyberdyne",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Ellen Ford", "ellen.ford@cyberdyne.example"),
        via: Via::Widget("settings/security"),
        subject: "Okta SSO?",
        body: "Hi there,

Do you support single sign-on with Okta? We're onboarding 200 engineers next month and our IT team \
won't approve another tool with its own passwords.

Thanks,
Ellen",
    },
    Ticket {
        need: "csv",
        account: "stark",
        source: Source::Csm,
        importance: Importance::Important,
        contact: ("Olivia Grant", "olivia.grant@stark.example"),
        via: Via::Note,
        subject: "",
        body: "Stark Logistics · onboarding week 2 · Dana Whitfield (CSM)

Onboarding is stuck on data: they have 8,000 driver and dispatcher contacts in spreadsheets and \
want to bulk import them from CSV instead of typing them in. Their admin tried the import screen \
and it timed out.",
    },
    Ticket {
        need: "pdf",
        account: "xiaomai",
        source: Source::Support,
        importance: Importance::Unspecified,
        contact: ("陈静", "chen.jing@xiaomai.example"),
        via: Via::KefuEmail,
        subject: "",
        body: "周报能存成PDF吗？老板只看PDF。

发自我的华为手机",
    },
    Ticket {
        need: "dark",
        account: "gavin",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Grace Kim", "grace@gavin.example"),
        via: Via::HelpDeskEmail,
        subject: "Dark mode on the dashboard?",
        body: "Any plans for a dark mode on the dashboard? It's the one thing our designers keep \
asking me about.

Grace Kim
Office Manager, Gavin & Co
+1 (415) 555-0139

From: Customer Success <success@vendor.example>
Sent: Thursday, February 12, 2026 10:02 AM
To: Grace Kim <grace@gavin.example>
Subject: How are we doing?

Hi Grace, we'd love to hear what would make the product better for your team. Just reply to this \
e-mail.",
    },
    Ticket {
        need: "offline",
        account: "xiaomai",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("陈静", "chen.jing@xiaomai.example"),
        via: Via::KefuEmail,
        subject: "",
        body: "请问手机端有离线模式吗？我们仓库里信号很差，扫码入库经常失败，\
希望断网时也能先存下来，有网再同步。",
    },
    Ticket {
        need: "custom-fields",
        account: "gavin",
        source: Source::Support,
        importance: Importance::Important,
        contact: ("Grace Kim", "grace@gavin.example"),
        via: Via::Widget("invoices"),
        subject: "",
        body: "Could we add our own fields to invoices? We need a cost centre and a PO number on \
each one, and our clients' finance teams send invoices back without them.",
    },
    Ticket {
        need: "slack",
        account: "pied-piper",
        source: Source::Support,
        importance: Importance::NiceToHave,
        contact: ("Nina Alvarez", "nina@piedpiper.example"),
        via: Via::HelpDeskEmail,
        subject: "Slack integration?",
        body: "Hey,

Is there a Slack integration for alerts? We'd like threshold alerts to land in a channel where the \
whole team sees them.

Cheers,
Nina",
    },
];
