#!/usr/bin/env python3
"""Eighth template set: wrap short customer needs in realistic exported "tickets".

Settings
--------
English: a fictional B2B SaaS vendor family (Peoplegrid HR & payroll, Tallyfox
spend management & corporate cards, Routeway transport-management software,
Stackmoor CI/CD devtools) plus their resellers / implementation partners.
Sources imitated: Zendesk, Intercom, Salesforce Service Cloud, Gorgias,
Help Scout, Kustomer, Gladly, LiveChat, Freshdesk, Jira Service Management,
Discord and Microsoft Teams exports, G2 / Capterra reviews, App Store / Google
Play reviews, Pendo NPS and Hotjar feedback widgets, Gong call transcripts,
voicemail transcriptions, Outlook forwards and "On ... wrote:" quoting, web
forms, CSV / JSON / YAML / key=value telemetry exports, PDF-to-text residue,
HTML / Markdown leftovers, CSM QBR notes, community-forum posts, status-page
follow-ups, auto-acknowledgements with SLA footers.

Chinese: a fictional smart-home company (极序智家, voice assistant "小序"),
an EV maker (澜途汽车, in-car assistant) and an e-commerce mall (优品集).
Sources imitated: 企业微信 / 钉钉 / 飞书 messages, 客服工单, 售后单, 400 电话
转写, 语音留言, 小程序 / App 反馈, 应用商店评论, 微博 / 小红书 / B站 / 抖音 /
知乎 / 贴吧 评论, 电商商品评价与追评, 旺旺聊天, 问卷与 NPS, 带免责声明的邮件,
邮件转发与引用, 会议纪要, 周报, 日志, 上门服务报告, 车机语音日志,
JSON / YAML / CSV / key=value 导出, PDF 转文本残留, HTML / Markdown 残留.

All names (many cultures, plus Chinese names), companies, products, ticket
numbers, dates, phone numbers, e-mails, URLs, addresses and job titles are
drawn from pools defined in this file; every company, product and boilerplate
wording is invented.

Each input line is a JSON object with "text" (a short customer need) and
"label"; each output line keeps every key and replaces "text" with one
rendered template that contains the need verbatim exactly once.  Chinese
templates are used when the need contains a CJK ideograph, English otherwise.
Templates are dealt from a per-language deck reshuffled when empty; a
rendering that does not contain the need exactly once, or that reaches 3000
characters, is replaced by the next template of the deck.  About 15% of items
get one extra non-need customer sentence; about 10% of outputs use CRLF line
endings or are flattened onto one line.  One random.Random(seed) is drawn in
line order, so output is deterministic for a given seed.  Per-template counts
are printed to stderr.

Usage
-----
    python3 scripts/eighth-ticket-templates.py IN.jsonl OUT.jsonl --seed S
"""

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timedelta

MAX_CHARS = 3000
EXTRA_RATE = 0.15
LINE_STYLE_RATE = 0.10
NL = "\n"

CJK_RE = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")

# ---------------------------------------------------------------------------
# English pools
# ---------------------------------------------------------------------------

CULTURES = {
    "anglo": (["James", "Emily", "Olivia", "Liam", "Hannah", "Noah", "Grace",
               "Ethan", "Chloe", "Ryan", "Megan", "Connor", "Abigail", "Tom"],
              ["Walker", "Thompson", "Bennett", "Harris", "Collins", "Murphy",
               "Wright", "Hughes", "Fletcher", "O'Brien", "MacLeod", "Price"]),
    "hispanic": (["Sofía", "Mateo", "Valentina", "Diego", "Camila",
                  "Alejandro", "Lucía", "Javier", "Ximena", "Rodrigo"],
                 ["García", "Martínez", "Rodríguez", "Hernández", "López",
                  "Ortega", "Castillo", "Ramírez", "Vargas", "Mendoza"]),
    "south_asian": (["Priya", "Arjun", "Ananya", "Rohan", "Sanjay", "Deepika",
                     "Vikram", "Meera", "Harpreet", "Aditya", "Kavya"],
                    ["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta",
                     "Singh", "Banerjee", "Kaur", "Menon", "Joshi"]),
    "chinese": (["Wei", "Xiaoling", "Hao", "Jing", "Yifan", "Mingyu", "Lei",
                 "Shu-fen", "Kai", "Ruoxi"],
                ["Zhang", "Wang", "Li", "Chen", "Liu", "Huang", "Zhou", "Xu",
                 "Lin", "Tan"]),
    "japanese": (["Hiroshi", "Yuki", "Haruto", "Sakura", "Kenji", "Aoi",
                  "Takumi", "Mei"],
                 ["Tanaka", "Sato", "Suzuki", "Nakamura", "Kobayashi",
                  "Watanabe", "Yamamoto"]),
    "korean": (["Min-jun", "Ji-woo", "Seo-yeon", "Do-hyun", "Ha-eun",
                "Jae-won"],
               ["Kim", "Park", "Lee", "Choi", "Jung", "Kang"]),
    "west_african": (["Chinedu", "Amara", "Kwame", "Ngozi", "Oluwaseun",
                      "Adwoa", "Emeka", "Folake"],
                     ["Okafor", "Mensah", "Adeyemi", "Owusu", "Nwosu",
                      "Boateng", "Balogun"]),
    "east_african": (["Wanjiru", "Abebe", "Tendai", "Zanele", "Baraka",
                      "Amani", "Thandiwe"],
                     ["Kamau", "Tesfaye", "Moyo", "Ndlovu", "Otieno",
                      "Mwangi"]),
    "arabic": (["Omar", "Fatima", "Layla", "Yousef", "Karim", "Noor", "Tariq",
                "Rania"],
               ["Haddad", "Al-Sayed", "Khalil", "Nasser", "Mansour",
                "Farouk", "Aziz"]),
    "european": (["Lukas", "Anna", "Mateusz", "Zofia", "Giulia", "Luca",
                  "Sven", "Ingrid", "Élodie", "Thomas", "Katarzyna", "Dmitri",
                  "Aleksandra", "Jens", "Marta"],
                 ["Müller", "Kowalski", "Rossi", "Lindqvist", "Dubois",
                  "Novak", "Jansen", "Petrov", "Andersen", "Fischer",
                  "Moreau", "Horváth"]),
    "other": (["Emre", "Elif", "Linh", "Minh", "Maricel", "João", "Thiago",
               "Parisa", "Dariush", "Noa", "Eitan", "Aroha", "Siosaia",
               "Bayarmaa"],
              ["Yılmaz", "Demir", "Nguyen", "Tran", "Santos", "Oliveira",
               "Rahimi", "Cohen", "Levi", "Ngata", "Fifita", "Batbayar"]),
}
CULTURE_KEYS = sorted(CULTURES)

CO_HEADS = ["Brightwater", "Northwind", "Kestrel", "Halcyon", "Bluefin",
            "Ironbark", "Silverline", "Osei & Mensah", "Vértice", "Fjordline",
            "Pampas", "Cedar Ridge", "Redwood", "Marigold", "Lakeshore",
            "Saffron", "Tidewater", "Granite Peak", "Copperleaf", "Sakura",
            "Meridian", "Aurora", "Quayside", "Baobab", "Nimbus", "Harbor & Pine",
            "Kilimanjaro", "Zephyr", "Patagonia Ridge", "Jade River"]
CO_TAILS = ["Freight Ltd", "Cold Chain Inc.", "Robotics GmbH", "Dental Group",
            "Analytics Pty Ltd", "Logistics", "Construcciones S.A.",
            "Outdoor AS", "Agro S.R.L.", "Health Partners", "Staffing LLC",
            "Components K.K.", "Retail Group", "Software Pvt Ltd",
            "Manufacturing Co.", "Hospitality", "Couriers", "Labs",
            "Foods plc", "Property Management", "Express", "Builders Ltd"]
TLDS = [".com", ".io", ".co.uk", ".de", ".com.au", ".in", ".co", ".ng",
        ".es", ".jp", ".ca", ".net"]
STREETS = [("1200 Harbor Blvd, Suite 400", "Oakland, CA 94607", "USA"),
           ("Unit 5, 18 Wharf Rd", "Port Melbourne VIC 3207", "Australia"),
           ("Friedrichstraße 68", "10117 Berlin", "Germany"),
           ("14 Marina Rd, Victoria Island", "Lagos 101241", "Nigeria"),
           ("Level 9, Prestige Tech Park", "Bengaluru 560103", "India"),
           ("Calle de Alcalá 120, 3º", "28009 Madrid", "Spain"),
           ("3-14-2 Shibuya", "Tokyo 150-0002", "Japan"),
           ("88 Queen St W, Floor 12", "Toronto, ON M5H 2N2", "Canada"),
           ("Westerstraat 187", "1015 MA Amsterdam", "Netherlands"),
           ("22 Kenyatta Ave", "Nairobi 00100", "Kenya"),
           ("Av. Paulista 1578, Conj. 82", "São Paulo - SP, 01310-200",
            "Brazil"),
           ("9 Raffles Place, #27-01", "Singapore 048619", "Singapore"),
           ("4th Floor, 71 Cheapside", "London EC2V 6EL", "United Kingdom"),
           ("Sheikh Zayed Rd, Tower B, Office 1804", "Dubai", "UAE"),
           ("ul. Prosta 51", "00-838 Warszawa", "Poland"),
           ("410 N Michigan Ave", "Chicago, IL 60611", "USA"),
           ("Teheran-ro 152, Gangnam-gu", "Seoul 06236", "South Korea"),
           ("Dock 3, Port of Tema", "Tema, Greater Accra", "Ghana")]
TITLES = ["Payroll Manager", "Head of People Operations", "AP Specialist",
          "VP Engineering", "Fleet Operations Lead", "Finance Controller",
          "DevOps Engineer", "Office Manager", "HRIS Analyst",
          "Dispatch Supervisor", "Founder & CEO", "Platform Engineer",
          "Senior Accountant", "Operations Director", "IT Administrator",
          "People Partner", "Warehouse Manager", "CFO", "Staff Engineer",
          "Procurement Lead", "Chief of Staff", "Release Manager"]
AGENT_TITLES = ["Customer Success Manager", "Support Engineer",
                "Senior Support Specialist", "Technical Account Manager",
                "Onboarding Specialist", "Support Team Lead",
                "Solutions Consultant", "Escalations Engineer"]

VENDORS = [
    {"name": "Peoplegrid", "domain": "peoplegrid.io",
     "products": ["Peoplegrid Payroll", "Peoplegrid Time & Attendance",
                  "Peoplegrid Benefits", "Peoplegrid Onboarding"],
     "areas": ["Payroll", "Pay runs", "Time off", "Benefits", "Integrations"]},
    {"name": "Tallyfox", "domain": "tallyfox.com",
     "products": ["Tallyfox Cards", "Tallyfox Reimburse", "Tallyfox Bill Pay",
                  "Tallyfox Travel"],
     "areas": ["Cards", "Expenses", "Bill pay", "Accounting sync",
               "Admin settings"]},
    {"name": "Routeway", "domain": "routeway.app",
     "products": ["Routeway Dispatch", "Routeway Carrier Portal",
                  "Routeway Driver App", "Routeway Freight Audit"],
     "areas": ["Dispatch", "Carrier payments", "Driver app", "Billing",
               "EDI"]},
    {"name": "Stackmoor", "domain": "stackmoor.dev",
     "products": ["Stackmoor Pipelines", "Stackmoor Artifact Cache",
                  "Stackmoor Runners", "Stackmoor Insights"],
     "areas": ["Pipelines", "Billing & seats", "SSO", "Runners", "API"]},
]
PARTNERS = ["Cobalt Implementation Partners", "Meridian Systems Integrators",
            "Ravi & Kaur Consulting LLP", "Nordlys Cloud Partners AS",
            "Andes Digital Consultores", "Baobab Tech Advisory",
            "Kaizen Cloud Works K.K.", "Harbourline Reseller Group"]
PLANS = ["Starter", "Growth", "Scale", "Enterprise", "Premier 24x7",
         "Business", "Pro (annual)", "Legacy Team"]
SUBJECTS = ["Question about our account", "Urgent", "Help needed please",
            "Re: onboarding follow-up", "Quick question", "Follow-up",
            "(no subject)", "Issue", "Need assistance", "Account query",
            "Re: Re: your last reply", "Problem this morning",
            "FW: from our finance team", "Request", "Support request",
            "Can someone call me?", "Still waiting"]
EXTRA_EN = ["Sorry for the delay in getting back to you.",
            "Thanks in advance for your help!",
            "I already tried the chat widget yesterday but nobody answered.",
            "Apologies if this is the wrong inbox.",
            "Our finance lead is on leave this week, so I'm covering.",
            "Appreciate how quick you were last time.",
            "This is my third email about this.",
            "Hope you had a good weekend.",
            "I'm writing on behalf of my manager.",
            "Sorry, English is not my first language.",
            "Your docs page didn't really help, to be honest.",
            "We're in the middle of our quarter close, so timing is tight.",
            "I'm on the road today so replies may be slow.",
            "No rush, but an answer this week would be great.",
            "Looping in my colleague for visibility."]
DISCLAIMERS_EN = [
    "CONFIDENTIALITY NOTICE: This message and any attachments are intended "
    "solely for the addressee and may contain privileged information. If you "
    "received it in error, please notify the sender and delete it.",
    "This e-mail is confidential. If you are not the intended recipient, any "
    "use, copying or distribution is prohibited. Please consider the "
    "environment before printing this e-mail.",
    "Disclaimer: The views expressed here are my own and do not necessarily "
    "represent those of my employer. Registered in England & Wales.",
    "IMPORTANT: We will never ask you to change bank details by e-mail. "
    "Always verify payment instructions by phone.",
    "This communication may contain information that is legally privileged. "
    "Unauthorised review or forwarding is strictly prohibited.",
]
BROWSERS = ["Chrome 124.0.6367.91 / macOS 14.4", "Safari 17.3 / iOS 17.3.1",
            "Firefox 125.0 / Windows 11", "Edge 123.0 / Windows 10",
            "Chrome 122.0 / Android 14 (Pixel 7)",
            "Samsung Internet 24 / Android 13"]
DEVICES = ["iPhone 14 Pro; iOS 17.4.1", "iPhone SE (3rd gen); iOS 16.7",
           "Pixel 8; Android 14", "Galaxy S23; Android 14",
           "Redmi Note 12; Android 13", "iPad Air; iPadOS 17.2"]
COUNTRIES = ["US", "GB", "DE", "IN", "NG", "BR", "JP", "AU", "CA", "KE",
             "ES", "SG", "AE", "PL", "KR", "NL"]

# ---------------------------------------------------------------------------
# Chinese pools
# ---------------------------------------------------------------------------

ZH_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯"
                   "邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
                   "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
                   "贺顾毛郝龚邵万钱严覃武戴莫孔向汤") + ["欧阳", "司马", "上官",
                                                    "诸葛", "慕容"]
ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
            "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚",
            "桂英", "子涵", "浩然", "雨桐", "一诺", "欣怡", "梓萱", "宇轩",
            "思远", "晓东", "建华", "海燕", "婷婷", "嘉怡", "俊杰", "文博",
            "佳琪", "梦瑶", "天宇", "博文", "诗涵", "志强", "玉兰", "国庆",
            "紫薇", "睿", "昊", "晨", "琳", "斌", "鹏飞", "春梅", "立新"]
ZH_NICK_A = ["爱吃橘子的", "深夜", "不想上班的", "快乐的", "迷路的", "佛系",
             "元气", "认真的", "咸鱼", "早睡早起的", "会飞的", "秃头"]
ZH_NICK_B = ["猫", "程序猿", "打工人", "小鹿", "奶茶", "柠檬", "土豆",
             "阿狸", "宝妈", "车主", "仓鼠", "老王"]
ZH_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安",
             "南京", "苏州", "重庆", "长沙", "郑州", "青岛", "厦门", "合肥",
             "宁波", "昆明", "沈阳", "哈尔滨", "佛山", "东莞", "天津", "济南"]
ZH_DISTRICTS = {"北京": ["朝阳", "海淀", "丰台"], "上海": ["浦东新", "徐汇", "闵行"],
                "广州": ["天河", "越秀", "番禺"], "深圳": ["南山", "福田", "龙华"],
                "杭州": ["西湖", "余杭", "滨江"], "成都": ["高新", "武侯", "锦江"],
                "武汉": ["江汉", "洪山", "武昌"], "西安": ["雁塔", "未央", "碑林"],
                "南京": ["鼓楼", "建邺", "江宁"], "苏州": ["工业园", "姑苏", "吴中"],
                "重庆": ["渝北", "江北", "九龙坡"], "长沙": ["岳麓", "雨花", "开福"],
                "郑州": ["金水", "二七", "中原"], "青岛": ["市南", "崂山", "黄岛"],
                "厦门": ["思明", "湖里", "集美"], "合肥": ["蜀山", "包河", "庐阳"],
                "宁波": ["鄞州", "海曙", "江北"], "昆明": ["五华", "盘龙", "官渡"],
                "沈阳": ["和平", "沈河", "浑南"], "哈尔滨": ["南岗", "道里", "香坊"],
                "佛山": ["禅城", "南海", "顺德"], "东莞": ["南城", "东城", "莞城"],
                "天津": ["和平", "南开", "河西"], "济南": ["历下", "市中", "槐荫"]}
ZH_ROADS = ["文一西", "科技园南", "人民", "解放", "中山", "长江", "建设",
            "学院", "滨江", "新华", "光华", "望京东", "创业", "迎宾"]
ZH_CO_A = ["云栖", "星河", "华腾", "锦程", "鼎盛", "蓝海", "恒信", "瑞丰",
           "嘉禾", "启明", "远航", "万象"]
ZH_CO_B = ["物业管理", "科技", "电子商务", "家居", "贸易", "酒店管理",
           "装饰工程", "汽车服务", "信息技术", "连锁超市"]
ZH_TITLES = ["客服专员", "售后主管", "门店店长", "产品经理", "运营专员",
             "交付专家", "技术支持工程师", "区域经理", "用户体验研究员",
             "客户成功经理", "质量工程师", "数据分析师", "服务顾问"]
ZH_VENDORS = [
    {"name": "极序智家", "short": "极序", "domain": "jixu-home.cn",
     "products": ["极序智能音箱 S2", "极序智能门锁 X7", "极序扫地机器人 R5 Pro",
                  "极序空气净化器 A3", "极序智能中控屏 P1", "极序摄像头 C4"],
     "app": "极序智家 App", "bot": "小序"},
    {"name": "澜途汽车", "short": "澜途", "domain": "lantu-auto.cn",
     "products": ["澜途 L7 智驾版", "澜途 M5 增程版", "澜途 S3 纯电版",
                  "澜途车机 OS 4.2", "澜途家用充电桩 7kW"],
     "app": "澜途 App", "bot": "澜途助手"},
    {"name": "优品集", "short": "优品集", "domain": "youpinji.com",
     "products": ["优品集会员卡", "优品集自营空气炸锅", "优品集智能手表 W2",
                  "优品集自营蓝牙耳机", "优品集智能台灯"],
     "app": "优品集 App", "bot": "小集"},
]
EXTRA_ZH = ["不好意思这么晚才回复。", "麻烦尽快处理，谢谢！", "昨天在线客服一直没人回。",
            "我已经打过两次400了。", "辛苦了！", "我是替我爸妈问的。",
            "上次的客服态度挺好的。", "这周比较忙，回复可能慢一点。",
            "如果发错地方了请帮忙转一下。", "希望这次能给个准话。",
            "说实话有点失望。", "先谢谢各位了～", "周末也可以联系我。",
            "家里老人不太会用手机。", "我这边着急用。"]
DISCLAIMERS_ZH = [
    "免责声明：本邮件及其附件可能包含保密信息，仅供指定收件人使用。如您误收本邮件，"
    "请立即通知发件人并删除，不得复制、转发或披露其内容。",
    "【保密提示】本邮件内容仅代表发件人个人观点，不构成任何承诺。未经许可，"
    "禁止以任何形式传播。",
    "本邮件由系统自动发送，请勿直接回复。如有疑问请致电客服热线。",
    "声明：本邮件可能含有商业秘密，收件人负有保密义务。打印前请考虑环保。",
]
ZH_APPSTORES = ["App Store", "华为应用市场", "小米应用商店", "OPPO 软件商店",
                "vivo 应用商店", "应用宝"]
ZH_PHONES = ["iPhone 15", "华为 Mate 60", "小米 14", "OPPO Find X7",
             "vivo X100", "荣耀 Magic6", "红米 K70", "iPhone 13 mini"]


# ---------------------------------------------------------------------------
# Rendering context
# ---------------------------------------------------------------------------

def ascii_slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", s.lower())


class Person:
    def __init__(self, first, last):
        self.first, self.last = first, last
        self.full = f"{first} {last}"
        self.initials = (first[0] + last[0]).upper()

    def email(self, domain, style=0):
        f, l = ascii_slug(self.first), ascii_slug(self.last)
        local = [f"{f}.{l}", f"{f[0]}{l}", f, f"{f}_{l}", f"{l}.{f}"][style % 5]
        return f"{local}@{domain}"

    def handle(self, n):
        return f"{ascii_slug(self.first)}{ascii_slug(self.last)[:3]}{n}"


class Company:
    def __init__(self, name, domain, street, city, country):
        self.name, self.domain = name, domain
        self.addr = f"{street}, {city}, {country}"
        self.street, self.city, self.country = street, city, country


class Ctx:
    """Random draws for one rendering; every draw uses the shared rng."""

    def __init__(self, rng, extra, need=""):
        self.r = rng
        self.x = extra
        self.need = need

    # extra sentence placed directly after the need: add a separator only
    # when the need has no final punctuation
    def XA(self):
        if not self.x:
            return ""
        last = self.need.rstrip()[-1:]
        if CJK_RE.search(self.x):
            if not last or last in "。！？!?.…~～）)」”\"，,；;":
                return self.x
            return "。" + self.x
        return (" " if not last or last in ".!?)\"'" else ". ") + self.x

    # extra sentence (empty when the item has none)
    def X(self, pre="", post=""):
        return f"{pre}{self.x}{post}" if self.x else ""

    def p(self, seq):
        return self.r.choice(seq)

    def n(self, a, b):
        return self.r.randint(a, b)

    def digits(self, k):
        return "".join(self.r.choice("0123456789") for _ in range(k))

    def hexs(self, k):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(k))

    def alnum(self, k):
        return "".join(self.r.choice("abcdefghjkmnpqrstuvwxyz23456789")
                       for _ in range(k))

    def chance(self, prob):
        return self.r.random() < prob

    # --- English ---
    def person(self):
        firsts, lasts = CULTURES[self.p(CULTURE_KEYS)]
        return Person(self.p(firsts), self.p(lasts))

    def company(self):
        name = f"{self.p(CO_HEADS)} {self.p(CO_TAILS)}"
        domain = ascii_slug(name.split()[0]) + self.p(TLDS)
        street, city, country = self.p(STREETS)
        return Company(name, domain, street, city, country)

    def vendor(self):
        return self.p(VENDORS)

    def title(self):
        return self.p(TITLES)

    def phone(self):
        k = self.n(0, 6)
        if k == 0:
            return f"+1 ({self.n(201, 989)}) 555-0{self.digits(3)}"
        if k == 1:
            return f"+44 20 7946 0{self.digits(3)}"
        if k == 2:
            return f"+91 9{self.digits(4)} {self.digits(5)}"
        if k == 3:
            return f"+49 30 {self.digits(8)}"
        if k == 4:
            return f"+234 80{self.digits(1)} {self.digits(3)} {self.digits(4)}"
        if k == 5:
            return f"+61 4{self.digits(2)} {self.digits(3)} {self.digits(3)}"
        return f"+55 11 9{self.digits(4)}-{self.digits(4)}"

    def dt(self):
        base = datetime(2023, 1, 2, 7, 0)
        return base + timedelta(days=self.n(0, 900), minutes=self.n(0, 780),
                                seconds=self.n(0, 59))

    def times(self, start, n, lo=5, hi=240):
        out, t = [], start
        for _ in range(n):
            out.append(t)
            t = t + timedelta(seconds=self.n(lo, hi))
        return out

    def url(self, domain, kind="help"):
        if kind == "help":
            return (f"https://help.{domain}/hc/en-us/articles/"
                    f"{self.n(360000000000, 369999999999)}")
        if kind == "status":
            return f"https://status.{domain}/incidents/{self.alnum(12)}"
        if kind == "app":
            return (f"https://app.{domain}/"
                    f"{self.p(['settings/billing', 'payroll/runs', 'cards', 'dispatch/loads', 'pipelines', 'reports', 'admin/users'])}"
                    f"/{self.alnum(8)}")
        return f"https://{domain}/{self.alnum(6)}"

    def stars(self, k, total=5):
        return "★" * k + "☆" * (total - k)

    # --- Chinese ---
    def zhname(self):
        return self.p(ZH_SURNAMES) + self.p(ZH_GIVEN)

    def zhnick(self):
        if self.chance(0.3):
            return f"用户{self.digits(8)}"
        return self.p(ZH_NICK_A) + self.p(ZH_NICK_B) + (
            self.digits(self.n(0, 4)) if self.chance(0.5) else "")

    def zhvendor(self):
        return self.p(ZH_VENDORS)

    def zhphone(self, masked=None):
        head = self.p(["138", "139", "136", "150", "151", "158", "177", "186",
                       "188", "199", "135", "187"])
        if masked is None:
            masked = self.chance(0.5)
        if masked:
            return f"{head}****{self.digits(4)}"
        return f"{head}{self.digits(8)}"

    def zhaddr(self):
        city = self.p(ZH_CITIES)
        return (f"{city}市{self.p(ZH_DISTRICTS[city])}区{self.p(ZH_ROADS)}路"
                f"{self.n(1, 999)}号{self.p(['', '某小区', '国际公寓', '花园'])}"
                f"{self.n(1, 30)}栋{self.n(1, 4)}单元{self.n(1, 33)}0{self.n(1, 6)}室")

    def zhstore(self):
        city = self.p(ZH_CITIES)
        return f"{city}{self.p(ZH_DISTRICTS[city])}"

    def zhcompany(self):
        return (f"{self.p(ZH_CITIES)}{self.p(ZH_CO_A)}{self.p(ZH_CO_B)}"
                f"有限公司")

    def zhdate(self, d, style=0):
        if style == 0:
            return f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}"
        if style == 1:
            return f"{d:%Y-%m-%d %H:%M:%S}"
        if style == 2:
            return f"{d.month}月{d.day}日"
        return f"{d:%Y/%m/%d}"

    def zhweek(self, d):
        return "周" + "一二三四五六日"[d.weekday()]

    def order(self):
        return f"{self.n(2, 6)}{self.digits(17)}"

    def vin(self):
        return "L" + "".join(self.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")
                             for _ in range(16))


def en_date(d, style=0):
    if style == 0:
        return f"{d:%a, %d %b %Y %H:%M}"
    if style == 1:
        return f"{d:%B} {d.day}, {d.year}"
    if style == 2:
        return f"{d:%Y-%m-%d %H:%M:%S}"
    if style == 3:
        return f"{d:%d/%m/%Y}"
    return f"{d:%A, %B} {d.day}, {d.year} {d:%I:%M %p}"


def jstr(s):
    """JSON-escape template-owned text (never the need)."""
    return json.dumps(s, ensure_ascii=False)[1:-1]



# ---------------------------------------------------------------------------
# Optional long blocks shared by several templates (lengthen some renderings)
# ---------------------------------------------------------------------------

def en_sla_footer(c, v):
    if not c.chance(0.6):
        return ""
    return (f"\n\n————————————————————\n"
            f"{v['name']} Support · Plan: {c.p(PLANS)}\n"
            f"First response target: {c.p(['1h', '4h', '8 business hours', '24h'])} · "
            f"Resolution target: {c.p(['1 business day', '3 business days', 'best effort'])}\n"
            f"Need faster help? Premier customers can call {c.phone()} (24x7).\n"
            f"Check live system status at https://status.{v['domain']} before "
            f"opening a new request. Knowledge base: https://help.{v['domain']}\n"
            f"{v['name']} processes personal data in line with its privacy "
            f"notice (https://{v['domain']}/legal/privacy). To stop receiving "
            f"ticket notifications, update your preferences in Settings › "
            f"Notifications.\n"
            f"Ref: {c.hexs(8)}-{c.hexs(4)}-{c.hexs(4)} [{c.alnum(6).upper()}]")


SIG_LINES = ["Working hours: Mon–Thu. Replies outside these hours are not expected.",
             "Proud winner of the 2024 Regional Logistics Award",
             "Our office will be closed for the public holiday on Monday.",
             "Book time with me: calendly-style link in my profile", ""]


def en_full_signature(c, p, co):
    if not c.chance(0.6):
        return f"{p.full}"
    return (f"{p.full}{c.p(['', ' (she/her)', ' (he/him)', ' (they/them)'])}\n"
            f"{c.title()}\n{co.name}\n"
            f"Direct: {c.phone()} | Mobile: {c.phone()}\n"
            f"{co.street}, {co.city}, {co.country}\n"
            f"www.{co.domain} | linkedin.com/company/{ascii_slug(co.name)[:14]}\n"
            f"{c.p(SIG_LINES)}\n\n"
            f"{c.p(DISCLAIMERS_EN)}")


def en_quoted_history(c, v, p, d):
    if not c.chance(0.5):
        return ""
    a = c.person()
    d0 = d - timedelta(days=c.n(2, 20))
    return (f"\n\n> On {en_date(d0, 0)}, {a.full} <support@{v['domain']}> wrote:\n"
            f"> Hi {p.first},\n>\n"
            f"> Following up on your earlier request. We have deployed a fix "
            f"for the {c.p(v['areas'])} issue reported by several customers.\n"
            f"> If you still see the problem, reply to this email and "
            f"include the affected user and a timestamp.\n>\n"
            f"> Regards,\n> {a.first} · {c.p(AGENT_TITLES)}\n"
            f"> {v['name']} | {c.url(v['domain'], 'help')}")


def zh_service_footer(c, v):
    if not c.chance(0.6):
        return ""
    return (f"\n\n——————————————\n"
            f"{v['name']}客户服务中心｜服务热线 400-{c.n(600, 899)}-{c.digits(4)}"
            f"（每日 9:00-21:00）\n"
            f"官网：https://www.{v['domain']}  公众号：{v['name']}服务\n"
            f"温馨提示：为保障您的账户安全，工作人员不会以任何理由向您索要短信验证码、"
            f"银行卡密码。如遇可疑来电请及时挂断并通过官方渠道核实。\n"
            f"本次服务满意度评价链接将于 24 小时内通过短信发送，感谢您的支持！")


ZH_HISTORY_STEPS = ["创建工单", "客服回复", "用户补充", "升级至二线", "电话回访未接通",
                    "系统自动催办", "工程师已预约上门"]


def zh_history(c, v, d=None):
    if not c.chance(0.5):
        return ""
    d = d or c.dt()
    rows = []
    for _ in range(c.n(2, 4)):
        d = d + timedelta(hours=c.n(3, 60))
        rows.append(f"  {c.zhdate(d, 1)}  {c.p(ZH_HISTORY_STEPS)}（{c.zhname()}）")
    return ("\n\n处理记录：\n" + NL.join(rows)
            + f"\n关联设备：{c.p(v['products'])}  保修状态："
            f"{c.p(['在保', '已过保', '延保中'])}")


EN, ZH = [], []


def en(fn):
    EN.append(fn)
    return fn


def zh(fn):
    ZH.append(fn)
    return fn


# ===========================================================================
# English templates (B2B SaaS: HR/payroll, spend, logistics, devtools)
# ===========================================================================
@en
def en_short_greeting(c, need):
    p = c.person()
    g = c.p(["Hi,", "Hello,", "Hi there,", "Hey,", "Good morning,",
             "Hello team,", "Hi support,", "Dear Support Team,"])
    s = c.p(["Thanks,", "Thank you,", "Cheers,", "Best,", "Regards,", "Thx,",
             "Many thanks,"])
    return f"{g}\n\n{need}{c.XA()}\n\n{s}\n{p.first}"


@en
def en_mobile_oneliner(c, need):
    p = c.person()
    dev = c.p(["Sent from my iPhone", "Sent from my Galaxy",
               "Get Outlook for Android", "Sent from Mail for Windows",
               "Sent from my iPad", "Sent via Superhuman"])
    return f"{need}{c.XA()}\n\n{p.first}\n\n{dev}"


@en
def en_casual_inline(c, need):
    p = c.person()
    co = c.company()
    return (f"hey {c.vendor()['name']} folks - {c.X('', ' ')}{need} "
            f"thx! {p.first} @ {co.name}")


@en
def en_zendesk_email_signature(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"Ticket #{c.n(100000, 999999)} — {c.p(SUBJECTS)}\n"
            f"Requester: {p.full} <{p.email(co.domain, c.n(0, 4))}>\n"
            f"Via: Email · {v['name']} Support · {en_date(d, 0)}\n\n"
            f"Hi {a.first},\n\n{need}\n{c.X('', NL)}\n"
            f"Kind regards,\n\n{p.full}\n{c.title()} | {co.name}\n"
            f"M: {c.phone()}\n{co.addr}\nwww.{co.domain}\n\n"
            f"{c.p(DISCLAIMERS_EN)}")


@en
def en_zendesk_ticket_fields(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    tags = ", ".join(sorted({c.p(['billing', 'urgent', 'enterprise', 'renewal_q3', 'vip', 'api', 'mobile', 'sso', 'churn_risk']) for _ in range(3)}))
    return (f"#{c.n(200000, 899999)} {c.p(SUBJECTS)}\n"
            f"Status: {c.p(['New', 'Open', 'Pending'])}   Priority: "
            f"{c.p(['Low', 'Normal', 'High', 'Urgent'])}   Type: "
            f"{c.p(['Question', 'Incident', 'Problem', 'Task'])}\n"
            f"Requester: {p.full} ({co.name})\n"
            f"Assignee: {a.full} / Tier 1 – {c.p(v['areas'])}\n"
            f"Tags: {tags}\n"
            f"Created: {en_date(d, 2)} UTC\n"
            f"Product: {c.p(v['products'])}\n"
            f"----------------------------------------------\n"
            f"Description:\n{c.X('', ' ')}{need}\n"
            f"----------------------------------------------\n"
            f"Internal note ({a.first}): checked account, plan = "
            f"{c.p(PLANS)}, no open incidents on {v['domain']}."
            + en_quoted_history(c, v, p, d) + en_sla_footer(c, v))


@en
def en_intercom_chat(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    t = c.times(c.dt(), 6, 3, 90)
    bot = f"{v['name']} Bot"
    lines = [f"Conversation with {p.first} {p.last[0]}. · Intercom · "
             f"{en_date(t[0], 1)}",
             f"[{t[0]:%H:%M}] {bot}: Hi {p.first} 👋 What can we help with today?",
             f"[{t[1]:%H:%M}] {p.first}: {need}"]
    if c.x:
        lines.append(f"[{t[2]:%H:%M}] {p.first}: {c.x}")
    lines += [f"[{t[3]:%H:%M}] {bot}: Thanks! A teammate will reply soon. "
              f"Typical reply time: under {c.n(2, 15)} minutes.",
              f"[{t[4]:%H:%M}] {a.first} ({v['name']}): Hey {p.first}, "
              f"{a.first} here – let me take a look at your workspace.",
              f"[{t[5]:%H:%M}] {a.first} ({v['name']}): Could you confirm "
              f"the e-mail you use to sign in?"]
    return NL.join(lines)


@en
def en_salesforce_case(c, need):
    v = c.vendor()
    p, o = c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"Case Number: 00{c.digits(6)}\n"
            f"Account Name: {co.name}\n"
            f"Contact Name: {p.full}\n"
            f"Contact Email: {p.email(co.domain, c.n(0, 4))}\n"
            f"Contact Phone: {c.phone()}\n"
            f"Case Origin: {c.p(['Web', 'Email', 'Phone', 'Partner Portal'])}\n"
            f"Case Record Type: {v['name']} Support\n"
            f"Product: {c.p(v['products'])}\n"
            f"Entitlement: {c.p(PLANS)}\n"
            f"Priority: {c.p(['P1', 'P2', 'P3', 'P4'])}\n"
            f"Subject: {c.p(SUBJECTS)}\n"
            f"Description: {need}{c.XA()}\n"
            f"Case Owner: {o.full}\n"
            f"Date/Time Opened: {d:%m/%d/%Y %I:%M %p}\n"
            f"Milestone: First Response – {c.n(1, 8)}h remaining\n"
            f"Account Tier: {c.p(['Strategic', 'Mid-Market', 'SMB', 'Enterprise'])}"
            f" | ARR: ${c.n(8, 480)},{c.digits(3)}" + en_quoted_history(c, v, p, d)
            + en_sla_footer(c, v))


@en
def en_gorgias_ticket(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return (f"Gorgias · Ticket {c.digits(8)} · "
            f"Channel: {c.p(['Email', 'Contact form', 'Chat', 'Facebook Messenger'])}\n"
            f"Customer: {p.full} · {p.email(co.domain)} · "
            f"{c.n(1, 14)} previous tickets\n"
            f"Integration: {v['name']} Marketplace app\n"
            f"Macro suggestions: [Refund policy] [Where is my order] "
            f"[Escalate to tier 2]\n\n"
            f"{p.first} wrote ({en_date(d, 0)}):\n"
            f"{c.X('', NL)}{need}\n\n"
            f"-- \n" + en_full_signature(c, p, co) + en_quoted_history(c, v, p, d))


@en
def en_helpscout_thread(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d1 = c.dt()
    d2 = d1 + timedelta(hours=c.n(2, 70))
    return (f"Help Scout · Mailbox: support@{v['domain']} · Conversation "
            f"#{c.n(10000, 99999)}\n"
            f"Status: Active · Assigned: {a.full}\n\n"
            f"{p.full} <{p.email(co.domain)}> · {en_date(d2, 0)}\n"
            f"{c.X('', NL + NL)}{need}\n\n"
            f"{a.full} · {en_date(d1, 0)}\n"
            f"Hi {p.first}, thanks for getting in touch. I've gone ahead and "
            f"reset the sync on our side, it should be back within the hour. "
            f"Let me know if anything else comes up!\n"
            f"{a.first} | {c.p(AGENT_TITLES)}, {v['name']}"
            + en_sla_footer(c, v))


@en
def en_kustomer_timeline(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    t = c.times(c.dt(), 5, 60, 3600)
    return (f"KUSTOMER · Customer timeline · {p.full}\n"
            f"Sentiment: {c.p(['Negative', 'Neutral', 'Slightly negative'])}"
            f" · Lifetime conversations: {c.n(1, 40)}\n"
            f"{t[0]:%b %d, %I:%M %p}  Event  Logged in to {v['name']} web app\n"
            f"{t[1]:%b %d, %I:%M %p}  Event  Viewed article "
            f"\"{c.p(['Troubleshooting sync errors', 'Managing admins', 'Billing FAQ', 'Setting up SSO'])}\"\n"
            f"{t[2]:%b %d, %I:%M %p}  SMS    (inbound) {need}\n"
            + (f"{t[3]:%b %d, %I:%M %p}  SMS    (inbound) {c.x}\n" if c.x else "")
            + f"{t[4]:%b %d, %I:%M %p}  Note   {a.first}: queued for "
            f"{c.p(v['areas'])} team, SLA {c.n(1, 24)}h")


@en
def en_gladly_conversation(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    t = c.times(c.dt(), 4, 20, 300)
    return (f"Gladly — {p.full} ({co.name})\n"
            f"Topics: {c.p(v['areas'])}, {c.p(['Account', 'How-to', 'Bug', 'Feedback'])}\n"
            f"Phone: {c.phone()}   Email: {p.email(co.domain, 1)}\n\n"
            f"— Voice call ended · {t[0]:%I:%M %p} · {c.n(1, 9)}m {c.n(0, 59)}s —\n"
            f"{t[1]:%I:%M %p}  Chat · {p.first}\n"
            f"  {c.X('', ' ')}{need}\n"
            f"{t[2]:%I:%M %p}  Chat · {a.first} ({v['name']})\n"
            f"  Thanks {p.first}, I see the call dropped earlier — picking it up "
            f"here.\n"
            f"{t[3]:%I:%M %p}  Task · Follow up with {p.first} in 2 business days")


@en
def en_livechat_transcript(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    t = c.times(c.dt(), 6, 5, 120)
    return (f"LiveChat transcript\nChat ID: {c.alnum(10).upper()}\n"
            f"Visitor: {p.full}  |  Location: {c.p(STREETS)[1]}  |  "
            f"Browser: {c.p(BROWSERS)}\n"
            f"Started on page: {c.url(v['domain'], 'app')}\n\n"
            f"({t[0]:%H:%M:%S}) {a.first}: Welcome to {v['name']}! How can I help?\n"
            f"({t[1]:%H:%M:%S}) {p.first}: hi\n"
            f"({t[2]:%H:%M:%S}) {p.first}: {need}\n"
            + (f"({t[3]:%H:%M:%S}) {p.first}: {c.x}\n" if c.x else "")
            + f"({t[4]:%H:%M:%S}) {a.first}: Let me check that for you, one moment please.\n"
            f"({t[5]:%H:%M:%S}) {a.first}: Thank you for waiting.\n\n"
            f"Chat rating: {c.p(['good', 'bad', 'not rated'])}\n"
            f"Tags: {c.p(v['areas']).lower().replace(' ', '-')}")


@en
def en_discord_channel(c, need):
    v = c.vendor()
    p, q, m = c.person(), c.person(), c.person()
    t = c.times(c.dt(), 5, 20, 600)
    ch = c.p(["#help", "#support-questions", "#general", "#api-and-integrations",
              "#billing-help"])
    return (f"{v['name']} Community Discord › {ch}\n\n"
            f"{q.handle(c.n(1, 99))} — Today at {t[0]:%I:%M %p}\n"
            f"anyone else seeing slow loads on the dashboard?\n\n"
            f"{p.handle(c.n(1, 999))} — Today at {t[1]:%I:%M %p}\n"
            f"{need}\n"
            + (f"{c.x}\n" if c.x else "")
            + f"\n{m.first.lower()}_{v['name'].lower()} [STAFF] — Today at {t[2]:%I:%M %p}\n"
            f"@{p.handle(c.n(1, 9))} can you open a ticket via /support so we "
            f"can look at your account? 🙏\n\n"
            f"{q.handle(c.n(1, 99))} — Today at {t[3]:%I:%M %p}\n"
            f"+1")


@en
def en_teams_shared_channel(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    t = c.times(c.dt(), 3, 60, 900)
    return (f"Microsoft Teams · {co.name.split()[0]} ↔ {v['name']} "
            f"(shared channel) · General\n\n"
            f"{p.full} ({co.name})  {t[0]:%d/%m %H:%M}\n"
            f"@{a.full} {c.X('', ' ')}{need}\n"
            f"  👍 {c.n(1, 4)}\n\n"
            f"{a.full} ({v['name']})  {t[1]:%d/%m %H:%M}\n"
            f"Hi {p.first}, on it — I'll raise it with the {c.p(v['areas'])} "
            f"team and update this thread.\n\n"
            f"{p.full} ({co.name})  {t[2]:%d/%m %H:%M}\n"
            f"Thanks!")


@en
def en_g2_review(c, need):
    v = c.vendor()
    p = c.person()
    k = c.n(1, 4)
    d = c.dt()
    return (f"G2 Review · {c.p(v['products'])}\n"
            f"{c.stars(k)}  {k}.0 / 5\n"
            f"\"{c.p(['Solid core, rough edges', 'Good but support is slow', 'Mixed feelings after a year', 'Not what the sales demo promised'])}\"\n"
            f"Reviewer: {p.first} {p.last[0]}. · {c.title()} · "
            f"{c.p(['Small-Business (50 or fewer emp.)', 'Mid-Market (51-1000 emp.)', 'Enterprise (> 1000 emp.)'])}\n"
            f"Review source: Organic · Validated reviewer · {en_date(d, 1)}\n\n"
            f"What do you like best about {v['name']}?\n"
            f"The UI is clean and onboarding was quick. Reporting is decent.\n\n"
            f"What do you dislike about {v['name']}?\n"
            f"{c.X('', ' ')}{need}\n\n"
            f"What problems is {v['name']} solving and how is that benefiting you?\n"
            f"Replaced spreadsheets for our {c.p(['finance', 'ops', 'people', 'engineering'])} team.\n\n"
            f"Was this review helpful? ({c.n(0, 30)})")


@en
def en_capterra_review(c, need):
    v = c.vendor()
    p = c.person()
    d = c.dt()
    r = [c.n(1, 5) for _ in range(4)]
    return (f"Capterra — {v['name']} reviews\n"
            f"{p.first} {p.last[0]}.  |  {c.p(TITLES)}  |  "
            f"{c.p(['Logistics and Supply Chain', 'Computer Software', 'Hospital & Health Care', 'Retail', 'Construction'])}"
            f"  |  Used the software for: {c.p(['6-12 months', '1-2 years', '2+ years', 'Free trial'])}\n"
            f"Overall Rating {r[0]}/5 · Ease of Use {r[1]}/5 · Customer Service "
            f"{r[2]}/5 · Value for Money {r[3]}/5\n"
            f"Likelihood to recommend: {c.n(0, 10)}/10\n\n"
            f"Comments: {need}{c.XA()}\n\n"
            f"Pros: fast setup, decent mobile app\n"
            f"Cons: see above\n"
            f"Reviewed {en_date(d, 1)}")


@en
def en_appstore_review(c, need):
    v = c.vendor()
    p = c.person()
    a = c.person()
    k = c.n(1, 5)
    d = c.dt()
    store = c.p(["App Store", "Google Play"])
    nick = c.p([p.handle(c.n(1, 99)), p.first, f"{p.first} {p.last[0]}.",
                "Frustrated admin", "ops_guy_" + c.digits(2)])
    return (f"{store} review · {c.p(v['products'])} (v{c.n(3, 9)}.{c.n(0, 30)}.{c.n(0, 9)})\n"
            f"{c.stars(k)}  by {nick} · {d:%b %d, %Y} · {c.p(COUNTRIES)}\n"
            f"{c.p(['Please fix', 'Almost great', 'Used to work fine', 'Meh', 'Good app but'])}\n"
            f"{need}{c.XA()}\n"
            f"{c.n(0, 40)} people found this helpful\n\n"
            f"Developer Response · {(d + timedelta(days=c.n(1, 6))):%b %d, %Y}\n"
            f"Hi there, {a.first} from the {v['name']} team. Sorry for the "
            f"trouble! Please reach out via support@{v['domain']} so we can "
            f"dig in.")


@en
def en_pendo_nps(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    score = c.n(0, 10)
    return (f"Pendo · NPS response\n"
            f"Guide: \"{v['name']} Quarterly NPS – {c.p(['Q1', 'Q2', 'Q3', 'Q4'])}\"\n"
            f"Visitor ID: {p.email(co.domain)}   Account ID: acct_{c.alnum(10)}\n"
            f"Submitted: {en_date(d, 2)}   Page: {c.url(v['domain'], 'app')}\n"
            f"How likely are you to recommend {v['name']} to a colleague? {score}\n"
            f"What is the primary reason for your score?\n"
            f"> {need}{c.XA()}\n"
            f"Segment: {c.p(PLANS)} · Role: {c.title()}")


@en
def en_hotjar_widget(c, need):
    v = c.vendor()
    d = c.dt()
    emo = c.p(["😡 Hate", "🙁 Dislike", "😐 Neutral", "🙂 Like", "😍 Love"])
    return (f"Hotjar Feedback\n"
            f"Date: {en_date(d, 2)}  | Emotion: {emo}\n"
            f"Page URL: {c.url(v['domain'], 'app')}\n"
            f"Device: {c.p(['Desktop', 'Mobile', 'Tablet'])}  | Browser: {c.p(BROWSERS)}\n"
            f"Country: {c.p(COUNTRIES)}  | User ID: {c.n(10000, 999999)}\n"
            f"Message: {need}{c.XA()}\n"
            f"Screenshot: {'yes' if c.chance(0.4) else 'no'}")


@en
def en_gong_call(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    m0 = c.n(0, 3)
    return (f"Gong · {co.name} <> {v['name']} | {c.p(['Renewal check-in', 'Support escalation call', 'Onboarding week 3', 'QBR prep'])}\n"
            f"{en_date(d, 1)} · {c.n(18, 55)} min · Participants: {a.full} "
            f"({v['name']}), {p.full} ({co.name})\n\n"
            f"{m0}:{c.n(10, 59):02d} | {a.full}\nAlright, I think we're all here. "
            f"Thanks for making the time today.\n\n"
            f"{m0 + 1}:{c.n(0, 59):02d} | {p.full}\nYeah, of course. So, um, before "
            f"we get into the roadmap stuff.\n\n"
            f"{m0 + 2}:{c.n(0, 59):02d} | {p.full}\n{need}\n\n"
            + (f"{m0 + 3}:{c.n(0, 59):02d} | {p.full}\n{c.x}\n\n" if c.x else "")
            + f"{m0 + 4}:{c.n(0, 59):02d} | {a.full}\nGot it. Let me write that down "
            f"and I'll loop in our {c.p(v['areas'])} folks after the call.\n\n"
            f"Trackers: Pricing (0) · Competitors (1) · Next steps (2)")


@en
def en_outlook_forward(c, need):
    v = c.vendor()
    p, f, a = c.person(), c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"FYI - see below. Can someone from {v['name']} pick this up?\n\n"
            f"{f.full}\n{c.title()}\n{co.name}\n\n"
            f"From: {p.full} <{p.email(co.domain)}>\n"
            f"Sent: {en_date(d, 4)}\n"
            f"To: {f.full} <{f.email(co.domain, 1)}>\n"
            f"Cc: {a.email(co.domain)}\n"
            f"Subject: {c.p(SUBJECTS)}\n\n"
            f"Hi {f.first},\n\n"
            f"{c.X('', ' ')}{need}\n\n"
            f"Thanks\n" + en_full_signature(c, p, co) + en_quoted_history(c, v, p, d))


@en
def en_reply_quoted_thread(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    tix = c.n(100000, 999999)
    return (f"{need}{c.XA()}\n\n{p.first}\n\n"
            f"On {en_date(d, 0)}, {a.full} <support@{v['domain']}> wrote:\n"
            f"> Hi {p.first},\n"
            f">\n"
            f"> Thanks for reaching out to {v['name']} Support. We've logged "
            f"your request as #{tix}.\n"
            f"> Could you share a screenshot and the approximate time this "
            f"happened?\n"
            f">\n"
            f"> Best,\n"
            f"> {a.first}\n"
            f"> {c.p(AGENT_TITLES)} | {v['name']}\n"
            f">\n"
            f">> On {en_date(d - timedelta(days=c.n(1, 4)), 0)}, {p.full} "
            f"<{p.email(co.domain)}> wrote:\n"
            f">> Hello, we have a problem with our account, please advise.")


@en
def en_csm_forward_quote(c, need):
    v = c.vendor()
    p, a, e = c.person(), c.person(), c.person()
    co = c.company()
    return (f"Hi {e.first},\n\n"
            f"Escalating on behalf of {co.name} ({c.p(PLANS)}, renewal in "
            f"{c.n(2, 11)} weeks). Their {c.title()} {p.full} sent this "
            f"to me directly this morning:\n\n"
            f"> {need}\n"
            + (f"> {c.x}\n" if c.x else "")
            + f"\nCould your team take a look today? Happy to join a call.\n\n"
            f"Thanks,\n{a.full}\n{c.p(AGENT_TITLES)} · {v['name']}\n"
            f"{c.phone()}" + en_sla_footer(c, v))


@en
def en_webhook_json(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return ("{\"event\":\"conversation.created\",\"id\":\"evt_" + c.alnum(14)
            + "\",\"created_at\":\"" + f"{d:%Y-%m-%dT%H:%M:%S}Z"
            + "\",\"data\":{\"channel\":\"" + c.p(["email", "web", "chat", "api"])
            + "\",\"requester\":{\"name\":\"" + jstr(p.full) + "\",\"email\":\""
            + p.email(co.domain) + "\",\"org\":\"" + jstr(co.name)
            + "\"},\"subject\":\"" + jstr(c.p(SUBJECTS))
            + "\",\"body\":\"" + need
            + (" " + c.x if c.x else "")
            + "\\n\\n--\\n" + jstr(p.first) + "\",\"product\":\""
            + jstr(c.p(v["products"])) + "\",\"priority\":null,\"tags\":[\""
            + c.p(["inbound", "api", "needs_triage"]) + "\"]}}")


@en
def en_yaml_export(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return (f"# export generated by {v['name'].lower()}-support-sync v{c.n(1, 4)}.{c.n(0, 9)}\n"
            f"- id: {c.n(1000000, 9999999)}\n"
            f"  created: {d:%Y-%m-%dT%H:%M:%S}Z\n"
            f"  source: {c.p(['freshdesk', 'zendesk', 'email_parser', 'web_form'])}\n"
            f"  requester:\n"
            f"    name: {p.full}\n"
            f"    email: {p.email(co.domain, 2)}\n"
            f"    company: \"{co.name}\"\n"
            f"  product: {c.p(v['products'])}\n"
            f"  body: |\n"
            f"    {c.X('', NL + '    ')}{need}\n"
            f"  csat: ~\n"
            f"  status: {c.p(['open', 'new', 'pending'])}")


@en
def en_keyvalue_log(c, need):
    v = c.vendor()
    d = c.dt()
    return (f"ts={d:%Y-%m-%dT%H:%M:%S}.{c.digits(3)}Z level=info "
            f"svc={v['name'].lower()}-feedback-ingest event=feedback_submitted "
            f"tenant=t_{c.alnum(8)} user_id=u_{c.digits(7)} "
            f"app_version={c.n(3, 9)}.{c.n(0, 40)}.{c.n(0, 9)} "
            f"platform={c.p(['web', 'ios', 'android'])} "
            f"locale={c.p(['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NG'])} "
            f"text=\"{need}{c.XA()}\" sentiment=null trace_id={c.hexs(16)}")


@en
def en_pdf_residue(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    pg = c.n(2, 9)
    return (f"{v['name']} Customer Feedback Digest – {d:%B %Y}        "
            f"Internal / Confidential\n\n"
            f"3.{c.n(1, 6)} Verbatims (unedited)\n"
            f"Account: {co.name}   Contact: {p.full}, {c.title()}\n"
            f"Channel: {c.p(['Email', 'QBR', 'Survey', 'Phone'])}   Sev: "
            f"{c.p(['Low', 'Med', 'High'])}\n\n"
            f"\"{need}\"{c.X(' ')}\n\n"
            f"Owner: {c.p(v['areas'])} PM   Status: tri-\naged\n\n"
            f"{v['name']} Inc. – Internal use only                     "
            f"Page {pg} of {pg + c.n(1, 12)}\n\f")


@en
def en_html_email_leftover(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    return (f"<div dir=\"ltr\"><div style=\"font-family:Calibri,Arial,"
            f"sans-serif;font-size:11pt\">Hello {v['name']} team,<br><br>"
            f"{need}{c.XA()}<br><br>Thank you,<br></div>"
            f"<div class=\"gmail_signature\"><b>{p.full}</b><br>{c.title()}"
            f"<br>{co.name}&nbsp;|&nbsp;{c.phone()}<br><a href=\"https://"
            f"{co.domain}\">{co.domain}</a></div>"
            f"<img src=\"cid:image001.png@01DA{c.hexs(4).upper()}\" width=\"1\""
            f" height=\"1\"></div>")


@en
def en_markdown_issue(c, need):
    v = c.vendor()
    p = c.person()
    return (f"## Summary\n{need}\n\n"
            f"## Environment\n"
            f"- Product: `{c.p(v['products'])}`\n"
            f"- Workspace: `{c.alnum(10)}`\n"
            f"- Browser/OS: {c.p(BROWSERS)}\n\n"
            f"## Steps tried\n"
            f"1. Logged out and back in\n"
            f"2. Checked the [status page](https://status.{v['domain']})\n"
            f"3. {c.p(['Cleared cache', 'Asked a teammate to retry', 'Tried the mobile app'])}\n\n"
            + (f"## Notes\n{c.x}\n\n" if c.x else "")
            + f"_Submitted by @{p.handle(c.n(1, 99))} via the {v['name']} "
            f"in-app bug reporter_")


@en
def en_status_page_followup(c, need):
    v = c.vendor()
    p = c.person()
    d = c.dt()
    co = c.company()
    return (f"Hi,\n\nI saw the incident posted on {c.url(v['domain'], 'status')} "
            f"on {en_date(d, 1)} and it says resolved, which is fine. "
            f"{need}{c.XA()} Let me know.\n\n" + en_full_signature(c, p, co)
            + en_quoted_history(c, v, p, d))


@en
def en_auto_ack_sla(c, need):
    v = c.vendor()
    p = c.person()
    tix = f"{v['name'][:2].upper()}-{c.n(100000, 999999)}"
    return (f"[{v['name']} Support] Request received: {tix}\n\n"
            f"Hi {p.first},\n\nThis is an automated confirmation that we have "
            f"received your request. A member of our team will respond "
            f"according to your plan's service levels.\n\n"
            f"Your message:\n--------------------\n{need}{c.XA()}\n"
            f"--------------------\n\n"
            f"Plan: {c.p(PLANS)}\n"
            f"First response target: {c.p(['1 business hour', '4 business hours', '8 business hours', '24 hours'])}\n"
            f"Support hours: Mon–Fri 08:00–20:00 (your local time)\n"
            f"Track this request: https://support.{v['domain']}/requests/"
            f"{tix.split('-')[1]}\n"
            f"System status: https://status.{v['domain']}\n\n"
            f"Please do not reply below this line." + en_sla_footer(c, v))


@en
def en_csat_survey(c, need):
    v = c.vendor()
    p = c.person()
    d = c.dt()
    rating = c.p(["Bad, I'm unsatisfied", "Okay", "Good, I'm satisfied"])
    return (f"{v['name']} CSAT survey response · Ticket #{c.n(100000, 999999)}\n"
            f"Respondent: {p.full} · {en_date(d, 2)}\n"
            f"Q1. How would you rate the support you received? "
            f"{rating}\n"
            f"Q2. Was your issue resolved? {c.p(['Yes', 'No', 'Partially'])}\n"
            f"Q3. Is there anything else you'd like us to know?\n"
            f"A: {c.X('', ' ')}{need}\n"
            f"Q4. May we contact you about your feedback? "
            f"{c.p(['Yes', 'No'])}")


@en
def en_community_forum(c, need):
    v = c.vendor()
    p, r, s = c.person(), c.person(), c.person()
    d = c.dt()
    return (f"{v['name']} Community › {c.p(v['areas'])} › "
            f"{c.p(['Ask a question', 'Troubleshooting', 'How-to'])}\n"
            f"Posted by {p.handle(c.n(1, 999))} · {en_date(d, 1)} · "
            f"{c.n(0, 25)} replies · {c.n(10, 3000)} views\n\n"
            f"{c.p(['Anyone else?', 'Help!', 'Question', 'Not sure where to ask'])}\n\n"
            f"{c.X('', ' ')}{need}\n\n"
            f"Tags: #{c.p(v['areas']).lower().replace(' ', '-')} #question\n"
            f"—\nReply from {r.handle(c.n(1, 99))} (Community Champion ⭐):\n"
            f"I'd open a ticket for this one, admins can't see it from the UI.\n"
            f"—\nReply from {s.first} ({v['name']} Staff): Thanks for flagging, "
            f"DM'd you.")


@en
def en_partner_escalation_form(c, need):
    v = c.vendor()
    p, pm = c.person(), c.person()
    co = c.company()
    partner = c.p(PARTNERS)
    return (f"PARTNER ESCALATION FORM\n"
            f"Partner: {partner}\n"
            f"Partner contact: {pm.full} ({pm.email(ascii_slug(partner.split()[0]) + '.com')})\n"
            f"End customer: {co.name}\n"
            f"End-customer contact: {p.full}, {c.title()}\n"
            f"Product(s): {c.p(v['products'])}\n"
            f"Business impact: {c.p(['Blocking', 'Degraded', 'Cosmetic', 'Unknown'])}\n"
            f"Customer's words (verbatim): \"{need}\"\n"
            f"Partner notes: {c.x if c.x else 'Reproduced in their sandbox, not in ours.'}\n"
            f"Requested callback: {c.p(['Yes', 'No'])} · {c.phone()}")


@en
def en_voicemail(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    phone = c.phone()
    return (f"New voicemail for {v['name']} Support ({c.p(['US', 'EMEA', 'APAC'])} line)\n"
            f"From: {phone}   Received: {en_date(d, 0)}   Duration: "
            f"0:{c.n(18, 59)}\n"
            f"Transcription (auto, confidence {c.n(62, 97)}%):\n"
            f"\"Hi, this is {p.first} from {co.name.split()[0]}, um, {need} "
            f"{c.X('', ' ')}you can call me back on this number. Thanks, bye.\"\n"
            f"Listen: https://voice.{v['domain']}/vm/{c.alnum(10)}")


@en
def en_whatsapp_business(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    d = c.dt()
    return (f"WhatsApp Business · {v['name']} Support\n"
            f"[{d:%d/%m/%Y, %H:%M}] {p.full}: Hello\n"
            f"[{d:%d/%m/%Y, %H:%M}] {p.full}: {need}\n"
            + (f"[{d:%d/%m/%Y, %H:%M}] {p.full}: {c.x}\n" if c.x else "")
            + f"[{(d + timedelta(minutes=c.n(1, 40))):%d/%m/%Y, %H:%M}] "
            f"{v['name']}: Hi {p.first}, this is {a.first}. Thanks for your "
            f"message. Our team is online Mon–Fri 9:00–18:00.\n"
            f"<Media omitted>")


@en
def en_jira_sm(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    key = f"{v['name'][:3].upper()}SD-{c.n(1000, 9999)}"
    return (f"{key} | {c.p(SUBJECTS)}\n"
            f"Request type: {c.p(['Report a bug', 'Get IT help', 'Billing question', 'Technical support'])}\n"
            f"Reporter: {p.full} ({co.name})   Assignee: {a.full}\n"
            f"Status: WAITING FOR SUPPORT   Time to first response: "
            f"{c.n(0, 7)}h {c.n(0, 59)}m\n"
            f"Components: {c.p(v['areas'])}\n"
            f"Linked issues: relates to {v['name'][:3].upper()}-{c.n(10000, 99999)}\n\n"
            f"*Description*\n{need}\n{c.X('', NL)}\n"
            f"{{panel:title=Environment}}{c.p(BROWSERS)}{{panel}}\n"
            f"Attachment: screenshot-{c.digits(4)}.png" + en_sla_footer(c, v))


@en
def en_csv_row(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return ("ticket_id,created_at,channel,requester,org,product,body,status\n"
            f"{c.n(100000, 999999)},{d:%Y-%m-%d %H:%M},"
            f"{c.p(['email', 'chat', 'phone', 'web'])},\"{p.full}\","
            f"\"{co.name}\",\"{c.p(v['products'])}\","
            f"\"{need}{c.XA()}\",{c.p(['open', 'new', 'pending', 'solved'])}")


@en
def en_qbr_notes(c, need):
    v = c.vendor()
    p, a, q = c.person(), c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"QBR notes — {co.name} — {en_date(d, 3)}\n"
            f"Attendees: {p.full} ({c.title()}), {q.full} ({c.title()}), "
            f"{a.full} (CSM, {v['name']})\n\n"
            f"Agenda\n1. Adoption review ({c.n(40, 98)}% WAU)\n"
            f"2. Roadmap: {c.p(v['products'])}\n3. Open issues\n\n"
            f"Open issues raised by customer\n"
            f"- {need}\n"
            + (f"- {c.x}\n" if c.x else "")
            + f"- Wants a named contact for invoices\n\n"
            f"Action items\n"
            f"[ ] {a.first}: follow up within 48h\n"
            f"[ ] {p.first}: send list of admins\n"
            f"Health score: {c.p(['🟢 Green', '🟡 Yellow', '🔴 Red'])}")


@en
def en_bot_menu(c, need):
    v = c.vendor()
    p = c.person()
    return (f"{v['name']} Assistant: Hi! Choose a topic:\n"
            f"  1) {v['areas'][0]}\n  2) {v['areas'][1]}\n  3) {v['areas'][2]}\n"
            f"  4) Something else\n"
            f"{p.first}: 4\n"
            f"{v['name']} Assistant: No problem. In a sentence, what do you "
            f"need help with?\n"
            f"{p.first}: {need}\n"
            f"{v['name']} Assistant: I found 3 articles that might help. Did any"
            f" of these answer your question? [Yes] [No, talk to a human]\n"
            f"{p.first}: No, talk to a human\n"
            + (f"{p.first}: {c.x}\n" if c.x else "")
            + f"{v['name']} Assistant: Connecting you to an agent… estimated wait "
            f"{c.n(2, 25)} min.")


@en
def en_inapp_mobile_feedback(c, need):
    v = c.vendor()
    p = c.person()
    return (f"{c.X('', ' ')}{need}\n\n"
            f"---\nSent from {c.p(v['products'])} for "
            f"{c.p(['iOS', 'Android'])} {c.n(3, 9)}.{c.n(0, 30)}.{c.n(0, 9)} "
            f"(build {c.n(1000, 9999)})\nDevice: {c.p(DEVICES)}\n"
            f"User: {p.email(v['domain'].split('.')[0] + '-customer.com', 3)}\n"
            f"Network: {c.p(['Wi-Fi', '5G', 'LTE', '4G'])} · Battery "
            f"{c.n(5, 100)}%")


@en
def en_web_form(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return (f"New submission: \"Contact Support\" form ({v['domain']})\n\n"
            f"Full name: {p.full}\n"
            f"Work email: {p.email(co.domain, c.n(0, 4))}\n"
            f"Company: {co.name}\n"
            f"Company size: {c.p(['1-10', '11-50', '51-200', '201-1000', '1000+'])}\n"
            f"Phone: {c.phone()}\n"
            f"Topic: {c.p(v['areas'])}\n"
            f"How can we help?: {need}{c.XA()}\n"
            f"I agree to the privacy policy: ✓\n\n"
            f"Submitted {en_date(d, 2)} · utm_source="
            f"{c.p(['google', 'newsletter', 'g2', 'linkedin', '(direct)'])} · IP "
            f"{c.n(11, 223)}.{c.n(0, 255)}.{c.n(0, 255)}.{c.n(1, 254)}")


@en
def en_typeform_tsv(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return ("#\tSubmitted At\tEmail\tRole\tHow easy was it to get help? "
            "(1-7)\tWhat would you change?\tNetwork ID\n"
            f"{c.n(1, 2000)}\t{d:%Y-%m-%d %H:%M:%S}\t{p.email(co.domain)}\t"
            f"{c.title()}\t{c.n(1, 7)}\t{c.X('', ' ')}{need}\t{c.hexs(10)}\n"
            f"\n(export: {v['name']} Onboarding Survey, {c.n(100, 900)} responses)")


@en
def en_internal_case_note(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"Internal note · {a.full} · {en_date(d, 0)}\n"
            f"Spoke with {p.full} ({co.name}) on the phone for ~{c.n(3, 25)} "
            f"mins. Customer stated: \"{need}\"{c.X(' Also mentioned: ')}\n"
            f"Checked {c.p(v['products'])} logs – nothing obvious. Moving to "
            f"tier 2 (@{c.person().first.lower()}).\n"
            f"Customer callback number: {c.phone()}")


@en
def en_onboarding_checklist(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    return (f"Onboarding checklist – {co.name} ({c.p(v['products'])})\n"
            f"[x] Kickoff call\n[x] SSO configured\n[x] Data import "
            f"({c.n(40, 4000)} records)\n[ ] Admin training\n[ ] Go-live sign-off\n\n"
            f"Comments (2)\n"
            f"{a.full}: Reminder that training is booked for next "
            f"{c.p(['Tuesday', 'Wednesday', 'Thursday'])}.\n"
            f"{p.full}: {need}{c.XA()}")


@en
def en_freshdesk_side_convo(c, need):
    v = c.vendor()
    p, a, b = c.person(), c.person(), c.person()
    co = c.company()
    return (f"Freshdesk · Ticket #{c.n(10000, 99999)} · {co.name}\n"
            f"Original message from {p.full}:\n"
            f"{c.X('', ' ')}{need}\n\n"
            f"── Side conversation ──────────────\n"
            f"{a.first} → {b.first} ({c.p(v['areas'])} eng): Can you check "
            f"tenant {c.alnum(8)}? Looks like the same bug as last sprint.\n"
            f"{b.first}: Will look after standup.\n"
            f"───────────────────────────────────\n"
            f"Group: {c.p(['Tier 1', 'Tier 2', 'Billing', 'Enterprise'])} · "
            f"Source: {c.p(['Email', 'Portal', 'Phone'])} · Due by: "
            f"{en_date(c.dt(), 2)}" + en_quoted_history(c, v, p, c.dt()))


@en
def en_helpscout_beacon(c, need):
    v = c.vendor()
    p = c.person()
    t = c.times(c.dt(), 4, 30, 400)
    pages = [c.url(v['domain'], 'app') for _ in range(3)]
    return (f"Beacon message from {p.full}\n\n{need}\n{c.X('', NL)}\n"
            f"Previous pages viewed:\n"
            f"  {t[0]:%H:%M} {pages[0]}\n"
            f"  {t[1]:%H:%M} https://help.{v['domain']}/article/"
            f"{c.n(100, 999)}-{c.p(['reset-password', 'add-users', 'export-data', 'billing-cycles'])}\n"
            f"  {t[2]:%H:%M} {pages[1]}\n"
            f"  {t[3]:%H:%M} {pages[2]}\n"
            f"Browser: {c.p(BROWSERS)}")


@en
def en_telemetry_jsonl(c, need):
    v = c.vendor()
    d = c.dt()
    uid = c.alnum(10)
    return ("{\"ts\":\"" + f"{d:%Y-%m-%dT%H:%M:%S}Z" + "\",\"uid\":\"" + uid
            + "\",\"event\":\"page_view\",\"path\":\"/" + c.p(["billing", "settings", "runs", "loads"]) + "\"}\n"
            "{\"ts\":\"" + f"{(d + timedelta(seconds=c.n(5, 90))):%Y-%m-%dT%H:%M:%S}Z" + "\",\"uid\":\"" + uid
            + "\",\"event\":\"help_widget_open\"}\n"
            "{\"ts\":\"" + f"{(d + timedelta(seconds=c.n(100, 300))):%Y-%m-%dT%H:%M:%S}Z" + "\",\"uid\":\"" + uid
            + "\",\"event\":\"help_search\",\"query\":\"" + need + "\",\"results\":"
            + str(c.n(0, 8)) + ",\"app\":\"" + v["name"].lower() + "-web\"}"
            + ("\n{\"event\":\"feedback_note\",\"text\":\"" + jstr(c.x) + "\"}" if c.x else ""))


@en
def en_teams_call_recap(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"Meeting recap (Teams Premium AI notes – may be inaccurate)\n"
            f"{co.name} weekly sync · {en_date(d, 1)} · {c.n(15, 45)} min\n\n"
            f"Follow-up tasks\n"
            f"• {a.full} to check invoice routing\n\n"
            f"Notes\n"
            f"• {p.first} opened by saying the rollout is going well overall.\n"
            f"• {p.first} said, quote, \"{need}\"{c.X(' ')}\n"
            f"• {a.first} will confirm next steps with the {v['name']} "
            f"{c.p(v['areas'])} team.\n\n"
            f"Recording: https://{ascii_slug(co.name.split()[0])}.sharepoint.com/"
            f"recordings/{c.alnum(12)}")


@en
def en_short_urgent(c, need):
    p = c.person()
    return (f"URGENT – {need}{c.XA()}\nPlease call me: {c.phone()}\n"
            f"{p.first} {p.last}")


@en
def en_mid_paragraph(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    opener = c.p([
        f"We rolled {c.p(v['products'])} out to the {c.p(['Denver', 'Leeds', 'Pune', 'Lagos', 'Osaka'])} office last month and people mostly like it.",
        "Our team moved over from spreadsheets in spring and it's been a big improvement.",
        f"I just came back from two weeks of leave and I'm catching up on everything {v['name']}-related.",
        "Quick context: I took over admin duties from a colleague who left."])
    return (f"Hello,\n\n{opener} {need}{c.XA()} Any pointers would be "
            f"appreciated.\n\nBest regards,\n" + en_full_signature(c, p, co)
            + en_quoted_history(c, v, p, c.dt()))


@en
def en_twitter_dm(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    d = c.dt()
    return (f"X (Twitter) DM · @{v['name']}Help ↔ @{p.handle(c.n(1, 99))}\n"
            f"{d:%b %d, %Y, %I:%M %p}\n"
            f"@{p.handle(c.n(1, 9))}: {need}{c.XA()}\n"
            f"@{v['name']}Help: Hi there! Sorry to hear this. Could you DM us "
            f"the email on your account? ^{a.initials}")


@en
def en_outlook_reply_chain_bottom(c, need):
    v = c.vendor()
    p, a = c.person(), c.person()
    co = c.company()
    d = c.dt()
    return (f"Hi {p.first},\n\nJust checking in — did the steps below help? "
            f"If we don't hear back in 3 days this ticket will auto-close.\n\n"
            f"Best,\n{a.full}\n{v['name']} Support\n\n"
            f"________________________________\n"
            f"From: {p.full} <{p.email(co.domain)}>\n"
            f"Sent: {en_date(d, 4)}\n"
            f"To: support@{v['domain']}\n"
            f"Subject: {c.p(SUBJECTS)}\n\n"
            f"{c.X('', NL)}{need}\n\n"
            f"{p.first}\n{c.title()} | {co.name}\n{co.addr}" + en_sla_footer(c, v))


@en
def en_sms_support(c, need):
    v = c.vendor()
    p = c.person()
    d = c.dt()
    return (f"SMS · {c.phone()} → {v['name']} Support · {d:%m/%d %I:%M %p}\n"
            f"{need}{c.XA()}\n"
            f"-- auto-reply sent: \"Thanks {p.first}! We got your text. Reply "
            f"STOP to opt out.\"")


@en
def en_invoice_dispute_email(c, need):
    v = c.vendor()
    p = c.person()
    co = c.company()
    d = c.dt()
    return (f"Subject: Invoice INV-{d:%Y}-{c.n(1000, 9999)} – {co.name}\n\n"
            f"Dear {v['name']} Accounts Receivable,\n\n"
            f"Regarding the invoice dated {en_date(d, 3)} (PO {c.n(450000, 459999)}"
            f"), amount {c.p(['USD', 'EUR', 'GBP', 'INR', 'AUD'])} "
            f"{c.n(1, 90)},{c.digits(3)}.{c.digits(2)}:\n\n"
            f"{need}{c.XA()}\n\n"
            f"Please reference our vendor ID V-{c.digits(6)} in any reply.\n\n"
            f"Yours faithfully,\n{p.full}\n{c.title()}\n{co.name}\n"
            f"{co.street}\n{co.city}\n{co.country}\n"
            f"Tel {c.phone()}\n\n{c.p(DISCLAIMERS_EN)}")


# ===========================================================================
# Chinese templates (smart home / EV / e-commerce)
# ===========================================================================
@zh
def zh_short_greeting(c, need):
    g = c.p(["你好，", "您好，", "客服你好，", "在吗？", "你好呀，", "hi，"])
    s = c.p(["谢谢！", "谢谢～", "麻烦了。", "多谢。", "感谢！"])
    return f"{g}{need}{c.XA()}{s}"


@zh
def zh_short_signed(c, need):
    v = c.zhvendor()
    return (f"{need}\n{c.X('', NL)}\n—— {c.zhname()}（{v['short']}用户）\n"
            f"{c.p(['发自我的iPhone', '发自华为手机', '来自小米手机', '来自网易邮箱大师'])}")


@zh
def zh_wecom_group(c, need):
    v = c.zhvendor()
    cust, agent, other = c.zhname(), c.zhname(), c.zhname()
    t = c.times(c.dt(), 5, 20, 600)
    return (f"【企业微信·客户群】{v['short']}VIP服务群（{c.n(30, 480)}人）\n"
            f"{t[0]:%H:%M} {other}：群里有人用过新出的固件吗\n"
            f"{t[1]:%H:%M} {cust}：@{v['short']}客服-{agent} {need}\n"
            + (f"{t[2]:%H:%M} {cust}：{c.x}\n" if c.x else "")
            + f"{t[3]:%H:%M} {v['short']}客服-{agent}：收到～已私聊您，麻烦提供一下"
            f"{c.p(['设备SN', '订单号', '车架号后六位', '注册手机号'])}\n"
            f"{t[4]:%H:%M} {other}：[表情]")


@zh
def zh_dingtalk_ticket_notice(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"【钉钉·工单通知】\n"
            f"您有一条新的待处理工单，请及时跟进。\n"
            f"工单编号：GD{d:%Y%m%d}{c.digits(5)}\n"
            f"提交人：{c.zhname()}（{c.p(['门店', '区域服务中心', '渠道商', '呼叫中心'])}）\n"
            f"客户手机：{c.zhphone(True)}\n"
            f"产品：{c.p(v['products'])}\n"
            f"问题描述：{need}{c.XA()}\n"
            f"紧急程度：{c.p(['一般', '紧急', '非常紧急'])}\n"
            f"截止时间：{c.zhdate(d + timedelta(hours=c.n(4, 48)), 1)}\n"
            f"[查看详情] [转交] [驳回]")


@zh
def zh_feishu_thread(c, need):
    v = c.zhvendor()
    a, b, pm = c.zhname(), c.zhname(), c.zhname()
    t = c.times(c.dt(), 4, 60, 1800)
    return (f"飞书 · {v['short']}用户之声 群\n"
            f"{a} {t[0]:%m月%d日 %H:%M}\n"
            f"转一条用户原话，{c.p(['来自小程序反馈', '来自400回访', '来自门店', '来自社群'])}：\n"
            f"「{need}」{c.X()}\n"
            f"  {pm}：这个我们排一下，先记到需求池\n"
            f"  {b}：+1，上周也有类似的\n"
            f"{a} {t[3]:%H:%M} 已建需求单 https://{v['domain'].split('.')[0]}.feishu.cn/"
            f"base/{c.alnum(12)}")


@zh
def zh_cs_ticket_export(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"客服工单详情\n"
            f"工单号：{c.p(['KF', 'WO', 'CS'])}{d:%Y%m%d}{c.digits(6)}\n"
            f"创建时间：{c.zhdate(d, 1)}\n"
            f"来源渠道：{c.p(['在线客服', '400热线', 'App内反馈', '小程序', '邮件', '门店转入'])}\n"
            f"客户姓名：{c.zhname()}\n"
            f"联系电话：{c.zhphone()}\n"
            f"所在地区：{c.p(ZH_CITIES)}\n"
            f"产品型号：{c.p(v['products'])}\n"
            f"一级分类：{c.p(['咨询', '投诉', '建议', '故障报修'])}  二级分类：待定\n"
            f"问题描述：\n{c.X('', NL)}{need}\n"
            f"处理状态：{c.p(['待受理', '处理中', '待回访'])}\n"
            f"处理人：{c.zhname()}（{c.p(ZH_TITLES)}）\n"
            f"备注：客户情绪{c.p(['平稳', '较激动', '一般'])}，已安抚"
            + zh_history(c, v, d) + zh_service_footer(c, v))


@zh
def zh_aftersales_order(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"售后服务单\n"
            f"售后单号：SH{d:%Y%m%d}{c.digits(5)}   关联订单：{c.order()}\n"
            f"商品：{c.p(v['products'])}   SN：{c.alnum(4).upper()}{c.digits(10)}\n"
            f"申请类型：{c.p(['退货', '换货', '维修', '仅咨询'])}\n"
            f"申请原因：{c.p(['质量问题', '使用问题', '其他'])}\n"
            f"用户描述：{need}{c.XA()}\n"
            f"凭证图片：{c.n(0, 6)} 张\n"
            f"收货地址：{c.zhaddr()}\n"
            f"联系人：{c.zhname()} {c.zhphone(True)}\n"
            f"审核意见：{c.p(['待审核', '已同意，等待寄回', '需补充材料'])}"
            + zh_history(c, v, d) + zh_service_footer(c, v))


@zh
def zh_400_call_transcript(c, need):
    v = c.zhvendor()
    agent = c.n(1000, 9999)
    t0 = c.n(2, 6)
    return (f"400 电话录音转写（自动）  主叫：{c.zhphone(True)}  坐席工号："
            f"{agent}  时长：0{c.n(1, 9)}:{c.n(10, 59)}\n"
            f"[00:00:0{t0}] 坐席：您好，{v['name']}客服中心，工号{agent}，"
            f"很高兴为您服务，请问有什么可以帮您？\n"
            f"[00:00:{t0 + c.n(4, 9):02d}] 客户：喂，你好。\n"
            f"[00:00:{t0 + c.n(11, 18):02d}] 客户：{need}\n"
            + (f"[00:00:{t0 + c.n(20, 28):02d}] 客户：{c.x}\n" if c.x else "")
            + f"[00:00:{t0 + c.n(30, 40):02d}] 坐席：好的，您别着急，我这边先帮您登记一下，"
            f"麻烦提供一下您的手机号码。\n"
            f"[00:00:{t0 + c.n(42, 50):02d}] 客户：嗯，就是这个号码。\n"
            f"（ASR 置信度：0.{c.n(70, 97)}；静音占比：{c.n(5, 30)}%）"
            + zh_history(c, v))


@zh
def zh_voicemail(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"【语音留言转文字】{c.zhdate(d, 0)} 来电 {c.zhphone(False)}\n"
            f"\"喂，你好，我是{c.zhname()[0]}先生/女士，那个……{need}"
            f"{c.XA()}麻烦回个电话，谢谢。\"\n"
            f"（{v['name']}语音信箱 · 时长 {c.n(12, 58)} 秒）")


@zh
def zh_miniprogram_feedback(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"小程序反馈\n"
            f"反馈类型：{c.p(['功能建议', '使用问题', '产品故障', '其他'])}\n"
            f"反馈内容：{need}{c.XA()}\n"
            f"联系方式：{c.zhphone(True)}\n"
            f"提交时间：{c.zhdate(d, 1)}\n"
            f"机型：{c.p(ZH_PHONES)}  微信版本：8.0.{c.n(30, 49)}  "
            f"基础库：3.{c.n(0, 5)}.{c.n(0, 9)}\n"
            f"页面路径：pages/{c.p(['device', 'order', 'mine', 'service'])}/"
            f"{c.p(['detail', 'index', 'list'])}?id={c.digits(8)}\n"
            f"小程序：{v['name']}服务+")


@zh
def zh_appstore_review(c, need):
    v = c.zhvendor()
    k = c.n(1, 5)
    d = c.dt()
    return (f"{c.p(ZH_APPSTORES)} · {v['app']} 用户评论\n"
            f"{c.stars(k)}  {c.zhnick()}  {c.zhdate(d, 3)}  版本 "
            f"{c.n(3, 8)}.{c.n(0, 20)}.{c.n(0, 9)}\n"
            f"{c.p(['体验一般', '希望改进', '差评', '还行吧', '求优化'])}\n"
            f"{need}{c.XA()}\n"
            f"有用（{c.n(0, 200)}）\n"
            f"开发者回复：亲爱的用户您好，感谢您的反馈！相关问题已同步给产品团队，"
            f"如需进一步协助请在 App 内「我的-帮助与反馈」联系我们。")


@zh
def zh_weibo_comment(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"@{v['name']}官方微博 {c.zhdate(d, 2)} {d:%H:%M} 来自 "
            f"{c.p(ZH_PHONES)}\n"
            f"{c.p(['新品发布会', '双11福利', '系统升级公告', '用户共创计划'])}"
            f"｜转发抽{c.n(3, 20)}位送{c.p(v['products'])}！\n"
            f"转发 {c.n(50, 9000)}  评论 {c.n(20, 3000)}  赞 {c.n(100, 50000)}\n"
            f"——热门评论——\n"
            f"{c.zhnick()}：{need}{c.XA()} #{v['short']}#\n"
            f"    ↳ {v['name']}客服：您好，已私信您，请查收～ 赞 {c.n(0, 80)}")


@zh
def zh_xiaohongshu_note(c, need):
    v = c.zhvendor()
    return (f"小红书 · 笔记《{c.p(['入手一个月真实测评', '避坑指南', '用了半年说说感受', '新家装修清单'])}"
            f"｜{c.p(v['products'])}》\n"
            f"作者：{c.zhnick()}  ❤️ {c.n(50, 9999)}  ⭐ {c.n(10, 3000)}  "
            f"💬 {c.n(5, 800)}\n\n"
            f"评论区\n"
            f"{c.zhnick()}：蹲一个后续\n"
            f"{c.zhnick()}：{c.X('', ' ')}{need}\n"
            f"    作者回复：私信你啦～\n"
            f"{c.zhnick()}：同问 👀")


@zh
def zh_bilibili_comment(c, need):
    v = c.zhvendor()
    return (f"B站 · BV1{c.alnum(9)} 【{v['short']}】"
            f"{c.p(['开箱上手', '深度评测', '拆解', '一周体验'])}：{c.p(v['products'])}\n"
            f"播放 {c.n(1, 90)}.{c.n(0, 9)}万 · 弹幕 {c.n(100, 9000)}\n"
            f"评论（{c.n(100, 5000)}）· 按热度排序\n"
            f"{c.zhnick()}  LV{c.n(2, 6)}\n"
            f"{need}{c.XA()}\n"
            f"{c.zhdate(c.dt(), 3)}  👍 {c.n(0, 3000)}  回复({c.n(0, 99)})\n"
            f"UP主觉得很赞")


@zh
def zh_douyin_live(c, need):
    v = c.zhvendor()
    lines = [f"【抖音直播间评论导出】{v['name']}官方旗舰店 · 场次 "
             f"{c.zhdate(c.dt(), 3)}",
             f"{c.zhnick()}：主播讲一下{c.p(v['products'])}",
             f"{c.zhnick()}：已下单",
             f"{c.zhnick()}：{need}",
             f"{c.zhnick()}：来了来了"]
    if c.x:
        lines.insert(4, f"{c.zhnick()}：{c.x}")
    lines.append(f"（本场共 {c.n(2000, 90000)} 条评论，已筛选 {len(lines) - 1} 条）")
    return NL.join(lines)


@zh
def zh_survey(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"{v['name']}用户满意度调研（答卷编号 {c.n(10000, 99999)}）\n"
            f"提交时间：{c.zhdate(d, 1)}  来源：{c.p(['短信链接', '公众号', 'App弹窗', '邮件'])}\n"
            f"Q1. 您使用的产品是？ {c.p(v['products'])}\n"
            f"Q2. 您对本次服务的整体满意度（1-5分）： {c.n(1, 5)}\n"
            f"Q3. 您最不满意的方面是？（多选） "
            f"{c.p(['响应速度', '专业程度', '处理结果'])}；{c.p(['服务态度', '其他'])}\n"
            f"Q4. 您还有什么想对我们说的？\n"
            f"答：{c.X('', ' ')}{need}\n"
            f"Q5. 是否愿意接受回访？ {c.p(['是', '否'])}")


@zh
def zh_nps(c, need):
    v = c.zhvendor()
    return (f"NPS｜您有多大可能向亲友推荐{v['app']}？ {c.n(0, 10)} 分\n"
            f"打分原因：{need}{c.XA()}\n"
            f"用户ID：{c.digits(9)}  城市：{c.p(ZH_CITIES)}  "
            f"会员等级：{c.p(['普通', '银卡', '金卡', '黑卡'])}")


@zh
def zh_email_disclaimer(c, need):
    v = c.zhvendor()
    name = c.zhname()
    co = c.zhcompany()
    return (f"尊敬的{v['name']}客服团队：\n\n您好！\n\n"
            f"{need}{c.XA()}\n\n"
            f"此致\n敬礼！\n\n{name}\n{c.p(ZH_TITLES)}｜{co}\n"
            f"电话：{c.zhphone(False)}\n地址：{c.zhaddr()}\n\n"
            f"{c.p(DISCLAIMERS_ZH)}")


@zh
def zh_email_forward(c, need):
    v = c.zhvendor()
    s, r = c.zhname(), c.zhname()
    d = c.dt()
    return (f"{r}，这个客户的问题你这边跟一下，谢谢。\n\n"
            f"-----原始邮件-----\n"
            f"发件人：{s} <{c.alnum(6)}@{c.p(['qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com'])}>\n"
            f"发送时间：{c.zhdate(d, 0)}（{c.zhweek(d)}）\n"
            f"收件人：service@{v['domain']}\n"
            f"主题：{c.p(['咨询', '求助', '问题反馈', '关于我的设备', '关于售后'])}\n\n"
            f"{c.X('', NL)}{need}\n\n{s}" + zh_service_footer(c, v))


@zh
def zh_email_reply_quote(c, need):
    v = c.zhvendor()
    s, a = c.zhname(), c.zhname()
    d = c.dt()
    return (f"{need}{c.XA()}\n\n{s}\n\n"
            f"在 {c.zhdate(d, 0)}，{v['name']}客服 <service@{v['domain']}> 写道：\n"
            f"> 尊敬的用户您好：\n"
            f"> 感谢您联系{v['name']}，您的问题已记录（工单号 "
            f"{c.p(['KF', 'CS'])}{c.digits(12)}）。\n"
            f"> 为了更快为您处理，请回复设备序列号及购买凭证截图。\n"
            f"> \n"
            f"> {v['name']}客户服务中心 {a}\n"
            f"> 本邮件由系统发送，工作时间 9:00-21:00"
            + zh_service_footer(c, v).replace(NL, NL + "> "))


@zh
def zh_meeting_minutes(c, need):
    v = c.zhvendor()
    d = c.dt()
    names = "、".join(c.zhname() for _ in range(c.n(3, 6)))
    return (f"会议纪要\n"
            f"会议主题：{v['short']}{c.p(['用户体验周会', '客诉复盘会', '版本评审会', '服务质量月会'])}\n"
            f"时间：{c.zhdate(d, 0)}  地点：{c.p(['3楼 大会议室', '线上（飞书会议）', '2号楼 B-204'])}\n"
            f"参会人：{names}\n"
            f"记录人：{c.zhname()}\n\n"
            f"一、上期行动项回顾\n  1. 固件 {c.n(1, 4)}.{c.n(0, 9)} 灰度已完成 {c.n(10, 100)}%\n"
            f"二、用户反馈 Top 问题\n"
            f"  1. 客户原话：\"{need}\"{c.X()}\n"
            f"  2. 部分用户反映配网流程过长\n"
            f"三、行动项\n"
            f"  - {c.zhname()}：本周内给出方案（{c.zhdate(d + timedelta(days=5), 2)}前）\n"
            f"  - {c.zhname()}：输出 FAQ 话术"
            + (f"\n四、其他\n  - 下次会议时间：{c.zhdate(d + timedelta(days=7), 0)}\n"
               f"  - 会议材料见飞书文档 https://{v['domain'].split('.')[0]}.feishu.cn/docx/{c.alnum(14)}\n"
               f"  - 本纪要如有遗漏或错误，请在 24 小时内回复补充，逾期视为确认。" if c.chance(0.6) else ""))


@zh
def zh_weekly_report(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"【周报】{c.zhname()}｜{c.p(ZH_TITLES)}｜第{c.n(1, 52)}周\n"
            f"本周完成：\n1. 处理工单 {c.n(40, 300)} 单，一次解决率 {c.n(70, 96)}%\n"
            f"2. 完成{c.p(v['products'])}话术更新\n"
            f"重点客诉：\n"
            f"- {c.zhcompany()}：批量设备离线，已升级二线\n"
            f"典型用户原声：\n"
            f"- 「{need}」{c.X()}\n"
            f"下周计划：\n1. 回访满意度低于 3 分的用户\n"
            f"需协调：无\n"
            f"（{c.zhdate(d, 3)}）" + zh_history(c, v, d))


@zh
def zh_car_voice_log(c, need):
    v = ZH_VENDORS[1]
    d = c.dt()
    return (f"ts={d:%Y-%m-%d %H:%M:%S}.{c.digits(3)} vin={c.vin()} "
            f"hu_ver=OS{c.n(3, 4)}.{c.n(0, 9)}.{c.n(0, 20)} model="
            f"{c.p(v['products'][:3]).replace(' ', '_')} seat="
            f"{c.p(['driver', 'passenger', 'rear_left'])} wake=\"你好澜途\" "
            f"asr_text=\"{need}\" asr_conf=0.{c.n(55, 99)} "
            f"nlu_domain={c.p(['unknown', 'chat', 'fallback'])} "
            f"tts=\"{c.p(['我还在学习中', '这个问题我暂时回答不了', '好的，请稍等'])}\""
            + (f" note=\"{c.x}\"" if c.x else ""))


@zh
def zh_event_json(c, need):
    v = c.zhvendor()
    d = c.dt()
    return ("{\"event\":\"voice_query\",\"ts\":" + str(int(d.timestamp()) * 1000)
            + ",\"device_id\":\"" + c.hexs(16) + "\",\"product\":\""
            + jstr(c.p(v["products"])) + "\",\"bot\":\"" + jstr(v["bot"])
            + "\",\"query\":\"" + need + "\",\"intent\":null,\"fallback\":true"
            + (",\"user_note\":\"" + jstr(c.x) + "\"" if c.x else "")
            + ",\"city\":\"" + c.p(ZH_CITIES) + "\"}")


@zh
def zh_yaml_export(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"# {v['short']}-feedback-export {d:%Y%m%d}\n"
            f"- id: {c.n(100000, 999999)}\n"
            f"  channel: {c.p(['app', 'miniprogram', 'hotline', 'wecom'])}\n"
            f"  user: {c.zhname()}\n"
            f"  phone: \"{c.zhphone(True)}\"\n"
            f"  product: {c.p(v['products'])}\n"
            f"  content: |\n    {need}\n"
            + (f"    {c.x}\n" if c.x else "")
            + f"  tags: [{c.p(['待分类', '体验', '故障', '咨询'])}]\n"
            f"  created_at: '{c.zhdate(d, 1)}'")


@zh
def zh_csv_export(c, need):
    v = c.zhvendor()
    d = c.dt()
    return ("工单号,创建时间,渠道,客户,产品,问题描述,状态\n"
            f"{c.p(['KF', 'WO'])}{c.digits(10)},{c.zhdate(d, 1)},"
            f"{c.p(['在线', '电话', '邮件', '门店'])},{c.zhname()},"
            f"{c.p(v['products'])},\"{need}{c.XA()}\",{c.p(['已关闭', '处理中', '新建'])}")


@zh
def zh_callback_record(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"售后回访记录\n"
            f"回访时间：{c.zhdate(d, 0)}  回访人：{c.zhname()}\n"
            f"原工单：{c.p(['KF', 'SH'])}{c.digits(12)}\n"
            f"回访结果：{c.p(['已接通', '已接通（客户不便，约改天）', '已接通'])}\n"
            f"满意度：{c.p(['满意', '一般', '不满意'])}\n"
            f"客户补充意见：{c.X('', ' ')}{need}\n"
            f"是否需要二次派单：{c.p(['是', '否'])}" + zh_history(c, v, d))


@zh
def zh_ecommerce_review(c, need):
    v = ZH_VENDORS[2]
    d = c.dt()
    return (f"{c.zhnick()[:2]}***{c.p(['猫', '8', '鱼', 'a'])}  "
            f"{c.p(['PLUS会员', '88VIP', '', '超级会员'])}\n"
            f"{c.stars(c.n(1, 5))}  {c.zhdate(d, 3)}  "
            f"颜色分类：{c.p(['曜石黑', '月光白', '雾霾蓝'])}\n"
            f"{c.p(['东西收到了，包装完好。', '物流挺快的。', '外观还可以。'])}\n"
            f"追评（收货后{c.n(3, 60)}天）：{need}{c.XA()}\n"
            f"商家回复：亲，感谢您对{c.p(v['products'])}的支持，有任何问题可联系在线客服哦～")


@zh
def zh_wangwang_chat(c, need):
    t = c.times(c.dt(), 4, 10, 200)
    buyer = c.zhnick()
    return (f"{buyer} {c.zhdate(t[0], 1)}\n在吗\n"
            f"{buyer} {c.zhdate(t[1], 1)}\n{need}\n"
            + (f"{buyer} {c.zhdate(t[1], 1)}\n{c.x}\n" if c.x else "")
            + f"优品集官方旗舰店:{c.p(['小美', '小甜', '阿杰', '小雪'])} {c.zhdate(t[2], 1)}\n"
            f"亲亲，您好呀～这里是优品集官方旗舰店，请问您的订单号是多少呢？\n"
            f"[系统消息] 买家已读")


@zh
def zh_zhihu_question(c, need):
    v = c.zhvendor()
    return (f"知乎 · 问题\n"
            f"如何评价{v['name']}的售后服务？\n"
            f"关注者 {c.n(10, 3000)} · 被浏览 {c.n(1000, 900000)}\n\n"
            f"问题描述：{c.X('', ' ')}{need}\n\n"
            f"{c.n(1, 200)} 个回答 · 默认排序\n"
            f"{c.zhnick()}（{c.p(['汽车话题下的优秀答主', '家居爱好者', '电子产品从业者'])}）："
            f"谢邀。先说结论……")


@zh
def zh_tieba_forum(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"{v['short']}吧 › 帖子\n"
            f"【求助】{c.p(['新手提问', '有大佬知道吗', '急！！', '第一次发帖'])}\n"
            f"回复数 {c.n(0, 300)}  浏览 {c.n(50, 20000)}\n"
            f"1楼 楼主 {c.zhnick()}  {c.zhdate(d, 1)}\n"
            f"{need}{c.XA()}\n"
            f"2楼 {c.zhnick()}：顶\n"
            f"3楼 {c.zhnick()}：找官方客服吧，这个只能后台弄\n"
            f"来自{c.p(['Android', 'iPhone', 'PC'])}客户端")


@zh
def zh_sms_reply(c, need):
    v = c.zhvendor()
    return (f"【{v['name']}】尊敬的用户，您的服务单{c.digits(10)}已完成，"
            f"请对本次服务评价：回复1满意，2一般，3不满意。退订回T\n"
            f"用户回复（{c.zhphone(True)}）：3 {need}{c.XA()}")


@zh
def zh_pdf_residue(c, need):
    v = c.zhvendor()
    d = c.dt()
    pg = c.n(2, 12)
    return (f"{v['name']}客户之声月度报告（{d.year}年{d.month}月）       内部资料 注意保密\n\n"
            f"4.{c.n(1, 5)} 用户原声摘录\n"
            f"渠道：{c.p(['400热线', '小程序', '应用商店', '社群'])}   区域：{c.p(ZH_CITIES)}\n"
            f"原声：{need}{c.XA()}\n"
            f"归因：{c.p(['产品功能', '交互设计', '服务流程', '待定'])}   责任部门：待确\n认\n\n"
            f"— {pg} —\n"
            f"第 {pg} 页 共 {pg + c.n(3, 30)} 页\f")


@zh
def zh_html_residue(c, need):
    v = c.zhvendor()
    return (f"<div class=\"msg-content\"><p style=\"margin:0\">您好，</p>"
            f"<p>{need}{c.XA()}</p><p><br/></p>"
            f"<p><span style=\"color:#999;font-size:12px\">—— 来自{v['app']} "
            f"意见反馈</span></p><img src=\"https://img.{v['domain']}/fb/"
            f"{c.alnum(10)}.jpg\" /></div>")


@zh
def zh_markdown_ticket(c, need):
    v = c.zhvendor()
    return (f"### 问题描述\n{need}\n\n"
            f"### 设备信息\n- 型号：`{c.p(v['products'])}`\n"
            f"- 固件版本：`{c.n(1, 5)}.{c.n(0, 9)}.{c.n(0, 99)}`\n"
            f"- App：{v['app']} {c.n(3, 8)}.{c.n(0, 20)}\n\n"
            f"### 复现步骤\n1. 打开 App\n2. 进入设备页\n3. 见上\n\n"
            + (f"### 其他\n{c.x}\n\n" if c.x else "")
            + f"> 提交人：{c.zhname()}（内测群）")


@zh
def zh_smart_speaker_history(c, need):
    v = ZH_VENDORS[0]
    d = c.dt()
    return (f"{v['app']} › 设备 › {c.p(['客厅', '卧室', '书房', '儿童房'])}的"
            f"{c.p(['极序智能音箱 S2', '极序智能中控屏 P1'])} › 对话记录\n"
            f"{c.zhdate(d, 0)}\n"
            f"你说：{need}\n"
            f"小序：{c.p(['抱歉，这个我还不会，我会努力学习的。', '好的，已为你处理。', '我没有听清楚，可以再说一遍吗？'])}\n"
            + (f"你说：{c.x}\n" if c.x else "")
            + f"[这条回答有帮助吗？ 👍 👎]  [反馈问题]")


@zh
def zh_bot_menu(c, need):
    v = c.zhvendor()
    return (f"{v['bot']}：您好，我是智能客服{v['bot']}，请回复数字选择服务：\n"
            f"1 订单查询  2 售后服务  3 设备联网  4 会员权益  0 转人工\n"
            f"用户：0\n"
            f"{v['bot']}：为了更快帮您转接，请用一句话描述您的问题～\n"
            f"用户：{need}\n"
            + (f"用户：{c.x}\n" if c.x else "")
            + f"{v['bot']}：正在为您转接人工客服，当前排队 {c.n(1, 40)} 人，"
            f"预计等待 {c.n(1, 15)} 分钟……")


@zh
def zh_complaint_platform(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"消费者投诉平台 · 投诉编号 {c.digits(11)}\n"
            f"投诉对象：{v['name']}\n"
            f"投诉问题：{c.p(['售后服务差', '产品质量问题', '客服推诿', '功能与宣传不符'])}\n"
            f"投诉要求：{c.p(['退款', '维修', '道歉', '给出解释'])}\n"
            f"涉诉金额：{c.n(99, 29999)}元\n"
            f"投诉进度：{c.p(['已受理', '商家处理中', '待分配'])}\n"
            f"{c.zhdate(d, 1)} 用户 {c.zhnick()} 发起投诉：\n"
            f"{c.X('', ' ')}{need}"
            + (f"\n{c.zhdate(d + timedelta(days=1), 1)} 商家回复：您好，您反馈的问题我们已经"
               f"记录，专属客服将在 48 小时内与您电话联系，请保持电话畅通。" if c.chance(0.6) else "")
            + zh_history(c, v, d))


@zh
def zh_delivery_center_visit(c, need):
    v = ZH_VENDORS[1]
    d = c.dt()
    return (f"{v['name']}用户中心 · 到店接待记录\n"
            f"门店：{c.zhstore()}交付中心\n"
            f"日期：{c.zhdate(d, 0)}\n"
            f"车主：{c.zhname()}  电话：{c.zhphone(True)}\n"
            f"车型：{c.p(v['products'][:3])}  VIN：{c.vin()}\n"
            f"里程：{c.n(100, 90000)} km\n"
            f"到店事由：{c.p(['首保', '咨询', '故障检查', '提车'])}\n"
            f"车主诉求：{need}{c.XA()}\n"
            f"接待顾问：{c.zhname()}（{c.p(['服务顾问', '交付专家'])}）"
            + zh_history(c, v, d) + zh_service_footer(c, v))


@zh
def zh_owner_app_post(c, need):
    v = ZH_VENDORS[1]
    return (f"{v['app']} · 车主社区 · {c.p(['用车交流', '车机OS', '充电补能', '吐槽专区'])}\n"
            f"{c.zhnick()}  {c.p(v['products'][:3])} 车主 · {c.p(ZH_CITIES)}\n"
            f"{c.X('', NL)}{need}\n"
            f"👍 {c.n(0, 900)}  💬 {c.n(0, 200)}  · {c.n(1, 23)}小时前\n"
            f"官方运营 {c.zhname()[1:]}：已收到，转给车机团队评估～")


@zh
def zh_field_service_report(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"上门服务报告\n"
            f"服务单号：FW{d:%Y%m%d}{c.digits(4)}\n"
            f"服务工程师：{c.zhname()}  工号：{c.n(10000, 99999)}\n"
            f"客户：{c.zhname()}  地址：{c.zhaddr()}\n"
            f"设备：{c.p(v['products'])}\n"
            f"用户描述：{need}{c.XA()}\n"
            f"检测结果：{c.p(['设备正常', '固件异常，已重刷', '网络环境问题', '需返厂'])}\n"
            f"处理结果：{c.p(['已解决', '未解决，已升级', '用户暂不处理'])}\n"
            f"客户签字：__________   到达时间：{d:%H:%M}  离开时间："
            f"{(d + timedelta(minutes=c.n(20, 120))):%H:%M}"
            + zh_history(c, v, d) + zh_service_footer(c, v))


@zh
def zh_internal_im_relay(c, need):
    v = c.zhvendor()
    a, b = c.zhname(), c.zhname()
    return (f"{a}：@{b} 帮忙看下这个用户，说“{need}”{c.X()}，"
            f"手机号{c.zhphone(True)}，{c.p(v['products'])}。\n"
            f"{b}：好，我拉一下日志")


@zh
def zh_official_account_message(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"公众号后台 · 用户消息\n"
            f"{c.zhnick()}（{c.p(['已关注', '已关注 3年', '新关注'])}）  {c.zhdate(d, 0)}\n"
            f"{need}{c.XA()}\n"
            f"[快捷回复] [加入星标] [拉黑]\n"
            f"自动回复已发送：感谢关注{v['name']}！人工客服时间 9:00-21:00，"
            f"点击菜单「服务中心」获取帮助。")


@zh
def zh_user_interview(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"用户访谈记录（{c.zhdate(d, 3)}）\n"
            f"访谈对象：{c.zhname()[0]}女士/先生，{c.n(22, 68)}岁，{c.p(ZH_CITIES)}，"
            f"{c.p(['宝妈', '程序员', '退休教师', '个体户', '大学生'])}\n"
            f"使用产品：{c.p(v['products'])}（{c.n(1, 24)}个月）\n"
            f"访谈员：{c.zhname()}\n\n"
            f"Q：平时主要在什么场景使用？\n"
            f"A：早上出门前和晚上回家以后吧。\n"
            f"Q：有没有哪些时候觉得不好用？\n"
            f"A：嗯……比如说，{need}{c.XA()}\n"
            f"Q：明白，还有吗？\n"
            f"A：暂时就这些。\n"
            f"【研究员备注】用户语速较快，需求明确。")


@zh
def zh_ota_feedback(c, need):
    v = c.zhvendor()
    return (f"{v['short']} OTA 升级反馈 · 版本 {c.n(1, 5)}.{c.n(0, 9)}."
            f"{c.n(0, 99)}\n"
            f"升级后您的体验：{c.p(['变好了', '没变化', '变差了'])}\n"
            f"请具体描述：{need}{c.XA()}\n"
            f"设备：{c.p(v['products'])}  用户ID：{c.digits(9)}")


@zh
def zh_danmaku_list(c, need):
    v = c.zhvendor()
    lines = [f"弹幕列表 · {v['short']}发布会直播回放"]
    for _ in range(c.n(1, 3)):
        lines.append(f"{c.n(0, 59):02d}:{c.n(0, 59):02d}  "
                     f"{c.p(['来了', '前排', '价格呢', '哈哈哈哈', '求链接'])}")
    lines.append(f"{c.n(0, 59):02d}:{c.n(0, 59):02d}  {need}")
    if c.x:
        lines.append(f"{c.n(0, 59):02d}:{c.n(0, 59):02d}  {c.x}")
    lines.append(f"{c.n(0, 59):02d}:{c.n(0, 59):02d}  666")
    return NL.join(lines)


@zh
def zh_dingtalk_log(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"钉钉日志 · 日报 · {c.zhname()} · {c.zhdate(d, 3)}\n"
            f"今日完成工作：\n1. 门店巡检 {c.n(1, 5)} 家\n"
            f"2. 处理客户反馈 {c.n(3, 30)} 条，其中一条原话是：{need}{c.XA()}\n"
            f"未完成工作：无\n需协调工作：需要{v['short']}总部确认处理口径\n"
            f"已读 {c.n(1, 12)} 人")


@zh
def zh_feishu_bitable(c, need):
    v = c.zhvendor()
    d = c.dt()
    return ("序号\t反馈日期\t来源\t用户昵称\t反馈原文\t优先级\t负责人\n"
            f"{c.n(1, 800)}\t{c.zhdate(d, 3)}\t"
            f"{c.p(['小红书', '微博', '应用商店', '社群', '400'])}\t{c.zhnick()}\t"
            f"{need}{c.XA()}\t{c.p(['P0', 'P1', 'P2', 'P3'])}\t{c.zhname()}\n"
            f"（飞书多维表格「{v['short']}用户反馈池」导出）")


@zh
def zh_b2b_channel_email(c, need):
    v = c.zhvendor()
    co = c.zhcompany()
    a, b = c.zhname(), c.zhname()
    d = c.dt()
    return (f"主题：【渠道反馈】{co}\n"
            f"{v['short']}渠道部 {b} 经理：\n\n"
            f"您好！我司为贵司{c.p(ZH_CITIES)}地区授权经销商，近期终端客户反馈如下：\n"
            f"  客户原话：{need}\n"
            + (f"  另：{c.x}\n" if c.x else "")
            + f"请协助核实，谢谢！\n\n"
            f"{a}\n{co} · {c.p(ZH_TITLES)}\n"
            f"手机：{c.zhphone(False)}  邮箱：{c.alnum(6)}@{c.alnum(5)}.com.cn\n"
            f"{c.zhdate(d, 3)}\n\n{c.p(DISCLAIMERS_ZH)}")


@zh
def zh_short_urgent(c, need):
    return f"急！！{need}{c.XA()}电话{c.zhphone(False)}"


@zh
def zh_mid_paragraph(c, need):
    v = c.zhvendor()
    opener = c.p([f"我家用{v['short']}的东西快两年了，整体还是挺满意的。",
                  "上周刚搬新家，家里设备都重新装了一遍。",
                  "我是通过朋友推荐买的，之前没用过类似的产品。",
                  "先说一句，你们门店小哥服务很好。"])
    return (f"客服您好，{opener}{need}{c.XA()}希望能尽快得到答复。\n"
            f"{c.zhname()}\n{c.zhphone(True)}")


@zh
def zh_wecom_private_chat(c, need):
    v = c.zhvendor()
    agent = c.zhname()
    cust = c.zhnick()
    t = c.times(c.dt(), 4, 10, 300)
    return (f"企业微信 · 会话存档导出\n"
            f"客户：{cust}（微信） 员工：{agent}@{v['short']}\n"
            f"---------------------------------\n"
            f"{c.zhdate(t[0], 1)} {agent}：您好，我是您的专属顾问{agent}，有问题随时找我～\n"
            f"{c.zhdate(t[1], 1)} {cust}：[图片]\n"
            f"{c.zhdate(t[2], 1)} {cust}：{c.X('', ' ')}{need}\n"
            f"{c.zhdate(t[3], 1)} {agent}：收到，我马上帮您问一下技术同事。"
            + zh_service_footer(c, v))


@zh
def zh_kv_export(c, need):
    v = c.zhvendor()
    d = c.dt()
    return (f"source=miniprogram app={v['short']} page=feedback "
            f"uid={c.digits(10)} city={c.p(ZH_CITIES)} "
            f"device=\"{c.p(ZH_PHONES)}\" time=\"{c.zhdate(d, 1)}\" "
            f"content=\"{need}{c.XA()}\" images=0 contact={c.zhphone(True)}")


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------
def count_overlapping(hay, needle):
    if not needle:
        return 0
    n, i = 0, hay.find(needle)
    while i != -1:
        n += 1
        i = hay.find(needle, i + 1)
    return n


def is_zh(text):
    return CJK_RE.search(text) is not None


def line_style(text, need, style):
    """Apply CRLF or one-line flattening without touching the need itself."""
    sentinel = "\x00NEED\x00"
    i = text.find(need)
    body = text[:i] + sentinel + text[i + len(need):]
    if style == "crlf":
        body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    else:
        parts = [p.strip() for p in re.split(r"[\r\n\f]+", body)]
        body = " ".join(p for p in parts if p)
    return body.replace(sentinel, need)


class Deck:
    def __init__(self, templates, rng):
        self.templates, self.rng, self.cards = templates, rng, []

    def draw(self):
        if not self.cards:
            self.cards = list(self.templates)
            self.rng.shuffle(self.cards)
        return self.cards.pop()


def render(need, rng, decks, counts, stats):
    lang = "zh" if is_zh(need) else "en"
    extra = ""
    if rng.random() < EXTRA_RATE:
        extra = rng.choice(EXTRA_ZH if lang == "zh" else EXTRA_EN)
    deck = decks[lang]
    for _ in range(3 * len(deck.templates)):
        fn = deck.draw()
        text = fn(Ctx(rng, extra, need), need)
        if count_overlapping(text, need) == 1 and len(text) < MAX_CHARS:
            break
        stats["rejected"] += 1
    else:  # pathological need (e.g. a single common character)
        stats["fallback"] += 1
        counts[(lang, "fallback_plain")] += 1
        return need
    if rng.random() < LINE_STYLE_RATE:
        style = "crlf" if rng.random() < 0.5 else "flat"
        styled = line_style(text, need, style)
        if count_overlapping(styled, need) == 1 and len(styled) < MAX_CHARS:
            text = styled
            stats[style] += 1
    if extra:
        stats["extra"] += 1
    counts[(lang, fn.__name__)] += 1
    return text


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Eighth ticket-template set (see module docstring).")
    ap.add_argument("infile")
    ap.add_argument("outfile")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    decks = {"en": Deck(EN, rng), "zh": Deck(ZH, rng)}
    counts, stats = Counter(), Counter()
    n = 0
    with open(args.infile, encoding="utf-8") as fin, \
            open(args.outfile, "w", encoding="utf-8", newline="\n") as fout:
        for line in fin:
            if not line.strip():
                continue
            obj = json.loads(line)
            out = dict(obj)
            out["text"] = render(obj["text"], rng, decks, counts, stats)
            fout.write(json.dumps(out, ensure_ascii=False) + "\n")
            n += 1

    print(f"eighth-ticket-templates: {n} items, seed {args.seed}, "
          f"{len(EN)} en / {len(ZH)} zh templates", file=sys.stderr)
    for lang in ("en", "zh"):
        rows = sorted(((k[1], v) for k, v in counts.items() if k[0] == lang))
        if not rows:
            continue
        print(f"[{lang}] {sum(v for _, v in rows)} items", file=sys.stderr)
        for name, v in rows:
            print(f"  {name:34s} {v}", file=sys.stderr)
    print("stats: " + ", ".join(f"{k}={v}" for k, v in sorted(stats.items())),
          file=sys.stderr)


if __name__ == "__main__":
    main()

