#!/usr/bin/env python3
"""Wrap labelled utterances in realistic help-desk / e-mail / CRM boilerplate.

Usage: python3 scripts/other-ticket-templates.py INPUT OUTPUT --seed N [--flatten]

A second, independent set of ticket templates (33 English and 31 Chinese shapes), written
apart from `sift eval-clustering --noise` (src/eval/noise.rs) and without reading Sift's
rules: a check of how the furniture rules hold on templates they were not written against.
Measure with `sift eval-clustering OUTPUT --shuffle S`. Keep it apart: tuning against it
would make it one more known template set.

Each input line is {"text": ..., "label": ...}. Output keeps order and labels;
"text" is replaced by the original text embedded (once, intact) in a randomly
chosen ticket / e-mail / CRM-note template. Chinese boilerplate is used when
the text contains CJK characters, English otherwise. Standard library only.
"""
import argparse
import datetime as dt
import json
import re
import sys

import random

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")

# ----------------------------------------------------------------------------
# English vocabulary
# ----------------------------------------------------------------------------
EN_FIRST = ["James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Sophia", "Mason",
            "Isabella", "Ethan", "Mia", "Lucas", "Charlotte", "Amelia", "Harper",
            "Benjamin", "Evelyn", "Henry", "Abigail", "Daniel", "Priya", "Rahul",
            "Fatima", "Omar", "Chen", "Mei", "Hiroshi", "Yuki", "Carlos", "Lucia",
            "Mateo", "Sofia", "Aisha", "Kwame", "Ngozi", "Sven", "Ingrid", "Pierre",
            "Chloe", "Dmitri", "Anya", "Jack", "Grace", "Tom", "Rebecca", "Patrick",
            "Siobhan", "Marcus", "Hannah", "Arjun"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
           "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas",
           "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark",
           "Lewis", "Walker", "Hall", "Young", "Patel", "Sharma", "Khan", "Nguyen",
           "Kim", "Tanaka", "Okafor", "Mensah", "Larsen", "Dubois", "Rossi", "Novak",
           "O'Brien", "Murphy", "Fischer", "Schmidt", "Kowalski", "Haddad", "Silva"]
EN_COMPANIES = ["Acme Logistics Ltd", "Northwind Traders", "Bluefin Analytics",
                "Crestview Dental Group", "Harbor & Pine LLP", "Meridian Foods Inc.",
                "Brightpath Learning", "Summit Ridge Capital", "Oakleaf Property Management",
                "Vertex Robotics GmbH", "Lumen Health Partners", "Copperline Media",
                "Greenway Facilities", "Ironbridge Construction", "Silverlake Retail Co.",
                "Tidewater Insurance Brokers", "Polaris Software", "Redwood Veterinary Clinic",
                "Keystone Manufacturing", "Aurora Events Ltd", "Pinnacle HR Solutions",
                "Quayside Marine Supplies", "Falcon Freight", "Juniper Architecture Studio",
                "Stonegate Accounting", "Willow & Finch Design", "Cobalt Energy Services",
                "Evergreen Nonprofit Alliance", "Nimbus Cloud Hosting", "Sterling Legal Services",
                "Maple Street Bakery", "Orion Telecom", "Cascade Outdoor Gear",
                "Beacon Street Realty", "Helix Biotech"]
EN_TITLES = ["Office Manager", "Finance Director", "Operations Coordinator",
             "Senior Accountant", "Head of Procurement", "IT Administrator",
             "Executive Assistant", "Marketing Lead", "Customer Success Manager",
             "Payroll Specialist", "Managing Director", "Project Manager",
             "Accounts Payable Clerk", "Founder & CEO", "HR Business Partner",
             "Logistics Supervisor", "Practice Manager", "Travel Coordinator",
             "Business Analyst", "Facilities Manager"]
EN_DEPTS = ["Finance", "Operations", "Accounts Payable", "Human Resources",
            "Procurement", "IT Services", "Marketing", "Sales", "Administration",
            "Customer Experience", "Legal", "Facilities"]
EN_STREETS = ["221 Market Street", "14 Harbour View Road", "Unit 5, Riverside Park",
              "88 King William St", "1200 Lakeshore Blvd, Suite 410",
              "3rd Floor, 45 Queen's Road", "742 Evergreen Terrace", "9 Canal Wharf",
              "500 Commerce Drive", "17 Mill Lane"]
EN_CITIES = ["London EC2V 7HH", "Manchester M1 4BT", "Dublin 2, Ireland",
             "Toronto, ON M5J 2N8", "Austin, TX 78701", "Seattle, WA 98101",
             "Sydney NSW 2000", "Edinburgh EH2 4AD", "Chicago, IL 60606",
             "Auckland 1010", "Bristol BS1 5TR", "Denver, CO 80202"]
EN_AGENTS_TEAM = ["Support", "Customer Care", "Help Desk", "Client Services",
                  "Support Team", "Customer Support", "Service Desk"]
EN_GREET = ["Hi,", "Hello,", "Hi there,", "Hello team,", "Hi Support,", "Dear Sir/Madam,",
            "Good morning,", "Good afternoon,", "Hey,", "Hi all,", "Dear Support Team,",
            "To whom it may concern,", "Hi {agent},", "Hello {agent},", "Dear {agent},"]
EN_OPENERS = ["Hope you're well.", "Hope you're well,", "Quick question:", "I hope this finds you well.",
              "Sorry to bother you again.", "Following up on my earlier message.",
              "Thanks for getting back to me.", "Hope you had a good weekend.",
              "Writing in on behalf of our team.", "Apologies for the short notice.",
              "I'd appreciate your help with the following.", "Thanks for the quick reply earlier."]
EN_CLOSERS = ["Thanks in advance for looking into this.", "Thanks in advance!",
              "Appreciate your help.", "Looking forward to hearing from you.",
              "Many thanks for your time.", "Thanks so much.", "Cheers for the help.",
              "Any help would be appreciated.", "Thank you for your assistance."]
EN_NEUTRAL = ["Let me know if you need more info.", "Happy to provide any further details.",
              "I can jump on a call if that's easier.", "Please let me know if anything else is required from my side.",
              "My account details are below.", "Feel free to reply to this address.",
              "I've copied my colleague for visibility.", "Please see my message below.",
              "I'm available most of the day today.", "Reference number is in the subject line."]
EN_SIGNOFF = ["Thanks,", "Thank you,", "Best,", "Best regards,", "Kind regards,", "Regards,",
              "Cheers,", "Many thanks,", "Warm regards,", "Sincerely,", "Thanks!", "All the best,",
              "Br,", "KR,", "Rgds,"]
EN_SUBJECTS = ["Question", "Help needed", "Quick query", "Account question", "Urgent",
               "Following up", "Query regarding my account", "Support request",
               "Need assistance", "Issue", "Hello", "Can you help?", "(no subject)",
               "Request", "Query"]
EN_MOBILE = ["Sent from my iPhone", "Sent from my Galaxy", "Sent from my iPad",
             "Sent from Outlook for iOS", "Sent from Outlook for Android",
             "Get Outlook for Android", "Sent from my Samsung Galaxy smartphone.",
             "Sent from Yahoo Mail on Android", "Sent from Mail for Windows",
             "Sent from my Pixel", "Sent from Gmail Mobile",
             "Sent from my iPhone. Please excuse typos."]
EN_DISCLAIMERS = [
    "CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the intended recipient(s) and may contain confidential and privileged information. Any unauthorized review, use, disclosure or distribution is prohibited. If you are not the intended recipient, please contact the sender by reply e-mail and destroy all copies of the original message.",
    "This email and any files transmitted with it are confidential and intended solely for the use of the individual or entity to whom they are addressed. If you have received this email in error please notify the system manager. This message contains confidential information and is intended only for the individual named. If you are not the named addressee you should not disseminate, distribute or copy this e-mail.",
    "DISCLAIMER: The information contained in this communication is confidential, may be subject to legal privilege and is intended only for the addressee. Email transmission cannot be guaranteed to be secure or error-free as information could be intercepted, corrupted, lost, destroyed, arrive late or incomplete, or contain viruses. The sender therefore does not accept liability for any errors or omissions in the contents of this message which arise as a result of email transmission.",
    "{company} is a company registered in England and Wales with company number {regno}. Registered office: {street}, {city}. This message is intended for the addressee only.",
    "IMPORTANT: The contents of this email and any attachments are confidential. They are intended for the named recipient(s) only. If you have received this email by mistake, please notify the sender immediately and do not disclose the contents to anyone or make copies thereof.",
    "Please consider the environment before printing this e-mail.",
    "This message (including any attachments) may contain information that is privileged, confidential or protected from disclosure. If you are not the intended recipient, you are hereby notified that dissemination, disclosure, copying, distribution or use of this message or any information contained in it is strictly prohibited. If you have received this message in error, please immediately notify the sender and delete it. Thank you.\nNothing in this message is intended to constitute an electronic signature unless a specific statement to the contrary is included.",
    "Privacy: we process personal data in accordance with our privacy notice, available at {web}/privacy. Our offices are closed on public holidays.",
    "[EXTERNAL EMAIL] This email originated from outside of the organisation. Do not click links or open attachments unless you recognise the sender and know the content is safe.",
]
EN_AGENT_REPLIES = [
    ["Hi {cust},", "", "Thanks for reaching out to us. Could you please share a few more details so we can look into this for you?", "", "Best regards,", "{agent}", "{team}"],
    ["Hello {cust},", "", "Thank you for contacting {team}. Your request has been received and one of our agents will get back to you shortly.", "", "Kind regards,", "{agent}"],
    ["Hi {cust},", "", "Just checking in to see whether you still need help with your previous request. If we don't hear from you, this ticket will close automatically in 3 days.", "", "Thanks,", "{agent}"],
    ["Dear {cust},", "", "We're sorry for the delay in getting back to you. Could you confirm the email address associated with your account?", "", "Many thanks,", "{agent} | {team}"],
    ["Hi {cust},", "", "Thanks for your patience. I've passed your message to the relevant team and will update you as soon as I hear back.", "", "Cheers,", "{agent}"],
]
EN_PRODUCT_AREAS = ["Cards", "Payments", "Account", "Mobile app", "Transfers", "Billing",
                    "Onboarding", "Web portal", "Security", "General"]
EN_BROWSERS = ["Chrome 121", "Chrome 122.0.6261", "Firefox 123", "Safari 17.3", "Edge 121",
               "Safari iOS 17.2", "Samsung Internet 23", "Chrome Mobile 120"]
EN_OS = ["Windows 11", "macOS 14.3", "iOS 17.3.1", "Android 14", "Windows 10", "Ubuntu 22.04",
         "iPadOS 17", "Android 13"]
EN_CHANNELS = ["Email", "Web", "Web form", "Chat", "Phone", "Mobile app", "Twitter", "Facebook"]
EN_HELPDESKS = ["support", "help", "helpdesk", "care", "service"]
EN_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk", "icloud.com",
              "proton.me", "btinternet.com", "live.com"]
WEEKDAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAYS_EN_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_EN_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]

# ----------------------------------------------------------------------------
# Chinese vocabulary
# ----------------------------------------------------------------------------
ZH_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
               "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",
               "韩", "冯", "邓", "曹"]
ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
            "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "子涵", "梓萱",
            "浩然", "思远", "雨桐", "欣怡", "文博", "嘉怡", "志强", "海燕", "俊杰", "佳琪",
            "宇航", "晨曦", "一鸣", "若兰", "家豪", "慧敏"]
ZH_COMPANIES = ["北京星辰科技有限公司", "上海恒通物流有限公司", "深圳市云帆信息技术有限公司",
                "杭州青禾电子商务有限公司", "广州华邦贸易有限公司", "成都锦程教育科技有限公司",
                "南京瑞丰医疗器械有限公司", "武汉长江软件股份有限公司", "苏州新程智能制造有限公司",
                "天津海岳国际货运代理有限公司", "西安博远咨询有限公司", "重庆山城餐饮管理有限公司",
                "厦门鹭海文化传媒有限公司", "青岛蓝湾食品有限公司", "长沙湘易网络科技有限公司",
                "郑州中原建设工程有限公司", "合肥智联数据服务有限公司", "宁波港润进出口有限公司",
                "济南泉城物业管理有限公司", "沈阳北方重工设备有限公司", "昆明彩云旅行社有限公司",
                "福州闽信会计师事务所", "大连海韵酒店管理有限公司", "无锡精工机械有限公司",
                "东莞市鸿达电子有限公司", "佛山市美居家具有限公司", "珠海横琴创新投资有限公司",
                "哈尔滨冰城乳业有限公司", "南昌赣鑫人力资源有限公司", "贵阳数谷云计算有限公司",
                "石家庄冀商连锁超市有限公司", "太原晋华能源有限公司"]
ZH_TITLES = ["行政主管", "财务经理", "运营专员", "采购经理", "IT 运维工程师", "总经理助理",
             "人事专员", "市场部经理", "客户成功经理", "项目经理", "出纳", "销售总监",
             "办公室主任", "产品经理", "法务专员", "区域经理", "技术支持", "商务专员"]
ZH_DEPTS = ["财务部", "行政部", "运营中心", "采购部", "信息技术部", "人力资源部", "市场部",
            "销售部", "客户服务部", "总经办", "法务部", "产品部"]
ZH_ADDRS = ["北京市朝阳区建国路88号SOHO现代城A座1203室", "上海市浦东新区世纪大道100号环球金融中心32楼",
            "深圳市南山区科技园南区高新南七道18号", "杭州市西湖区文三路478号华星时代广场",
            "广州市天河区珠江新城花城大道85号", "成都市高新区天府大道中段1388号",
            "南京市鼓楼区中山北路30号", "武汉市洪山区珞喻路1037号", "苏州工业园区星湖街328号",
            "西安市雁塔区高新路52号"]
ZH_CITIES_AREA = ["010", "021", "0755", "0571", "020", "028", "025", "027", "0512", "029"]
ZH_GREET = ["您好，", "你好，", "您好！", "客服您好，", "尊敬的客服：", "各位好，", "{agent}您好，",
            "{agent}，你好！", "早上好，", "下午好，", "您好，打扰一下", "hi，", "亲，在吗？",
            "客服小姐姐你好，", "老师您好，"]
ZH_OPENERS = ["打扰了。", "不好意思又来麻烦您。", "有个问题想咨询一下：", "想请教一下：",
              "跟进一下之前的问题。", "感谢上次的帮助。", "抱歉占用您的时间。", "冒昧打扰。",
              "代表我们部门来咨询一下。", "急，麻烦帮忙看下。"]
ZH_CLOSERS = ["麻烦尽快回复，感谢！", "辛苦了，谢谢！", "感谢您的帮助。", "期待您的回复。",
              "谢谢！", "麻烦了。", "多谢支持！", "盼复。", "有劳了，感谢。", "先谢过了！"]
ZH_NEUTRAL = ["如有需要请联系我。", "有什么需要补充的随时告诉我。", "我今天一直在线。",
              "我的账户信息在下面。", "也可以直接打我电话。", "已抄送我的同事。",
              "详情见下文。", "方便的话可以电话沟通。", "工单号见标题。", "请直接回复此邮件即可。"]
ZH_SIGNOFF = ["谢谢", "此致\n敬礼", "祝好", "顺祝商祺", "谢谢！", "祝工作顺利", "感谢", "顺颂时祺",
              "此致", "Best regards", "多谢", "辛苦"]
ZH_SUBJECTS = ["咨询", "问题反馈", "求助", "关于账户的问题", "紧急", "跟进", "请帮忙处理",
               "咨询一下", "反馈", "你好", "（无主题）", "工单回复", "请协助"]
ZH_MOBILE = ["发自我的华为手机", "发自我的iPhone", "发自我的小米手机", "来自 vivo 手机",
             "发自我的 OPPO 手机", "发自网易邮箱大师", "发自 QQ 邮箱 iPhone 版", "来自钉钉移动版",
             "发自企业微信", "来自飞书移动端", "发自我的荣耀手机", "—— 来自 Outlook for iOS"]
ZH_DISCLAIMERS = [
    "【保密声明】本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。禁止任何其他人以任何形式使用（包括但不限于全部或部分地泄露、复制或散发）本邮件中的信息。如果您错收了本邮件，请您立即电话或邮件通知发件人并删除本邮件！",
    "免责声明：本邮件所载信息仅供收件人参考，不构成任何要约或承诺。{company}不对因电子邮件传输产生的任何错误、遗漏或延误承担责任。",
    "本邮件包含{company}的商业秘密或保密信息，仅供指定收件人使用。未经授权，禁止转发、复制或披露。若您并非指定收件人，请立即删除本邮件并通知发件人，谢谢合作。",
    "温馨提示：为了保护环境，请尽量不要打印此邮件。",
    "This email and its attachments contain confidential information from {company_en}. 本邮件及附件仅供指定收件人阅读，如误收请删除。",
    "【外部邮件】此邮件来自公司外部，请勿点击不明链接或打开可疑附件。",
    "注意：本邮件由系统自动转发，请勿直接回复至系统地址。我司不会以任何形式向您索要密码或验证码，谨防诈骗。",
    "CONFIDENTIALITY：本邮件可能包含受法律保护的保密信息。任何未经授权的审阅、使用、披露或分发均被严格禁止。电子邮件传输无法保证安全无误，信息可能被截取、损坏、丢失或含有病毒，发件人对此不承担任何责任。",
]
ZH_AGENT_REPLIES = [
    ["{cust}您好，", "", "感谢您的来信，为了更好地帮您处理，麻烦补充一下相关信息。", "", "祝好", "{agent}", "{team}"],
    ["尊敬的客户您好：", "", "您的工单已受理，我们的工作人员会尽快与您联系，请耐心等待。", "", "{team}"],
    ["{cust}，你好！", "", "请问之前的问题还需要协助吗？如三天内未收到回复，工单将自动关闭。", "", "{agent}"],
    ["您好，", "", "非常抱歉回复晚了。请确认一下您账户绑定的手机号，方便我们核实。", "", "谢谢", "{agent} | {team}"],
    ["{cust}您好，", "", "已将您的问题转交相关同事跟进，有进展会第一时间通知您。", "", "{agent}"],
]
ZH_PRODUCT_AREAS = ["账户", "支付", "会员", "APP", "小程序", "账单", "售后", "物流", "安全", "其他"]
ZH_CHANNELS = ["邮件", "在线客服", "电话", "微信公众号", "小程序", "APP 内反馈", "企业微信", "钉钉", "飞书"]
ZH_STATUS = ["待处理", "处理中", "已回复", "等待客户回复", "已升级", "新建"]
ZH_PRIORITY = ["高", "中", "低", "紧急", "普通"]
ZH_DOMAINS = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "aliyun.com", "139.com"]
ZH_PINYIN = ["wangwei", "lina", "zhangmin", "liuyang", "chenjing", "yangfan", "huanglei",
             "zhaoqiang", "wujie", "zhoutao", "xuming", "sunli", "maxiao", "zhuhui", "hujun",
             "linfeng", "luoyu", "zhengchao", "liangyan", "xieting"]
ZH_WEEK = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
ZH_WEEK_SHORT = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def slug(s):
    return re.sub(r"[^a-z0-9]+", "", s.lower())


class Ctx:
    """Random fact generator for one wrapped example."""

    def __init__(self, rng, zh):
        self.r = rng
        self.zh = zh
        base = dt.datetime(2025, 1, 1, 8, 0)
        self.when = base + dt.timedelta(days=rng.randint(0, 540), minutes=rng.randint(0, 12 * 60))
        self.earlier = self.when - dt.timedelta(days=rng.randint(0, 6), minutes=rng.randint(5, 600))
        if zh:
            self.cust = rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)
            self.agent = rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)
            self.company = rng.choice(ZH_COMPANIES)
            self.title = rng.choice(ZH_TITLES)
            self.dept = rng.choice(ZH_DEPTS)
            self.team = rng.choice(["客服中心", "客户服务部", "在线客服", "售后服务团队", "服务台", "客户成功团队"])
            py = rng.choice(ZH_PINYIN)
            self.cust_email = rng.choice([py + str(rng.randint(1, 999)) + "@" + rng.choice(ZH_DOMAINS),
                                          str(rng.randint(10000000, 3999999999)) + "@qq.com",
                                          py + "@" + rng.choice(["xingchen", "hengtong", "yunfan", "qinghe", "huabang"]) + ".com.cn"])
            self.agent_email = rng.choice(["kefu", "service", "support", "help"]) + "@" + rng.choice(["example-bank", "fuwu", "kefu-center", "svc"]) + ".cn"
        else:
            self.cust = rng.choice(EN_FIRST) + " " + rng.choice(EN_LAST)
            self.agent = rng.choice(EN_FIRST) + (" " + rng.choice(EN_LAST) if rng.random() < 0.5 else "")
            self.company = rng.choice(EN_COMPANIES)
            self.title = rng.choice(EN_TITLES)
            self.dept = rng.choice(EN_DEPTS)
            self.team = rng.choice(EN_AGENTS_TEAM)
            fn, ln = self.cust.split(" ", 1)
            cdom = slug(self.company.split()[0]) + rng.choice([".com", ".co.uk", ".io", ".net", ".org"])
            self.cust_email = rng.choice([
                "%s.%s@%s" % (fn.lower(), slug(ln), cdom),
                "%s%s@%s" % (fn[0].lower(), slug(ln), cdom),
                "%s.%s%d@%s" % (fn.lower(), slug(ln), rng.randint(1, 99), rng.choice(EN_DOMAINS)),
                "%s%d@%s" % (fn.lower(), rng.randint(70, 2005), rng.choice(EN_DOMAINS)),
            ])
            self.cust_web = "www." + cdom
            self.agent_email = rng.choice(EN_HELPDESKS) + "@" + rng.choice(["example-bank.com", "helpcenter.io", "mybank-support.com", "clientcare.net"])
        self.ticket = rng.randint(10000, 999999)
        self.fmt_ticket = rng.choice(["#%d", "%d", "TKT-%d", "CS-%d", "INC%07d", "SR-%d", "[#%d]"]) % self.ticket

    # --- shared helpers ---
    def phone(self):
        r = self.r
        if self.zh:
            return r.choice(ZH_CITIES_AREA) + "-" + str(r.randint(10000000, 89999999))
        return r.choice(["+44 20 %04d %04d", "+1 (%03d) 555-%04d", "+353 1 %03d %04d", "+61 2 %04d %04d",
                         "020 %04d %04d", "(%03d) 555-%04d"]) % (r.randint(100, 999), r.randint(1000, 9999))

    def mobile(self):
        r = self.r
        if self.zh:
            return r.choice(["13", "15", "18", "17", "19"]) + str(r.randint(0, 9)) + "%04d%04d" % (r.randint(0, 9999), r.randint(0, 9999))
        f = r.choice(["+44 7%03d %06d", "07%03d %06d", "+1 %03d 555 %04d", "+61 4%02d %06d", "+353 8%d %07d"])
        a = r.randint(10, 99) if "%02d" in f else (r.randint(3, 9) if "%d %07d" in f else r.randint(100, 999))
        b = r.randint(0, 9999) if "%04d" in f else (r.randint(0, 9999999) if "%07d" in f else r.randint(0, 999999))
        return f % (a, b)

    def date_en(self, d=None, style=None):
        d = d or self.when
        style = style if style is not None else self.r.randint(0, 3)
        if style == 0:
            return "%s, %d %s %d at %02d:%02d" % (WEEKDAYS_EN[d.weekday()], d.day, MONTHS_EN[d.month - 1], d.year, d.hour, d.minute)
        if style == 1:
            h = d.hour % 12 or 12
            return "%s, %s %d, %d at %d:%02d %s" % (WEEKDAYS_EN[d.weekday()], MONTHS_EN[d.month - 1], d.day, d.year, h, d.minute, "AM" if d.hour < 12 else "PM")
        if style == 2:
            h = d.hour % 12 or 12
            return "%s, %s %d, %d %d:%02d %s" % (WEEKDAYS_EN_LONG[d.weekday()], MONTHS_EN_LONG[d.month - 1], d.day, d.year, h, d.minute, "AM" if d.hour < 12 else "PM")
        return "%02d/%02d/%d %02d:%02d" % (d.day, d.month, d.year, d.hour, d.minute)

    def date_zh(self, d=None, style=None):
        d = d or self.when
        style = style if style is not None else self.r.randint(0, 2)
        if style == 0:
            return "%d年%d月%d日 %02d:%02d" % (d.year, d.month, d.day, d.hour, d.minute)
        if style == 1:
            return "%d年%d月%d日(%s) %d:%02d" % (d.year, d.month, d.day, ZH_WEEK[d.weekday()], d.hour, d.minute)
        return "%d-%02d-%02d %02d:%02d:%02d" % (d.year, d.month, d.day, d.hour, d.minute, self.r.randint(0, 59))

    def iso(self, d=None):
        d = d or self.when
        return d.strftime("%Y-%m-%d %H:%M")

    def pick(self, seq):
        v = self.r.choice(seq)
        return v.format(agent=self.agent.split(" ")[0], cust=self.cust, company=self.company)

    def maybe(self, p, seq):
        return [self.pick(seq)] if self.r.random() < p else []

    def url(self):
        r = self.r
        host = r.choice(["support.example-bank.com", "help.mybank.io", "examplebank.zendesk.com",
                         "examplebank.freshdesk.com", "servicedesk.example.com", "kefu.example.cn"])
        path = r.choice(["/hc/requests/%d", "/support/tickets/%d", "/helpdesk/tickets/%d",
                         "/servicedesk/customer/portal/2/SD-%d", "/tickets/view/%d"])
        return "https://" + host + (path % self.ticket)

    def survey(self):
        return "https://%s/survey/%s" % (self.r.choice(["feedback.example-bank.com", "csat.helpcenter.io", "survey.example.cn"]),
                                         "".join(self.r.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10)))

    def body(self, text, opener_p=0.35, closer_p=0.4, neutral_p=0.3):
        """Customer text, optionally with opener / neutral / closer sentences."""
        lines = []
        op = ZH_OPENERS if self.zh else EN_OPENERS
        cl = ZH_CLOSERS if self.zh else EN_CLOSERS
        ne = ZH_NEUTRAL if self.zh else EN_NEUTRAL
        lines += self.maybe(opener_p, op)
        pre_neutral = self.r.random() < neutral_p / 3
        if pre_neutral:
            lines.append(self.pick(ne))
        lines.append(text)
        if not pre_neutral and self.r.random() < neutral_p:
            lines.append(self.pick(ne))
        lines += self.maybe(closer_p, cl)
        # sometimes put opener on same line as text
        if self.r.random() < 0.3 and len(lines) > 1:
            if not self.zh:
                return [" ".join(lines)]
            s = lines[0]
            for l in lines[1:]:
                s += ("" if s[-1] in "。！？!?，,：:~" else self.r.choice(["，", "。", " "])) + l
            return [s]
        if self.r.random() < 0.5:
            return lines
        out = []
        for i, l in enumerate(lines):
            if i:
                out.append("")
            out.append(l)
        return out

    def greeting(self):
        return self.pick(ZH_GREET if self.zh else EN_GREET)

    def signoff(self):
        return self.pick(ZH_SIGNOFF if self.zh else EN_SIGNOFF)

    def short_name(self):
        if self.zh:
            return self.r.choice([self.cust, self.cust, self.cust[1:], "小" + self.cust[0]])
        fn = self.cust.split(" ")[0]
        return self.r.choice([fn, self.cust, fn[0], fn])

    def sigblock(self, full=True):
        r = self.r
        if self.zh:
            lines = [self.cust]
            if full or r.random() < 0.7:
                lines.append(r.choice(["%s | %s" % (self.dept, self.title), "%s %s" % (self.dept, self.title), self.title]))
            lines.append(self.company)
            if full:
                lines.append("电话：" + self.phone())
                lines.append(r.choice(["手机：", "手机/微信：", "Mobile："]) + self.mobile())
                lines.append("邮箱：" + self.cust_email)
                lines.append("地址：" + r.choice(ZH_ADDRS))
                if r.random() < 0.5:
                    lines.append("网址：www." + r.choice(["xingchen", "hengtong", "yunfan", "qinghe", "huabang", "jincheng"]) + ".com.cn")
            else:
                lines.append(self.mobile())
            if r.random() < 0.3:
                lines.insert(0, r.choice(["--", "————————————", "-------------------"]))
            return lines
        lines = [self.cust]
        if full or r.random() < 0.7:
            lines.append(r.choice(["%s | %s" % (self.title, self.dept), "%s, %s" % (self.title, self.dept), self.title]))
        lines.append(self.company)
        if full:
            lines.append(r.choice(["T: ", "Tel: ", "Phone: ", "P: ", "Direct: "]) + self.phone())
            lines.append(r.choice(["M: ", "Mob: ", "Mobile: ", "Cell: "]) + self.mobile())
            if r.random() < 0.6:
                lines.append(r.choice(["E: ", "Email: ", ""]) + self.cust_email)
            lines.append(r.choice(EN_STREETS) + ", " + r.choice(EN_CITIES))
            lines.append(r.choice(["W: ", "", "Web: "]) + self.cust_web)
            if r.random() < 0.3:
                lines.append("[cid:image00%d.png@01DA%X.%X]" % (r.randint(1, 4), r.randint(0x1000, 0xFFFF), r.randint(0x10000, 0xFFFFF)))
            if r.random() < 0.25:
                lines.append(r.choice(["Follow us on LinkedIn | Twitter", "Working hours: Mon-Thu", "My working hours may not be your working hours. Please do not feel obligated to reply outside of yours.", "Pronouns: she/her", "Pronouns: he/him"]))
        else:
            lines.append(self.phone())
        if r.random() < 0.3:
            lines.insert(0, r.choice(["--", "________________________________", "—"]))
        return lines

    def disclaimer(self):
        pool = ZH_DISCLAIMERS if self.zh else EN_DISCLAIMERS
        d = self.r.choice(pool)
        return d.format(company=self.company, regno=self.r.randint(1000000, 13999999),
                        street=self.r.choice(EN_STREETS), city=self.r.choice(EN_CITIES),
                        web=getattr(self, "cust_web", "www.example.com"),
                        company_en=self.r.choice(["Xingchen Tech", "Hengtong Logistics", "Yunfan IT", "Huabang Trading"])).split("\n")

    def subject(self):
        s = self.r.choice(ZH_SUBJECTS if self.zh else EN_SUBJECTS)
        if self.r.random() < 0.3:
            s = s + " " + self.fmt_ticket if not self.zh else s + "【工单 %d】" % self.ticket
        return s

    def agent_reply(self):
        pool = ZH_AGENT_REPLIES if self.zh else EN_AGENT_REPLIES
        fn = self.cust if self.zh else self.cust.split(" ")[0]
        return [l.format(cust=fn, agent=self.agent, team=self.team) for l in self.r.choice(pool)]


def quote(lines, prefix="> "):
    return [(prefix + l) if l else prefix.rstrip() for l in lines]


def strip_empty_edges(lines):
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


# ----------------------------------------------------------------------------
# English templates
# ----------------------------------------------------------------------------
def en_greet_sign(c, t):
    return [c.greeting(), ""] + c.body(t, 0.15, 0.2, 0.1) + ["", c.signoff(), c.short_name()]


def en_greet_only(c, t):
    return [c.greeting() + " " + t, c.signoff() + " " + c.short_name()]


def en_full_sig(c, t):
    return [c.greeting(), ""] + c.body(t) + ["", c.signoff()] + c.sigblock(True)


def en_sig_disclaimer(c, t):
    return [c.greeting(), ""] + c.body(t) + ["", c.signoff()] + c.sigblock(c.r.random() < 0.6) + [""] + c.disclaimer()


def en_long_disclaimers(c, t):
    d = c.disclaimer()
    d2 = c.disclaimer()
    out = [c.greeting(), ""] + c.body(t) + ["", c.signoff(), c.short_name(), c.company, ""] + d
    if d2 != d:
        out += [""] + d2
    return out


def en_external_banner(c, t):
    banner = c.pick(["[EXTERNAL] CAUTION: This email originated from outside of the organization. Do not click links or open attachments unless you recognize the sender and know the content is safe.",
                     "*** EXTERNAL SENDER *** Use caution with links and attachments.",
                     "You don't often get email from %s. Learn why this is important" % c.cust_email,
                     "[External Email]"])
    return [banner, "", c.greeting(), ""] + c.body(t) + ["", c.signoff(), c.short_name()]


def en_zendesk(c, t):
    r = c.r
    out = ["##- Please type your reply above this line -##", ""]
    if r.random() < 0.5:
        out += ["Your request (%d) has been updated. To add additional comments, reply to this email." % c.ticket, ""]
    out += ["%s (%s)" % (c.cust, c.company) if r.random() < 0.5 else c.cust, c.date_en(style=1), ""]
    out += c.body(t) + [""]
    out += ["%s (%s)" % (c.agent, c.team), c.date_en(c.earlier, style=1), ""] + c.agent_reply()[2:-2] + [""]
    out += ["This email is a service from %s." % c.team, "[%s-%s]" % ("".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(5)), "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(5)))]
    return out


def en_freshdesk(c, t):
    r = c.r
    out = ["Ticket %s: %s" % (c.fmt_ticket, c.subject()),
           "Status: %s" % r.choice(["Open", "Pending", "Waiting on Customer", "Reopened", "New"]),
           "Priority: %s" % r.choice(["Low", "Medium", "High", "Urgent"]),
           "Source: %s" % r.choice(EN_CHANNELS),
           "Requester: %s <%s>" % (c.cust, c.cust_email), "", "Description:"]
    out += c.body(t) + [""]
    out += ["--", "View ticket: %s" % c.url()]
    if r.random() < 0.5:
        out += ["How would you rate our support? %s" % c.survey()]
    return out


def en_jira(c, t):
    r = c.r
    key = "SD-%d" % (c.ticket % 100000)
    out = ["[JIRA] (%s) %s" % (key, c.subject()),
           "%s raised %s" % (c.cust, key), "",
           "Request type: %s" % r.choice(["Get help", "Report a problem", "Ask a question", "General enquiry", "Customer request"]),
           "Reporter: %s" % c.cust, "Assignee: %s" % r.choice(["Unassigned", c.agent]),
           "Priority: %s" % r.choice(["Lowest", "Low", "Medium", "High", "Highest"]),
           "Components: %s" % r.choice(EN_PRODUCT_AREAS), "", "Description:"]
    out += c.body(t, 0.2, 0.2, 0.2)
    out += ["", "View request · Turn off this request's notifications",
            "This is shared with %s." % r.choice(["you", c.company, "your organisation"]),
            "Powered by Jira Service Management"]
    return out


def en_gmail_reply(c, t):
    r = c.r
    out = [c.greeting(), ""] + c.body(t) + ["", c.signoff(), c.short_name(), ""]
    out += ["On %s, %s <%s> wrote:" % (c.date_en(c.earlier, style=r.choice([0, 1])), c.agent if r.random() < 0.5 else c.team, c.agent_email), ""]
    out += quote(c.agent_reply())
    if r.random() < 0.3:
        out += quote(["", "Ticket: %s" % c.url()])
    return out


def en_outlook_reply(c, t):
    r = c.r
    out = c.body(t) + ["", c.signoff()] + c.sigblock(r.random() < 0.5) + [""]
    out += ["________________________________" if r.random() < 0.5 else "-----Original Message-----",
            "From: %s <%s>" % (c.team, c.agent_email),
            "Sent: %s" % c.date_en(c.earlier, style=2),
            "To: %s <%s>" % (c.cust, c.cust_email),
            "Subject: RE: %s" % c.subject(), ""]
    out += c.agent_reply()
    if r.random() < 0.5:
        out = [c.greeting(), ""] + out
    return out


def en_forwarded(c, t):
    r = c.r
    fwd_from = r.choice(EN_FIRST) + " " + r.choice(EN_LAST)
    out = [r.choice(["FYI - see below.", "Forwarding this on, can you help?", "Please see below from our customer.", "Fwd for your attention.", "See below"]), "",
           c.signoff(), c.short_name(), "",
           "---------- Forwarded message ---------",
           "From: %s <%s>" % (c.cust, c.cust_email),
           "Date: %s" % c.date_en(c.earlier, style=2).replace(" at ", " "),
           "Subject: %s" % c.subject(),
           "To: <%s>" % c.agent_email, ""]
    out += [c.greeting(), ""] + c.body(t, 0.2, 0.3, 0.1)
    out += ["", fwd_from]
    return out


def en_crm_fields(c, t):
    r = c.r
    fields = [("Account", c.company), ("Contact", c.cust), ("Email", c.cust_email),
              ("Priority", r.choice(["Low", "Medium", "High", "Urgent", "P2", "P3"])),
              ("Product area", r.choice(EN_PRODUCT_AREAS)),
              ("Browser", r.choice(EN_BROWSERS)), ("OS", r.choice(EN_OS)),
              ("Channel", r.choice(EN_CHANNELS)), ("Plan", r.choice(["Standard", "Premium", "Metal", "Business", "Free"])),
              ("Region", r.choice(["UK", "EU", "US", "APAC", "IE"])),
              ("Created", c.iso())]
    chosen = r.sample(fields, r.randint(3, 7))
    out = ["%s: %s" % kv for kv in chosen]
    desc = r.choice(["Description: ", "Customer message: ", "Details: ", "Issue: ", ""])
    if desc:
        out += [desc + t]
    else:
        out += ["", t]
    if r.random() < 0.4:
        out += ["Tags: %s" % ", ".join(r.sample(["inbound", "email", "vip", "needs_triage", "auto_assigned", "first_contact", "reopened"], 2))]
    return out


def en_salesforce(c, t):
    r = c.r
    rows = ["Case Number: %08d" % c.ticket,
            "Case Owner: %s" % r.choice([c.agent, "Tier 1 Queue", "Support Queue"]),
            "Status: %s" % r.choice(["New", "Working", "Escalated", "On Hold", "Awaiting Customer"]),
            "Case Origin: %s" % r.choice(["Email", "Web", "Phone", "Chat"]),
            "Contact Name: %s" % c.cust,
            "Account Name: %s" % c.company,
            "Subject: %s" % c.subject(),
            "Description: %s" % t,
            "Date/Time Opened: %s" % c.date_en(style=3),
            "Priority: %s" % r.choice(["Low", "Medium", "High"])]
    if r.random() < 0.5:
        rows.append("Internal Comments: %s" % r.choice(["", "Customer verified via email.", "Auto-created from Email-to-Case.", "Duplicate check done."]))
    return rows


def en_mobile(c, t):
    r = c.r
    out = c.body(t, 0.1, 0.2, 0.1)
    if r.random() < 0.5:
        out = [c.greeting()] + out
    if r.random() < 0.4:
        out += [c.short_name()]
    out += ["", c.pick(EN_MOBILE)]
    return out


def en_mobile_reply(c, t):
    out = c.body(t, 0.1, 0.2, 0.1) + ["", c.pick(EN_MOBILE), ""]
    out += ["> On %s, %s <%s> wrote:" % (c.date_en(c.earlier, style=1), c.team, c.agent_email), ">"]
    out += quote(c.agent_reply()[:4])
    return out


def en_csm_notes(c, t):
    r = c.r
    meeting = r.choice(["QBR", "weekly sync", "onboarding call", "renewal check-in", "escalation call", "intro call"])
    out = ["Call notes — %s with %s (%s)" % (meeting, c.company, c.iso()[:10]),
           "Attendees: %s (%s), %s (CSM)" % (c.cust, c.title, c.agent), ""]
    ctx = r.sample(["Renewal due in %d days." % r.randint(20, 200),
                    "Usage up %d%% QoQ." % r.randint(3, 40),
                    "Health score: %s." % r.choice(["green", "amber", "red"]),
                    "Seats: %d." % r.randint(5, 500),
                    "Discussed roadmap and new reporting features.",
                    "Champion is moving teams next quarter."], r.randint(1, 3))
    out += ["- " + x for x in ctx]
    out += ["- Customer asked: \"%s\"" % t if r.random() < 0.5 else "- Customer said: %s" % t]
    out += ["", "Next steps: " + r.choice(["follow up by email with docs", "loop in Tier 2", "schedule follow-up call next week",
                                          "send recap to %s" % c.cust.split(" ")[0], "log case and share number"])]
    return out


def en_chat_transcript(c, t):
    r = c.r
    d = c.when
    out = ["Chat transcript", "Chat started: %s" % c.date_en(style=3), "Visitor: %s (%s)" % (c.cust, c.cust_email), ""]
    out += ["(%02d:%02d:%02d) %s: Hi, thanks for contacting us! How can I help today?" % (d.hour, d.minute, r.randint(0, 20), c.agent.split(" ")[0])]
    out += ["(%02d:%02d:%02d) %s: %s" % (d.hour, d.minute, r.randint(21, 59), c.cust.split(" ")[0], t)]
    if r.random() < 0.5:
        out += ["(%02d:%02d:%02d) %s: %s" % (d.hour, (d.minute + 1) % 60, r.randint(0, 59), c.agent.split(" ")[0],
                                             r.choice(["Let me check that for you.", "One moment please.", "Thanks, give me a sec."]))]
    out += ["", "Chat ended by %s" % r.choice(["visitor", "agent", "system (timeout)"])]
    return out


def en_web_form(c, t):
    r = c.r
    out = [r.choice(["New contact form submission", "New message from your website", "Web-to-case submission",
                     "A new support request was submitted"]), "",
           "Name: %s" % c.cust, "Email: %s" % c.cust_email]
    if r.random() < 0.6:
        out.append("Phone: %s" % c.mobile())
    if r.random() < 0.5:
        out.append("Company: %s" % c.company)
    out += ["Topic: %s" % r.choice(EN_PRODUCT_AREAS + ["Other", "Please select"]), "Message: %s" % t, "",
            "--", "This e-mail was sent from a contact form on %s (%s)" % (r.choice(["Example Bank", "our website", "help centre"]), c.url().split("/")[2])]
    if r.random() < 0.4:
        out.append("IP: %d.%d.%d.%d | User agent: %s on %s" % (r.randint(2, 220), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.choice(EN_BROWSERS), r.choice(EN_OS)))
    return out


def en_plain_neutral(c, t):
    r = c.r
    n = c.pick(EN_NEUTRAL)
    return [n, t] if r.random() < 0.5 else [t, n]


def en_internal_note(c, t):
    r = c.r
    return ["Internal note (%s, %s):" % (c.agent, c.date_en(style=3)),
            ("%s called in from %s. %s" % (c.cust.split(" ")[0], c.company, r.choice(["Verified ID.", "Caller verified via SMS.", "Could not verify - asked to email in.", ""]))).rstrip(),
            "Customer's words: \"%s\"" % t if r.random() < 0.6 else "Query: %s" % t,
            r.choice(["Callback requested on %s." % c.mobile(), "Advised we would respond by email.", "Ticket left open.", "Transferred to queue."])]


def en_survey_footer(c, t):
    r = c.r
    out = [c.greeting(), ""] + c.body(t) + ["", c.signoff(), c.short_name(), ""]
    out += ["-----", "Ticket %s | %s" % (c.fmt_ticket, c.url()),
            "How did we do? Rate your experience: %s" % c.survey(),
            r.choice(["Please do not change the subject line when replying.", "Reply above this line to add a comment.", "You are receiving this because you opened a request with %s." % c.team])]
    return out


def en_subject_header(c, t):
    r = c.r
    out = ["Subject: %s" % (("Re: " if r.random() < 0.5 else "") + c.subject()),
           "From: %s <%s>" % (c.cust, c.cust_email),
           "To: %s" % c.agent_email]
    if r.random() < 0.4:
        out.append("Cc: %s" % (r.choice(EN_FIRST).lower() + "@" + c.cust_email.split("@")[1]))
    out += ["Date: %s" % c.date_en(style=0).replace(" at ", " "), ""]
    out += [c.greeting(), ""] + c.body(t) + ["", c.signoff(), c.short_name()]
    return out


def en_merged(c, t):
    other = c.ticket + c.r.randint(1, 500)
    return ["This request was closed and merged into request #%d \"%s\"." % (other, c.subject()), "",
            "%s, %s" % (c.cust, c.date_en(style=1)), ""] + c.body(t, 0.2, 0.2, 0.1)


def en_social(c, t):
    r = c.r
    handle = "@" + c.cust.split(" ")[0].lower() + r.choice(["_", "", "."]) + c.cust.split(" ")[1].lower()[:5] + str(r.randint(1, 99))
    handle = re.sub(r"[^@a-z0-9_.]", "", handle)
    return ["%s message from %s" % (r.choice(["Twitter DM", "X direct message", "Facebook Messenger", "Instagram DM", "WhatsApp"]), handle),
            "Received: %s" % c.date_en(style=3), "", t, "",
            r.choice(["-- via Social Inbox", "[auto-imported]", "Channel: social", "Reply in the original channel."])]


def en_escalation(c, t):
    r = c.r
    return ["ESCALATION — %s" % r.choice(["Tier 2", "Tier 3", "Team Lead", "Complaints"]),
            "Escalated by: %s" % c.agent, "Reason: %s" % r.choice(["SLA breach risk", "Customer requested supervisor", "Repeat contact", "VIP account", "Outside agent permissions"]),
            "Ticket: %s" % c.fmt_ticket, "Account: %s" % c.company, "", "Original customer message:",
            "\"%s\"" % t if r.random() < 0.5 else t, "", "Please action within %d hours." % r.choice([2, 4, 8, 24])]


def en_voicemail(c, t):
    r = c.r
    return ["Voicemail from %s (%s)" % (c.mobile(), c.cust if r.random() < 0.6 else "Unknown caller"),
            "Duration: 0:%02d" % r.randint(8, 59),
            "Transcription (confidence %.2f):" % r.uniform(0.6, 0.98), t,
            "", r.choice(["Transcribed by Aircall", "Voicemail transcription is in beta", "Listen: %s/voicemail" % c.url()])]


def en_thread_chain(c, t):
    r = c.r
    out = [c.greeting(), ""] + c.body(t) + ["", c.signoff(), c.short_name(), ""]
    out += ["On %s, %s <%s> wrote:" % (c.date_en(c.earlier, style=0), c.team, c.agent_email)]
    inner = c.agent_reply() + ["", "On %s, %s <%s> wrote:" % (c.date_en(c.earlier - dt.timedelta(days=r.randint(1, 9)), style=0), c.cust, c.cust_email)]
    inner += quote([r.choice(["Hello, any update on this?", "Hi, just chasing this up.", "Hi, I sent a message last week but haven't heard back.", "Hello, I wrote in earlier about my account."]), "", c.short_name()])
    out += quote(inner)
    return out


def en_html_artifacts(c, t):
    r = c.r
    out = [c.greeting(), "\u00a0" if r.random() < 0.3 else "", t, ""]
    out += [c.signoff(), "", "*%s*" % c.cust, "%s | *%s*" % (c.title, c.company),
            "[image: %s logo]" % c.company.split()[0], "<%s>" % ("https://" + c.cust_web)]
    if r.random() < 0.5:
        out += ["", "[image: Facebook] <https://facebook.com/%s> [image: LinkedIn] <https://linkedin.com/company/%s>" % (slug(c.company), slug(c.company))]
    return out


def en_auto_ack(c, t):
    r = c.r
    return ["Hello %s," % c.cust.split(" ")[0], "",
            "We've received your request (%s) and a member of our team will reply within %s." % (c.fmt_ticket, r.choice(["24 hours", "1 business day", "48 hours", "2 working days"])),
            "For reference, here is a copy of your message:", "", "> " + t, "",
            "You can view or update your request at %s" % c.url(), "", "%s" % c.team]


def en_bullet_context(c, t):
    r = c.r
    out = [c.greeting(), "", t, ""]
    extra = r.sample(["Account holder: %s" % c.cust, "Registered email: %s" % c.cust_email,
                      "Phone on file: %s" % c.mobile(), "Customer since: %d" % r.randint(2012, 2024),
                      "Last 4 digits: %04d" % r.randint(0, 9999), "Time of issue: approx. %02d:%02d" % (c.when.hour, c.when.minute),
                      "App version: %d.%d.%d" % (r.randint(3, 9), r.randint(0, 40), r.randint(0, 9)),
                      "Device: %s" % r.choice(["iPhone 14", "Pixel 8", "Galaxy S23", "iPhone SE", "OnePlus 11"])], r.randint(2, 4))
    out += ["Details:" if r.random() < 0.5 else "For reference:"] + ["- " + x for x in extra]
    out += ["", c.signoff(), c.short_name()]
    return out


def en_minimal_sig_phone(c, t):
    return [t, "", "--", c.cust, c.mobile()]


def en_ooo_prefix(c, t):
    r = c.r
    return [r.choice(["Apologies, resending as I didn't get a reply.", "Resending - not sure the first one went through.",
                      "(Re-sent from my personal email)", "Posting this on behalf of %s." % (r.choice(EN_FIRST) + " " + r.choice(EN_LAST))]), "",
            c.greeting(), ""] + c.body(t, 0.1, 0.3, 0.1) + ["", c.signoff(), c.short_name()] + [""] + c.maybe(0.5, EN_MOBILE)


EN_TEMPLATES = [en_greet_sign, en_greet_only, en_full_sig, en_sig_disclaimer, en_long_disclaimers,
                en_external_banner, en_zendesk, en_freshdesk, en_jira, en_gmail_reply, en_outlook_reply,
                en_forwarded, en_crm_fields, en_salesforce, en_mobile, en_mobile_reply, en_csm_notes,
                en_chat_transcript, en_web_form, en_plain_neutral, en_internal_note, en_survey_footer,
                en_subject_header, en_merged, en_social, en_escalation, en_voicemail, en_thread_chain,
                en_html_artifacts, en_auto_ack, en_bullet_context, en_minimal_sig_phone, en_ooo_prefix]


# ----------------------------------------------------------------------------
# Chinese templates
# ----------------------------------------------------------------------------
def zh_greet_sign(c, t):
    return [c.greeting()] + c.body(t, 0.15, 0.3, 0.1) + ["", c.signoff(), c.short_name()]


def zh_greet_only(c, t):
    return [c.greeting() + t, c.pick(ZH_CLOSERS)]


def zh_full_sig(c, t):
    return [c.greeting(), ""] + c.body(t) + ["", c.signoff()] + c.sigblock(True)


def zh_sig_disclaimer(c, t):
    return [c.greeting()] + c.body(t) + ["", c.signoff()] + c.sigblock(c.r.random() < 0.6) + [""] + c.disclaimer()


def zh_long_disclaimers(c, t):
    d1, d2 = c.disclaimer(), c.disclaimer()
    out = [c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name(), c.company, ""] + d1
    if d1 != d2:
        out += [""] + d2
    return out


def zh_original_mail(c, t):
    r = c.r
    out = [c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name(), ""]
    out += ["------------------ 原始邮件 ------------------" if r.random() < 0.5 else "-----原始邮件-----",
            "发件人：%s <%s>" % (c.team, c.agent_email),
            "发送时间：%s" % c.date_zh(c.earlier, style=1),
            "收件人：%s <%s>" % (c.cust, c.cust_email),
            "主题：回复：%s" % c.subject(), ""]
    out += c.agent_reply()
    return out


def zh_wrote_quote(c, t):
    r = c.r
    out = c.body(t) + ["", c.pick(ZH_MOBILE) if r.random() < 0.4 else c.short_name(), ""]
    out += ["在 %s，%s <%s> 写道：" % (c.date_zh(c.earlier, style=0), c.team if r.random() < 0.5 else c.agent, c.agent_email)]
    out += quote(c.agent_reply())
    return out


def zh_forward(c, t):
    r = c.r
    out = [r.choice(["转给你看下，麻烦跟进。", "客户来信，请协助处理。", "FYI，见下方邮件。", "请相关同事看一下。"]), "",
           r.choice(ZH_SURNAMES) + r.choice(ZH_GIVEN), "",
           "-------- 转发邮件信息 --------" if r.random() < 0.5 else "---------- 转发的邮件 ----------",
           "发件人：\"%s\" <%s>" % (c.cust, c.cust_email),
           "发送日期：%s" % c.date_zh(c.earlier, style=1),
           "收件人：%s" % c.agent_email,
           "主题：%s" % c.subject(), ""]
    out += [c.greeting()] + c.body(t, 0.2, 0.3, 0.1) + ["", c.short_name()]
    return out


def zh_crm_fields(c, t):
    r = c.r
    fields = [("客户名称", c.company), ("联系人", c.cust), ("联系电话", c.mobile()),
              ("优先级", r.choice(ZH_PRIORITY)), ("产品模块", r.choice(ZH_PRODUCT_AREAS)),
              ("来源渠道", r.choice(ZH_CHANNELS)), ("客户等级", r.choice(["VIP", "普通", "金卡", "白金", "企业客户"])),
              ("所属区域", r.choice(["华北", "华东", "华南", "西南", "华中", "东北"])),
              ("创建时间", c.date_zh(style=2)), ("浏览器", r.choice(["Chrome 121", "微信内置浏览器", "Edge 121", "Safari 17", "360 安全浏览器"]))]
    chosen = r.sample(fields, r.randint(3, 7))
    out = ["%s：%s" % kv for kv in chosen]
    out += [r.choice(["问题描述：", "客户诉求：", "详细内容：", "客户原话：", "备注："]) + t]
    if r.random() < 0.4:
        out += ["标签：" + "、".join(r.sample(["首次来电", "重复咨询", "待分配", "自动创建", "VIP", "需回访"], 2))]
    return out


def zh_ticket_header(c, t):
    r = c.r
    out = ["##- 请在此行上方回复 -##", "",
           "您的工单（%d）已更新。如需补充说明，请直接回复此邮件。" % c.ticket, "",
           "%s（%s）" % (c.cust, c.company), c.date_zh(style=0), ""]
    out += c.body(t) + [""]
    out += ["%s（%s）" % (c.agent, c.team), c.date_zh(c.earlier, style=0), ""] + c.agent_reply()[1:-1]
    out += ["", "此邮件由%s系统发送。" % c.team]
    return out


def zh_ticket_footer(c, t):
    r = c.r
    out = ["工单编号：%s" % c.fmt_ticket, "状态：%s" % r.choice(ZH_STATUS), "优先级：%s" % r.choice(ZH_PRIORITY),
           "提交人：%s（%s）" % (c.cust, c.cust_email), "", "内容："]
    out += c.body(t, 0.2, 0.3, 0.2)
    out += ["", "查看工单：%s" % c.url()]
    if r.random() < 0.6:
        out += ["请对本次服务进行评价：%s" % c.survey()]
    return out


def zh_mobile(c, t):
    out = c.body(t, 0.1, 0.3, 0.1)
    if c.r.random() < 0.5:
        out = [c.greeting()] + out
    return out + ["", c.pick(ZH_MOBILE)]


def zh_wecom(c, t):
    r = c.r
    out = ["【企业微信邮件】" if r.random() < 0.5 else "来自企业微信",
           "发件人：%s（%s）" % (c.cust, c.company), "时间：%s" % c.date_zh(style=1), ""]
    out += [c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name(), "", "发自企业微信"]
    return out


def zh_dingtalk(c, t):
    r = c.r
    out = ["[钉钉] %s 给你发了一封邮件" % c.cust if r.random() < 0.5 else "钉钉邮箱 | %s" % c.company, ""]
    out += [c.greeting()] + c.body(t) + ["", c.short_name(), c.title + "｜" + c.company, ""]
    out += ["—— 来自钉钉邮箱", "本邮件由钉钉邮箱发送，如有疑问请联系管理员。" if r.random() < 0.4 else ""]
    return out


def zh_feishu(c, t):
    r = c.r
    out = [c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name(), ""]
    out += ["发自飞书邮箱" if r.random() < 0.5 else "—— 来自飞书",
            "", "在 %s，%s <%s> 写道：" % (c.date_zh(c.earlier, style=1), c.agent, c.agent_email)]
    out += quote(c.agent_reply()[:3])
    return out


def zh_csm_notes(c, t):
    r = c.r
    meeting = r.choice(["季度业务回顾", "周例会", "上线培训会", "续约沟通", "问题复盘会", "首次拜访"])
    out = ["会议纪要 —— %s（%s）" % (meeting, c.company),
           "时间：%s" % c.date_zh(style=0), "参会人：%s（%s）、%s（客户成功）" % (c.cust, c.title, c.agent), ""]
    ctx = r.sample(["合同将于%d天后到期。" % r.randint(20, 200), "本季度活跃度提升%d%%。" % r.randint(3, 40),
                    "客户健康度：%s。" % r.choice(["良好", "一般", "有风险"]), "席位数：%d。" % r.randint(5, 500),
                    "介绍了新版报表功能。", "对接人下季度可能调岗。"], r.randint(1, 3))
    out += ["%d. %s" % (i + 1, x) for i, x in enumerate(ctx)]
    out += ["客户提出：“%s”" % t if r.random() < 0.5 else "客户原话：%s" % t]
    out += ["", "后续跟进：" + r.choice(["邮件发送相关资料", "转二线支持", "下周安排回访电话", "整理纪要发给%s" % c.cust, "创建工单并同步编号"])]
    return out


def zh_chat(c, t):
    r = c.r
    d = c.when
    out = ["在线客服会话记录", "会话开始：%s" % c.date_zh(style=2), "访客：%s（%s）" % (c.cust, c.mobile()), ""]
    out += ["%s %02d:%02d:%02d" % (c.agent, d.hour, d.minute, r.randint(0, 20)), "您好，很高兴为您服务，请问有什么可以帮您？"]
    out += ["%s %02d:%02d:%02d" % (c.cust, d.hour, d.minute, r.randint(21, 59)), t]
    if r.random() < 0.5:
        out += ["%s %02d:%02d:%02d" % (c.agent, d.hour, (d.minute + 1) % 60, r.randint(0, 59)), r.choice(["好的，请稍等，正在为您查询。", "收到，稍等一下哦~", "亲，马上帮您看一下。"])]
    out += ["", "会话已结束（%s）" % r.choice(["访客关闭", "客服结束", "超时自动结束"])]
    return out


def zh_web_form(c, t):
    r = c.r
    out = [r.choice(["新的留言提醒", "官网表单提交通知", "您有一条新的客户留言"]), "",
           "姓名：%s" % c.cust, "手机：%s" % c.mobile()]
    if r.random() < 0.6:
        out.append("邮箱：%s" % c.cust_email)
    if r.random() < 0.5:
        out.append("公司：%s" % c.company)
    out += ["问题类型：%s" % r.choice(ZH_PRODUCT_AREAS + ["请选择"]), "留言内容：%s" % t, "",
            "提交时间：%s" % c.date_zh(style=2), "来源页面：%s" % ("https://" + c.url().split("/")[2] + "/contact")]
    return out


def zh_plain_neutral(c, t):
    n = c.pick(ZH_NEUTRAL)
    return [n, t] if c.r.random() < 0.5 else [t, n]


def zh_internal_note(c, t):
    r = c.r
    return ["内部备注（%s，%s）：" % (c.agent, c.date_zh(style=0)),
            "客户%s来电，%s" % (c.cust, r.choice(["已核实身份。", "短信验证通过。", "未能核实身份，已引导邮件反馈。", "来电号码：" + c.mobile() + "。"])),
            "客户原话：“%s”" % t if r.random() < 0.6 else "来电内容：%s" % t,
            r.choice(["已约定回电时间。", "已告知会通过邮件回复。", "工单保持打开状态。", "已转接相关队列。"])]


def zh_subject_header(c, t):
    r = c.r
    out = ["主题：%s" % (("回复：" if r.random() < 0.5 else "") + c.subject()),
           "发件人：%s <%s>" % (c.cust, c.cust_email), "收件人：%s" % c.agent_email]
    if r.random() < 0.4:
        out.append("抄送：%s" % (r.choice(ZH_PINYIN) + "@" + c.cust_email.split("@")[1]))
    out += ["日期：%s" % c.date_zh(style=1), ""]
    out += [c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name()]
    return out


def zh_escalation(c, t):
    r = c.r
    return ["【升级工单】%s" % r.choice(["二线支持", "三线支持", "客服主管", "投诉处理组"]),
            "升级人：%s" % c.agent, "升级原因：%s" % r.choice(["即将超时", "客户要求主管处理", "重复来电", "VIP 客户", "超出一线权限"]),
            "工单号：%s" % c.fmt_ticket, "客户：%s" % c.company, "", "客户原始描述：", t, "",
            "请于%d小时内处理。" % r.choice([2, 4, 8, 24])]


def zh_survey(c, t):
    r = c.r
    out = [c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name(), ""]
    out += ["-----", "工单 %s | %s" % (c.fmt_ticket, c.url()), "您对本次服务满意吗？点击评价：%s" % c.survey(),
            r.choice(["回复时请勿修改邮件主题。", "请在此行上方回复。", "本邮件由系统自动发送。"])]
    return out


def zh_auto_ack(c, t):
    r = c.r
    return ["尊敬的%s：" % c.cust, "",
            "我们已收到您的反馈（工单号：%s），客服人员将在%s内回复您。" % (c.fmt_ticket, r.choice(["24小时", "1个工作日", "48小时", "2个工作日"])),
            "以下是您提交的内容：", "", "> " + t, "", "查看或补充工单：%s" % c.url(), "", c.team]


def zh_bullet_context(c, t):
    r = c.r
    out = [c.greeting(), t, ""]
    extra = r.sample(["账户名：%s" % c.cust, "注册手机：%s" % c.mobile(), "注册邮箱：%s" % c.cust_email,
                      "APP 版本：%d.%d.%d" % (r.randint(3, 9), r.randint(0, 40), r.randint(0, 9)),
                      "手机型号：%s" % r.choice(["华为 Mate 60", "iPhone 15", "小米 14", "OPPO Reno11", "vivo X100"]),
                      "发生时间：约%02d:%02d" % (c.when.hour, c.when.minute), "会员编号：%d" % r.randint(10000000, 99999999)], r.randint(2, 4))
    out += ["补充信息：" if r.random() < 0.5 else "相关信息如下："] + ["- " + x for x in extra]
    out += ["", c.signoff(), c.short_name()]
    return out


def zh_external_banner(c, t):
    return [c.pick(["【外部邮件】请注意：此邮件来自外部发件人，请谨慎点击链接或打开附件。",
                    "[External] 此邮件来自组织外部。", "【安全提醒】发件人不在通讯录中，请核实身份。"]), "",
            c.greeting()] + c.body(t) + ["", c.signoff(), c.short_name()]


def zh_thread_chain(c, t):
    r = c.r
    out = [c.greeting()] + c.body(t) + ["", c.short_name(), ""]
    out += ["在 %s，%s 写道：" % (c.date_zh(c.earlier, style=0), c.team)]
    inner = c.agent_reply() + ["", "在 %s，%s <%s> 写道：" % (c.date_zh(c.earlier - dt.timedelta(days=r.randint(1, 9)), style=0), c.cust, c.cust_email)]
    inner += quote([r.choice(["你好，请问有进展了吗？", "您好，再跟进一下。", "上周发的邮件还没收到回复。", "之前反馈的问题麻烦看一下。"]), c.short_name()])
    out += quote(inner)
    return out


def zh_minimal_sig(c, t):
    return [t, "", "--", c.cust, c.mobile()]


def zh_resend(c, t):
    r = c.r
    return [r.choice(["重新发一下，之前的邮件好像没收到回复。", "补发一封，麻烦查收。", "（代%s转发）" % (r.choice(ZH_SURNAMES) + r.choice(ZH_GIVEN))]), "",
            c.greeting()] + c.body(t, 0.1, 0.3, 0.1) + ["", c.short_name()] + c.maybe(0.5, ZH_MOBILE)


def zh_social(c, t):
    r = c.r
    return ["%s 消息 | 用户：%s" % (r.choice(["微信公众号", "微博私信", "小程序客服", "抖音私信", "小红书私信"]),
                                  r.choice(["wx_", "user_", "", "用户"]) + str(r.randint(100000, 9999999))),
            "接收时间：%s" % c.date_zh(style=2), "", t, "", r.choice(["—— 已自动导入工单系统", "[系统同步]", "请在原渠道回复客户。"])]


def zh_en_mixed_sig(c, t):
    r = c.r
    out = ["Dear 客服," if r.random() < 0.5 else c.greeting(), ""] + c.body(t) + ["", "Best regards,", c.cust]
    out += ["%s | %s" % (c.title, c.company), "Tel: %s Mobile: %s" % (c.phone(), c.mobile()), "Email: %s" % c.cust_email]
    return out


ZH_TEMPLATES = [zh_greet_sign, zh_greet_only, zh_full_sig, zh_sig_disclaimer, zh_long_disclaimers,
                zh_original_mail, zh_wrote_quote, zh_forward, zh_crm_fields, zh_ticket_header,
                zh_ticket_footer, zh_mobile, zh_wecom, zh_dingtalk, zh_feishu, zh_csm_notes, zh_chat,
                zh_web_form, zh_plain_neutral, zh_internal_note, zh_subject_header, zh_escalation,
                zh_survey, zh_auto_ack, zh_bullet_context, zh_external_banner, zh_thread_chain,
                zh_minimal_sig, zh_resend, zh_social, zh_en_mixed_sig]


def wrap(text, rng, flatten=False):
    zh = bool(CJK_RE.search(text))
    c = Ctx(rng, zh)
    tmpl = rng.choice(ZH_TEMPLATES if zh else EN_TEMPLATES)
    lines = strip_empty_edges("\n".join(tmpl(c, text)).split("\n"))
    # collapse runs of >1 blank line
    out = []
    for l in lines:
        if not l.strip() and out and not out[-1].strip():
            continue
        out.append(l)
    if flatten:
        return " ".join(l.strip() for l in out if l.strip())
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--flatten", action="store_true")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    n = 0
    with open(a.input, encoding="utf-8") as fi, open(a.output, "w", encoding="utf-8") as fo:
        for line in fi:
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            obj["text"] = wrap(text, rng, a.flatten)
            if text not in obj["text"]:
                raise RuntimeError("text lost: %r" % text)
            fo.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    print("wrote %d lines to %s" % (n, a.output), file=sys.stderr)


if __name__ == "__main__":
    main()
