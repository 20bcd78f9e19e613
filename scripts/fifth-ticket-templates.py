#!/usr/bin/env python3
"""Wrap short customer needs in realistic bank / consumer-app feedback furniture.

Usage: python3 scripts/fifth-ticket-templates.py IN.jsonl OUT.jsonl --seed S

Each input line {"text": ..., "label": ...} becomes the same line with the
text replaced by the need embedded (verbatim, exactly once) in a randomly
chosen template of the kind a retail bank's or consumer-app company's
feedback pipeline receives: branch notes, complaint case files, call-centre
wrap-ups, social monitoring exports, e-mail threads, wiki escalations, Jira /
TAPD / 禅道 issues, interviews, beta forms, in-app widgets, accessibility
feedback, ombudsman / regulator referrals, chatbot logs and more.
Chinese templates are used when the text contains any CJK character.
Standard library only; deterministic for a given seed (one Random, drawn in
line order).
"""
import argparse
import datetime
import json
import random
import re
import sys
from collections import Counter

MAX_CHARS = 3000
CJK_RE = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf"
                    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                    r"\U00020000-\U0002fa1f]")

# --------------------------------------------------------------------------
# English pools
# --------------------------------------------------------------------------
EN_FIRST = [
    "Aisha", "Ben", "Chloe", "Daniel", "Eleanor", "Farhan", "Grace", "Harry",
    "Imogen", "Jack", "Kiran", "Lucy", "Mohammed", "Niamh", "Oliver", "Priya",
    "Quentin", "Rosie", "Samuel", "Tariq", "Ursula", "Victor", "Wendy", "Xavier",
    "Yasmin", "Zach", "Amelia", "Bartosz", "Callum", "Deborah", "Ewan", "Fatima",
    "Gareth", "Hannah", "Isaac", "Jasmine", "Kwame", "Leah", "Marcus", "Nadia",
    "Owen", "Phoebe", "Rhys", "Siobhan", "Tom", "Uchenna", "Vanessa", "William",
    "Yusuf", "Zara", "Agnieszka", "Connor", "Dylan", "Esther", "Finn", "Gemma",
    "Hamza", "Ines", "Joel", "Katie", "Liam", "Maya", "Nathan", "Olivia", "Raj",
]
EN_LAST = [
    "Ahmed", "Barker", "Campbell", "Davies", "Evans", "Fletcher", "Gallagher",
    "Hughes", "Iqbal", "Jenkins", "Kowalski", "Lawson", "Murphy", "Nowak",
    "O'Brien", "Patel", "Quinn", "Robinson", "Singh", "Thompson", "Underwood",
    "Vaughan", "Walsh", "Young", "Zielinski", "Atkinson", "Bennett", "Chowdhury",
    "Doyle", "Ellis", "Foster", "Green", "Harrison", "Ibrahim", "Jones", "Khan",
    "Lloyd", "McKenzie", "Nguyen", "Okafor", "Price", "Reid", "Shaw", "Taylor",
    "Wright", "Baxter", "Clarke", "Dunn", "Fraser", "Hussain", "Morgan", "Pearce",
    "Rahman", "Stewart", "Turner", "Williams", "Adeyemi", "Brennan", "Mensah",
]
EN_BANKS = [
    "Northgate Bank", "Harbourline Building Society", "Kestrel Bank",
    "Albion Mutual", "Pennine Savings Bank", "Thistle & Crown Bank",
    "Greywater Bank", "Meridian Direct", "Oakmere Bank", "Severn Valley Bank",
    "Clearwell Money", "Brightstone Bank", "Lanyard Financial", "Fenwick & Hale",
    "Orbit Bank", "Halden Building Society", "Wessex Community Bank",
    "Redkite Bank", "Bluefin Money", "Copperleaf Bank", "Saltmarsh Savings",
]
EN_APPS = [
    "Pocketly", "Tandemo", "Spendwise", "Moneyhive", "Fluxpay", "Kitepay",
    "Walletbird", "Ledgerly", "Coinpath", "Paydaisy", "Sprout Money",
    "Nimbl", "Quidly", "Budgetfox", "Settle", "Flick", "Cardamom",
    "Penny Lane Finance", "Loop Wallet", "Mint Meadow", "Hopscotch Pay",
]
EN_COMPANIES = EN_BANKS + EN_APPS
EN_CITIES = [
    "Leeds", "Manchester", "Bristol", "Cardiff", "Glasgow", "Edinburgh",
    "Sheffield", "Nottingham", "Leicester", "Newcastle", "Liverpool",
    "Birmingham", "Norwich", "Exeter", "Plymouth", "York", "Belfast", "Swansea",
    "Aberdeen", "Dundee", "Brighton", "Southampton", "Reading", "Oxford",
    "Cambridge", "Coventry", "Derby", "Hull", "Bradford", "Preston", "Stoke",
    "Wolverhampton", "Sunderland", "Bath", "Chester", "Lincoln", "Ipswich",
    "Milton Keynes", "Harrogate", "Inverness", "Carlisle", "Durham",
]
EN_BRANCH_SUFFIX = ["", " High Street", " City Centre", " Market Square",
                    " Retail Park", " Station Road", " Briggate", " Queen Street"]
EN_TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"]
EN_ROLES = [
    "Customer Service Adviser", "Branch Manager", "Personal Banker",
    "Complaints Handler", "Senior Case Manager", "Team Leader",
    "Product Manager", "Product Owner", "UX Researcher", "QA Analyst",
    "Customer Experience Lead", "Social Care Executive", "Ops Analyst",
    "Head of Customer Outcomes", "Vulnerable Customers Specialist",
    "Engineering Manager", "Service Designer", "Branch Adviser",
]
EN_DEPTS = [
    "Customer Operations", "Complaints Resolution", "Cards & Payments",
    "Digital Banking", "Fraud & Disputes", "Mobile App Squad", "Onboarding",
    "Customer Experience", "Social Media Care", "Accessibility Guild",
    "Regulatory Liaison", "Retail Branch Network", "Payments Platform",
    "Identity & Access", "Voice of the Customer", "Executive Office",
]
EN_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.co.uk",
              "btinternet.com", "icloud.com", "proton.me", "sky.com"]
EN_DEVICES = ["iPhone 13", "iPhone 15 Pro", "iPhone SE (3rd gen)", "iPhone 12 mini",
              "Samsung Galaxy S23", "Samsung Galaxy A54", "Google Pixel 7a",
              "Google Pixel 8", "OnePlus 11", "Motorola moto g84", "Xiaomi 13T",
              "iPad Air (5th gen)", "Sony Xperia 10 V"]
EN_IOS = ["iOS 16.7.2", "iOS 17.1", "iOS 17.2.1", "iOS 17.4", "iOS 17.5.1"]
EN_IPADOS = ["iPadOS 17.3", "iPadOS 16.7"]
EN_ANDROID = ["Android 13", "Android 14", "Android 12"]
EN_SOCIAL = ["X (Twitter)", "Facebook", "Instagram", "Reddit", "Trustpilot",
             "TikTok", "Threads", "Mumsnet", "LinkedIn"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
               "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]
EN_WORDS = ["sunny", "blue", "quiet", "fox", "otter", "lemon", "rover", "pixel",
            "maple", "comet", "tiger", "willow", "biscuit", "harbour", "echo"]

# --------------------------------------------------------------------------
# Chinese pools
# --------------------------------------------------------------------------
ZH_SURNAMES = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
    "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
    "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "欧阳", "司马",
]
ZH_GIVEN = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
    "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英",
    "子涵", "浩然", "雨桐", "欣怡", "梓萱", "一诺", "宇轩", "思远", "佳琪",
    "俊杰", "晓东", "文博", "嘉怡", "诗雨", "志强", "建华", "海燕", "红梅",
    "春生", "国庆", "立新", "晨曦", "若曦", "明轩", "书瑶", "沐阳", "可馨",
    "泽宇", "梦琪", "天佑", "雅婷", "子墨", "婉清", "振华", "玉兰",
]
ZH_BANKS = [
    "恒通银行", "汇川农商银行", "华岳银行", "东临商业银行", "瑞丰银行",
    "长岭村镇银行", "金澜银行", "北辰银行", "中兴泰银行", "鹏江银行",
    "安和银行", "海纳银行", "嘉禾农商行", "云帆银行", "祥泰银行",
    "宏远商业银行", "新沅银行", "明川银行", "泰和银行", "晋丰银行",
    "南湖银行", "合盛银行",
]
ZH_APPS = [
    "星桥科技", "青禾智能", "小鹿生活", "云雀出行", "麦穗钱包", "橙子助手",
    "蜂鸟智联", "拾光日历", "朝露科技", "糖果语音", "灵犀助手", "番茄日程",
    "山海互联", "乐途网络", "启明星软件", "白鲸智能", "知了科技", "微澜信息",
    "凌云数科", "小满App", "布谷生活", "极光家居",
]
ZH_COMPANIES = ZH_BANKS + ZH_APPS
ZH_CITIES = [
    "杭州", "成都", "武汉", "西安", "南京", "苏州", "长沙", "郑州", "青岛",
    "厦门", "宁波", "合肥", "济南", "昆明", "贵阳", "南宁", "福州", "沈阳",
    "大连", "哈尔滨", "长春", "石家庄", "太原", "南昌", "兰州", "乌鲁木齐",
    "呼和浩特", "银川", "西宁", "海口", "无锡", "佛山", "东莞", "温州",
    "绍兴", "泉州", "烟台", "洛阳", "珠海", "惠州", "扬州", "常州",
]
ZH_DISTRICTS = ["高新", "城东", "城西", "开发区", "滨江", "经开区", "新城", "中山路",
                "人民路", "解放路", "科技园", "火车站", "大学城", "东湖", "南门"]
ZH_ROLES = ["柜员", "大堂经理", "理财经理", "客服专员", "投诉专员", "质检员",
            "产品经理", "测试工程师", "研发工程师", "用户研究员", "运营专员",
            "舆情专员", "客服组长", "网点负责人", "客户经理", "无障碍专员",
            "消保专员", "体验设计师"]
ZH_DEPTS = ["个人金融部", "消费者权益保护部", "客户服务中心", "信用卡中心",
            "网络金融部", "运营管理部", "App 产品组", "用户体验组", "质量管理部",
            "品牌舆情组", "风险合规部", "智能客服组", "移动研发部", "测试组",
            "无障碍小组", "办公室"]
ZH_DEVICES = ["iPhone 14", "iPhone 15 Pro Max", "iPhone 12", "华为 Mate 60 Pro",
              "华为 nova 11", "小米 14", "Redmi K70", "OPPO Reno11", "OPPO Find X7",
              "vivo X100", "vivo S18", "荣耀 Magic6", "荣耀 90", "一加 12",
              "realme GT Neo5", "iPad 第10代"]
ZH_OS_BY_BRAND = {
    "iPhone": ["iOS 17.2", "iOS 16.6", "iOS 17.4.1", "iOS 17.5"],
    "iPad": ["iPadOS 17.1", "iPadOS 16.7"],
    "华为": ["HarmonyOS 4.0", "HarmonyOS 3.1", "HarmonyOS 4.2"],
    "小米": ["HyperOS 1.0", "MIUI 14"], "Redmi": ["HyperOS 1.0", "MIUI 14"],
    "OPPO": ["ColorOS 14", "ColorOS 13.1"], "一加": ["ColorOS 14", "OxygenOS 14"],
    "realme": ["realme UI 5.0", "realme UI 4.0"],
    "vivo": ["OriginOS 4", "OriginOS 3"], "荣耀": ["MagicOS 8.0", "MagicOS 7.2"],
}
ZH_SOCIAL = ["微博", "小红书", "抖音", "黑猫投诉", "知乎", "B站", "微信公众号",
             "今日头条", "快手", "百度贴吧", "豆瓣"]
ZH_NICK_A = ["爱吃", "不想", "努力", "快乐", "小小", "佛系", "熬夜", "早起", "追风",
             "躺平", "元气", "温柔", "暴躁", "摸鱼"]
ZH_NICK_B = ["的猫", "橘子", "打工人", "小王子", "奶茶", "星星", "土豆", "兔子",
             "咸鱼", "少年", "阿姨", "大叔", "汪汪", "饭团"]
ZH_WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
ZH_PROVINCE_ABBR = ["浙", "川", "鄂", "陕", "苏", "湘", "豫", "鲁", "闽", "粤", "京", "沪"]


class Ctx:
    """Random helpers bound to one Random instance."""

    def __init__(self, r):
        self.r = r

    # generic -------------------------------------------------------------
    def ch(self, seq):
        return self.r.choice(seq)

    def p(self, prob):
        return self.r.random() < prob

    def opt(self, prob, text):
        return text if self.r.random() < prob else None

    def num(self, digits):
        return "".join(self.r.choice("0123456789") for _ in range(digits))

    def alnum(self, n, upper=True):
        pool = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" if upper else "abcdef0123456789"
        return "".join(self.r.choice(pool) for _ in range(n))

    def ri(self, a, b):
        return self.r.randint(a, b)

    def pick(self, seq, k):
        return self.r.sample(list(seq), k)

    # date/time -------------------------------------------------------------
    def dt(self):
        """Return (y, mo, d, h, mi, s, weekday_index) for a random moment."""
        base = datetime.datetime(2021, 1, 1) + datetime.timedelta(
            days=self.ri(0, 1820), hours=self.ri(7, 21), minutes=self.ri(0, 59), seconds=self.ri(0, 59))
        return self._tup(base)

    @staticmethod
    def _tup(d):
        return (d.year, d.month, d.day, d.hour, d.minute, d.second, d.weekday())

    def later(self, t, lo_min, hi_min):
        """A moment lo_min..hi_min minutes after tuple t."""
        d = datetime.datetime(*t[:6]) + datetime.timedelta(minutes=self.ri(lo_min, hi_min), seconds=self.ri(0, 59))
        return self._tup(d)

    def clock_seq(self, n, lo=0, hi=4):
        """n increasing HH:MM stamps starting at a random time."""
        m = self.ri(7 * 60, 21 * 60)
        out = []
        for _ in range(n):
            out.append(f"{(m // 60) % 24:02d}:{m % 60:02d}")
            m += self.ri(lo, hi)
        return out

    def offset_seq(self, n, lo=20, hi=240):
        """n increasing MM:SS recording offsets."""
        sec = self.ri(5, 120)
        out = []
        for _ in range(n):
            out.append(f"{sec // 60:02d}:{sec % 60:02d}")
            sec += self.ri(lo, hi)
        return out

    def en_date(self, style=None, t=None):
        y, mo, d, h, mi, s, wd = t or self.dt()
        style = style if style is not None else self.ri(0, 8)
        h12 = h % 12 or 12
        ampm = "AM" if h < 12 else "PM"
        mon = EN_MONTHS[mo - 1]
        if style == 0:
            return f"{d:02d}/{mo:02d}/{y}"
        if style == 1:
            return f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}"
        if style == 2:
            return f"{d} {mon[:3]} {y}"
        if style == 3:
            return f"{EN_WEEKDAYS[wd]}, {d} {mon} {y} at {h12}:{mi:02d} {ampm}"
        if style == 4:
            return f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z"
        if style == 5:
            return f"{d:02d}-{mon[:3]}-{str(y)[2:]} {h:02d}:{mi:02d}"
        if style == 6:
            return f"{EN_WEEKDAYS[wd][:3]} {d} {mon[:3]}, {h:02d}:{mi:02d}"
        if style == 7:
            return f"{mon} {d}, {y}"
        return f"{d:02d}.{mo:02d}.{y} {h:02d}:{mi:02d}:{s:02d}"

    def zh_date(self, style=None, t=None):
        y, mo, d, h, mi, s, wd = t or self.dt()
        style = style if style is not None else self.ri(0, 7)
        if style == 0:
            return f"{y}年{mo}月{d}日 {h:02d}:{mi:02d}"
        if style == 1:
            return f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"
        if style == 2:
            return f"{y}/{mo}/{d}"
        if style == 3:
            half = "上午" if h < 12 else "下午"
            return f"{mo}月{d}日（{ZH_WEEKDAYS[wd]}）{half}{h % 12 or 12}点{mi:02d}分"
        if style == 4:
            return f"{y}.{mo:02d}.{d:02d}"
        if style == 5:
            return f"{y}年{mo:02d}月{d:02d}日"
        if style == 6:
            return f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}+08:00"
        return f"{mo:02d}-{d:02d} {h:02d}:{mi:02d}"

    def hhmm(self):
        return f"{self.ri(8, 20):02d}:{self.ri(0, 59):02d}"

    def dur(self):
        return f"{self.ri(0, 24):02d}:{self.ri(0, 59):02d}"

    # English people --------------------------------------------------------
    def en_name(self):
        return f"{self.ch(EN_FIRST)} {self.ch(EN_LAST)}"

    def en_titled(self):
        return f"{self.ch(EN_TITLES)} {self.ch(EN_LAST)}"

    def en_staff(self):
        f, l = self.ch(EN_FIRST), self.ch(EN_LAST)
        return self.ch([f"{f} {l}", f"{f} {l[0]}.", f"{f[0]}. {l}", f"{f} {l}"])

    def en_email(self, name=None, domain=None):
        name = name or self.en_name()
        parts = re.sub(r"[^a-z ]", "", name.lower()).split()
        user = self.ch([".".join(parts), parts[0] + self.num(2), parts[0][0] + parts[-1],
                        "_".join(parts) + self.num(3)])
        return f"{user}@{domain or self.ch(EN_DOMAINS)}"

    def en_corp_email(self, company, name=None):
        dom = re.sub(r"[^a-z]", "", company.lower().replace("&", "and"))[:14] + ".co.uk"
        if name is None:
            return f"{self.ch(['complaints', 'customer.care', 'cx-ops', 'feedback', 'noreply', 'socialcare'])}@{dom}"
        parts = re.sub(r"[^a-z ]", "", name.lower()).split()
        return f"{parts[0]}.{parts[-1]}@{dom}"

    def en_phone(self):
        return self.ch([f"07{self.num(3)} {self.num(6)}", f"+44 7{self.num(3)} {self.num(6)}",
                        f"0113 {self.num(3)} {self.num(4)}", f"020 {self.num(4)} {self.num(4)}",
                        f"0161 {self.num(3)} {self.num(4)}", f"07{self.num(9)}"])

    def en_masked_phone(self):
        return f"07*** ***{self.num(3)}"

    def en_branch(self):
        return f"{self.ch(EN_CITIES)}{self.ch(EN_BRANCH_SUFFIX)}"

    def en_handle(self):
        return "@" + self.ch([self.ch(EN_FIRST).lower() + self.ch(["_", "", "."]) + self.ch(EN_LAST).lower().replace("'", ""),
                              self.ch(EN_WORDS) + self.ch(EN_WORDS) + self.num(2),
                              self.ch(EN_FIRST).lower() + self.num(4)])

    def en_app_version(self):
        return f"{self.ri(3, 9)}.{self.ri(0, 40)}.{self.ri(0, 9)}"

    def en_device(self):
        dev = self.ch(EN_DEVICES)
        if dev.startswith("iPad"):
            os_ = self.ch(EN_IPADOS)
        elif dev.startswith("iPhone"):
            os_ = self.ch(EN_IOS)
        elif dev.startswith("Samsung"):
            os_ = self.ch(["Android 14 (One UI 6.0)", "Android 13 (One UI 5.1)"])
        else:
            os_ = self.ch(EN_ANDROID)
        return dev, os_

    def sort_code(self):
        return f"{self.num(2)}-{self.num(2)}-{self.num(2)}"

    def masked_acct(self):
        return f"****{self.num(4)}"

    # Chinese people --------------------------------------------------------
    def zh_name(self):
        return self.ch(ZH_SURNAMES) + self.ch(ZH_GIVEN)

    def zh_honorific(self):
        return self.ch(ZH_SURNAMES) + self.ch(["先生", "女士", "阿姨", "老师", "小姐"])

    def zh_masked_name(self):
        s = self.ch(ZH_SURNAMES)
        return s + self.ch(["*", "**", "某", "某某"])

    def zh_phone(self):
        pre = self.ch(["138", "139", "186", "135", "150", "177", "199", "158", "187", "133"])
        return self.ch([f"{pre}****{self.num(4)}", f"{pre}{self.num(8)}",
                        f"{pre} {self.num(4)} {self.num(4)}",
                        f"{self.ch(['010', '021', '020', '0571', '028', '027', '029', '025', '0755', '023'])}-{self.num(8)}",
                        f"{pre}{self.num(4)}****"])

    def zh_email(self):
        user = self.ch(["zhang", "li", "wang", "chen", "liu", "yang", "zhao", "huang", "xu", "sun"]) + \
            self.ch(["", ".", "_"]) + self.ch(["xm", "wei", "fang", "lei", "jing", "hao", "yu", "tt"]) + self.num(self.ri(0, 4))
        return f"{user}@{self.ch(['qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com', 'outlook.com', 'aliyun.com'])}"

    def zh_corp_email(self):
        return f"{self.ch(['cs', 'kefu', 'xiaobao', 'feedback', 'pm', 'qa', 'yuqing', 'ops'])}{self.ch(['', '-team', '.bj', '.sh'])}@" \
               f"{self.ch(['hengtong', 'xingqiao', 'qinghe', 'huachuan', 'jinlan', 'beichen', 'xiaolu', 'yunque'])}.{self.ch(['com', 'com.cn', 'cn'])}"

    def zh_branch(self):
        return f"{self.ch(ZH_CITIES)}{self.ch(ZH_DISTRICTS)}支行"

    def zh_nick(self):
        return self.ch([self.ch(ZH_NICK_A) + self.ch(ZH_NICK_B), self.ch(ZH_NICK_B)[-2:] + self.num(4),
                        "用户" + self.num(8), self.ch(ZH_NICK_A) + self.ch(ZH_NICK_B) + "_" + self.num(2)])

    def zh_device(self):
        dev = self.ch(ZH_DEVICES)
        brand = next(b for b in ZH_OS_BY_BRAND if dev.startswith(b))
        os_ = self.ch(ZH_OS_BY_BRAND[brand])
        return dev, os_

    def zh_idcard_masked(self):
        return f"{self.ri(11, 65)}{self.num(4)}********{self.num(3)}{self.ch('0123456789X')}"

    def zh_card_masked(self):
        return f"6{self.num(3)} **** **** {self.num(4)}"


def lines(*parts):
    """Join non-None parts with newlines."""
    return "\n".join(p for p in parts if p is not None)


# ==========================================================================
# English templates
# ==========================================================================

def en_branch_note(c, need):
    staff = c.en_staff()
    branch = c.en_branch()
    bank = c.ch(EN_BANKS)
    cust = c.en_titled()
    opener = c.ch([
        f"Customer came into the {branch} branch this morning",
        f"{cust} visited {branch} branch at {c.hhmm()}",
        f"Walk-in at {branch}, approx {c.hhmm()}",
        f"Customer attended {branch} counter (no appointment)",
    ])
    return lines(
        f"BRANCH CONTACT NOTE - {bank}",
        f"Logged by: {staff} ({c.ch(['Branch Adviser', 'Customer Service Adviser', 'Personal Banker', 'Branch Manager'])})",
        c.opt(0.7, f"Date: {c.en_date(c.ch([0, 2, 7]))}"),
        c.opt(0.5, f"Sort code: {c.sort_code()}   Acct: {c.masked_acct()}"),
        "",
        f"{opener}. ID checked ({c.ch(['passport', 'driving licence', 'debit card + PIN', 'biometric residence permit'])}).",
        "In the customer's words:",
        f"  \"{need}\"",
        "",
        c.opt(0.6, c.ch([
            "Unable to resolve at counter - passed to the back office.",
            "Customer was calm but wants a call back.",
            "Customer seemed anxious; offered a quiet room.",
            "Gave leaflet and the helpline number. Customer not satisfied.",
        ])),
        c.opt(0.5, f"Follow-up owner: {c.en_staff()} / {c.ch(EN_DEPTS)}"),
        c.opt(0.4, f"Vulnerability indicators: {c.ch(['none noted', 'hearing impairment', 'recent bereavement', 'limited English', 'elderly, accompanied by son'])}"),
    )


def en_complaint_case(c, need):
    bank = c.ch(EN_BANKS)
    ref = c.ch([f"CMP-{c.ri(2022, 2025)}-{c.num(6)}", f"C{c.num(8)}", f"{c.alnum(3)}/{c.num(5)}/CX"])
    t = c.dt()
    return lines(
        f"{bank} | Complaint Case File",
        "=" * 40,
        f"Case reference:        {ref}",
        f"Date received:         {c.en_date(0, t)}",
        f"Channel:               {c.ch(['Telephone', 'Branch', 'Online form', 'Secure message', 'Letter', 'Social media'])}",
        f"Customer:              {c.en_titled()} (CIF {c.num(9)})",
        c.opt(0.6, f"Contact preference:    {c.ch(['Email', 'Phone', 'Post', 'SMS'])}"),
        f"Product:               {c.ch(['Current account', 'Debit card', 'Credit card', 'Mobile app', 'Savings', 'Overdraft', 'International payments'])}",
        f"DISP classification:   {c.ch(['Reportable', 'Non-reportable', 'Pending'])}",
        f"FCA product group:     {c.ch(['Banking & credit cards', 'Payments', 'Decumulation & pensions', 'Home finance'])}",
        f"Vulnerable customer:   {c.ch(['Y', 'N', 'N', 'Unknown'])}",
        c.opt(0.7, f"8-week deadline:       {c.en_date(0, c.later(t, 56 * 1440, 56 * 1440))}"),
        c.opt(0.5, f"Summary Resolution Communication sent: {c.ch(['Yes', 'No', 'N/A'])}"),
        f"Handler:               {c.en_staff()}, {c.ch(EN_DEPTS)}",
        "",
        "Complaint details (as stated by customer):",
        need,
        "",
        c.opt(0.6, f"Root cause (provisional): {c.ch(['TBC', 'Process', 'System', 'Staff error', 'Third party', 'Under investigation'])}"),
        c.opt(0.5, f"Redress considered: {c.ch(['None yet', '£25 goodwill', '£50 D&I', 'Refund of fees', 'Interest adjustment'])}"),
    )


def en_call_wrap(c, need):
    codes = ["CARD-GEN-01", "PAY-INQ-04", "ACC-ACC-12", "TOPUP-07", "SEC-VER-02",
             "FX-INQ-03", "DISPUTE-11", "APP-TECH-09", "ESC-L2", "GEN-OTHER"]
    agent = c.en_staff()
    style = c.ri(0, 1)
    head = lines(
        f"Call ID: {c.num(10)}   Queue: {c.ch(['Cards', 'General', 'Premier', 'Digital Support', 'Collections', 'Fraud'])}",
        f"Agent: {agent} (ext {c.num(4)})   Team: {c.ch(['Team ' + c.ch(EN_CITIES), 'Blue', 'Night shift', 'Tier 1', 'Tier 2'])}",
        f"Start: {c.en_date(1)}   Handle time: {c.dur()}   Hold: {c.dur()}",
        c.opt(0.6, f"ANI: {c.en_masked_phone()}   ID&V: {c.ch(['Passed', 'Passed (partial)', 'Failed - 1st attempt'])}"),
    )
    if style == 0:
        summary = lines(
            "Agent summary:",
            f"Cx called in. Cx stated: {need}",
            c.opt(0.7, c.ch(["Advised as per KB article.", "Raised ticket to L2.", "Cx happy with outcome.",
                             "Cx dropped before resolution.", "Transferred to specialist team."])),
        )
    else:
        summary = lines(
            "Verbatim captured:",
            f">> {need}",
            c.opt(0.6, f"Notes: {c.ch(['warm transfer done', 'callback booked', 'no further action', 'sent SMS link', 'complaint logged'])}"),
        )
    return lines(
        head,
        f"Wrap-up code: {c.ch(codes)}" + (f" / {c.ch(codes)}" if c.p(0.4) else ""),
        c.opt(0.5, f"Sentiment (speech analytics): {c.ch(['negative', 'neutral', 'mixed', 'very negative', 'positive'])}"),
        "",
        summary,
        c.opt(0.4, f"FCR: {c.ch(['Y', 'N'])}  |  Survey offered: {c.ch(['Y', 'N'])}"),
    )


def en_social_csv(c, need):
    hdr = "platform,handle,posted_at,sentiment,reach,followers,text,url"
    plat = c.ch(EN_SOCIAL)
    handle = c.en_handle()
    row = f"{plat},{handle},{c.en_date(4)},{c.ch(['negative', 'neutral', 'mixed', 'positive'])},{c.ri(10, 90000)},{c.ri(3, 20000)},\"{need}\",https://example.social/p/{c.alnum(10, False)}"
    pre = c.opt(0.5, f"# export generated by {c.ch(['Brandwatch', 'Talkwalker', 'Sprinklr', 'Meltwater', 'Hootsuite Insights'])} for {c.ch(EN_COMPANIES)} - query: brand mentions")
    return lines(pre, hdr, row)


def en_social_alert(c, need):
    plat = c.ch(EN_SOCIAL)
    return lines(
        f"[SOCIAL LISTENING ALERT] {c.ch(['Spike', 'Priority mention', 'Influencer mention', 'New mention'])} - {c.ch(EN_COMPANIES)}",
        f"Platform: {plat}",
        f"Author: {c.en_handle()}" + (f" ({c.en_name()})" if c.p(0.4) else ""),
        f"Posted: {c.en_date(c.ch([3, 4, 6]))}",
        f"Sentiment: {c.ch(['Negative (0.82)', 'Negative (0.64)', 'Neutral (0.51)', 'Mixed', 'Negative (0.91)'])}",
        f"Reach: {c.ri(120, 250000):,}   Engagements: {c.ri(0, 3000)}",
        c.opt(0.5, f"Tags: {', '.join(c.pick(['cards', 'app', 'fees', 'outage', 'service', 'fraud', 'transfers', 'complaint'], c.ri(1, 3)))}"),
        "",
        "Post:",
        need,
        "",
        c.opt(0.6, f"Assigned to: {c.en_staff()} (Social Care)   SLA: {c.ch(['30 min', '1 h', '2 h', '4 h'])}"),
        c.opt(0.3, "Reply status: DM requested"),
    )


def en_email_thread(c, need):
    co = c.ch(EN_COMPANIES)
    cust = c.en_name()
    cust_mail = c.en_email(cust)
    s1, s2 = c.en_staff(), c.en_staff()
    d1, d2 = c.ch(EN_DEPTS), c.ch(EN_DEPTS)
    t3 = c.dt()
    t2 = c.later(t3, 30, 4000)
    t1 = c.later(t2, 5, 3000)
    subj = c.ch(["Query about my account", "Help please", "Re: your recent message", "Complaint",
                 "Problem", "Urgent", "Card", "Account issue", "(no subject)"])
    parts = [
        f"From: {s2} <{c.en_corp_email(co, s2)}>",
        f"To: {d1} <{c.en_corp_email(co)}>",
        c.opt(0.5, f"Cc: {c.en_staff()} <{c.en_corp_email(co)}>"),
        f"Sent: {c.en_date(3, t1)}",
        f"Subject: FW: RE: {subj}",
        "",
        c.ch([f"Hi team - this one's yours I think. Can someone pick it up today?",
              f"Passing to {d1} as it doesn't sit with us.",
              f"Flagging, customer has chased twice already."]),
        "",
        f"{s2}",
        f"{d2}",
        "",
        "-----Original Message-----",
        f"From: {s1} <{c.en_corp_email(co, s1)}>",
        f"Sent: {c.en_date(3, t2)}",
        f"Subject: RE: {subj}",
        "",
        c.ch(["Forwarding the customer's email below.", "See below - not sure who owns this.",
              "Received via the website contact form."]),
        "",
        "-----Original Message-----",
        f"From: {cust} <{cust_mail}>",
        f"Sent: {c.en_date(3, t3)}",
        f"Subject: {subj}",
        "",
        c.ch(["Hello,", "Hi,", "Dear Sir/Madam,", "To whom it may concern,", None]),
        need,
        c.ch(["Thanks", "Regards", "Kind regards", "Sent from my iPhone", None]),
        c.opt(0.6, cust.split()[0]),
    ]
    return lines(*parts)


def en_email_subject(c, need):
    co = c.ch(EN_COMPANIES)
    cust = c.en_name()
    return lines(
        f"From: {cust} <{c.en_email(cust)}>",
        f"To: {c.en_corp_email(co)}",
        f"Date: {c.en_date(3)}",
        f"Subject: {need}",
        c.opt(0.4, f"X-Mailer: {c.ch(['iPhone Mail (21D61)', 'Outlook for Android', 'Gmail', 'Yahoo Mail'])}"),
        "",
        c.ch(["(see subject)", "As above.", "Please see subject line, thanks.", "", "^^"]),
        c.opt(0.5, ""),
        c.opt(0.5, c.ch([f"Account ending {c.num(4)}", f"Mobile {c.en_phone()}", f"Customer number {c.num(8)}"])),
        c.opt(0.4, c.ch(["Sent from my Galaxy", "Get Outlook for iOS"])),
    )


def en_confluence(c, need):
    co = c.ch(EN_COMPANIES)
    esc = f"ESC-{c.num(4)}"
    return lines(
        f"Space: {c.ch(['CX Operations', 'Customer Escalations', 'Product - Mobile', 'Complaints Hub'])} > Escalations > {c.ri(2022, 2025)} > {esc}",
        f"Created by {c.en_staff()}, last updated {c.en_date(c.ch([2, 7]))}" + (f" by {c.en_staff()}" if c.p(0.5) else ""),
        "",
        f"h1. {esc}: customer escalation ({c.ch(['P1', 'P2', 'P3'])})",
        "",
        "|| Field || Value ||",
        f"| Brand | {co} |",
        f"| Source | {c.ch(['Exec complaint', 'Branch', 'Social', 'Call centre', 'App store review', 'MP letter'])} |",
        f"| Owner | {c.en_staff()} |",
        c.opt(0.6, f"| Jira | {c.ch(['MOB', 'PAY', 'CARD', 'CX', 'ONB'])}-{c.ri(100, 9999)} |"),
        f"| Status | {c.ch(['Open', 'In progress', 'Awaiting customer', 'Resolved'])} |",
        "",
        "h2. What the customer told us",
        "{quote}",
        need,
        "{quote}",
        "",
        "h2. Actions",
        f"* {c.ch(['Check logs for the session', 'Confirm card status in CMS', 'Ask Payments for a trace', 'Reproduce on staging'])}",
        c.opt(0.7, f"* {c.ch(['Call customer back within 24h', 'Update the exec office', 'Add to weekly VoC review', 'Link to known issue'])}"),
        c.opt(0.4, f"* {c.ch(['Review comms template', 'Raise with vendor', 'Consider goodwill'])}"),
    )


def en_jira_summary(c, need):
    proj = c.ch(["MOB", "CXF", "PAY", "CARD", "APP", "WEB", "ONB"])
    dev, os_ = c.en_device()
    return lines(
        f"{proj}-{c.ri(100, 19999)}",
        f"Summary: {need}",
        f"Issue Type: {c.ch(['Bug', 'Story', 'Task', 'Improvement', 'Customer Feedback'])}",
        f"Priority: {c.ch(['Highest', 'High', 'Medium', 'Low'])}",
        f"Component/s: {', '.join(c.pick(['Cards', 'Payments', 'Top-up', 'Login', 'Notifications', 'Onboarding', 'FX', 'Statements'], c.ri(1, 2)))}",
        f"Labels: customer-feedback {' '.join(c.pick(['voc', 'from-support', 'triage', 'ios', 'android', 'needs-repro', 'regression'], c.ri(1, 3)))}",
        f"Reporter: {c.en_staff()}",
        c.opt(0.6, f"Assignee: {c.ch(['Unassigned', c.en_staff()])}"),
        f"Environment: {dev} / {os_} / app {c.en_app_version()}",
        f"Created: {c.en_date(c.ch([1, 5]))}",
        "",
        "Description:",
        c.ch(["Raised from Zendesk ticket, customer's own words used as summary.",
              "Auto-created by the feedback integration. No repro steps provided.",
              "Support couldn't resolve, see summary for the customer's message."]),
        c.opt(0.5, f"Linked ticket: #{c.num(7)}"),
    )


def en_jira_desc(c, need):
    proj = c.ch(["MOB", "CXF", "PAY", "CARD", "APP", "ONB"])
    dev, os_ = c.en_device()
    return lines(
        f"*Project:* {proj}   *Key:* {proj}-{c.ri(100, 19999)}   *Type:* {c.ch(['Bug', 'Customer Issue', 'Support Request'])}",
        f"*Components:* {c.ch(['Cards', 'Payments', 'Account', 'Security', 'Transfers'])}   *Labels:* voc, {c.ch(['sev3', 'sev2', 'cx-escalation', 'hotfix-candidate'])}",
        f"*Reporter:* {c.en_staff()}   *Created:* {c.en_date(1)}",
        "",
        "h3. Description",
        "Customer contacted support. Message pasted below unchanged:",
        "{noformat}",
        need,
        "{noformat}",
        "",
        "h3. Environment",
        f"{dev}, {os_}, build {c.en_app_version()} ({c.num(5)})" + (f", locale en_GB" if c.p(0.5) else ""),
        c.opt(0.6, lines("", "h3. Steps to reproduce", "1. Not yet known", "2. Awaiting logs from customer")),
        c.opt(0.4, lines("", f"*Comment* ({c.en_staff()}): {c.ch(['Can we get the user id?', 'Seen two similar this week.', 'Moving to next sprint.'])}")),
    )


def en_interview(c, need):
    p_id = f"P{c.ri(1, 24):02d}"
    interviewer = c.en_staff()
    q1 = c.ch(["Can you tell me a bit about how you use the app day to day?",
               "When did you last get in touch with us, and why?",
               "Walk me through the last time something went wrong."])
    q2 = c.ch(["And what did you actually want to happen at that point?",
               "What would you have said to us if you could?",
               "If you had to put it in one sentence, what did you need?"])
    a1 = c.ch(["Mostly just checking my balance, paying friends, that kind of thing.",
               "Honestly I only open it when something's gone wrong.",
               "Um, every day probably. I get paid into it."])
    o = c.offset_seq(5)
    return lines(
        f"User interview - {c.ch(EN_APPS)} {c.ch(['discovery', 'usability', 'diary study follow-up', 'churn'])} round {c.ri(1, 6)}",
        f"Participant: {p_id} ({c.ch(['18-24', '25-34', '35-44', '45-54', '55-64', '65+'])}, {c.ch(['iOS', 'Android'])}, {c.ch(['new customer', 'customer 3+ yrs', 'lapsed user', 'premium tier'])})",
        f"Interviewer: {interviewer}" + (f"   Note-taker: {c.en_staff()}" if c.p(0.6) else ""),
        f"Date: {c.en_date(c.ch([2, 7]))}   Recording: {c.ch(['yes', 'yes (consented)', 'no, notes only'])}",
        "",
        f"[{o[0]}] Interviewer: {q1}",
        f"[{o[1]}] {p_id}: {a1}",
        f"[{o[2]}] Interviewer: {q2}",
        f"[{o[3]}] {p_id}: {need}",
        c.opt(0.6, f"[{o[4]}] Interviewer: Thanks, that's really helpful."),
        c.opt(0.5, lines("", f"Researcher note: {c.ch(['strong emotion here', 'tag for synthesis', 'pain point - clip this', 'compare with P03'])}")),
    )


def en_beta_form(c, need):
    dev, os_ = c.en_device()
    return lines(
        f"{c.ch(EN_APPS)} Beta Feedback Form",
        f"Submission #{c.num(5)} | {c.en_date(c.ch([1, 8]))}",
        f"Tester: {c.en_name()}" + (f" <{c.en_email()}>" if c.p(0.5) else ""),
        f"Build: {c.en_app_version()}-beta.{c.ri(1, 12)} ({c.ch(['TestFlight', 'Firebase App Distribution', 'Play internal track'])})",
        f"Device: {dev} | {os_}",
        "",
        "Q1. What were you trying to do?",
        need,
        "",
        "Q2. How easy was it? (1-5)",
        str(c.ri(1, 5)),
        c.opt(0.6, "\nQ3. Anything else?\n" + c.ch(["no", "-", "n/a", "Loving the new design otherwise", "Dark mode looks off"])),
        c.opt(0.4, f"\nMay we contact you? {c.ch(['Yes', 'No'])}"),
    )


def en_inapp_widget(c, need):
    dev, os_ = c.en_device()
    shots = c.ri(0, 3)
    return lines(
        f"New in-app feedback - {c.ch(EN_COMPANIES)}",
        f"Feedback ID: fb_{c.alnum(12, False)}",
        f"Screen: {c.ch(['HomeView', 'CardDetails', 'TopUpSheet', 'PaymentsList', 'SettingsSecurity', 'TransferConfirm', 'Help'])}",
        f"Rating: {'★' * c.ri(1, 5)}",
        f"Message: {need}",
        f"Device: {dev}   OS: {os_}   App: {c.en_app_version()} ({c.num(4)})",
        c.opt(0.6, f"Locale: en-GB   Network: {c.ch(['WiFi', '4G', '5G', 'offline'])}   Battery: {c.ri(3, 100)}%"),
        f"Screenshots: {', '.join(f'IMG_{c.num(4)}.png' for _ in range(shots)) if shots else 'none attached'}",
        c.opt(0.5, f"User ID: u_{c.alnum(8, False)} (logged in)"),
        f"Received: {c.en_date(4)}",
    )


def en_accessibility(c, need):
    at = c.ch(["VoiceOver", "TalkBack", "JAWS", "NVDA", "Switch Control", "Dragon NaturallySpeaking",
               "ZoomText", "large text (200%)", "Voice Control"])
    return lines(
        f"ACCESSIBILITY FEEDBACK - routed to {c.ch(['Accessibility Guild', 'Inclusive Design team', 'Digital Accessibility'])}",
        f"Ref: A11Y-{c.num(5)}",
        f"Received: {c.en_date(c.ch([0, 3]))} via {c.ch(['in-app form', 'email', 'phone (relay service)', 'branch', 'Relay UK'])}",
        f"Assistive technology: {at}",
        c.opt(0.6, f"Platform: {' / '.join(c.en_device())}"),
        c.opt(0.5, f"WCAG criterion (triage guess): {c.ch(['1.1.1', '1.4.3', '2.1.1', '2.4.3', '2.5.5', '4.1.2', 'unknown'])}"),
        f"Reasonable adjustment on file: {c.ch(['Yes', 'No', 'Requested'])}",
        "",
        "Customer's feedback:",
        need,
        "",
        c.opt(0.6, f"Triage ({c.en_staff()}): {c.ch(['reproduce with ' + at, 'not an a11y defect - pass to support', 'contact customer in preferred format', 'possible focus order issue'])}"),
    )


def en_ombudsman(c, need):
    fos_ref = f"PNX-{c.num(7)}-{c.alnum(4)}"
    bank = c.ch(EN_BANKS)
    tref = c.dt()
    return lines(
        f"From: {c.ch(['casework', 'complaints.referrals', 'ombudsman.liaison'])}@{re.sub(r'[^a-z]', '', bank.lower())[:14]}.co.uk",
        f"To: {c.ch(EN_DEPTS)}",
        f"Subject: FOS referral {fos_ref} - response required by {c.en_date(0, c.later(tref, 20 * 1440, 40 * 1440))}",
        "",
        f"Team, the Financial Ombudsman Service has forwarded a new complaint. Our internal ref: {c.ch(['CMP', 'FOS', 'EXT'])}-{c.num(6)}.",
        c.opt(0.6, f"Please provide the final response letter and contact notes. Case handler at FOS: {c.en_name()}."),
        "",
        "---------- Forwarded text from the FOS case summary ----------",
        f"Complainant: {c.en_titled()}",
        f"Respondent: {bank} (FRN {c.num(6)})",
        f"Date complaint referred to us: {c.en_date(7, tref)}",
        f"Complaint about: {c.ch(['current account', 'debit card', 'payment services', 'mobile banking'])}",
        "What the complainant says:",
        f"'{need}'",
        c.opt(0.5, f"Complainant seeks: {c.ch(['an apology', 'compensation', 'a refund', 'the matter put right'])}"),
        "---------------------------------------------------------------",
        c.opt(0.5, f"\n{c.en_staff()}\nRegulatory Liaison"),
    )


def en_chatbot_log(c, need):
    bot = c.ch(["Ava", "Penny", "Max", "Bolt", "Sage", "Skye", "the assistant"])
    wrong = c.ch(["check_balance", "opening_hours", "change_address", "savings_rates", "greeting", "mortgage_info"])
    t = c.clock_seq(5, 0, 2)
    return lines(
        f"Chatbot transcript - session {c.alnum(8, False)}-{c.alnum(4, False)}",
        f"Channel: {c.ch(['web', 'iOS app', 'Android app', 'WhatsApp'])}   Bot: {bot} v{c.ri(1, 4)}.{c.ri(0, 9)}",
        "",
        f"[{t[0]}] BOT: Hi! I'm {bot}. What can I help you with today?",
        f"[{t[1]}] CUSTOMER: {need}",
        f"[{t[2]}] BOT: {c.ch(['I can help with that! Here are our branch opening hours.', 'Sure - your current balance is shown on the home screen.', 'Sorry, I did not understand. Did you mean: update your address?', 'Great! Here are our latest savings rates.'])}",
        f"[{t[3]}] CUSTOMER: {c.ch(['no', 'thats not what i asked', 'human please', 'agent', 'No. Speak to a person.'])}",
        f"[{t[4]}] BOT: {c.ch(['Let me connect you to a colleague.', 'Transferring you now. Wait time is around 6 minutes.', 'OK, I will pass this to the team.'])}",
        "",
        f"NLU: first intent = {wrong} (conf {c.ri(31, 74) / 100:.2f}), fallback_count={c.ri(1, 3)}, handoff=true",
        c.opt(0.5, f"Flagged for training by {c.en_staff()}"),
    )


def en_chatbot_json(c, need):
    sid = c.alnum(10, False)
    return lines(
        "{",
        f'  "session_id": "{sid}",',
        f'  "started_at": "{c.en_date(4)}",',
        f'  "brand": "{c.ch(EN_COMPANIES)}",',
        '  "turns": [',
        '    {"role": "bot", "text": "Hello, how can I help?"},',
        f'    {{"role": "user", "text": "{need}"}},',
        f'    {{"role": "bot", "intent": "{c.ch(["faq_fees", "lost_phone", "branch_finder", "small_talk"])}", "confidence": {c.ri(20, 70) / 100}, "text": "{c.ch(["Here is some information about our fees.", "You can find your nearest branch here.", "Haha, I like chatting too!"])}"}},',
        f'    {{"role": "user", "text": "{c.ch(["wrong", "no", "that is not it", "???"])}"}},',
        '    {"role": "system", "event": "handoff_to_agent"}',
        '  ],',
        f'  "csat": {c.ch(["null", "1", "2", "3"])}',
        "}",
    )


def en_app_review(c, need):
    store = c.ch(["App Store", "Google Play"])
    return lines(
        f"{store} review - {c.ch(EN_APPS)} ({c.ch(['GB', 'IE', 'GB', 'US'])})",
        f"{'★' * (s := c.ri(1, 5))}{'☆' * (5 - s)}  by {c.ch([c.en_handle()[1:], c.en_name()] + (['A Google user'] if store == 'Google Play' else []))} - {c.en_date(7)}",
        c.opt(0.6, f"Title: {c.ch(['Frustrating', 'Needs work', 'Was good until now', 'Help!', 'Meh', 'Fine mostly'])}"),
        need,
        c.opt(0.5, f"App version {c.en_app_version()} · Device {c.ch([d for d in EN_DEVICES if d.startswith(('iPhone', 'iPad')) == (store == 'App Store')])}"),
        c.opt(0.4, f"Developer response: {c.ch(['Not yet replied', 'Draft saved by ' + c.en_staff()])}"),
    )


def en_zendesk(c, need):
    req = c.en_name()
    return lines(
        f"Ticket #{c.num(6)}  [{c.ch(['Open', 'New', 'Pending', 'On-hold'])}]",
        f"Requester: {req} <{c.en_email(req)}>",
        f"Group: {c.ch(EN_DEPTS)}   Assignee: {c.ch(['-', c.en_staff()])}",
        f"Tags: {' '.join(c.pick(['cards', 'app', 'vip', 'repeat_contact', 'web_form', 'email', 'uk', 'chased'], c.ri(2, 4)))}",
        f"Priority: {c.ch(['Low', 'Normal', 'High', 'Urgent'])}   Via: {c.ch(['Web form', 'Email', 'Mobile SDK', 'Chat'])}",
        "",
        f"{req.split()[0]} · {c.en_date(6)}",
        need,
        "",
        c.opt(0.6, f"Internal note · {c.en_staff()} · {c.en_date(6)}\n{c.ch(['Macro applied: card_faq. Awaiting reply.', 'Checked CRM, no prior contacts.', 'Customer on the vulnerable register.'])}"),
    )


def en_slack(c, need):
    ch_ = c.ch(["#cx-escalations", "#voice-of-customer", "#mobile-feedback", "#branch-network", "#complaints-triage"])
    who = c.en_staff()
    t = c.clock_seq(3, 1, 50)
    return lines(
        f"Slack export - {ch_}",
        f"{who}  {t[0]}",
        c.ch(["Customer message from branch, pasting as-is:", "another one from the app widget:",
              "Can anyone help with this? From today's calls:", "fyi :eyes:"]),
        f"> {need}",
        c.opt(0.8, f"    {c.en_staff()}  {t[1]}\n    {c.ch(['on it', 'I think this is the known issue in PAY-' + str(c.ri(100, 999)), 'adding to VoC board', ':+1:', 'which customer? can you DM me the CIF'])}"),
        c.opt(0.4, f"    {c.ri(1, 6)} replies · last reply today at {t[2]}"),
    )


def en_nps(c, need):
    score = c.ri(0, 10)
    return lines(
        f"{c.ch(['Qualtrics', 'Medallia', 'SurveyMonkey', 'Typeform'])} response - {c.ch(EN_COMPANIES)} relationship NPS",
        f"Response ID: R_{c.alnum(15)}",
        f"Completed: {c.en_date(c.ch([1, 3]))}",
        f"Segment: {'Detractor' if score <= 6 else 'Passive' if score <= 8 else 'Promoter'}",
        "",
        f"How likely are you to recommend us to a friend? {score}",
        "What's the main reason for your score?",
        f"   {need}",
        c.opt(0.6, f"Which channel did you last use? {c.ch(['App', 'Branch', 'Phone', 'Website'])}"),
        c.opt(0.4, f"Follow-up consent: {c.ch(['Yes', 'No'])}"),
    )


def en_log_line(c, need):
    return (f"{c.en_date(4)} INFO feedback-ingest[{c.ri(1000, 9999)}] id={c.alnum(10, False)} "
            f"source={c.ch(['branch', 'ivr', 'app_widget', 'email', 'social', 'chat'])} brand=\"{c.ch(EN_COMPANIES)}\" "
            f"lang=en msg=\"{need}\" sentiment={c.ch(['neg', 'neu', 'pos'])}")


def en_pipe_row(c, need):
    return " | ".join([
        f"{c.ch(['CX', 'VOC', 'FB'])}{c.num(7)}", c.en_date(0), c.ch(EN_COMPANIES), c.en_branch(),
        c.ch(["Phone", "Branch", "App", "Email"]), need, c.ch(["Open", "Closed", "Escalated"]), c.en_staff(),
    ])


def en_crm_flat(c, need):
    return (f"Note by {c.en_staff()} ({c.en_branch()}) {c.en_date(6)} - cust {c.en_titled()} in re following, "
            f"verbatim: '{need}' - {c.ch(['advised to call helpline', 'ticket raised', 'passed to BM', 'no action needed', 'booked appt'])}. "
            f"{c.ch(['ID ok.', 'ID seen.', '', 'Cust happy.'])}").rstrip()


def en_letter_ocr(c, need):
    cust = c.en_name()
    return lines(
        f"[Scanned post - {c.ch(EN_BANKS)} mailroom, batch {c.num(4)}, page 1 of 1, OCR confidence {c.ri(78, 99)}%]",
        "",
        f"{c.ri(1, 220)} {c.ch(['Mill Lane', 'Church Road', 'Victoria Street', 'Park Avenue', 'The Crescent', 'Elm Grove'])}",
        f"{c.ch(EN_CITIES)}",
        f"{c.ch(['LS', 'M', 'BS', 'CF', 'G', 'EH', 'S', 'NG'])}{c.ri(1, 28)} {c.ri(1, 9)}{c.ch('ABDEFGHJLNPQRSTUWXYZ')}{c.ch('ABDEFGHJLNPQRSTUWXYZ')}",
        "",
        c.en_date(7),
        "",
        c.ch(["Dear Sir or Madam,", "Dear Customer Services,", "To the Manager,"]),
        "",
        need,
        "",
        c.ch(["Yours faithfully,", "Yours sincerely,", "Regards,"]),
        cust,
        c.opt(0.5, f"Account no. {c.masked_acct()}"),
    )


def en_webchat_agent(c, need):
    agent = c.ch(EN_FIRST)
    cust = c.ch(EN_FIRST)
    t = c.clock_seq(7, 0, 3)
    return lines(
        f"Live chat #{c.num(8)} - {c.ch(EN_COMPANIES)} - {c.en_date(2)}",
        f"{t[0]} {agent} (Agent) joined the chat",
        f"{t[1]} {agent}: Hi {cust}, thanks for waiting. How can I help?",
        c.opt(0.4, f"{t[2]} {cust}: hi"),
        f"{t[3]} {cust}: {need}",
        f"{t[4]} {agent}: {c.ch(['Let me look into that for you.', 'Thanks, just checking your account now.', 'I am sorry to hear that. One moment please.'])}",
        c.opt(0.5, f"{t[5]} {agent}: {c.ch(['I have raised this with the relevant team.', 'Is there anything else I can help with?'])}"),
        f"--- chat ended by {c.ch(['customer', 'agent', 'timeout'])} ---",
        c.opt(0.5, f"Post-chat rating: {c.ch(['thumbs down', 'thumbs up', 'not given'])}"),
    )


def en_qa_scorecard(c, need):
    return lines(
        f"QA SCORECARD - Interaction {c.num(9)}",
        f"Evaluator: {c.en_staff()}   Agent: {c.en_staff()}   Date: {c.en_date(0)}",
        "",
        "Customer's opening statement (verbatim):",
        need,
        "",
        f"Greeting & ID&V ............ {c.ri(0, 10)}/10",
        f"Understanding the need ...... {c.ri(0, 10)}/10",
        f"Accuracy of information ..... {c.ri(0, 20)}/20",
        c.opt(0.7, f"Fair treatment / vulnerability {c.ri(0, 10)}/10"),
        f"Outcome ..................... {c.ch(['Pass', 'Fail', 'Pass with coaching'])}",
        c.opt(0.5, f"Coaching note: {c.ch(['probe earlier', 'summarise before closing', 'avoid jargon', 'good empathy'])}"),
    )


def en_voicemail(c, need):
    return lines(
        f"Voicemail transcription ({c.ch(['Amazon Transcribe', 'Google STT', 'Whisper', 'Nuance'])}, confidence {c.ri(60, 97) / 100:.2f})",
        f"Mailbox: {c.ch(['Complaints callback', 'Branch ' + c.ch(EN_CITIES), 'Premier team', 'Out of hours'])}",
        f"Caller: {c.en_phone()}   Left: {c.en_date(6)}   Length: 0:{c.ri(8, 59):02d}",
        "",
        c.ch([f"\"{need}\"", f"Transcript: {need}", need]),
        "",
        c.opt(0.6, f"Callback assigned to {c.en_staff()}"),
    )


def en_sms_inbound(c, need):
    return lines(
        f"INBOUND SMS  short code {c.ri(60000, 88999)}",
        f"From: {c.en_phone()}   Received: {c.en_date(c.ch([1, 8]))}",
        f"In reply to: \"{c.ch(['Your card has been dispatched. Reply HELP for help.', 'We noticed unusual activity. Reply Y if this was you.', 'Rate your recent call 1-5.', 'Your statement is ready.'])}\"",
        f"Body: {need}",
        c.opt(0.5, f"Matched customer: {c.en_titled()} (confidence {c.ch(['high', 'medium', 'low'])})"),
        c.opt(0.4, "Auto-reply suppressed: free-text not recognised"),
    )


def en_incident(c, need):
    inc = f"INC{c.num(7)}"
    t0 = c.dt()
    t_a = c.later(t0, 1, 15)
    t_b = c.later(t_a, 5, 60)
    t_c = c.later(t_b, 10, 240)
    tl = [f"{x[3]:02d}:{x[4]:02d}" for x in (t_a, t_b, t_c)]
    return lines(
        f"# Post-incident review: {inc}",
        f"**Severity:** {c.ch(['SEV1', 'SEV2', 'SEV3'])}  **Service:** {c.ch(['Card processing', 'Mobile API', 'Faster Payments gateway', 'Login / SCA', 'Push notifications'])}",
        f"**Window:** {c.en_date(1, t0)} → {c.en_date(1, c.later(t_c, 5, 60))[-5:]}",
        f"**Incident lead:** {c.en_staff()}",
        "",
        "## Customer impact",
        f"Approx. {c.ri(20, 40000):,} customers affected. Contacts into support rose {c.ri(2, 9)}x.",
        "Representative customer contact:",
        f"> {need}",
        "",
        "## Timeline",
        f"- {tl[0]} alert fired",
        f"- {tl[1]} {c.ch(['rollback started', 'vendor engaged', 'status page updated'])}",
        c.opt(0.6, f"- {tl[2]} resolved"),
        c.opt(0.5, "\n## Follow-ups\n- " + c.ch(["Improve comms to customers", "Add alerting", "Review capacity"])),
    )


def en_productboard(c, need):
    return lines(
        f"Insight · {c.ch(['Productboard', 'Dovetail', 'Canny', 'Aha! Ideas'])}",
        f"Source: {c.ch(['Intercom', 'Zendesk', 'Salesforce Service Cloud', 'Email', 'Gong call'])} · Imported {c.en_date(7)}",
        f"Customer: {c.en_name()} · {c.ch(['Premium', 'Standard', 'Business', 'Student'])} plan",
        f"Linked features: {', '.join(c.pick(['Card controls', 'Instant top-up', 'Payee management', 'Spending insights', 'Security centre', 'Disputes flow'], c.ri(1, 2)))}",
        f"Importance: {c.ch(['Nice-to-have', 'Important', 'Critical', 'Not set'])}",
        "",
        "Highlighted text:",
        f"\u201c{need}\u201d",
        c.opt(0.5, f"\nTagged by {c.en_staff()} (Product Manager)"),
    )


def en_handover(c, need):
    items = [f"- {c.ch(['Case', 'Ref'])} {c.num(6)}: {c.ch(['awaiting call back', 'waiting on payments trace', 'closed, no action', 'chased by cust'])}" for _ in range(c.ri(1, 3))]
    pos = c.ri(0, len(items))
    items.insert(pos, f"- Case {c.num(6)}: cust said \"{need}\" - please pick up")
    return lines(
        f"SHIFT HANDOVER - {c.ch(['Complaints', 'Digital Support', 'Cards Ops', 'Contact Centre'])} - {c.en_date(c.ch([0, 2]))}",
        f"From: {c.en_staff()} ({c.ch(['early', 'late', 'night'])})  To: {c.en_staff()}",
        "",
        "Open items:",
        *items,
        "",
        c.opt(0.5, f"Queue at close: {c.ri(0, 140)} waiting, oldest {c.ri(1, 9)}h"),
    )


def en_exec_complaint(c, need):
    return lines(
        f"EXECUTIVE OFFICE - CEO MAILBOX TRIAGE",
        f"Item {c.num(5)} | Received {c.en_date(3)}",
        f"From: {(nm := c.en_name())} ({c.en_email(nm)})",
        f"Addressed to: {c.ch(['Chief Executive', 'Chair of the Board', 'Managing Director, Retail'])}",
        f"Risk rating: {c.ch(['Amber', 'Red', 'Green'])}   Media threat: {c.ch(['No', 'Yes - mentions press', 'Possible'])}   MP involved: {c.ch(['No', 'No', 'Yes'])}",
        "",
        "Extract:",
        f"... {need} ...",
        "",
        f"Allocated to: {c.en_staff()}, Executive Complaints ({c.ch(['5', '10', '3'])} working days)",
    )


def en_markdown_table(c, need):
    return lines(
        f"### VoC weekly digest - {c.ch(EN_COMPANIES)} - w/c {c.en_date(2)}",
        "",
        "| # | Channel | Verbatim | Theme | Owner |",
        "|---|---------|----------|-------|-------|",
        f"| {c.ri(1, 40)} | {c.ch(['App', 'Branch', 'Phone', 'Social'])} | {need} | {c.ch(['Cards', 'Payments', 'Access', 'Fees', 'Untagged'])} | {c.en_staff()} |",
        "",
        c.opt(0.6, f"_Prepared by {c.en_staff()}, {c.ch(EN_DEPTS)}_"),
    )


def en_form_flat(c, need):
    return (f"[web-form] name={c.en_name()}; email={c.en_email()}; phone={c.en_phone()}; "
            f"topic={c.ch(['Cards', 'Payments', 'Other', 'Account'])}; message={need}; consent=yes; ts={c.en_date(4)}")


def en_outage_tweet_reply(c, need):
    handle = c.en_handle()
    brand = c.ch(EN_COMPANIES).replace(" ", "")
    return lines(
        f"Sprinklr case #{c.num(8)} | {c.ch(['X (Twitter)', 'Instagram DM', 'Facebook Messenger'])} | Priority {c.ch(['P1', 'P2', 'P3'])}",
        f"Conversation with {handle}",
        "",
        f"{handle} → @{brand}: {need}",
        f"@{brand}Help → {handle}: {c.ch(['Hi there, sorry to hear this. Can you send us a DM so we can look into it? ^' + c.ch(EN_FIRST)[:2].upper(), 'Thanks for getting in touch, please DM us (no account details publicly). ^' + c.ch(EN_FIRST)[0]])}",
        c.opt(0.5, f"{handle} → @{brand}Help: {c.ch(['done', 'sent', 'ok', 'still waiting'])}"),
        "",
        f"Followers: {c.ri(10, 50000):,}   Reach est.: {c.ri(100, 900000):,}   Sentiment: {c.ch(['Negative', 'Neutral'])}",
    )


EN_TEMPLATES = [
    ("branch_note", en_branch_note),
    ("complaint_case", en_complaint_case),
    ("call_wrap", en_call_wrap),
    ("social_csv", en_social_csv),
    ("social_alert", en_social_alert),
    ("email_thread", en_email_thread),
    ("email_subject", en_email_subject),
    ("confluence", en_confluence),
    ("jira_summary", en_jira_summary),
    ("jira_desc", en_jira_desc),
    ("interview", en_interview),
    ("beta_form", en_beta_form),
    ("inapp_widget", en_inapp_widget),
    ("accessibility", en_accessibility),
    ("ombudsman", en_ombudsman),
    ("chatbot_log", en_chatbot_log),
    ("chatbot_json", en_chatbot_json),
    ("app_review", en_app_review),
    ("zendesk", en_zendesk),
    ("slack", en_slack),
    ("nps", en_nps),
    ("log_line", en_log_line),
    ("pipe_row", en_pipe_row),
    ("crm_flat", en_crm_flat),
    ("letter_ocr", en_letter_ocr),
    ("webchat_agent", en_webchat_agent),
    ("qa_scorecard", en_qa_scorecard),
    ("voicemail", en_voicemail),
    ("sms_inbound", en_sms_inbound),
    ("incident", en_incident),
    ("productboard", en_productboard),
    ("handover", en_handover),
    ("exec_complaint", en_exec_complaint),
    ("markdown_table", en_markdown_table),
    ("form_flat", en_form_flat),
    ("social_dm_case", en_outage_tweet_reply),
]

# ==========================================================================
# Chinese templates
# ==========================================================================

def zh_teller_note(c, need):
    bank = c.ch(ZH_BANKS)
    return lines(
        f"【{bank}·网点柜员记录】",
        f"网点：{c.zh_branch()}　　窗口：{c.ch(['1号', '2号', '3号', '5号', '低柜', '贵宾室'])}",
        f"经办柜员：{c.zh_name()}（工号 {c.num(6)}）",
        c.opt(0.7, f"日期：{c.zh_date(c.ch([0, 3]))}"),
        f"客户：{c.zh_honorific()}　证件：身份证 {c.zh_idcard_masked()}" if c.p(0.6) else f"客户：{c.zh_honorific()}",
        "",
        c.ch(["客户到柜台后原话如下：", "客户来网点咨询，原话记录：", "客户称（照录）："]),
        f"“{need}”",
        "",
        c.opt(0.6, c.ch(["柜面无法当场处理，已登记并转后台。", "已引导客户至自助设备，客户不太满意。",
                         "客户情绪平稳，留了联系电话，要求回电。", "大堂经理已陪同处理。"])),
        c.opt(0.5, f"联系电话：{c.zh_phone()}"),
        c.opt(0.4, f"复核：{c.zh_name()}"),
    )


def zh_complaint_form(c, need):
    bank = c.ch(ZH_BANKS)
    ref = c.ch([f"TS{c.ri(2022, 2025)}{c.num(8)}", f"KF-{c.num(10)}", f"{c.ch(ZH_PROVINCE_ABBR)}投{c.ri(2022, 2025)}{c.num(5)}号"])
    return lines(
        f"{bank}　客户投诉处理单",
        "─" * 20,
        f"投诉编号：{ref}",
        f"受理时间：{c.zh_date(c.ch([0, 1]))}",
        f"受理渠道：{c.ch(['电话银行', '网点', '手机银行', '信函', '监管转办', '微信公众号'])}",
        f"投诉人：{c.zh_masked_name()}　联系电话：{c.zh_phone()}",
        f"业务类别：{c.ch(['借记卡', '信用卡', '手机银行', '支付结算', '个人贷款', '理财', '其他'])}",
        f"投诉原因分类（监管口径）：{c.ch(['服务态度及服务质量', '信息披露', '自主选择权', '收费定价', '消费者资金安全', '债务催收方式和手段', '其他'])}",
        f"是否涉及消费者权益：{c.ch(['是', '否'])}　是否重复投诉：{c.ch(['是', '否', '否'])}",
        c.opt(0.6, f"办结时限：{c.ch(['15个工作日', '10个工作日', '30日', '7个工作日'])}　紧急程度：{c.ch(['一般', '较急', '紧急'])}"),
        f"承办部门：{c.ch(ZH_DEPTS)}　承办人：{c.zh_name()}",
        "",
        "投诉内容：",
        need,
        "",
        c.opt(0.6, f"处理意见：{c.ch(['待核实', '已联系客户，待回访', '转相关部门核查', '已解释，客户表示理解'])}"),
        c.opt(0.4, f"消保审核：{c.zh_name()}　{c.zh_date(5)}"),
    )


def zh_call_wrap(c, need):
    codes = ["A01-咨询", "A07-业务办理", "B12-投诉", "C03-建议", "D05-故障报修", "E02-表扬",
             "Z99-其他", "F04-转人工", "B03-催办"]
    agent = c.zh_name()
    summ = c.ch(["客户来电表示：", "客户来电，诉求为：", "来电内容：", "客户原话："])
    return lines(
        f"通话流水号：{c.num(16)}",
        f"坐席：{agent}（{c.num(5)}）　技能组：{c.ch(['信用卡', '借记卡', '手机银行', '理财', '综合', '英文坐席', '贵宾'])}",
        f"来电号码：{c.zh_phone()}　呼入时间：{c.zh_date(1)}　通话时长：{c.dur()}",
        c.opt(0.5, f"身份验证：{c.ch(['通过', '通过（短信验证码）', '未验证'])}"),
        "",
        "【小结】",
        f"{summ}{need}",
        c.opt(0.7, c.ch(["已按知识库解答。", "已派单至二线处理。", "客户挂机，未完成处理。", "已告知处理时效，客户认可。"])),
        "",
        f"结单代码：{c.ch(codes)}" + (f"｜{c.ch(codes)}" if c.p(0.4) else ""),
        c.opt(0.5, f"满意度：{c.ch(['满意', '一般', '不满意', '未评价'])}　一次解决：{c.ch(['是', '否'])}"),
    )


def zh_yuqing_csv(c, need):
    hdr = "平台,账号,发布时间,情感倾向,传播量,粉丝数,正文,链接"
    row = (f"{c.ch(ZH_SOCIAL)},{c.zh_nick()},{c.zh_date(1)},{c.ch(['负面', '中性', '正面', '负面'])},"
           f"{c.ri(5, 80000)},{c.ri(0, 50000)},{need},https://m.example.cn/{c.alnum(10, False)}")
    pre = c.opt(0.5, f"# 舆情监测导出　关键词：{c.ch(ZH_COMPANIES)}　导出人：{c.zh_name()}")
    return lines(pre, hdr, row)


def zh_yuqing_alert(c, need):
    return lines(
        f"【舆情预警】{c.ch(['一级', '二级', '三级'])}　{c.ch(ZH_COMPANIES)}",
        f"平台：{c.ch(ZH_SOCIAL)}",
        f"账号：{c.zh_nick()}" + (f"（认证：{c.ch(['个人', '财经博主', '媒体'])}）" if c.p(0.3) else ""),
        f"发布时间：{c.zh_date(c.ch([0, 1, 3]))}",
        f"情感：{c.ch(['负面', '负面（强）', '中性', '偏负面'])}　传播量：{c.ri(100, 500000)}　评论：{c.ri(0, 3000)}　转发：{c.ri(0, 2000)}",
        c.opt(0.5, f"命中标签：{'、'.join(c.pick(['服务', '系统故障', '收费', '安全', '体验', '客服', '投诉'], c.ri(1, 3)))}"),
        "",
        "原文：",
        need,
        "",
        c.opt(0.6, f"处置人：{c.zh_name()}（品牌舆情组）　处置时限：{c.ch(['30分钟', '1小时', '2小时', '当天'])}"),
    )


def zh_email_thread(c, need):
    cust = c.zh_name()
    a, b = c.zh_name(), c.zh_name()
    d1, d2 = c.ch(ZH_DEPTS), c.ch(ZH_DEPTS)
    t3 = c.dt()
    t2 = c.later(t3, 30, 4000)
    t1 = c.later(t2, 5, 3000)
    subj = c.ch(["客户反馈", "关于使用问题的咨询", "请协助处理", "投诉", "（无主题）", "问题反馈"])
    return lines(
        f"发件人：{b} <{c.zh_corp_email()}>",
        f"收件人：{d1}",
        c.opt(0.5, f"抄送：{c.zh_name()}; {c.zh_name()}"),
        f"时间：{c.zh_date(0, t1)}",
        f"主题：转发: 回复: {subj}",
        "",
        c.ch([f"{d1}的同事好，这个问题请你们跟进一下，谢谢。", "各位，客户已经催了两次，麻烦今天内给个回复。",
              "请相关部门认领。"]),
        "",
        f"{b}｜{d2}",
        "",
        "------------------ 原始邮件 ------------------",
        f"发件人：{a} <{c.zh_corp_email()}>",
        f"时间：{c.zh_date(0, t2)}",
        f"主题：回复: {subj}",
        "",
        c.ch(["客户来信如下，不确定归哪个部门，先转给你。", "官网留言转过来的，见下。", "见下方客户邮件。"]),
        "",
        "------------------ 原始邮件 ------------------",
        f"发件人：{cust} <{c.zh_email()}>",
        f"时间：{c.zh_date(0, t3)}",
        f"主题：{subj}",
        "",
        c.ch(["您好：", "你好，", "客服你好！", None]),
        need,
        c.ch(["谢谢！", "盼复。", "发自我的iPhone", None]),
    )


def zh_email_subject(c, need):
    return lines(
        f"发件人：{c.zh_name()} <{c.zh_email()}>",
        f"收件人：{c.zh_corp_email()}",
        f"日期：{c.zh_date(c.ch([0, 1]))}",
        f"主题：{need}",
        "",
        c.ch(["如题。", "如题，谢谢", "见标题", "", "麻烦看下标题，谢谢。"]),
        c.opt(0.5, c.ch([f"手机号：{c.zh_phone()}", f"卡号尾号：{c.num(4)}", f"用户ID：{c.num(9)}"])),
        c.opt(0.3, "——来自网易邮箱大师"),
    )


def zh_yuque(c, need):
    esc = f"SJ-{c.ri(2022, 2025)}-{c.num(4)}"
    return lines(
        f"语雀 · {c.ch(['客户体验中心', '客诉升级知识库', '产品反馈空间'])} / 升级记录 / {esc}",
        f"{c.zh_name()} 创建于 {c.zh_date(5)}" + (f"，{c.zh_name()} 最后编辑" if c.p(0.5) else ""),
        "",
        f"# {esc} 客户升级（{c.ch(['P0', 'P1', 'P2'])}）",
        "",
        "| 字段 | 内容 |",
        "| --- | --- |",
        f"| 品牌 | {c.ch(ZH_COMPANIES)} |",
        f"| 来源 | {c.ch(['高管投诉', '网点上报', '舆情', '热线', '应用商店'])} |",
        f"| 负责人 | {c.zh_name()} |",
        f"| 状态 | {c.ch(['处理中', '待客户反馈', '已解决', '待排期'])} |",
        "",
        "## 客户原话",
        f"> {need}",
        "",
        "## 待办",
        f"- [ ] {c.ch(['查询后台日志', '核对卡片状态', '联系研发复现', '24小时内回电'])}",
        c.opt(0.6, f"- [ ] {c.ch(['同步消保部', '纳入周会复盘', '评估补偿方案'])}"),
    )


def zh_confluence(c, need):
    tc = c.dt()
    tp1 = c.later(tc, 30, 2000)
    return lines(
        f"Confluence › {c.ch(['客服运营', '产品中心', '消保专区'])} › 客诉升级 › {tc[0]}年{tc[1]}月",
        f"页面负责人：{c.zh_name()}　最后更新：{c.zh_date(2, c.later(tp1, 60, 6000))}",
        "",
        f"h1. 升级单 {c.alnum(3)}{c.num(4)}",
        f"*升级原因：* {c.ch(['客户多次来电未解决', '涉及监管投诉风险', '高净值客户', '媒体曝光风险'])}",
        f"*关联工单：* {c.ch(['MOB', 'PAY', 'CS'])}-{c.ri(100, 9999)}",
        "",
        "{quote}",
        need,
        "{quote}",
        "",
        c.opt(0.7, f"*处理进展：*\n# {c.zh_date(7, tp1)} {c.ch(['已分派研发', '已电话联系客户', '等待日志'])}\n# {c.zh_date(7, c.later(tp1, 60, 4000))} {c.ch(['待验证', '已出初步结论', '继续跟进'])}"),
        c.opt(0.4, f"@{c.zh_name()} 请关注"),
    )


def zh_jira(c, need):
    proj = c.ch(["APP", "MOB", "CS", "PAY", "HOME"])
    dev, os_ = c.zh_device()
    return lines(
        f"{proj}-{c.ri(100, 19999)}",
        f"概要：{need}",
        f"问题类型：{c.ch(['缺陷', '故障', '用户反馈', '改进'])}　优先级：{c.ch(['最高', '高', '中', '低'])}",
        f"模块：{c.ch(['首页', '账户', '消息推送', '设置', '支付', '登录', '日程'])}",
        f"标签：用户反馈 {' '.join(c.pick(['客诉', '待复现', 'iOS', 'Android', '回归', '线上问题'], c.ri(1, 3)))}",
        f"报告人：{c.zh_name()}　经办人：{c.ch(['未分配', c.zh_name()])}",
        f"环境：{dev} / {os_} / App {c.en_app_version()}",
        f"创建时间：{c.zh_date(1)}",
        "",
        "描述：",
        c.ch(["由客服工单自动创建，概要为用户原话。", "用户反馈同步，暂无复现步骤。", "客服一线无法解决，转研发评估。"]),
    )


def zh_tapd(c, need):
    dev, os_ = c.zh_device()
    return lines(
        f"【TAPD 缺陷】ID {c.num(19)}",
        f"标题：【用户反馈】{c.ch(['功能异常', '体验问题', '线上问题', '待确认'])}-{c.ch(ZH_APPS)}",
        f"状态：{c.ch(['新', '接受/处理', '已解决', '重新打开'])}　严重程度：{c.ch(['致命', '严重', '一般', '提示'])}",
        f"处理人：{c.zh_name()}　创建人：{c.zh_name()}",
        f"模块：{c.ch(['消息中心', '个人中心', '语音助手', '卡包', '通知'])}　迭代：{c.ri(2023, 2025)}Q{c.ri(1, 4)}-S{c.ri(1, 6)}",
        "",
        "【详细描述】",
        f"用户原始反馈：{need}",
        "",
        "【环境】",
        f"机型：{dev}　系统：{os_}　版本：{c.en_app_version()}",
        c.opt(0.5, f"【附件】截图{c.ri(1, 4)}张、日志 {c.alnum(6, False)}.zip"),
    )


def zh_zentao(c, need):
    return lines(
        f"禅道 › Bug #{c.ri(1000, 99999)}",
        f"所属产品：{c.ch(ZH_APPS)} App　所属模块：/{c.ch(['客户端', '服务端', '小程序'])}/{c.ch(['通知', '设置', '账户', '首页'])}",
        f"Bug类型：{c.ch(['代码错误', '界面优化', '设计缺陷', '其他'])}　严重程度：{c.ri(1, 4)}　优先级：{c.ri(1, 4)}",
        f"由谁创建：{c.zh_name()}　指派给：{c.zh_name()}",
        f"操作系统：{c.ch(['Android', 'iOS', 'HarmonyOS'])}　浏览器：无",
        "",
        "[步骤]",
        "1. 用户通过客服渠道反馈（原话见下）",
        c.opt(0.6, "2. 客服尝试按常规流程处理未果"),
        "[结果]",
        need,
        "[期望]",
        c.ch(["符合用户预期", "待产品确认", "-"]),
        c.opt(0.4, f"关键词：用户反馈,{c.ch(['客诉', '内测', '热线'])}"),
    )


def zh_interview(c, need):
    pid = f"U{c.ri(1, 30):02d}"
    return lines(
        f"用户访谈记录｜{c.ch(ZH_APPS)}｜{c.ch(['需求探索', '可用性测试', '流失用户回访', '新功能概念验证'])}第{c.ri(1, 5)}轮",
        f"受访者：{pid}（{c.ch(['男', '女'])}，{c.ri(19, 68)}岁，{c.ch(['学生', '上班族', '退休', '自由职业', '宝妈'])}，{c.ch(['iOS', '安卓', '鸿蒙'])}）",
        f"访谈者：{c.zh_name()}" + (f"　记录：{c.zh_name()}" if c.p(0.6) else ""),
        f"时间：{c.zh_date(c.ch([0, 5]))}　形式：{c.ch(['线下', '腾讯会议', '电话'])}",
        "",
        f"访谈者：{c.ch(['平时一般什么时候会打开这个App？', '先说说你最近一次用它是什么情况吧。', '你一般怎么跟手机助手说话？'])}",
        f"{pid}：{c.ch(['早上起来和睡前吧，基本每天都用。', '嗯……其实不太常用，有事才打开。', '就是随口说一句，它能听懂就行。'])}",
        f"访谈者：{c.ch(['那你当时具体是怎么说的？', '如果直接对它说一句话，你会说什么？', '能还原一下你的原话吗？'])}",
        f"{pid}：{need}",
        c.opt(0.6, f"访谈者：{c.ch(['好的，明白了。', '嗯嗯，这个很有用。', '还有别的吗？'])}"),
        c.opt(0.4, f"\n【研究员备注】{c.ch(['情绪明显，可剪片段', '与U03类似', '归入“表达方式”主题'])}"),
    )


def zh_beta_form(c, need):
    dev, os_ = c.zh_device()
    return lines(
        f"{c.ch(ZH_APPS)} 内测反馈表",
        f"提交编号：{c.num(6)}　提交时间：{c.zh_date(1)}",
        f"内测用户：{c.zh_nick()}" + (f"（{c.zh_phone()}）" if c.p(0.4) else ""),
        f"版本：{c.en_app_version()}-beta{c.ri(1, 9)}（{c.ch(['蒲公英', 'TestFlight', '内测群分发', '华为内测'])}）",
        f"机型/系统：{dev} / {os_}",
        "",
        "1. 你想用它完成什么？",
        need,
        "",
        f"2. 完成难度（1-5分）：{c.ri(1, 5)}",
        c.opt(0.6, f"3. 其他建议：{c.ch(['无', '界面挺好看的', '希望能更快一点', '—', '夜间模式有点问题'])}"),
        c.opt(0.4, f"4. 是否愿意参加回访：{c.ch(['是', '否'])}"),
    )


def zh_inapp(c, need):
    dev, os_ = c.zh_device()
    n = c.ri(0, 3)
    return lines(
        f"App 内反馈｜{c.ch(ZH_COMPANIES)}",
        f"反馈ID：fb{c.num(12)}",
        f"反馈类型：{c.ch(['功能建议', '使用问题', '其他', '故障'])}　页面：{c.ch(['首页', '我的', '设置', '语音助手', '消息中心'])}",
        f"内容：{need}",
        f"机型：{dev}　系统：{os_}　App版本：{c.en_app_version()}",
        c.opt(0.5, f"网络：{c.ch(['WiFi', '4G', '5G'])}　运营商：{c.ch(['中国移动', '中国联通', '中国电信'])}"),
        f"截图：{'、'.join(f'Screenshot_{c.num(8)}.jpg' for _ in range(n)) if n else '无'}",
        c.opt(0.5, f"联系方式：{c.zh_phone()}"),
        f"提交时间：{c.zh_date(c.ch([1, 6]))}",
    )


def zh_a11y(c, need):
    at = c.ch(["读屏（TalkBack）", "旁白（VoiceOver）", "保益悦听", "点明读屏", "大字体模式", "放大镜", "语音控制", "天坦读屏"])
    return lines(
        "【无障碍反馈】",
        f"编号：WZA-{c.num(5)}",
        f"接收渠道：{c.ch(['App 内反馈', '客服热线', '网点代录', '信息无障碍邮箱', '视障用户群'])}　时间：{c.zh_date(c.ch([0, 5]))}",
        f"辅助技术：{at}",
        c.opt(0.6, f"设备：{' / '.join(c.zh_device())}"),
        f"用户情况：{c.ch(['视障（全盲）', '低视力', '老年用户', '听障', '肢体障碍', '未说明'])}",
        c.opt(0.4, f"适老化/无障碍模式：{c.ch(['已开启', '未开启', '不清楚'])}"),
        "",
        "用户反馈：",
        need,
        "",
        c.opt(0.6, f"初步判断（{c.zh_name()}）：{c.ch(['需用读屏复现', '非无障碍问题，转客服', '按用户习惯方式回访', '焦点顺序可能有问题'])}"),
    )


def zh_regulator(c, need):
    bank = c.ch(ZH_BANKS)
    src = c.ch(["12378银行保险消费者投诉维权热线", "国家金融监督管理总局" + c.ch(ZH_CITIES) + "监管分局",
                "中国人民银行" + c.ch(ZH_CITIES) + "分行（12363）", "12315平台"])
    return lines(
        "监管转办投诉件",
        f"转办来源：{src}",
        f"转办编号：{c.ch(['JR', 'ZB', 'RH'])}{c.ri(2022, 2025)}{c.num(8)}",
        f"被投诉机构：{bank}{c.ch(['', c.zh_branch()])}",
        f"转办日期：{c.zh_date(c.ch([2, 5]))}　办理时限：{c.ch(['15日', '30日', '10个工作日'])}",
        f"投诉人：{c.zh_masked_name()}　电话：{c.zh_phone()}",
        "",
        "投诉人反映：",
        f"“{need}”",
        "",
        c.opt(0.6, f"投诉人诉求：{c.ch(['解决问题', '赔礼道歉', '给予合理解释', '退还费用'])}"),
        f"内部承办：{c.ch(ZH_DEPTS)}　{c.zh_name()}",
        c.opt(0.4, "请于时限内将处理结果报送消保部，由消保部统一回复监管。"),
    )


def zh_bot_log(c, need):
    bot = c.ch(["小助", "小恒", "小星", "智能客服", "小满", "灵犀"])
    t = c.clock_seq(5, 0, 2)
    return lines(
        f"机器人会话记录　会话ID：{c.alnum(12, False)}",
        f"渠道：{c.ch(['App', '微信公众号', '小程序', '网页'])}　机器人：{bot}",
        "",
        f"[{t[0]}] {bot}：您好，我是{bot}，请问有什么可以帮您？",
        f"[{t[1]}] 用户：{need}",
        f"[{t[2]}] {bot}：{c.ch(['为您找到以下网点营业时间信息：', '您是想查询账户余额吗？', '抱歉，我没有理解您的意思，您可以换个说法试试。', '为您推荐热门问题：如何修改登录密码？'])}",
        f"[{t[3]}] 用户：{c.ch(['不是', '转人工', '答非所问', '人工客服', '？？？'])}",
        f"[{t[4]}] {bot}：{c.ch(['正在为您转接人工客服，请稍候。', '当前排队人数较多，预计等待5分钟。', '好的，已为您记录。'])}",
        "",
        f"NLU：首轮意图={c.ch(['网点查询', '余额查询', '修改密码', '闲聊', '未识别'])}（置信度{c.ri(25, 70) / 100:.2f}），兜底次数={c.ri(1, 3)}，转人工=是",
        c.opt(0.5, f"标注人：{c.zh_name()}　标注：{c.ch(['意图识别错误', '缺少意图', '待补充语料'])}"),
    )


def zh_bot_json(c, need):
    return lines(
        "{",
        f'  "session_id": "{c.alnum(10, False)}",',
        f'  "start_time": "{c.zh_date(1)}",',
        f'  "app": "{c.ch(ZH_APPS)}",',
        '  "messages": [',
        '    {"from": "bot", "content": "您好，请问有什么可以帮您？"},',
        f'    {{"from": "user", "content": "{need}"}},',
        f'    {{"from": "bot", "intent": "{c.ch(["faq_fee", "chitchat", "branch_query", "unknown"])}", "score": {c.ri(20, 70) / 100}, "content": "{c.ch(["为您查询到以下收费标准。", "哈哈，我也很喜欢和您聊天~", "抱歉，我没太明白。"])}"}},',
        f'    {{"from": "user", "content": "{c.ch(["不对", "人工", "不是这个", "？"])}"}},',
        '    {"from": "system", "event": "transfer_to_agent"}',
        '  ],',
        f'  "satisfaction": {c.ch(["null", "1", "2"])}',
        "}",
    )


def zh_wecom(c, need):
    grp = c.ch(["客诉升级群", "App体验反馈群", "网点-总行对接群", "产研客服联动群"])
    a = c.zh_name()
    t = c.clock_seq(3, 1, 40)
    return lines(
        f"企业微信群「{grp}」聊天记录",
        f"{a} {t[0]}",
        c.ch(["客户原话贴一下：", "这个谁能看下？今天网点收到的：", "App反馈里的，大家看看", "[转发]"]),
        need,
        c.opt(0.8, f"{c.zh_name()} {t[1]}\n{c.ch(['收到', '我看下', '@' + a + ' 客户手机号发我一下', '这个是已知问题，下个版本修', '[OK]'])}"),
        c.opt(0.4, f"{c.zh_name()} {t[2]}\n{c.ch(['已建单', '+1，今天第三个了', '已同步产品'])}"),
    )


def zh_dingtalk(c, need):
    return lines(
        f"钉钉｜工单审批　{c.ch(['客户问题流转', '客诉处理', '产品需求登记'])}",
        f"审批编号：{c.ri(2022, 2025)}{c.num(12)}",
        f"发起人：{c.zh_name()}（{c.ch(ZH_DEPTS)}）",
        f"发起时间：{c.zh_date(1)}",
        f"紧急程度：{c.ch(['普通', '紧急', '非常紧急'])}",
        f"问题描述：{need}",
        f"客户联系方式：{c.zh_phone()}",
        c.opt(0.5, f"附件：{c.ch(['截图.png', '通话录音.mp3', '无'])}"),
        "",
        "审批流程：",
        f"  {c.zh_name()} 已同意　{c.zh_date(7)}",
        f"  {c.zh_name()} {c.ch(['审批中', '已同意', '已转交'])}",
    )


def zh_appstore(c, need):
    s = c.ri(1, 5)
    return lines(
        f"{c.ch(['App Store', '华为应用市场', '小米应用商店', 'OPPO软件商店', '应用宝', 'vivo应用商店'])}评论｜{c.ch(ZH_APPS)}",
        f"{'★' * s}{'☆' * (5 - s)}　{c.zh_nick()}　{c.zh_date(c.ch([2, 4]))}",
        c.opt(0.5, f"标题：{c.ch(['一般般', '希望改进', '差评', '还行', '求修复'])}"),
        need,
        c.opt(0.5, f"版本 {c.en_app_version()}｜{c.zh_device()[0]}"),
        c.opt(0.4, f"开发者回复：{c.ch(['未回复', '草稿（' + c.zh_name() + '）'])}"),
    )


def zh_nps(c, need):
    score = c.ri(0, 10)
    return lines(
        f"{c.ch(['问卷星', '腾讯问卷', '金数据', 'Qualtrics'])} 答卷｜{c.ch(ZH_COMPANIES)} NPS 调研",
        f"答卷编号：{c.num(9)}　提交时间：{c.zh_date(1)}",
        f"用户分组：{'贬损者' if score <= 6 else '被动者' if score <= 8 else '推荐者'}",
        "",
        f"Q1 您有多大可能向朋友推荐我们？（0-10）　{score}",
        "Q2 您给出这个分数的主要原因是？",
        f"　　{need}",
        c.opt(0.6, f"Q3 您最近一次使用的渠道：{c.ch(['App', '网点', '电话', '小程序'])}"),
        c.opt(0.4, f"Q4 是否愿意接受回访：{c.ch(['是', '否'])}"),
    )


def zh_log_line(c, need):
    return (f"{c.zh_date(1)} INFO feedback-collector[{c.ri(1000, 9999)}] id={c.alnum(10, False)} "
            f"channel={c.ch(['app', 'hotline', 'branch', 'weibo', 'wechat', 'bot'])} brand={c.ch(ZH_COMPANIES)} "
            f"lang=zh content=\"{need}\" sentiment={c.ch(['neg', 'neu', 'pos'])}")


def zh_csv_row(c, need):
    return "，".join([
        f"FK{c.num(8)}", c.zh_date(c.ch([2, 4])), c.ch(ZH_COMPANIES), c.ch(["App", "热线", "网点", "公众号"]),
        need, c.ch(["待处理", "已关闭", "已升级"]), c.zh_name(),
    ])


def zh_crm_flat(c, need):
    return (f"【备注】{c.zh_name()}（{c.zh_branch()}）{c.zh_date(7)}：客户{c.zh_honorific()}来访，原话“{need}”，"
            f"{c.ch(['已告知拨打客服热线', '已登记工单', '已转网点负责人', '无需处理', '已预约下次办理'])}。")


def zh_letter(c, need):
    bank = c.ch(ZH_BANKS)
    return lines(
        f"[来信扫描件｜{bank}收发室｜批次{c.num(4)}｜OCR识别率{c.ri(80, 99)}%]",
        "",
        f"{bank}领导：",
        "　　您好！",
        f"　　{need}",
        c.ch(["　　此致", "　　特此来信。", None]),
        c.opt(0.6, "敬礼！"),
        "",
        f"{c.ch(ZH_CITIES)}市{c.ch(['人民路', '建设路', '和平街', '文化路'])}{c.ri(1, 300)}号　{c.zh_masked_name()}",
        c.zh_date(5),
        c.opt(0.4, f"电话：{c.zh_phone()}"),
    )


def zh_online_cs(c, need):
    agent = c.ch(["小" + c.ch(ZH_SURNAMES), c.zh_name(), "客服" + c.num(3)])
    t = c.clock_seq(6, 0, 3)
    return lines(
        f"在线客服会话 #{c.num(9)}　{c.ch(ZH_COMPANIES)}　{c.zh_date(5)}",
        f"{t[0]} 客服「{agent}」已接入",
        f"{t[1]} {agent}：您好，很高兴为您服务，请问有什么可以帮您？",
        c.opt(0.4, f"{t[2]} 用户：在吗"),
        f"{t[3]} 用户：{need}",
        f"{t[4]} {agent}：{c.ch(['好的，这边帮您查询一下，请稍等。', '非常抱歉给您带来不便，马上为您处理。', '收到，请问您使用的是哪个版本？'])}",
        c.opt(0.5, f"{t[5]} {agent}：{c.ch(['已为您登记，会有专人联系您。', '请问还有其他问题吗？'])}"),
        f"—— 会话已由{c.ch(['用户', '客服', '系统超时'])}结束 ——",
        c.opt(0.5, f"评价：{c.ch(['非常满意', '满意', '不满意', '未评价'])}"),
    )


def zh_qa(c, need):
    return lines(
        f"质检评分表　录音编号：{c.num(14)}",
        f"质检员：{c.zh_name()}　被检坐席：{c.zh_name()}　质检日期：{c.zh_date(4)}",
        "",
        "客户首句诉求（录音转写）：",
        need,
        "",
        f"开场规范 ………… {c.ri(0, 10)}/10",
        f"诉求理解 ………… {c.ri(0, 20)}/20",
        f"解答准确 ………… {c.ri(0, 30)}/30",
        c.opt(0.6, f"服务态度 ………… {c.ri(0, 20)}/20"),
        f"结论：{c.ch(['合格', '不合格', '优秀', '待复核'])}",
        c.opt(0.5, f"辅导意见：{c.ch(['注意复述确认', '语速偏快', '结束语不规范', '表现良好'])}"),
    )


def zh_voicemail(c, need):
    return lines(
        f"语音留言转写（{c.ch(['讯飞', '阿里云语音', '腾讯云ASR', '百度语音'])}，置信度{c.ri(60, 97)}%）",
        f"留言信箱：{c.ch(['夜间留言', '投诉回拨', c.zh_branch(), '贵宾专线'])}",
        f"来电：{c.zh_phone()}　时间：{c.zh_date(c.ch([1, 3]))}　时长：{c.ri(5, 59)}秒",
        "",
        c.ch([f"转写：{need}", need, f"“{need}”"]),
        "",
        c.opt(0.6, f"回拨负责人：{c.zh_name()}"),
    )


def zh_sms(c, need):
    return lines(
        f"短信上行　端口号：{c.ch(['106', '1069', '95'])}{c.num(c.ri(3, 6))}",
        f"上行号码：{c.zh_phone()}　接收时间：{c.zh_date(1)}",
        f"对应下行：“{c.ch(['【' + c.ch(ZH_COMPANIES) + '】您的验证码为' + c.num(6) + '，5分钟内有效。', '【' + c.ch(ZH_COMPANIES) + '】邀请您对本次服务评分，回复1-5。', '【' + c.ch(ZH_COMPANIES) + '】您的账户有一笔交易，回复TD退订。'])}”",
        f"上行内容：{need}",
        c.opt(0.5, f"匹配客户：{c.zh_masked_name()}（匹配度：{c.ch(['高', '中', '低'])}）"),
        c.opt(0.4, "自动回复：未命中关键字，已转人工队列"),
    )


def zh_incident(c, need):
    inc = f"INC-{c.ri(2022, 2025)}{c.num(5)}"
    t0 = c.dt()
    t_a = c.later(t0, 1, 15)
    t_b = c.later(t_a, 5, 60)
    t_c = c.later(t_b, 10, 240)
    tl = [f"{x[3]:02d}:{x[4]:02d}" for x in (t_a, t_b, t_c)]
    return lines(
        f"# 故障复盘：{inc}",
        f"**故障等级：** {c.ch(['P0', 'P1', 'P2'])}　**影响服务：** {c.ch(['推送服务', '登录鉴权', '支付网关', '语音识别', '消息中心'])}",
        f"**时间窗口：** {c.zh_date(1, t0)} ～ {c.zh_date(1, c.later(t_c, 5, 60))[11:16]}",
        f"**复盘负责人：** {c.zh_name()}",
        "",
        "## 用户影响",
        f"影响用户约 {c.ri(100, 200000)} 人，客服进线量上涨 {c.ri(2, 9)} 倍。",
        "典型用户反馈：",
        f"> {need}",
        "",
        "## 时间线",
        f"- {tl[0]} 监控告警",
        f"- {tl[1]} {c.ch(['开始回滚', '联系供应商', '发布公告'])}",
        c.opt(0.6, f"- {tl[2]} 恢复"),
        c.opt(0.5, "\n## 改进项\n- " + c.ch(["完善用户告知", "补充监控", "容量评估"])),
    )


def zh_feishu(c, need):
    return lines(
        f"飞书多维表格｜{c.ch(['用户声音汇总', 'VOC看板', '客诉台账'])}｜第{c.ri(1, 52)}周",
        "",
        "| 序号 | 渠道 | 用户原声 | 主题 | 负责人 | 状态 |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| {c.ri(1, 99)} | {c.ch(['App', '网点', '热线', '舆情'])} | {need} | {c.ch(['体验', '功能', '未归类', '系统'])} | {c.zh_name()} | {c.ch(['待处理', '处理中', '已关闭'])} |",
        "",
        c.opt(0.6, f"整理人：{c.zh_name()}　{c.ch(ZH_DEPTS)}"),
    )


def zh_handover(c, need):
    items = [f"- 工单{c.num(6)}：{c.ch(['待回电', '等待后台核查', '已结单', '客户催办'])}" for _ in range(c.ri(1, 3))]
    items.insert(c.ri(0, len(items)), f"- 工单{c.num(6)}：客户说“{need}”，请接班同事跟进")
    return lines(
        f"交接班记录｜{c.ch(['客服中心', '投诉组', '线上客服', '网点'])}｜{c.zh_date(c.ch([2, 5]))}",
        f"交班人：{c.zh_name()}（{c.ch(['早班', '中班', '夜班'])}）　接班人：{c.zh_name()}",
        "",
        "未结事项：",
        *items,
        "",
        c.opt(0.5, f"下班时排队：{c.ri(0, 120)}人，最久等待{c.ri(1, 9)}小时"),
    )


def zh_heimao(c, need):
    return lines(
        f"黑猫投诉｜投诉编号：{c.num(11)}",
        f"投诉对象：{c.ch(ZH_COMPANIES)}",
        f"投诉问题：{c.ch(['服务差', '系统问题', '客服不作为', '功能缺陷', '其他'])}",
        f"投诉要求：{c.ch(['解决问题', '道歉', '赔偿', '给个说法'])}",
        f"涉诉金额：{c.ch(['0元', '未填写', str(c.ri(10, 5000)) + '元'])}",
        f"发布时间：{c.zh_date(0)}　投诉人：{c.zh_nick()}",
        "",
        need,
        "",
        f"【处理进度】{c.ch(['待分配', '已分配', '商家处理中', '已回复'])}",
        c.opt(0.5, f"内部认领：{c.zh_name()}（品牌舆情组）"),
    )


def zh_rm_visit(c, need):
    return lines(
        f"客户经理走访记录",
        f"客户经理：{c.zh_name()}　所属：{c.zh_branch()}",
        f"走访对象：{c.zh_honorific()}" + (f"（{c.ch(['私行客户', '贵宾客户', '代发工资客户', '老年客户'])}）" if c.p(0.6) else ""),
        f"走访时间：{c.zh_date(c.ch([0, 3]))}　方式：{c.ch(['上门', '电话', '视频', '社区活动'])}",
        "",
        "一、客户近况：" + c.ch(["身体不错，资产无大变化。", "最近在外地，不常来网点。", "家人陪同，沟通顺畅。"]),
        "二、客户反馈（原话）：",
        f"　　{need}",
        "三、后续安排：" + c.ch(["下周回访。", "已转相关部门。", "协助客户线上办理。", "待定。"]),
    )


ZH_TEMPLATES = [
    ("teller_note", zh_teller_note),
    ("complaint_form", zh_complaint_form),
    ("call_wrap", zh_call_wrap),
    ("yuqing_csv", zh_yuqing_csv),
    ("yuqing_alert", zh_yuqing_alert),
    ("email_thread", zh_email_thread),
    ("email_subject", zh_email_subject),
    ("yuque", zh_yuque),
    ("confluence", zh_confluence),
    ("jira", zh_jira),
    ("tapd", zh_tapd),
    ("zentao", zh_zentao),
    ("interview", zh_interview),
    ("beta_form", zh_beta_form),
    ("inapp", zh_inapp),
    ("a11y", zh_a11y),
    ("regulator", zh_regulator),
    ("bot_log", zh_bot_log),
    ("bot_json", zh_bot_json),
    ("wecom", zh_wecom),
    ("dingtalk", zh_dingtalk),
    ("appstore", zh_appstore),
    ("nps", zh_nps),
    ("log_line", zh_log_line),
    ("csv_row", zh_csv_row),
    ("crm_flat", zh_crm_flat),
    ("letter", zh_letter),
    ("online_cs", zh_online_cs),
    ("qa", zh_qa),
    ("voicemail", zh_voicemail),
    ("sms", zh_sms),
    ("incident", zh_incident),
    ("feishu", zh_feishu),
    ("handover", zh_handover),
    ("heimao", zh_heimao),
    ("rm_visit", zh_rm_visit),
]


# ==========================================================================
# Driver
# ==========================================================================

def occurrences(hay, needle):
    """Count (possibly overlapping) occurrences of needle in hay."""
    if not needle:
        return 1
    n, i = 0, hay.find(needle)
    while i != -1:
        n += 1
        i = hay.find(needle, i + 1)
    return n


def is_chinese(text):
    return CJK_RE.search(text) is not None


def render(c, need, templates):
    """Pick a template and render; re-draw until the need occurs exactly once
    and the result fits. Returns (template_name, text)."""
    name, fn = c.ch(templates)
    for attempt in range(40):
        if attempt and attempt % 5 == 0:
            name, fn = c.ch(templates)  # give up on this shape, try another
        out = fn(c, need)
        if occurrences(out, need) == 1 and len(out) < MAX_CHARS:
            return name, out
    # Extremely unlikely fallback: bare wrapper.
    out = ("用户反馈：\n" if is_chinese(need) else "Customer feedback:\n") + need
    if occurrences(out, need) != 1:
        out = need
    return "fallback", out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inp", metavar="IN.jsonl")
    ap.add_argument("out", metavar="OUT.jsonl")
    ap.add_argument("--seed", type=int, required=True)
    args = ap.parse_args(argv)

    c = Ctx(random.Random(args.seed))
    lang_counts = Counter()
    tmpl_counts = {"en": Counter(), "zh": Counter()}

    with open(args.inp, encoding="utf-8") as fin, open(args.out, "w", encoding="utf-8") as fout:
        for lineno, raw in enumerate(fin, 1):
            if not raw.strip():
                continue
            obj = json.loads(raw)
            need = obj["text"]
            lang = "zh" if is_chinese(need) else "en"
            name, text = render(c, need, ZH_TEMPLATES if lang == "zh" else EN_TEMPLATES)
            lang_counts[lang] += 1
            tmpl_counts[lang][name] += 1
            new = dict(obj)
            new["text"] = text
            fout.write(json.dumps(new, ensure_ascii=False) + "\n")

    print(f"[{args.inp} -> {args.out}, seed {args.seed}]", file=sys.stderr)
    for lang in ("en", "zh"):
        total = lang_counts[lang]
        print(f"{lang}: {total} lines, {len(EN_TEMPLATES if lang == 'en' else ZH_TEMPLATES)} templates available",
              file=sys.stderr)
        for name, n in sorted(tmpl_counts[lang].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {lang}/{name}: {n}", file=sys.stderr)


if __name__ == "__main__":
    main()
