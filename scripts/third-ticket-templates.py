#!/usr/bin/env python3
"""Wrap short customer needs in realistic support-ticket furniture.

Usage:
    python3 scripts/third-ticket-templates.py IN.jsonl OUT.jsonl --seed S

Each input line is a JSON object {"text": ..., "label": ...}.  The output has
the same lines in the same order with the label unchanged and the text
replaced by the need embedded (verbatim, exactly once) in a randomly chosen
ticket/e-mail/chat/review/survey/transcript template.  Chinese templates are
used when the text contains any CJK character, English ones otherwise.

Standard library only.  Deterministic: one random.Random(seed), drawn in line
order.  Per-language and per-template counts are printed to stderr.
"""

import argparse
import json
import random
import re
import sys
from collections import Counter, OrderedDict
from datetime import datetime, timedelta

# Placeholder for the need.  It contains no whitespace, so furniture-level
# transformations (CRLF conversion, flattening, "> " quoting) cannot touch the
# need itself; it is substituted last.
NEED = "\ue000NEED\ue000"
# Optional sentence break placed right after the need when furniture text
# follows on the same line: becomes "" if the need already ends with
# punctuation, otherwise a full stop / comma chosen at render time.
SOFT = "\ue002"
MAX_CHARS = 3000

CJK_RE = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
    "\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf]"
)


def has_cjk(s):
    return CJK_RE.search(s) is not None


def count_overlapping(hay, needle):
    if not needle:
        return 0
    n, i = 0, hay.find(needle)
    while i != -1:
        n += 1
        i = hay.find(needle, i + 1)
    return n


# ---------------------------------------------------------------------------
# English pools
# ---------------------------------------------------------------------------

EN_FIRST = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth
William Barbara Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Daniel
Lisa Matthew Nancy Anthony Betty Mark Sandra Steven Ashley Andrew Emily Joshua
Michelle Kevin Amanda Brian Melissa George Stephanie Priya Arjun Wei Mei Hiroshi
Yuki Carlos Sofia Mateo Lucia Ahmed Fatima Olumide Chiamaka Liam Olivia Noah Emma
Lars Ingrid Dmitri Anya Siobhan Connor Zoe Rafael Aisha Kwame Nadia Tom Raj Grace
Ethan Hannah Marcus Chloe Diego Leila Omar Rachel Sean Tanya Victor Wendy""".split()

EN_LAST = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee
Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen
King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
Campbell Mitchell Carter Roberts Patel Shah Kim Park Chen Wang O'Brien Murphy
Kowalski Novak Schmidt Okafor Mensah Haddad Rossi Bianchi Dubois Larsen Johansson
Tanaka Sato Fernandes Silva McAllister Brennan Whitfield Delgado Oyelaran""".split()

EN_COMPANIES = [
    "Northwind Logistics", "Contoso Retail", "Fabrikam Health", "Globex Manufacturing",
    "Initech Software", "Bluefin Payments", "Harborview Dental Group", "Summit Ridge Capital",
    "Cedar & Pine Interiors", "Brightline Education", "Lumen Grid Energy",
    "Oakhurst Property Management", "Redwood Clinical Labs", "Silverline Travel",
    "Tidewater Insurance", "Quantum Leaf Bio", "Meridian Legal LLP", "Crescent Foods",
    "Ironclad Security", "Atlas Freight Co.", "Greenway Landscaping", "Parallax Studios",
    "Kestrel Aviation Services", "Nimbus Cloud Partners", "Copperleaf Bakery",
    "Harbor & Finch Marketing", "Polaris Staffing", "Evergreen Senior Living",
    "Sterling Auto Group", "Blue Harbor Credit Union", "Falcon Ridge Apparel",
    "Riverbend Veterinary", "Orchid Hotels", "Trailhead Outfitters", "Keystone Mortgage",
    "Vertex Engineering", "Maple Street Books", "Cobalt Mobile", "Pinnacle Fitness Clubs",
    "Sunset Realty", "Granite Peak Construction", "Lighthouse Nonprofit Alliance",
    "Zephyr Wind Systems", "Birchwood Accounting", "Coastal Pharmacy", "Juniper Events",
    "Aurora Home Health", "Ember Coffee Roasters", "Helix Genomics", "Monarch Print Works",
    "Skyline Architects", "Willow Creek Farms", "Prairie Telecom", "Ridgeback Consulting",
    "Saffron Kitchens", "Topaz Jewelry", "Union Square Dental", "Harvest Market Co-op",
]
EN_TLDS = [".com", ".com", ".com", ".io", ".co", ".co.uk", ".net", ".org", ".com.au"]

# Vendors / products whose support desk receives the ticket.
EN_VENDORS = [
    ("Ledgerly", "ledgerly.com"), ("PayNest", "paynest.io"), ("Finch Bank", "finchbank.co.uk"),
    ("Orbit", "orbitapp.com"), ("Moneta", "moneta.io"), ("Crestline Bank", "crestlinebank.com"),
    ("Kite Money", "kitemoney.com"), ("Brightwallet", "brightwallet.app"),
    ("Harbor Pay", "harborpay.com"), ("Tally", "tallyhq.com"), ("Northstar Card", "northstarcard.com"),
    ("Pebble", "pebblefinance.co"), ("Vault&Co", "vaultandco.com"), ("Lumen Money", "lumenmoney.eu"),
    ("Ripple Street", "ripplestreet.io"), ("Acorn Digital Bank", "acorndigital.bank"),
]

EN_TITLES = [
    "Operations Manager", "Office Manager", "Senior Accountant", "Finance Director",
    "Head of Procurement", "IT Administrator", "Customer Success Manager",
    "Account Executive", "VP, Sales", "Chief Operating Officer", "Marketing Coordinator",
    "Payroll Specialist", "Executive Assistant to the CEO", "Controller", "Founder & CEO",
    "Co-founder", "Product Manager", "Senior Software Engineer", "HR Business Partner",
    "Facilities Coordinator", "Travel & Expense Lead", "Store Manager", "Practice Manager",
    "Director of Finance & Administration", "Bookkeeper", "Regional Sales Manager",
    "Procurement Analyst", "Treasury Analyst", "Owner", "Managing Partner",
    "Head of People", "Systems Analyst", "Compliance Officer", "Project Coordinator",
]
EN_DEPTS = [
    "Finance", "Accounts Payable", "Operations", "IT", "Procurement", "Human Resources",
    "Sales", "Marketing", "Customer Success", "Legal & Compliance", "Treasury",
    "Facilities", "Engineering", "Executive Office", "Payroll", "Business Development",
]
EN_CITIES = [
    ("San Francisco", "CA", "941"), ("New York", "NY", "100"), ("Austin", "TX", "787"),
    ("Chicago", "IL", "606"), ("Seattle", "WA", "981"), ("Denver", "CO", "802"),
    ("Boston", "MA", "021"), ("Atlanta", "GA", "303"), ("Portland", "OR", "972"),
    ("Miami", "FL", "331"), ("Minneapolis", "MN", "554"), ("Raleigh", "NC", "276"),
    ("Phoenix", "AZ", "850"), ("Nashville", "TN", "372"), ("San Diego", "CA", "921"),
]
EN_INTL_CITIES = [
    "London EC2A 4NE, United Kingdom", "Manchester M1 1AE, UK", "Dublin 2, D02 X285, Ireland",
    "Toronto, ON M5V 2T6, Canada", "Sydney NSW 2000, Australia", "Berlin 10115, Germany",
    "Amsterdam 1017 CE, Netherlands", "Singapore 048624", "Auckland 1010, New Zealand",
    "Vancouver, BC V6B 1A1, Canada", "Edinburgh EH2 2AD, Scotland",
]
EN_STREETS = [
    "Market Street", "Main Street", "Oak Avenue", "Harbor Blvd", "Congress Ave",
    "Wacker Drive", "Pine Street", "Elm Court", "Lexington Ave", "Peachtree St NE",
    "Broadway", "Mission Street", "King Street West", "Commerce Way", "Innovation Drive",
    "Riverside Parkway", "Maple Lane", "Park Place",
]
EN_APPS = ["Ledgerly", "PayNest", "Finch", "Orbit", "Moneta", "Kite", "Brightwallet",
           "Harbor Pay", "Tally", "Northstar", "Pebble", "Lumen"]
EN_PLANS = ["Free", "Starter", "Basic", "Plus", "Pro", "Professional", "Business",
            "Business Plus", "Enterprise", "Premium", "Growth", "Scale", "Team",
            "Standard", "Metal", "Premier", "Essentials"]
EN_DEVICES = [
    ("iPhone 15 Pro", "iOS 17.4.1"), ("iPhone 14", "iOS 17.2"), ("iPhone 13 mini", "iOS 16.7.5"),
    ("iPhone 12", "iOS 17.1"), ("iPhone SE (3rd gen)", "iOS 16.6"), ("iPhone 11", "iOS 17.3"),
    ("iPad Air (5th gen)", "iPadOS 17.4"), ("Pixel 8", "Android 14"), ("Pixel 7a", "Android 14"),
    ("Pixel 6", "Android 13"), ("Galaxy S23 Ultra", "Android 14"), ("Galaxy A54", "Android 13"),
    ("Galaxy S21", "Android 13"), ("OnePlus 11", "Android 13"), ("Xiaomi 13T", "Android 13"),
    ("Moto G Power (2023)", "Android 12"), ("Galaxy Z Flip5", "Android 14"),
]
EN_MOBILE_FOOTERS = [
    "Sent from my iPhone", "Sent from my iPad", "Sent from Outlook for Android",
    "Get Outlook for iOS", "Sent from Yahoo Mail for iPhone", "Sent from my Galaxy",
    "Sent from my Samsung Galaxy smartphone.", "Sent via Superhuman", "Sent from Gmail Mobile",
    "Sent from my mobile device. Please excuse brevity and typos.",
    "Sent from Proton Mail mobile", "Sent from my BlackBerry 10 smartphone.",
    "Sent from Mail for Windows", "-- \nSent from a phone, apologies for the brevity",
]
EN_GREETINGS = ["Hi,", "Hello,", "Hi there,", "Hello team,", "Hi support,", "Good morning,",
                "Good afternoon,", "Dear Support Team,", "Hey,", "To whom it may concern,",
                "Hi {agent},", "Dear {agent},", "Hello {agent},", ""]
EN_CLOSINGS = ["Thanks,", "Thank you,", "Best,", "Best regards,", "Kind regards,",
               "Regards,", "Cheers,", "Many thanks,", "Thanks in advance,", "Sincerely,",
               "Warm regards,", "Rgds,", "Thx,", "All the best,"]
EN_FILLERS_BEFORE = [
    "I hope you're well.", "Sorry to bother you again.", "Quick question for you.",
    "I tried the chat but it kept timing out.", "Following up from my side.",
    "I'm writing on behalf of our team.", "Apologies if this is the wrong address.",
    "I couldn't find this in the help centre.", "First time contacting you.",
    "My colleague gave me this address.", "Hope someone can get back to me today.",
]
EN_FILLERS_AFTER = [
    "Please advise.", "Any help would be appreciated.", "Looking forward to hearing from you.",
    "Thanks in advance for your help.", "Let me know if you need anything else from me.",
    "I'm available by phone most of the day.", "Please get back to me as soon as you can.",
    "Happy to jump on a call if that's easier.", "A quick reply would be great.",
    "Thanks for your patience.", "Please reply to this e-mail rather than calling.",
]
EN_SUBJECTS = [
    "Question", "Help needed", "Support request", "Quick question", "Urgent",
    "(no subject)", "Account query", "Need assistance", "Customer enquiry",
    "Request for help", "Following up", "Issue with my account", "Please help",
    "Ticket", "Question from a customer", "Help", "Query", "Support", "Hello",
]
EN_TAGS = ["vip", "billing", "mobile", "web", "escalated", "first-contact", "repeat-contact",
           "churn-risk", "enterprise", "sla-breach", "needs-triage", "tier-2", "priority",
           "emea", "na", "apac", "smb", "kyc", "onboarding", "renewal-q3", "angry-customer",
           "auto-tagged", "sentiment-negative", "sentiment-neutral", "callback-requested"]
EN_STATUSES = ["New", "Open", "Pending", "On-hold", "In progress", "Waiting on customer",
               "Escalated", "Awaiting triage", "Assigned", "Reopened"]
EN_PRIORITIES = ["Low", "Normal", "Medium", "High", "Urgent", "P1", "P2", "P3", "P4",
                 "Sev 2", "Sev 3", "Critical"]
EN_CHANNELS = ["Email", "Web form", "Chat", "Phone", "Mobile app", "Twitter/X", "Facebook",
               "API", "WhatsApp", "SMS", "Slack Connect", "Microsoft Teams"]

EN_DISCLAIMERS = [
    "This email and any attachments are confidential and intended solely for the addressee.",
    "CONFIDENTIALITY NOTICE: This message is intended only for the use of the individual or "
    "entity to which it is addressed and may contain information that is privileged, "
    "confidential and exempt from disclosure under applicable law. If you are not the "
    "intended recipient, you are hereby notified that any dissemination, distribution or "
    "copying of this communication is strictly prohibited. If you have received this "
    "communication in error, please notify the sender immediately and delete it.",
    "DISCLAIMER: The information contained in this e-mail message and any attachments is "
    "confidential and may be legally privileged. It is intended solely for the addressee(s). "
    "Access to this e-mail by anyone else is unauthorised. If you are not the intended "
    "recipient, any disclosure, copying, distribution or any action taken or omitted to be "
    "taken in reliance on it is prohibited and may be unlawful. {company} accepts no "
    "liability for any damage caused by any virus transmitted by this e-mail. {company} is "
    "registered in England and Wales, company number {regno}. Registered office: {address}.\n\n"
    "E-mail communications are not secure and may be intercepted. Please do not send "
    "account numbers, passwords or other sensitive information by e-mail.",
    "Please consider the environment before printing this email.",
    "This message has been scanned for viruses and dangerous content by {scanner}, and is "
    "believed to be clean.",
    "IMPORTANT: The contents of this email and any attachments are confidential. They are "
    "intended for the named recipient(s) only. If you have received this email by mistake, "
    "please notify the sender immediately and do not disclose the contents to anyone or make "
    "copies thereof.",
    "Privileged & Confidential - Attorney-Client Communication.",
    "NOTICE: This communication may contain non-public personal information. Unauthorized "
    "review, use or disclosure is prohibited. {company} will never ask you to confirm your "
    "password or PIN by e-mail.",
]
EN_SCANNERS = ["Mimecast", "Proofpoint", "Barracuda", "Sophos Email", "MailScanner",
               "Microsoft Defender for Office 365"]
EN_UNSUBSCRIBE = [
    "You are receiving this email because you contacted {vendor} Support. "
    "Unsubscribe | Manage preferences | Privacy Policy",
    "To stop receiving these emails, click here: https://{vdomain}/unsubscribe?u={token}",
    "{vendor} Ltd, {address}\nUnsubscribe from support notifications: "
    "https://email.{vdomain}/u/{token}",
    "Don't want to receive ticket updates? Update your notification settings "
    "(https://{vdomain}/settings/notifications).",
    "This is a service message related to your {vendor} account. "
    "View in browser · Unsubscribe · Contact us",
    "If you no longer wish to receive these messages, reply STOP or visit "
    "https://{vdomain}/prefs/{token}",
]
EN_OOO = [
    "I am out of the office until {date} with limited access to e-mail. For urgent matters "
    "please contact {other} at {other_email}.",
    "Automatic reply: I'm currently on annual leave, returning {date}. I will respond to "
    "your message when I return.",
    "Thank you for your email. I am travelling this week and will reply as soon as possible.",
    "I'm OOO until {date}. For anything urgent, please reach {other} ({other_email}).",
    "Please note my working days are Monday-Thursday.",
    "I'm on parental leave until {date}. Your message will not be forwarded.",
]
EN_SOCIAL = ["linkedin.com/in/{slug}", "twitter.com/{handle}", "x.com/{handle}",
             "instagram.com/{handle}", "facebook.com/{handle}", "github.com/{handle}"]

# ---------------------------------------------------------------------------
# Chinese pools
# ---------------------------------------------------------------------------

ZH_SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"),
    ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
    ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("杜", "du"), ("叶", "ye"),
    ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"), ("丁", "ding"), ("任", "ren"),
    ("沈", "shen"), ("欧阳", "ouyang"), ("姚", "yao"), ("卢", "lu"), ("钟", "zhong"), ("方", "fang"),
]
ZH_GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("秀英", "xiuying"), ("敏", "min"), ("静", "jing"),
    ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"),
    ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"),
    ("秀兰", "xiulan"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂英", "guiying"),
    ("子轩", "zixuan"), ("梓涵", "zihan"), ("浩然", "haoran"), ("欣怡", "xinyi"), ("宇航", "yuhang"),
    ("思远", "siyuan"), ("佳琪", "jiaqi"), ("晓东", "xiaodong"), ("建国", "jianguo"),
    ("海燕", "haiyan"), ("志强", "zhiqiang"), ("雨桐", "yutong"), ("一鸣", "yiming"),
    ("文博", "wenbo"), ("婷婷", "tingting"), ("俊杰", "junjie"), ("嘉欣", "jiaxin"),
    ("晨曦", "chenxi"), ("立新", "lixin"), ("鹏飞", "pengfei"), ("慧敏", "huimin"),
    ("春梅", "chunmei"), ("国华", "guohua"), ("雪", "xue"), ("琳", "lin"), ("博文", "bowen"),
    ("子豪", "zihao"), ("诗涵", "shihan"), ("天宇", "tianyu"), ("梦瑶", "mengyao"),
    ("振华", "zhenhua"), ("玉兰", "yulan"), ("德明", "deming"), ("乐", "le"), ("昊", "hao"),
    ("颖", "ying"), ("凯", "kai"), ("蕾", "lei"), ("斌", "bin"), ("思琪", "siqi"), ("家豪", "jiahao"),
]
# A fixed list of full names as well (used alongside generated ones).
ZH_FULL_NAMES = [
    ("王建华", "wang jianhua"), ("李晓燕", "li xiaoyan"), ("张志刚", "zhang zhigang"),
    ("刘海涛", "liu haitao"), ("陈思雨", "chen siyu"), ("杨帆", "yang fan"), ("黄丽娟", "huang lijuan"),
    ("赵文静", "zhao wenjing"), ("吴昊天", "wu haotian"), ("周晓明", "zhou xiaoming"),
    ("徐佳怡", "xu jiayi"), ("孙浩", "sun hao"), ("马俊", "ma jun"), ("朱婷", "zhu ting"),
    ("胡志远", "hu zhiyuan"), ("郭晶晶", "guo jingjing"), ("何欣", "he xin"), ("高远", "gao yuan"),
    ("林雅琪", "lin yaqi"), ("罗成", "luo cheng"), ("郑凯文", "zheng kaiwen"),
    ("梁静茹", "liang jingru"), ("谢宇", "xie yu"), ("宋佳", "song jia"), ("唐磊", "tang lei"),
    ("许诺", "xu nuo"), ("韩梅梅", "han meimei"), ("冯晓峰", "feng xiaofeng"), ("邓超群", "deng chaoqun"),
    ("曹雪琴", "cao xueqin"), ("彭丽华", "peng lihua"), ("曾国平", "zeng guoping"),
    ("肖雨萱", "xiao yuxuan"), ("田野", "tian ye"), ("董明珠", "dong mingzhu"),
    ("袁立", "yuan li"), ("潘越", "pan yue"), ("于洋", "yu yang"), ("蒋欣然", "jiang xinran"),
    ("蔡文轩", "cai wenxuan"), ("杜若", "du ruo"), ("叶青", "ye qing"), ("程浩", "cheng hao"),
    ("苏晴", "su qing"), ("魏振国", "wei zhenguo"), ("吕方", "lv fang"), ("丁一", "ding yi"),
    ("任重", "ren zhong"), ("沈梦琪", "shen mengqi"), ("欧阳娜娜", "ouyang nana"),
    ("姚明轩", "yao mingxuan"), ("卢俊义", "lu junyi"), ("钟秀", "zhong xiu"), ("方圆", "fang yuan"),
    ("付晓光", "fu xiaoguang"), ("严冬", "yan dong"), ("白露", "bai lu"), ("贺一航", "he yihang"),
    ("龚雪", "gong xue"), ("江涛", "jiang tao"), ("陆子昂", "lu ziang"), ("石磊", "shi lei"),
    ("范冰", "fan bing"), ("邹静", "zou jing"), ("熊伟", "xiong wei"), ("金秀贤", "jin xiuxian"),
]
ZH_COMPANIES = [
    ("上海云启信息科技有限公司", "云启科技", "yunqitech.com"),
    ("杭州数澜网络科技有限公司", "数澜网络", "shulan.cn"),
    ("北京博远智联科技有限公司", "博远智联", "boyuanzl.com"),
    ("深圳市鼎盛电子商务有限公司", "鼎盛电商", "dingsheng-ec.com"),
    ("广州市华南星物流有限公司", "华南星物流", "hnxlogistics.cn"),
    ("成都锦程教育咨询有限公司", "锦程教育", "jinchengedu.com"),
    ("南京蓝鲸软件有限公司", "蓝鲸软件", "lanjingsoft.com"),
    ("武汉楚天医疗器械有限公司", "楚天医疗", "chutianmed.com.cn"),
    ("苏州工业园区星河智造有限公司", "星河智造", "xinghe-mfg.com"),
    ("西安秦川新能源科技有限公司", "秦川新能源", "qinchuan-energy.cn"),
    ("重庆山城连锁餐饮管理有限公司", "山城餐饮", "shancheng-food.com"),
    ("天津滨海航运服务有限公司", "滨海航运", "binhaishipping.cn"),
    ("厦门鹭岛旅游发展有限公司", "鹭岛旅游", "ludaotravel.com"),
    ("青岛海鸥家电销售有限公司", "海鸥家电", "haiouhome.cn"),
    ("长沙湘江传媒有限公司", "湘江传媒", "xjmedia.cn"),
    ("合肥科大讯联信息技术有限公司", "讯联信息", "xunlian-it.com"),
    ("郑州中原粮油贸易有限公司", "中原粮油", "zyliangyou.com"),
    ("宁波甬港进出口有限公司", "甬港进出口", "yonggang-trade.com"),
    ("无锡太湖生物科技有限公司", "太湖生物", "taihubio.com"),
    ("东莞市恒通五金制品有限公司", "恒通五金", "hengtonghw.com"),
    ("佛山美家家居有限公司", "美家家居", "meijiahome.com.cn"),
    ("昆明七彩云南文化旅游有限公司", "七彩云南文旅", "qicaiyn.com"),
    ("大连海韵物业管理有限公司", "海韵物业", "haiyunwy.com"),
    ("沈阳北方重工装备有限公司", "北方重工", "bfzg.com.cn"),
    ("福州闽信金融服务外包有限公司", "闽信外包", "minxin-bpo.com"),
    ("济南泉城建筑设计院有限公司", "泉城设计院", "qcdesign.cn"),
    ("哈尔滨冰城乳业有限公司", "冰城乳业", "bingchengdairy.com"),
    ("贵阳黔云大数据有限公司", "黔云大数据", "qianyun-data.com"),
    ("南昌赣江汽车销售服务有限公司", "赣江汽车", "ganjiangauto.com"),
    ("石家庄冀中药业有限公司", "冀中药业", "jizhongpharma.cn"),
    ("上海明德律师事务所", "明德律所", "mingdelaw.com"),
    ("北京知行学堂教育科技有限公司", "知行学堂", "zhixingxt.com"),
    ("深圳前海微众创投有限公司", "微众创投", "wzventure.cn"),
    ("杭州小羊快跑跑腿服务有限公司", "小羊快跑", "xiaoyangkp.com"),
    ("广州番禺珠宝首饰有限公司", "番禺珠宝", "panyujewelry.com"),
    ("成都熊猫游戏工作室", "熊猫游戏", "pandagames.cn"),
    ("上海静安嘉里健身会所", "嘉里健身", "kerryfit.cn"),
    ("北京朝阳国际会展服务有限公司", "朝阳会展", "cyexpo.com.cn"),
    ("苏州绿野农业发展有限公司", "绿野农业", "lvyeagri.com"),
    ("深圳极光智能硬件有限公司", "极光智能", "jiguang-iot.com"),
    ("杭州青藤茶饮连锁有限公司", "青藤茶饮", "qingtengtea.com"),
    ("南京金陵人力资源服务有限公司", "金陵人力", "jlhr.com.cn"),
    ("武汉光谷云计算有限公司", "光谷云", "ggcloud.cn"),
    ("上海外滩酒店管理有限公司", "外滩酒店", "bundhotels.com"),
    ("广州白云国际货运代理有限公司", "白云货代", "baiyunfreight.com"),
    ("天津渤海财产保险代理有限公司", "渤海保险代理", "bohaiins.cn"),
    ("北京中科星图测绘有限公司", "星图测绘", "xingtu-map.com"),
    ("厦门海峡跨境电商有限公司", "海峡跨境", "haixia-cbec.com"),
    ("青岛啤酒花园餐饮有限公司", "啤酒花园", "beergarden-qd.com"),
    ("西安古城印务有限公司", "古城印务", "guchengprint.cn"),
    ("成都天府软件园服务有限公司", "天府软件园", "tfswpark.com"),
    ("深圳南山口腔门诊部", "南山口腔", "nsdental.cn"),
    ("杭州西溪宠物医院有限公司", "西溪宠物医院", "xixipet.com"),
]
# Vendor (the service provider receiving the ticket).
ZH_VENDORS = [
    ("小智助手", "xiaozhi.ai"), ("云听智能", "yunting.cn"), ("叮当管家", "dingdang.com"),
    ("晨光日程", "chenguang-app.com"), ("悦行出行", "yuexing.cn"), ("星语音箱", "xingyu-audio.com"),
    ("易生活", "yishenghuo.com"), ("萌宝闹钟", "mengbao.app"), ("天天提醒", "ttremind.com"),
    ("青柠助理", "qingning.ai"), ("知了音乐", "zhiliao-music.cn"), ("麦田智家", "maitian-home.com"),
    ("小度同学", "xiaodu-tx.cn"), ("蓝海出行", "lanhai-go.com"),
]
ZH_TITLES = [
    "客户经理", "高级产品经理", "财务主管", "行政专员", "运营总监", "IT经理", "采购经理",
    "人力资源专员", "市场部经理", "技术支持工程师", "副总经理", "总经理助理", "项目经理",
    "销售代表", "客户成功经理", "数据分析师", "法务专员", "前台主管", "店长", "区域经理",
    "董事长助理", "行政经理", "信息化专员", "总监", "资深顾问", "部门负责人", "采购专员",
    "运营专员", "商务经理", "大客户经理",
]
ZH_DEPTS = [
    "财务部", "行政部", "信息技术部", "市场部", "运营中心", "人力资源部", "采购部",
    "客户服务部", "产品研发中心", "法务合规部", "华东大区销售部", "数字化转型办公室",
    "总经办", "供应链管理部", "品牌部", "华南区域中心", "董事会办公室", "IT运维组",
]
ZH_CITIES = [
    ("北京市", ["朝阳区", "海淀区", "东城区", "丰台区"], "010"),
    ("上海市", ["浦东新区", "徐汇区", "静安区", "闵行区"], "021"),
    ("广州市", ["天河区", "海珠区", "番禺区"], "020"),
    ("深圳市", ["南山区", "福田区", "宝安区"], "0755"),
    ("杭州市", ["西湖区", "余杭区", "滨江区"], "0571"),
    ("成都市", ["高新区", "武侯区", "锦江区"], "028"),
    ("南京市", ["建邺区", "鼓楼区", "江宁区"], "025"),
    ("武汉市", ["洪山区", "江汉区", "武昌区"], "027"),
    ("西安市", ["雁塔区", "碑林区"], "029"),
    ("苏州市", ["工业园区", "姑苏区"], "0512"),
    ("重庆市", ["渝北区", "江北区"], "023"),
    ("天津市", ["和平区", "滨海新区"], "022"),
]
ZH_ROADS = ["建国路", "科苑南路", "文一西路", "天府大道", "张江路", "淮海中路", "中关村大街",
            "花城大道", "软件大道", "江南大道", "人民路", "解放路", "中山路", "长江路",
            "高新南九道", "金科路", "望京街", "星湖街", "光谷大道", "滨江大道"]
ZH_BUILDINGS = ["SOHO现代城", "国际金融中心", "科技园", "创新大厦", "时代广场", "环球中心",
                "万达广场", "中心大厦", "产业园", "金融街中心", "数字经济产业园", "软件园"]
ZH_PLANS = ["免费版", "基础版", "标准版", "专业版", "高级版", "旗舰版", "企业版", "团队版",
            "尊享版", "年度会员", "连续包月", "VIP", "SVIP", "黄金会员", "铂金会员"]
ZH_CUST_LEVELS = ["普通", "VIP", "VIP1", "VIP3", "SVIP", "KA客户", "重点客户", "战略客户",
                  "A类", "B类", "C类", "金牌会员", "钻石会员"]
ZH_DEVICES = [
    ("iPhone 15 Pro", "iOS 17.4"), ("iPhone 14", "iOS 17.2"), ("iPhone 13", "iOS 16.6"),
    ("iPhone 12 mini", "iOS 17.1"), ("华为 Mate 60 Pro", "HarmonyOS 4.0"),
    ("华为 P60", "HarmonyOS 3.1"), ("华为 nova 11", "HarmonyOS 4.0"), ("荣耀 Magic5", "MagicOS 7.1"),
    ("小米 14", "HyperOS 1.0"), ("小米 13", "MIUI 14"), ("Redmi K60", "MIUI 14"),
    ("OPPO Find X6", "ColorOS 14"), ("OPPO Reno10", "ColorOS 13"), ("vivo X100", "OriginOS 4"),
    ("vivo S17", "OriginOS 3"), ("一加 12", "ColorOS 14"), ("realme GT5", "realme UI 5.0"),
    ("iQOO 12", "OriginOS 4"), ("华为 MatePad 11", "HarmonyOS 4.0"),
]
ZH_STORES = ["App Store", "华为应用市场", "小米应用商店", "OPPO软件商店", "vivo应用商店",
             "应用宝", "荣耀应用市场", "豌豆荚"]
ZH_MOBILE_FOOTERS = ["发自我的iPhone", "发自我的iPad", "发自我的华为手机", "发自我的小米手机",
                     "来自网易邮箱大师", "发自 QQ邮箱 App", "发自我的荣耀手机", "— 发自 Outlook for iOS",
                     "来自：钉钉邮箱", "发自我的 OPPO 手机", "来自手机QQ邮箱", "发自飞书邮箱"]
ZH_GREETINGS = ["您好，", "你好，", "您好！", "客服你好，", "客服您好：", "{agent}你好，",
                "{agent}您好：", "尊敬的客服：", "在吗？", "哈喽，", "打扰了，", ""]
ZH_CLOSINGS = ["谢谢！", "谢谢。", "麻烦了。", "辛苦了！", "感谢！", "此致\n敬礼", "盼复。",
               "期待回复。", "多谢！", "麻烦尽快回复，谢谢。", "顺祝商祺！", "祝好"]
ZH_FILLERS_BEFORE = ["打扰一下。", "麻烦问一下。", "之前联系过一次，没得到答复。",
                     "刚才在线客服排队太久了。", "同事让我发邮件到这个地址。",
                     "不好意思，晚上还来打扰。", "第一次联系你们。", "找了帮助中心没找到。"]
ZH_FILLERS_AFTER = ["麻烦尽快处理。", "有结果请回复我。", "辛苦看一下。", "方便的话电话联系我。",
                    "谢谢耐心解答。", "急，在线等。", "请回复此邮件，不要打电话。",
                    "如需补充信息请告知。", "等你们消息。"]
ZH_SUBJECTS = ["咨询", "求助", "问题反馈", "用户咨询", "紧急", "（无主题）", "请帮忙处理",
               "账户问题", "使用问题咨询", "客户来函", "跟进", "反馈", "请协助", "售后咨询",
               "转：客户咨询", "答复：咨询", "回复：问题反馈"]
ZH_TAGS = ["VIP", "首次进线", "重复进线", "投诉风险", "情绪激动", "待回访", "已回访",
           "机器人转人工", "夜间进线", "高优先级", "需二线支持", "产品建议", "华东区", "华南区",
           "续费期", "新客户", "老客户", "大客户", "自动打标", "负面情绪", "催单"]
ZH_STATUSES = ["待处理", "处理中", "待客户回复", "已升级", "挂起", "已分配", "待审核",
               "重新打开", "待回访", "新建"]
ZH_PRIORITIES = ["低", "中", "高", "紧急", "P1", "P2", "P3", "一般", "较高", "特急"]
ZH_CHANNELS = ["邮件", "在线客服", "电话", "微信公众号", "小程序", "App内反馈", "企业微信",
               "钉钉", "飞书", "微博", "抖音", "400热线", "网页表单", "短信"]
ZH_DISCLAIMERS = [
    "本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。",
    "【免责声明】本邮件及其附件可能包含保密或受法律保护的信息，仅供指定收件人使用。"
    "如果您不是指定收件人，请立即通知发件人并删除本邮件，严禁对本邮件内容进行任何形式的"
    "复制、转发、披露或使用。{company}对通过电子邮件传输所导致的任何信息遗失、延误或病毒"
    "不承担任何责任。",
    "保密提示：此邮件可能包含保密信息，若您误收此邮件，请立即删除并通知发件人，谢谢合作。",
    "【重要提示】本邮件内容仅代表发件人个人观点，不代表{company}的立场。任何人不得以任何"
    "方式使用、复制、传播本邮件内容。{company}不会通过邮件向您索要密码、验证码或银行卡信息，"
    "请注意防范诈骗。\n"
    "This email and any attachments are confidential and may be privileged. If you are not "
    "the intended recipient, please notify the sender and delete it.",
    "温馨提示：为保护环境，非必要请勿打印本邮件。",
    "本邮件已经过{scanner}病毒扫描。",
    "声明：本邮件由系统自动发送，内容仅供参考，最终以书面合同为准。",
]
ZH_SCANNERS = ["奇安信", "360企业安全", "腾讯企业邮", "网易企业邮箱", "阿里邮箱", "深信服"]
ZH_UNSUBSCRIBE = [
    "如不希望再收到此类邮件，请点击退订：https://{vdomain}/unsubscribe?u={token}",
    "您收到此邮件是因为您曾联系过{vendor}客服。退订 | 管理通知设置 | 隐私政策",
    "本邮件由系统自动发出，请勿直接回复。回复 TD 退订。",
    "{vendor} · 客户服务中心　不想再收到通知？前往 设置 > 消息通知 关闭邮件提醒。",
    "退订请回复“TD”或访问 https://{vdomain}/prefs/{token}",
]
ZH_OOO = [
    "【自动回复】您好，我于{date}前休假，期间邮件回复可能不及时，紧急事务请联系{other}（{other_phone}）。",
    "自动回复：您好，您的邮件已收到，我目前出差中，将尽快回复。",
    "本人{date}前在外培训，邮件处理会有延迟，急事请拨打手机。",
    "[自动回复] 春节假期期间（{date}前）暂停办公，节后第一时间回复您。",
    "您好，我已于近期离职，相关工作请联系{other}，邮箱 {other_email}。",
]
ZH_SOCIAL = ["微信：{wx}", "公众号：{co}", "官网：www.{domain}", "视频号：{co}", "微博：@{co}"]
ZH_AGENT_NICKS = ["小美", "小雅", "小安", "小智", "小鹿", "阿杰", "小禾", "小橙", "小蓝", "小贝",
                  "客服-晓晓", "客服-丹丹", "客服-阿泽", "售后-小林", "客服003", "客服小七",
                  "客服-糖糖", "小优", "小乐", "小暖"]
ZH_WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
ZH_WEEKDAYS_SHORT = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


# ---------------------------------------------------------------------------
# Random helpers
# ---------------------------------------------------------------------------

def _slug(s):
    return re.sub(r"[^a-z0-9]", "", s.lower())


def en_company_domain(name):
    words = [w for w in re.split(r"[^A-Za-z0-9]+", name) if w and w.lower() not in
             ("co", "llp", "the", "and", "group", "inc")]
    base = _slug("".join(words[:2])) if len(words) > 1 else _slug(words[0])
    tld = EN_TLDS[sum(map(ord, name)) % len(EN_TLDS)]
    return base + tld


class Person:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Gen:
    """All randomness flows through self.r (one shared random.Random)."""

    def __init__(self, r):
        self.r = r
        self.vendor, self.vdomain = r.choice(EN_VENDORS)
        self.zvendor, self.zvdomain = r.choice(ZH_VENDORS)
        self.base = datetime(2022, 1, 3, 8, 0) + timedelta(
            minutes=r.randrange(0, 60 * 24 * 365 * 3))
        if self.base.hour < 7:
            self.base = self.base.replace(hour=self.base.hour + 8)

    # basic draws -----------------------------------------------------------
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    def num(self, a, b):
        return self.r.randint(a, b)

    def digits(self, n):
        return "".join(str(self.r.randrange(10)) for _ in range(n))

    def hexs(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def alnum(self, n, upper=True):
        chars = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" if upper else "abcdefghijkmnpqrstuvwxyz0123456789"
        return "".join(self.r.choice(chars) for _ in range(n))

    def sample(self, seq, k):
        return self.r.sample(list(seq), k)

    def shuffled(self, seq):
        s = list(seq)
        self.r.shuffle(s)
        return s

    # time ------------------------------------------------------------------
    def dt(self, max_back_min=0, max_fwd_min=0):
        return self.base + timedelta(minutes=self.r.randint(-max_back_min, max_fwd_min),
                                     seconds=self.r.randrange(60))

    def later(self, d, lo=1, hi=30):
        return d + timedelta(minutes=self.r.randint(lo, hi), seconds=self.r.randrange(60))

    def en_date(self, d=None, style=None):
        d = d or self.dt()
        styles = [
            lambda: d.strftime("%Y-%m-%d %H:%M"),
            lambda: d.strftime("%a, %d %b %Y %H:%M:%S ") + self.pick(["+0000", "-0500", "+0100", "-0800", "+1000"]),
            lambda: d.strftime("%B ") + str(d.day) + d.strftime(", %Y at ") + self._ampm(d),
            lambda: d.strftime("%d/%m/%Y %H:%M"),
            lambda: f"{d.month}/{d.day}/{d.strftime('%y')}, {self._ampm(d)}",
            lambda: d.strftime("%Y-%m-%dT%H:%M:%SZ"),
            lambda: d.strftime("%A, %B ") + str(d.day) + d.strftime(", %Y ") + self._ampm(d),
            lambda: d.strftime("%d %b %Y, %H:%M"),
            lambda: d.strftime("%b ") + str(d.day) + ", " + self._ampm(d),
        ]
        i = style if style is not None else self.r.randrange(len(styles))
        return styles[i]()

    def en_day(self, d=None):
        d = d or self.dt()
        return self.pick([d.strftime("%A %d %B"), d.strftime("%b %d, %Y"), d.strftime("%d/%m/%Y"),
                          d.strftime("%Y-%m-%d"), f"{d.month}/{d.day}"])

    @staticmethod
    def _ampm(d):
        h = d.hour % 12 or 12
        return f"{h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"

    def zh_date(self, d=None, style=None):
        d = d or self.dt()
        ampm = ("上午" if d.hour < 12 else "下午") + f"{(d.hour % 12) or 12}:{d.minute:02d}"
        styles = [
            lambda: f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}",
            lambda: f"{d:%Y-%m-%d %H:%M:%S}",
            lambda: f"{d.year}/{d.month}/{d.day} {ZH_WEEKDAYS_SHORT[d.weekday()]} {ampm}",
            lambda: f"{d.month}月{d.day}日 {ampm}",
            lambda: f"{ZH_WEEKDAYS[d.weekday()]}, {d.year}年{d.month}月{d.day}日 {d.hour}:{d.minute:02d}",
            lambda: f"{d:%Y.%m.%d %H:%M}",
            lambda: f"{d:%Y-%m-%d %H:%M}",
            lambda: f"{d.year}年{d.month:02d}月{d.day:02d}日({ZH_WEEKDAYS[d.weekday()]}) {d:%H:%M}",
        ]
        i = style if style is not None else self.r.randrange(len(styles))
        return styles[i]()

    def zh_day(self, d=None):
        d = d or self.dt()
        return self.pick([f"{d.year}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}", f"{d.month}月{d.day}日",
                          f"{d:%Y/%m/%d}"])

    # ids -------------------------------------------------------------------
    def ticket_id(self):
        d = self.base
        forms = [
            lambda: f"#{self.num(10000, 999999)}",
            lambda: f"TKT-{d.year}-{self.digits(6)}",
            lambda: f"CS-{self.num(1000, 99999)}",
            lambda: f"INC{self.digits(7)}",
            lambda: f"Case {self.digits(8)}",
            lambda: f"[#{self.pick(['SUP', 'HELP', 'CX', 'OPS', 'BILL'])}-{self.num(100, 99999)}]",
            lambda: f"REQ-{self.num(1000, 9999)}",
            lambda: self.hexs(8),
            lambda: f"{d:%Y%m%d}-{self.digits(4)}",
            lambda: f"SR{self.digits(9)}",
            lambda: f"{self.pick(['SD', 'CSD', 'ITSM'])}-{self.num(10, 9999)}",
        ]
        return self.pick(forms)()

    def zh_ticket_id(self):
        d = self.base
        forms = [
            lambda: f"GD{d:%Y%m%d}{self.digits(5)}",
            lambda: f"{d:%Y%m%d%H%M}{self.digits(4)}",
            lambda: f"WO-{d.year}-{self.digits(6)}",
            lambda: f"#{self.num(10000, 999999)}",
            lambda: f"KF{self.digits(10)}",
            lambda: f"TS{d:%y%m%d}-{self.digits(3)}",
            lambda: f"DT{d:%Y%m%d}{self.digits(5)}",
            lambda: f"FS-{self.alnum(4)}-{self.digits(4)}",
            lambda: f"{self.digits(16)}",
        ]
        return self.pick(forms)()

    def contract_no(self):
        return self.pick([f"HT-{self.base.year}-{self.digits(4)}", f"CON{self.digits(8)}",
                          f"{self.alnum(2)}{self.base.year}{self.digits(5)}",
                          f"XS-{self.base:%y%m}-{self.digits(3)}"])

    def token(self):
        return self.alnum(self.num(10, 24), upper=False)

    def version(self):
        v = f"{self.num(1, 12)}.{self.num(0, 40)}.{self.num(0, 9)}"
        return v + self.pick(["", "", f" ({self.num(100, 9999)})", f" build {self.num(1000, 99999)}"])

    # money -----------------------------------------------------------------
    def mrr(self):
        cur = self.pick(["$", "$", "£", "€", "A$"])
        amt = self.pick([self.num(9, 99), self.num(100, 999), self.num(1000, 25000)])
        return self.pick([f"{cur}{amt:,}", f"{cur}{amt:,}.00", f"{cur}{amt:,}/mo"])

    def zh_money(self):
        amt = self.pick([self.num(99, 999), self.num(1000, 99999), self.num(100000, 2000000)])
        return self.pick([f"¥{amt:,}", f"{amt}元", f"￥{amt:,}.00", f"{amt / 10000:.1f}万元"])

    # phones ----------------------------------------------------------------
    def en_phone(self, city_area=None):
        a = city_area or str(self.num(201, 989))
        forms = [
            lambda: f"+1 ({a}) 555-{self.digits(4)}",
            lambda: f"{a}-555-{self.digits(4)}",
            lambda: f"+44 20 7946 {self.digits(4)}",
            lambda: f"({a}) 555 {self.digits(4)} ext. {self.num(100, 999)}",
            lambda: f"+61 2 9374 {self.digits(4)}",
            lambda: f"+1.{a}.555.{self.digits(4)}",
            lambda: f"+44 7700 900{self.digits(3)}",
            lambda: f"+353 1 555 {self.digits(4)}",
        ]
        return self.pick(forms)()

    def zh_mobile(self, masked=None):
        p = self.pick(["13", "15", "18", "17", "19"]) + str(self.num(0, 9)) + self.digits(8)
        if masked is None:
            masked = self.chance(0.25)
        if masked:
            return p[:3] + "****" + p[7:]
        return self.pick([p, f"{p[:3]} {p[3:7]} {p[7:]}", f"+86 {p[:3]}-{p[3:7]}-{p[7:]}",
                          f"{p[:3]}-{p[3:7]}-{p[7:]}", f"+86{p}"])

    def zh_landline(self, area=None):
        area = area or self.pick(["010", "021", "020", "0755", "0571", "028", "025"])
        n = self.digits(8) if len(area) == 3 else self.digits(self.pick([7, 8]))
        return self.pick([f"{area}-{n[:4]} {n[4:]}", f"({area}) {n}", f"{area}-{n}",
                          f"{area}-{n} 转 {self.num(800, 8999)}"])

    def hotline(self):
        return self.pick([f"400-{self.digits(3)}-{self.digits(4)}", f"400 {self.digits(3)} {self.digits(4)}",
                          f"400{self.digits(7)}", f"95{self.digits(3)}"])

    # people ----------------------------------------------------------------
    def en_company(self):
        n = self.pick(EN_COMPANIES)
        return n, en_company_domain(n)

    def en_person(self, company=None, personal=None):
        r = self.r
        first, last = r.choice(EN_FIRST), r.choice(EN_LAST)
        if company is None:
            company = self.en_company()
        cname, domain = company
        if personal is None:
            personal = self.chance(0.3)
        f, l = _slug(first), _slug(last)
        if personal:
            local = self.pick([f"{f}.{l}", f"{f}{l}{self.num(1, 99)}", f"{f[0]}{l}",
                               f"{f}_{l}", f"{l}.{f}{self.num(70, 99)}", f"{f}{self.num(100, 999)}"])
            email = local + "@" + self.pick(["gmail.com", "outlook.com", "yahoo.com", "icloud.com",
                                             "hotmail.co.uk", "proton.me", "aol.com", "me.com"])
        else:
            local = self.pick([f"{f}.{l}", f"{f[0]}{l}", f"{f}", f"{f}.{l[0]}", f"{f}_{l}", f"{f[0]}.{l}"])
            email = f"{local}@{domain}"
        city, state, zprefix = r.choice(EN_CITIES)
        area = str(self.num(201, 989))
        return Person(first=first, last=last, name=f"{first} {last}", email=email,
                      company=cname, domain=domain, title=r.choice(EN_TITLES),
                      dept=r.choice(EN_DEPTS), phone=self.en_phone(area),
                      mobile=self.en_phone(area), city=city, state=state,
                      address=self.en_address(city, state, zprefix),
                      handle=self.pick([f + l, f"{f}_{l}", f"{f}{l[0]}{self.num(1, 99)}", f"the{f}{l}"]),
                      slug=f"{f}-{l}-{self.hexs(4)}" if self.chance(0.5) else f"{f}{l}")

    def en_address(self, city=None, state=None, zprefix=None):
        if city is None or self.chance(0.2):
            if self.chance(0.5):
                return f"{self.num(1, 250)} {self.pick(['Old Street', 'Bishopsgate', 'High Street', 'Queen Street', 'Canal Road'])}, {self.pick(EN_INTL_CITIES)}"
            city, state, zprefix = self.pick(EN_CITIES)
        suite = self.pick(["", f", Suite {self.num(100, 2400)}", f", Floor {self.num(2, 40)}", f" #{self.num(2, 900)}"])
        return f"{self.num(10, 9800)} {self.pick(EN_STREETS)}{suite}, {city}, {state} {zprefix}{self.digits(2)}"

    def zh_company(self):
        return self.pick(ZH_COMPANIES)

    def zh_person(self, company=None, personal=None):
        if self.chance(0.45):
            name, py = self.pick(ZH_FULL_NAMES)
            sur_py, giv_py = py.split(" ")
        else:
            (s, sur_py), (g, giv_py) = self.pick(ZH_SURNAMES), self.pick(ZH_GIVEN)
            name = s + g
        if company is None:
            company = self.zh_company()
        full, short, domain = company
        if personal is None:
            personal = self.chance(0.35)
        if personal:
            email = self.pick([f"{self.num(10000000, 3999999999)}@qq.com",
                               f"{sur_py}{giv_py}{self.num(1, 999)}@163.com",
                               f"{sur_py}{giv_py}@126.com", f"{giv_py}{sur_py}{self.num(80, 99)}@sina.com",
                               f"{sur_py}_{giv_py}@foxmail.com", f"{sur_py}.{giv_py}@outlook.com"])
        else:
            email = self.pick([f"{sur_py}{giv_py}@{domain}", f"{sur_py}.{giv_py}@{domain}",
                               f"{giv_py}.{sur_py}@{domain}", f"{sur_py}{giv_py[0]}@{domain}",
                               f"{giv_py[0]}{sur_py}@{domain}"])
        city, dists, area = self.pick(ZH_CITIES)
        addr = (f"{city}{self.pick(dists)}{self.pick(ZH_ROADS)}{self.num(1, 999)}号"
                f"{self.pick(ZH_BUILDINGS)}{self.pick(['', 'A座', 'B座', '2号楼', 'T3栋'])}"
                f"{self.num(2, 32)}{self.num(1, 20):02d}室")
        return Person(name=name, sur=name[:len(name) - len(name) // 2] if len(name) == 4 else name[0],
                      email=email, company=full, short=short, domain=domain,
                      title=self.pick(ZH_TITLES), dept=self.pick(ZH_DEPTS),
                      mobile=self.zh_mobile(masked=False), phone=self.zh_landline(area),
                      city=city, address=addr, wx=f"{sur_py}{giv_py}{self.pick(['', '_', '-'])}{self.num(1, 999)}")

    def zh_honorific(self, p):
        s = p.name[:2] if p.name.startswith("欧阳") else p.name[0]
        return s + self.pick(["先生", "女士", "总", "经理", "工", "老师"])

    # furniture -------------------------------------------------------------
    def en_signature(self, p, rich=None):
        if rich is None:
            rich = self.r.random()
        lines = [self.pick([p.name, p.first, f"{p.first} {p.last[0]}.", p.name.upper() if self.chance(0.1) else p.name])]
        if rich > 0.25:
            lines.append(p.title + (f" | {p.dept}" if self.chance(0.3) else ""))
            lines.append(p.company)
        if rich > 0.45:
            if self.chance(0.7):
                lines.append(self.pick(["T: ", "Tel: ", "Phone: ", "O: ", "Direct: ", ""]) + p.phone)
            if self.chance(0.5):
                lines.append(self.pick(["M: ", "Mobile: ", "Cell: ", "C: "]) + p.mobile)
            if self.chance(0.5):
                lines.append(self.pick(["E: ", "Email: ", ""]) + p.email)
        if rich > 0.6:
            if self.chance(0.6):
                lines.append(p.address)
            if self.chance(0.6):
                lines.append(self.pick(["www.", "https://www.", "https://"]) + p.domain)
            if self.chance(0.5):
                socials = self.sample(EN_SOCIAL, self.num(1, 3))
                lines.append(" | ".join(s.format(slug=p.slug, handle=p.handle) for s in socials))
        if rich > 0.8 and self.chance(0.4):
            lines.append(self.pick(["Pronouns: she/her", "Pronouns: he/him", "(they/them)",
                                    "Working hours: 8am-4pm ET", "My working hours may not be your working hours. Please don't feel obliged to reply outside of yours.",
                                    f"Winner, {self.pick(['Best Places to Work', 'Inc. 5000', 'Regional Business Awards'])} {self.base.year - 1}",
                                    "Book time with me: https://calendly.com/" + p.handle]))
        sep = self.pick(["", "", "-- \n", "--\n", "________________________________\n", "---\n"])
        return sep + "\n".join(lines)

    def en_disclaimer(self, p=None, tpl=None):
        company = p.company if p else self.en_company()[0]
        return (tpl or self.pick(EN_DISCLAIMERS)).format(
            company=company, regno=self.digits(8), address=self.en_address(),
            scanner=self.pick(EN_SCANNERS))

    def en_unsub(self):
        return self.pick(EN_UNSUBSCRIBE).format(vendor=self.vendor, vdomain=self.vdomain,
                                                token=self.token(), address=self.en_address())

    def en_ooo(self):
        o = self.en_person(personal=False)
        return self.pick(EN_OOO).format(date=self.en_day(self.later(self.base, 1440, 20000)),
                                        other=o.name, other_email=o.email)

    def en_greet(self, agent=None):
        g = self.pick(EN_GREETINGS)
        return g.format(agent=agent or self.pick(EN_FIRST))

    def zh_signature(self, p, rich=None):
        if rich is None:
            rich = self.r.random()
        lines = []
        if rich > 0.2 and self.chance(0.5):
            lines.append(self.pick(["Best regards", "此致", "顺颂商祺", "祝好", "谢谢"]))
        lines.append(p.name + (f" | {p.title}" if self.chance(0.4) else ""))
        if rich > 0.3:
            if self.chance(0.5):
                lines.append(p.dept + ("" if (self.chance(0.5) or p.title in lines[-1]) else " " + p.title))
            lines.append(p.company)
        if rich > 0.5:
            if self.chance(0.6):
                lines.append(self.pick(["地址：", "地址: ", "Add: "]) + p.address)
            if self.chance(0.7):
                lines.append(self.pick(["手机：", "手机: ", "Mob: ", "M: "]) + p.mobile)
            if self.chance(0.5):
                lines.append(self.pick(["座机：", "电话：", "Tel: ", "T: "]) + p.phone)
            if self.chance(0.6):
                lines.append(self.pick(["邮箱：", "邮箱: ", "E-mail: "]) + p.email)
        if rich > 0.7:
            if self.chance(0.6):
                lines.append(self.pick(["官网：", "网址：", "Web: "]) + "www." + p.domain)
            if self.chance(0.4):
                lines.append(self.pick(ZH_SOCIAL).format(wx=p.wx, co=p.short, domain=p.domain))
            if self.chance(0.2):
                lines.append(self.pick(["让每一次服务都有温度", "专注 · 专业 · 共赢", "客户第一，团队合作，拥抱变化",
                                        "诚信 创新 共赢", "科技让生活更美好"]))
        sep = self.pick(["", "", "--\n", "————————————\n", "——\n", "-- \n"])
        return sep + "\n".join(lines)

    def zh_disclaimer(self, p=None, tpl=None):
        company = p.company if p else self.zh_company()[0]
        return (tpl or self.pick(ZH_DISCLAIMERS)).format(company=company, scanner=self.pick(ZH_SCANNERS))

    def zh_unsub(self):
        return self.pick(ZH_UNSUBSCRIBE).format(vendor=self.zvendor, vdomain=self.zvdomain,
                                                token=self.token())

    def zh_ooo(self):
        o = self.zh_person(personal=False)
        return self.pick(ZH_OOO).format(date=self.zh_day(self.later(self.base, 1440, 20000)),
                                        other=o.name, other_phone=o.mobile, other_email=o.email)

    def zh_greet(self, agent=None):
        return self.pick(ZH_GREETINGS).format(agent=agent or self.pick(ZH_AGENT_NICKS))

    def stars(self, n, total=5):
        return self.pick(["★" * n + "☆" * (total - n), f"{n}/{total} stars", f"{n} star" + ("s" if n != 1 else ""),
                          "⭐" * n, f"Rating: {n}"])


# ---------------------------------------------------------------------------
# Layout helpers
# ---------------------------------------------------------------------------

def join_lines(parts, sep="\n"):
    """Join non-None parts; None entries are skipped (optional parts)."""
    return sep.join(p for p in parts if p is not None)


def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def flatten(s, sep=" | "):
    lines = [ln.strip() for ln in s.splitlines()]
    return sep.join(ln for ln in lines if ln)


def quote(s, prefix="> "):
    return "\n".join((prefix + ln) if ln else prefix.rstrip() for ln in s.split("\n"))


def body_en(g, need_first=None, agent=None, greet=True, close=True, name=None):
    """A short e-mail style body around the need."""
    parts = []
    if greet and g.chance(0.75):
        gr = g.en_greet(agent)
        if gr:
            parts.append(gr)
            parts.append("")
    line = NEED
    if g.chance(0.3):
        line = g.pick(EN_FILLERS_BEFORE) + g.pick([" ", "\n\n", "\n"]) + line
    if g.chance(0.45):
        line = line + SOFT + g.pick([" ", "\n\n", "\n"]) + g.pick(EN_FILLERS_AFTER)
    parts.append(line)
    if close and g.chance(0.8):
        parts.append("")
        parts.append(g.pick(EN_CLOSINGS))
        if name:
            parts.append(name)
    return "\n".join(parts)


def body_zh(g, agent=None, greet=True, close=True, name=None):
    parts = []
    if greet and g.chance(0.75):
        gr = g.zh_greet(agent)
        if gr:
            parts.append(gr)
    line = NEED
    if g.chance(0.3):
        line = g.pick(ZH_FILLERS_BEFORE) + g.pick(["", "\n"]) + line
    if g.chance(0.45):
        line = line + SOFT + g.pick(["", "\n", " "]) + g.pick(ZH_FILLERS_AFTER)
    parts.append(line)
    if close and g.chance(0.7):
        parts.append(g.pick(ZH_CLOSINGS))
        if name:
            parts.append(name)
    return "\n".join(parts)


EN_TEMPLATES = OrderedDict()
ZH_TEMPLATES = OrderedDict()


def en(name):
    def deco(f):
        EN_TEMPLATES[name] = f
        return f
    return deco


def zh(name):
    def deco(f):
        ZH_TEMPLATES[name] = f
        return f
    return deco


# ---------------------------------------------------------------------------
# English templates
# ---------------------------------------------------------------------------

def _en_customer_attrs(g, p, keys=None):
    rows = [
        ("Company", p.company), ("Plan", g.pick(EN_PLANS)), ("MRR", g.mrr()),
        ("Location", f"{p.city}, {p.state}"), ("Signed up", g.en_day(g.dt(900000, 0))),
        ("Last seen", g.pick(["just now", "2 minutes ago", "1 hour ago", "yesterday"])),
        ("Sessions", str(g.num(1, 480))), ("Browser", g.pick(["Chrome 122", "Safari 17.3", "Firefox 123", "Edge 121", "Mobile Safari"])),
        ("Phone", p.phone), ("Customer ID", f"cus_{g.alnum(14, upper=False)}"),
        ("Lifetime value", g.mrr()), ("Open conversations", str(g.num(0, 4))),
    ]
    rows = g.sample(rows, g.num(2, 6))
    return "\n".join(f"{k}: {v}" for k, v in rows)


@en("intercom_email")
def t_intercom(g):
    c = g.en_person()
    agent = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    conv = g.num(10 ** 13, 10 ** 14)
    head = g.pick([f"New message from {c.name}", f"{c.first} replied to a conversation",
                   f"{c.name} ({c.company}) started a new conversation", f"Conversation with {c.name}"])
    parts = [head]
    if g.chance(0.5):
        parts.append(f"{g.pick(EN_CHANNELS[:3])} · {g.en_date()}")
    parts += ["", body_en(g, agent=agent.first, name=c.first if g.chance(0.5) else None)]
    if g.chance(0.5):
        parts += ["", "—", _en_customer_attrs(g, c)]
    parts += ["", g.pick(["Reply to this email to respond, or view the conversation in Intercom:",
                          "View conversation:", "Open in Inbox →"]),
              f"https://app.intercom.com/a/apps/{g.alnum(8, upper=False)}/inbox/inbox/conversation/{conv}"]
    if g.chance(0.6):
        parts += ["", g.pick([f"You're receiving this because you're assigned to this conversation ({agent.email}).",
                              "You are receiving this email because you are a teammate on this workspace. Manage notifications",
                              f"Intercom · {g.vendor} workspace · Unsubscribe from notifications"])]
    return join_lines(parts)


@en("hubspot_ticket")
def t_hubspot(g):
    c = g.en_person()
    owner = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    in_name = g.chance(0.4)
    rows = [("Ticket name", NEED if in_name else g.pick(EN_SUBJECTS) + g.pick(["", f" - {c.company}", f" ({c.first})"]))]
    rows.append(("Ticket description", g.pick(["Customer wrote in via chat.", "See conversation thread.",
                                                "(no description)", "Created from inbound email.", "Submitted via support form."]) if in_name else NEED))
    opt = [("Pipeline", g.pick(["Support Pipeline", "Customer Support", "Tier 1 Queue", "Billing & Accounts"])),
           ("Ticket status", g.pick(["New", "Waiting on contact", "Waiting on us", "Closed"])),
           ("Priority", g.pick(["Low", "Medium", "High", "Urgent"])),
           ("Source", g.pick(["Email", "Chat", "Form", "Phone", "Facebook Messenger"])),
           ("Ticket owner", f"{owner.name} ({owner.email})"),
           ("Create date", g.en_date()),
           ("Associated contact", f"{c.name} ({c.email})"),
           ("Associated company", c.company),
           ("Category", g.pick(["General inquiry", "Product issue", "Billing issue", "Feature request", "Account"])),
           ("Time to first agent reply", g.pick(["—", "1h 12m", "23m", "4h 05m"]))]
    rows += g.sample(opt, g.num(4, len(opt)))
    if not in_name:
        rows.insert(0, rows.pop(1)) if g.chance(0.2) else None
    sep = g.pick([": ", ":\t", " — "])
    out = [g.pick(["HubSpot · Service Hub", f"Ticket ID {g.num(1000000000, 9999999999)}", "Ticket details"]), ""]
    out += [k + sep + v for k, v in rows]
    return join_lines(out)


@en("zoho_desk")
def t_zoho(g):
    c = g.en_person()
    tid = g.num(1000, 99999)
    subj_need = g.chance(0.35)
    subj = NEED if subj_need else g.pick(EN_SUBJECTS)
    parts = [f"Zoho Desk | {g.vendor} Support", f"Ticket #{tid} - {subj}", ""]
    meta = [("Department", g.pick(["Support", "Billing", "Customer Care", "Cards & Payments", "General"])),
            ("Contact Name", c.name), ("Email", c.email), ("Phone", c.phone),
            ("Status", g.pick(["Open", "On Hold", "Escalated", "Open"])),
            ("Priority", g.pick(["-None-", "Low", "Medium", "High"])),
            ("Channel", g.pick(["Email", "Web", "Chat", "Phone", "Forums"])),
            ("Classification", g.pick(["Question", "Problem", "Request", "Others"])),
            ("Due Date", g.en_date(g.later(g.base, 60, 4000))),
            ("Account Name", c.company), ("Product Name", g.pick(EN_APPS) + " " + g.pick(["App", "Card", "Web", "Business"]))]
    meta = g.sample(meta, g.num(4, len(meta)))
    parts += [f"{k} : {v}" for k, v in meta]
    parts += ["", "Description:"]
    if subj_need:
        parts.append(g.pick(["Please see subject.", "-", "As per subject line.", "Sent from my phone.", "(empty)"]))
    else:
        parts.append(body_en(g, name=c.first))
    if g.chance(0.5):
        parts += ["", f"{g.num(1, 5)} thread(s) · {g.num(0, 3)} comment(s) · Last activity {g.en_date()}"]
    return join_lines(parts)


@en("servicenow_incident")
def t_servicenow(g):
    c = g.en_person(personal=False)
    agent = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    num = f"INC{g.digits(7)}"
    short_need = g.chance(0.5)
    tenant = _slug(c.company)[:12]
    parts = [g.pick([f"Incident {num} has been opened on your behalf",
                     f"{num} -- {g.pick(['New', 'Assigned', 'Updated'])}",
                     f"Your incident {num} has been received"]), ""]
    rows = [("Number", num), ("Caller", f"{c.name} ({c.email})"),
            ("Category", g.pick(["Inquiry / Help", "Software", "Account", "Request"])),
            ("Subcategory", g.pick(["How-to", "Access", "General", "Mobile app"])),
            ("Short description", NEED if short_need else g.pick(EN_SUBJECTS))]
    if not short_need:
        rows.append(("Description", NEED))
    elif g.chance(0.5):
        rows.append(("Description", g.pick(["Raised by phone.", "Caller requested callback.", "Raised via self-service portal."])))
    extra = [("Assignment group", g.pick(["Service Desk L1", "Customer Support - EMEA", "Digital Banking Support", "Tier 2 Applications"])),
             ("Assigned to", agent.name), ("State", g.pick(["New", "In Progress", "On Hold - Awaiting Caller"])),
             ("Impact", g.pick(["3 - Low", "2 - Medium"])), ("Urgency", g.pick(["3 - Low", "2 - Medium", "1 - High"])),
             ("Priority", g.pick(["4 - Low", "3 - Moderate", "2 - High"])), ("Opened", g.en_date(style=0)),
             ("Configuration item", g.pick(["Mobile Banking App", "Customer Portal", "Card Services", "N/A"])),
             ("Contact type", g.pick(["Email", "Phone", "Self-service", "Walk-in"]))]
    rows += g.sample(extra, g.num(3, len(extra)))
    parts += [f"{k}: {v}" for k, v in rows]
    parts += ["", f"Click here to view: https://{tenant}.service-now.com/nav_to.do?uri=incident.do?sys_id={g.hexs(32)}"]
    if g.chance(0.7):
        parts += ["", f"Ref:MSG{g.digits(7)}"]
    return join_lines(parts)


@en("helpscout_thread")
def t_helpscout(g):
    c = g.en_person()
    parts = []
    parts.append(f"{c.name} <{c.email}>" + g.pick(["", f" · {g.en_date()}"]))
    parts.append(f"Conversation #{g.num(100, 99999)} | Mailbox: {g.vendor} {g.pick(['Support', 'Help', 'Customer Care'])}")
    if g.chance(0.6):
        parts.append("Tags: " + ", ".join(g.sample(EN_TAGS, g.num(1, 3))))
    parts.append("")
    parts.append(body_en(g))
    if g.chance(0.7):
        parts += ["", g.en_signature(c)]
    if g.chance(0.5):
        parts += ["", "— Customer profile —", f"Name: {c.name}", f"Email: {c.email}",
                  f"Location: {c.city}, {c.state}",
                  f"Previous conversations: {g.num(0, 14)}"]
    return join_lines(parts)


@en("front_shared_inbox")
def t_front(g):
    c = g.en_person()
    a1 = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    a2 = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    subj_need = g.chance(0.3)
    parts = [f"[Front] {g.pick(['Support', 'Help', 'Customer Care', 'Escalations', 'VIP'])} inbox · " +
             (NEED if subj_need else g.pick(EN_SUBJECTS))]
    parts += [f"From: {c.name} <{c.email}>", f"To: {g.pick(['support', 'help', 'hello', 'care'])}@{g.vdomain}",
              f"Date: {g.en_date()}"]
    if g.chance(0.7):
        parts.append(f"Assignee: {a1.name}" + g.pick(["", " · Status: Open", " · Snoozed until tomorrow"]))
    if g.chance(0.5):
        parts.append("Tags: " + " ".join("#" + t for t in g.sample(EN_TAGS, g.num(1, 3))))
    parts.append("")
    if g.chance(0.5):
        parts += ["Comments:", f"{a2.first} {g.en_date(style=8)}: @{a1.first.lower()} {g.pick(['can you take this one?', 'this one is yours I think', 'same customer as last week', 'flagging - VIP account'])}", ""]
    parts.append("Message:")
    parts.append(g.pick(EN_SUBJECTS) + "." if subj_need and g.chance(0.3) else
                 (g.pick(["(no text)", "Thanks", "See subject", "^", "As above."]) if subj_need else body_en(g, agent=a1.first)))
    if g.chance(0.5):
        parts += ["", g.en_signature(c)]
    return join_lines(parts)


@en("salesforce_web_to_case")
def t_sf_w2c(g):
    c = g.en_person()
    in_subject = g.chance(0.35)
    rows = [("Case Number", g.digits(8)), ("Contact Name", c.name), ("Email", c.email),
            ("Phone", c.phone if g.chance(0.7) else ""), ("Company", c.company if g.chance(0.7) else ""),
            ("Subject", NEED if in_subject else g.pick(EN_SUBJECTS)),
            ("Description", g.pick(["", "n/a", "Please call me."]) if in_subject else NEED),
            ("Case Origin", "Web"), ("Case Reason", g.pick(["Other", "Question", "Account Access", "New problem", "Existing problem"])),
            ("Type", g.pick(["Question", "Problem", "Feature Request", "--None--"])),
            ("Priority", g.pick(["Low", "Medium", "High"])),
            ("Web Source", f"https://www.{g.vdomain}/{g.pick(['contact', 'support/contact-us', 'help/form', 'en-gb/contact'])}")]
    if g.chance(0.4):
        rows.append(("orgid", f"00D{g.alnum(12)}"))
        rows.append(("recordType", f"012{g.alnum(12)}"))
    parts = [g.pick(["New Web-to-Case submission", f"Salesforce: New case {rows[0][1]}", "Web-to-Case Notification", "Case Created"]), ""]
    parts += [f"{k}: {v}" for k, v in rows]
    if g.chance(0.4):
        parts += ["", f"Submitted {g.en_date()} from IP {g.num(11, 223)}.{g.num(0, 255)}.{g.num(0, 255)}.{g.num(1, 254)}"]
    return join_lines(parts)


@en("teams_message")
def t_teams(g):
    c = g.en_person(personal=False)
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    t0 = g.dt()
    parts = [g.pick([f"Microsoft Teams · {c.company} <> {g.vendor}", f"Teams chat: {c.name} (External)",
                     f"[Teams] {g.vendor} Support / {g.pick(['General', 'Customer escalations', c.company + ' shared channel'])}"])]
    parts.append("")
    if g.chance(0.4):
        parts += [f"{a.name}  {g._ampm(t0)}", g.pick(["Hi, let us know if anything comes up this week.",
                                                        "Morning! Shout if you need anything.", "Thanks for the call earlier."]), ""]
        t0 = g.later(t0, 30, 900)
    tag = g.pick([" (External)", " (Guest)", "", f" · {c.company}"])
    parts += [f"{c.name}{tag}  {g.pick([g._ampm(t0), t0.strftime('%d/%m %H:%M'), 'Yesterday ' + g._ampm(t0)])}"]
    msg = NEED
    if g.chance(0.4):
        msg = f"@{a.first} " + msg
    parts.append(msg)
    if g.chance(0.4):
        parts.append(g.pick(["👍 1", "👀 2", "❤️ 1  👍 2", "😮 1"]))
    if g.chance(0.5):
        parts += ["", f"{a.name}  {g._ampm(g.later(t0, 1, 20))}",
                  g.pick(["Looking into it now.", "Let me check with the team and come back to you.",
                          "Thanks - I've opened a ticket for this.", "On it 👍"])]
    if g.chance(0.3):
        parts += ["", g.pick(["Seen by 3", "Edited", "Reply in thread (2)", "This conversation is encrypted."])]
    return join_lines(parts)


@en("slack_connect")
def t_slack(g):
    c = g.en_person(personal=False)
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    chan = g.pick([f"#ext-{_slug(c.company)[:14]}", f"#shared-{_slug(g.vendor)}-{_slug(c.company)[:10]}",
                   f"#{_slug(c.company)[:12]}-support", "#customer-escalations"])
    t0 = g.dt()
    parts = [f"{chan}" + g.pick([" (Slack Connect)", " 🔗", "", " — shared with " + c.company])]
    parts.append("")
    parts.append(f"{c.name}  [{g.pick([c.company, 'external', c.title])}]  {g._ampm(t0)}")
    msg = NEED
    if g.chance(0.4):
        msg = g.pick([f"<@{a.first.lower()}> ", f"@{a.first} ", "@here ", "hey team - "]) + msg
    parts.append(msg)
    if g.chance(0.5):
        parts.append(g.pick([":eyes: 1", ":white_check_mark: 1", ":ticket: 1  :eyes: 2", ":pray: 1"]))
    if g.chance(0.6):
        parts.append(f"{g.num(1, 6)} replies  Last reply {g.pick(['2 minutes ago', 'today at ' + g._ampm(g.later(t0)), '1 hour ago'])}")
    if g.chance(0.4):
        parts += ["", f"Workflow: ticket {g.ticket_id()} created in {g.pick(['Zendesk', 'Jira', 'Linear', 'Halp', 'Pylon'])} by {g.pick(['Thena', 'Pylon', 'Workflow Builder', 'Halp'])}"]
    return join_lines(parts)


EN_REVIEW_TITLES = ["Frustrating", "Used to be great", "Needs work", "Help!!", "Please fix",
                    "Good app but...", "Disappointed", "Almost perfect", "Customer service?",
                    "Meh", "Why?", "Question", "Love it, one issue", "Not happy", "Okay",
                    "Great bank, one problem", "Can't get an answer anywhere"]
EN_REVIEW_EXTRA = ["Been a customer for three years.", "Otherwise the app is fine.",
                   "Support chat just sends me in circles.", "Will update my review if this gets sorted.",
                   "Still waiting.", "Five stars once this is answered.", "Posting here because nobody replies to emails.",
                   "Edit: still no reply."]


@en("app_store_review")
def t_appstore(g):
    nick = g.pick([g.pick(EN_FIRST) + g.digits(g.num(0, 4)), g.pick(["bluebird", "jmac", "nightowl", "sk8r", "mama_of_3", "frequentflyer"]) + g.digits(2),
                   g.pick(EN_FIRST) + " " + g.pick(EN_LAST)[0] + "."])
    stars = g.num(1, 5)
    dev, os_ = g.pick([d for d in EN_DEVICES if d[0].startswith("iP")])
    in_title = g.chance(0.2)
    parts = [f"{g.stars(stars)}  " + (NEED if in_title else g.pick(EN_REVIEW_TITLES)),
             f"{nick}, {g.en_day()}" + g.pick(["", " · " + g.pick(["United States", "United Kingdom", "Canada", "Australia", "Ireland"])])]
    body = g.pick(EN_REVIEW_EXTRA) if in_title else NEED
    if not in_title and g.chance(0.4):
        body = body + SOFT + " " + g.pick(EN_REVIEW_EXTRA)
    parts += ["", body, ""]
    meta = [f"Version {g.version()}", dev, os_]
    parts.append(" · ".join(g.sample(meta, g.num(1, 3))))
    if g.chance(0.4):
        parts += ["", f"Developer Response, {g.en_day(g.later(g.base, 600, 9000))}",
                  g.pick([f"Hi {nick}, we're sorry to hear this. Please reach out to us in-app via Help > Chat and we'll take a look. ^{g.alnum(2)}",
                          "Thanks for the feedback! Our team would love to help - please contact support from the app so we can check your account securely.",
                          f"Hello, please email us at support@{g.vdomain} with your registered email address and we'll get back to you."])]
    if g.chance(0.3):
        parts.append(f"{g.num(2, 300)} people found this helpful")
    return join_lines(parts)


@en("google_play_review")
def t_play(g):
    dev, os_ = g.pick([d for d in EN_DEVICES if not d[0].startswith("iP")])
    parts = [f"Google Play review · {g.pick(EN_APPS)}: {g.pick(['Mobile Banking', 'Money & Budget', 'Card', 'Wallet'])} · {g.pick(['English (United States)', 'English (United Kingdom)', 'English (India)', 'English'])}"]
    rows = [("Rating", f"{g.num(1, 5)}/5"), ("Reviewer", g.pick(["A Google user", g.pick(EN_FIRST) + " " + g.pick(EN_LAST)])),
            ("Device", f"{dev} ({g.alnum(5, upper=False)}) · {os_}"), ("App version", g.version()),
            ("Posted", g.en_date() + g.pick(["", " · Edited"]))]
    rows = rows[:2] + g.sample(rows[2:], g.num(1, 3))
    parts += [f"{k}: {v}" for k, v in rows]
    parts += ["", g.pick(['"' + NEED + '"', NEED]), ""]
    if g.chance(0.5):
        parts.append(f"{g.num(1, 180)} people found this review helpful")
    parts.append(g.pick(["Reply status: Not replied", "Reply status: Replied", "Needs reply (SLA 24h)", "Reply: —"]))
    return join_lines(parts)


@en("nps_survey_reply")
def t_nps(g):
    c = g.en_person()
    score = g.num(0, 10)
    cat = "Detractor" if score <= 6 else ("Passive" if score <= 8 else "Promoter")
    tool = g.pick(["Delighted", "Wootric", "Qualtrics", "SurveyMonkey", "Typeform", "Survicate", "AskNicely"])
    parts = [g.pick([f"New NPS response ({tool})", f"{tool}: {cat} response from {c.name}", "NPS survey response"]), ""]
    rows = [("Respondent", f"{c.name} <{c.email}>"), ("Account", f"{c.company} · {g.pick(EN_PLANS)} · {g.mrr()}"),
            ("Score", f"{score} ({cat})"),
            ("Survey", g.pick(["Quarterly relationship NPS", "In-app NPS (30 days)", "Post-onboarding", "Email NPS wave " + str(g.num(1, 12))]))]
    rows = g.sample(rows[:2], g.num(1, 2)) + rows[2:]
    parts += [f"{k}: {v}" for k, v in rows]
    parts += ["", g.pick(["Q: What's the main reason for your score?", "Q: What could we do better?",
                          "Q: Anything else you'd like to tell us?", "Comment:", "Open feedback:"]),
              g.pick(["A: ", "", "> "]) + NEED, ""]
    parts.append(f"Submitted: {g.en_date()} · Source: {g.pick(['In-app', 'Email', 'Web link', 'SMS'])}")
    if g.chance(0.5):
        parts.append(f"Follow-up owner: {g.en_person(company=(g.vendor, g.vdomain)).name}" + g.pick(["", " (auto-assigned)", " · Due in 48h"]))
    if g.chance(0.3):
        parts.append("Tags: " + ", ".join(g.sample(EN_TAGS, 2)))
    return join_lines(parts)


@en("csat_survey_reply")
def t_csat(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    parts = [g.pick(["Customer satisfaction rating received", "CSAT response", f"{c.name} rated their conversation"])]
    parts += [f"Ticket: {g.ticket_id()}", f"Agent: {a.name}"]
    parts.append("Rating: " + g.pick(["Bad, I'm unsatisfied", "Good, I'm satisfied", "1 - Very dissatisfied", "2 - Dissatisfied",
                                      "3 - Neutral", "4 - Satisfied", "😞", "🙂", "👎", "👍"]))
    parts.append(g.pick(["Comment: ", "Reason: ", "What could we have done better?\n", "Customer comment:\n"]) + NEED)
    if g.chance(0.6):
        parts.append(f"Solved: {g.en_date()} · Rated: {g.en_date()}")
    if g.chance(0.4):
        parts += ["", "— " + g.pick(["Reopen ticket automatically: yes", "Routed to: QA review", "Survey sent 24h after solve"])]
    return join_lines(parts)


@en("csm_qbr_notes")
def t_qbr(g):
    cust = g.en_company()
    cs = [g.en_person(company=cust, personal=False) for _ in range(g.num(1, 3))]
    us = [g.en_person(company=(g.vendor, g.vdomain), personal=False) for _ in range(g.num(1, 3))]
    d = g.dt()
    parts = [g.pick([f"QBR – {cust[0]} × {g.vendor}", f"{cust[0]} Quarterly Business Review (Q{(d.month - 1) // 3 + 1} {d.year})",
                     f"CSM call notes: {cust[0]}", f"Account review - {cust[0]}"])]
    parts.append(f"Date: {g.en_day(d)}" + g.pick(["", f" · {g.pick(['Zoom', 'Google Meet', 'Teams', 'On-site'])}"]))
    parts.append("Attendees: " + ", ".join(f"{p.name} ({p.title})" if g.chance(0.5) else p.name for p in cs) +
                 g.pick(["; ", " | ", " — "]) + f"{g.vendor}: " + ", ".join(p.name for p in us))
    if g.chance(0.6):
        parts += ["", "Agenda:", "1. Usage & adoption review", "2. " + g.pick(["Roadmap preview", "Renewal planning", "Integration status"]),
                  "3. Open questions"]
    notes = [f"- Active seats {g.num(5, 60)}/{g.num(60, 200)}; adoption {g.pick(['up', 'down', 'flat'])} {g.num(1, 30)}% QoQ",
             f"- Renewal {g.en_day(g.later(d, 40000, 300000))}, current ARR {g.mrr()}",
             f"- Health score {g.num(35, 95)} ({g.pick(['Green', 'Yellow', 'Red'])})",
             f"- Exec sponsor: {cs[0].name}",
             "- Happy with onboarding; asked for more training sessions"]
    notes = g.sample(notes, g.num(1, 4))
    ask = g.pick([f'- {cs[0].first} asked: "{NEED}"', f'- Customer question: {NEED}', f'- Raised by {cs[-1].first}: {NEED}',
                  f'- Open item from customer — "{NEED}"'])
    notes.insert(g.num(0, len(notes)), ask)
    parts += ["", "Notes:"] + notes
    parts += ["", "Action items:"]
    for _ in range(g.num(1, 3)):
        o = g.pick(us + cs)
        parts.append(f"- [ ] {o.first}: {g.pick(['follow up on open question', 'send recap e-mail', 'book training session', 'share roadmap deck', 'confirm renewal terms', 'loop in support'])} by {g.en_day(g.later(d, 1440, 20000))}")
    return join_lines(parts)


@en("sales_call_summary")
def t_sales_call(g):
    cust = g.en_company()
    c = g.en_person(company=cust, personal=False)
    rep = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    tool = g.pick(["Gong", "Chorus", "Fathom", "Otter.ai", "Salesloft", "HubSpot call recording"])
    parts = [f"{tool} call summary — {cust[0]}" if g.chance(0.6) else f"Call recap: {rep.first} / {c.name}"]
    rows = [("Account", cust[0]), ("Opportunity", f"{cust[0]} - {g.pick(EN_PLANS)} {g.pick(['New Business', 'Expansion', 'Renewal'])}"),
            ("Stage", g.pick(["Discovery", "Demo", "Proposal", "Negotiation", "Closed Won"])),
            ("Amount", g.mrr()), ("Duration", f"{g.num(8, 58)} min"), ("Date", g.en_date()),
            ("Participants", f"{c.name} ({c.title}), {rep.name} (AE)")]
    parts += [f"{k}: {v}" for k, v in g.sample(rows, g.num(3, len(rows)))]
    parts += ["", "Key moments:"]
    moments = [f"{g.num(0, 9):02d}:{g.num(0, 59):02d} Intro & agenda", f"{g.num(10, 19):02d}:{g.num(0, 59):02d} Pricing discussion",
               f"{g.num(20, 29):02d}:{g.num(0, 59):02d} Competitor mention ({g.pick(['Ramp', 'Brex', 'Wise', 'Revolut', 'Mercury'])})",
               f"{g.num(30, 39):02d}:{g.num(0, 59):02d} Next steps"]
    moments = sorted(g.sample(moments, g.num(1, 4)))
    q = g.pick([f'Customer question: "{NEED}"', f"{c.first}: {NEED}", f'Objection/question - "{NEED}"'])
    moments.append(f"{g.num(0, 45):02d}:{g.num(0, 59):02d} {q}")
    moments.sort(key=lambda m: m[:5])
    parts += ["- " + m for m in moments]
    if g.chance(0.7):
        parts += ["", "Next steps:", f"- {rep.first} to {g.pick(['send proposal', 'check with support and reply', 'schedule technical demo', 'share security docs'])}",
                  f"- Follow-up call {g.en_day(g.later(g.base, 1440, 15000))}"]
    return join_lines(parts)


@en("bug_report_form")
def t_bug(g):
    c = g.en_person()
    dev, os_ = g.pick(EN_DEVICES)
    in_summary = g.chance(0.45)
    parts = [g.pick(["Bug report", "Report a problem", f"[{g.pick(['iOS', 'Android', 'Web'])}] Bug submission", "In-app feedback: Bug"])]
    rows = [("Reporter", f"{c.name} ({c.email})"), ("Platform", g.pick(["iOS", "Android", "Web", "Desktop"])),
            ("App version", g.version()), ("Device / OS", f"{dev} / {os_}"),
            ("Summary", NEED if in_summary else g.pick(["Issue in app", "Problem", "Something's not working", "Help", "Unclear behaviour"]))]
    rows = [rows[0]] + g.sample(rows[1:4], g.num(1, 3)) + [rows[4]]
    parts += [f"{k}: {v}" for k, v in rows]
    parts += ["", "Steps to reproduce:"]
    steps = ["Open the app and log in", "Go to the home screen", "Open the menu", "Tap Help",
             "Search the help centre", "Go to Settings > Account", "Try again after restarting the app"]
    for i, s in enumerate(g.sample(steps, g.num(2, 4)), 1):
        parts.append(f"{i}. {s}")
    parts += ["", "Expected result:", g.pick(["A clear option in the app, or an answer.", "To be able to sort this out myself.", "n/a", "-"]),
              "", "Actual result:", g.pick(["Couldn't work it out, so writing here.", "Nothing relevant found.", "See description.", "-"])]
    if not in_summary:
        parts += ["", "Description:", NEED]
    if g.chance(0.5):
        parts += ["", f"Severity: {g.pick(['Minor', 'Major', 'Blocker', 'Trivial'])}",
                  f"Attachments: {g.pick(['screenshot.png', 'IMG_' + g.digits(4) + '.PNG', 'none', 'screen-recording.mp4'])}"]
    return join_lines(parts)


@en("forum_post")
def t_forum(g):
    handle = g.pick([g.pick(EN_FIRST).lower() + g.digits(g.num(1, 4)), g.pick(["newbie", "confused", "longtime_user", "frugal", "techie"]) + "_" + g.pick(EN_LAST).lower()])
    in_title = g.chance(0.5)
    board = g.pick(["Cards & Payments", "General Discussion", "Help & Support", "Account & Security", "Ask the Community", "Mobile App"])
    parts = [f"{g.vendor} Community › {board}", ""]
    parts.append(NEED if in_title else g.pick(["Anyone else?", "Question", "Need some help please", "Quick one", "Help!", "Is this normal?"]))
    parts.append(f"posted by {handle} · {g.pick(['Member since', 'Joined'])} {g.num(2014, 2023)} · {g.num(1, 900)} posts · {g.en_date()}")
    parts.append("")
    parts.append(g.pick(["Title says it all really.", "As per title.", "Any ideas?", "Thanks all."]) if in_title else NEED)
    parts.append("")
    parts.append(f"▲ {g.num(0, 250)}  ·  {g.num(0, 40)} replies  ·  {g.num(10, 9000)} views")
    if g.chance(0.5):
        parts.append("Labels: " + ", ".join(g.sample(["Cards", "Payments", "Top-ups", "Transfers", "App", "Security", "Solved?", "Unanswered"], 2)))
    if g.chance(0.5):
        mod = g.en_person(company=(g.vendor, g.vdomain))
        parts += ["", f"Reply from {mod.first} ({g.pick(['Community Manager', 'Moderator', g.vendor + ' Staff', 'Super User'])}) · {g.en_date()}",
                  g.pick(["Hi! Thanks for posting. I've sent you a private message so we can look into this.",
                          "Welcome to the community. Please don't share personal details here - our support team can help via in-app chat.",
                          "Moving this to the right board."])]
    return join_lines(parts)


@en("voicemail_transcription")
def t_voicemail(g):
    c = g.en_person()
    d = g.dt()
    parts = [g.pick([f"Voicemail from {c.phone}", f"New voicemail from {c.name} ({c.phone})", f"Voicemail · {g.pick(['Support line', 'Main line', 'After-hours'])}"])]
    parts.append(f"Received: {g.en_date(d)} · Duration {g.num(0, 2)}:{g.num(5, 59):02d}")
    parts.append(g.pick(["Transcription (auto, confidence {}%):", "Transcript (beta):", "Voicemail transcription:", "Transcript ({}%):"]).format(g.num(55, 97)))
    pre = g.pick(["Hi, this is {f} from {co}, um, ", "Hey, it's {f}. ", "Hello, my name is {n}, ", "Yeah hi, ", "Hi there. ", ""]).format(f=c.first, co=c.company, n=c.name)
    post = g.pick([" You can reach me on {p}. Thanks, bye.", " Call me back please. Thanks.", " Um, yeah, thanks.", " My number is {p}.", " Bye.", ""]).format(p=c.phone)
    post = SOFT + post if post else post
    parts.append(g.pick(['"', "“", ""]) + pre + NEED + post + g.pick(['"', "”", ""]) if g.chance(0.5) else pre + NEED + post)
    parts += ["", g.pick([f"Listen: https://voice.{g.vdomain}/vm/{g.hexs(12)}", f"Call back: {c.phone}", "Play | Call back | Delete",
                          f"Routed to queue: {g.pick(['Tier 1', 'Callbacks', 'Cards'])}"])]
    return join_lines(parts)


@en("sms_thread")
def t_sms(g):
    c = g.en_person()
    d = g.dt()
    short = g.pick([str(g.num(10000, 99999)), g.en_phone(), "Ask " + g.vendor])
    parts = [g.pick([f"SMS conversation · {c.phone} ↔ {short}", f"Text message from {c.phone}", f"SMS · {g.vendor} Support"])]
    if g.chance(0.4):
        parts.append(f"[{d:%H:%M}] {g.vendor}: {g.pick(['Hi! Reply with your question and an agent will get back to you.', 'What can we help with today?', 'Your ticket was closed. Reply to reopen.'])}")
        d = g.later(d)
    parts.append(f"[{d:%H:%M}] {g.pick(['Customer', c.first, c.phone])}: {NEED}")
    if g.chance(0.7):
        parts.append(f"[{g.later(d, 0, 2):%H:%M}] {g.vendor}: {g.pick(['Thanks for texting ' + g.vendor + '. An agent will reply shortly. Reply STOP to opt out.', 'Got it - connecting you to an agent now.', 'We are closed right now. Our hours are 8am-8pm.'])}")
    if g.chance(0.3):
        parts.append("Msg & data rates may apply.")
    return join_lines(parts)


@en("social_dm")
def t_social(g):
    c = g.en_person()
    plat = g.pick(["X (Twitter) DM", "Instagram DM", "Facebook Messenger", "WhatsApp Business", "LinkedIn message", "Threads mention"])
    vh = "@" + g.vendor.replace(" ", "").replace("&", "") + g.pick(["Help", "Support", "Care", ""])
    d = g.dt()
    parts = [f"{plat} · @{c.handle} → {vh}", g.en_date(d)]
    if g.chance(0.3):
        parts.append(f"Followers: {g.num(3, 25000):,} · Verified: {g.pick(['no', 'no', 'yes'])}")
    parts += ["", f"@{c.handle}: {NEED}"]
    if g.chance(0.3):
        parts.append(f"@{c.handle}: {g.pick(['??', 'hello?', 'anyone there', '🙏'])}")
    if g.chance(0.6):
        parts.append(f"{vh}: " + g.pick(["Hi there, thanks for reaching out! Please don't share any personal details here. Could you DM us your registered email? ^" + g.alnum(2),
                                         "Sorry to hear this. We've sent you a DM. -" + g.pick(EN_FIRST),
                                         "Hey! We'd love to help - tap the link below to chat securely with our team."]))
    if g.chance(0.3):
        parts.append(f"Sentiment: {g.pick(['negative', 'neutral', 'mixed'])} · Routed by {g.pick(['Sprout Social', 'Hootsuite', 'Khoros', 'Emplifi'])}")
    return join_lines(parts)


def _en_agent_reply(g, a, c):
    return g.pick([
        f"Hi {c.first},\n\nThanks for getting in touch with {g.vendor}. Could you share a bit more detail so we can look into this for you?\n\nBest,\n{a.first}\n{g.vendor} Support",
        f"Hello {c.first},\n\nThank you for contacting us. Your request has been received and a member of our team will respond within 1 business day.\n\nKind regards,\n{g.vendor} Customer Care",
        f"Hi {c.first}, happy to help! Can you confirm the e-mail address on your account?\n\n{a.name}",
        f"Dear {c.first},\n\nWe're following up on your previous request. Is there anything else we can help you with?\n\nRegards,\n{a.name} | {g.vendor}",
    ])


@en("auto_forward")
def t_autofwd(g):
    c = g.en_person()
    inbox = g.pick(["info", "hello", "contact", "admin", "office", "accounts"]) + "@" + g.vdomain
    subj_need = g.chance(0.25)
    parts = [g.pick(["---------- Forwarded message ---------", "Begin forwarded message:", "-------- Forwarded Message --------"])]
    parts += [f"From: {c.name} <{c.email}>", f"Date: {g.en_date()}", "Subject: " + (NEED if subj_need else g.pick(EN_SUBJECTS)), f"To: <{inbox}>", ""]
    parts.append(g.pick(["(no message body)", "See subject", "."]) if subj_need else body_en(g, name=c.first))
    if g.chance(0.4):
        parts += ["", g.en_signature(c)]
    parts += ["", g.pick([f'This message was automatically forwarded by rule "{inbox} → support" ({g.pick(["Google Groups", "Outlook rule", "Front rule", "Mailgun route"])}).',
                          f"Auto-forwarded from {inbox} to support@{g.vdomain}",
                          f"[Auto-forward] Shared inbox {inbox} · Original recipient: {inbox}"])]
    return join_lines(parts)


@en("ticket_internal_note")
def t_internal(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    a2 = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    d = g.dt()
    parts = [f"Ticket {g.ticket_id()} · {g.pick(EN_SUBJECTS)}", f"Requester: {c.name} <{c.email}>"]
    if g.chance(0.5):
        parts.append(f"Status: {g.pick(EN_STATUSES)} · Priority: {g.pick(EN_PRIORITIES)} · Group: {g.pick(['Tier 1', 'Tier 2', 'Cards', 'Payments', 'Onboarding'])}")
    customer = [f"[{g.pick(['Public reply', 'Customer', 'Inbound email'])} — {c.name}, {g.en_date(d)}]", NEED]
    note = [f"[Internal note — {a.name}, {g.en_date(g.later(d, 2, 120))}]",
            g.pick([f"Checked the account, no flags. Routing to Tier 2. cc @{a2.first}",
                    "Customer has contacted us 3x this week. Please handle with care.",
                    f"KYC verified. @{a2.first} can you take a look? I'm off from 5pm.",
                    "Macro sent. Waiting for customer to confirm details.",
                    "Possible duplicate of an earlier ticket - merging if so.",
                    "VIP - exec escalation. Do not send macros."])]
    blocks = [customer, note] if g.chance(0.7) else [note, customer]
    for b in blocks:
        parts += [""] + b
    if g.chance(0.3):
        parts += ["", f"[Internal note — {a2.name}] {g.pick(['On it.', 'Done, replied to customer.', 'Ack.'])}"]
    return join_lines(parts)


@en("outlook_reply_chain")
def t_outlook_chain(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    d1 = g.dt(4000, 0)
    d2 = g.later(d1, 30, 3000)
    subj = g.pick(EN_SUBJECTS)
    need_top = g.chance(0.5)
    top = body_en(g, agent=a.first, name=c.first) if need_top else g.pick([
        f"Hi {a.first},\n\nAny update on this? See my original message below.\n\nThanks,\n{c.first}",
        "Bumping this. Still waiting for a reply.", f"Hello,\n\nPlease see below - resending as I haven't heard back.\n\n{c.first}",
        "Following up on the below."])
    parts = [top]
    if g.chance(0.5):
        parts += ["", g.en_signature(c)]
    if g.chance(0.3):
        parts += ["", g.pick(EN_MOBILE_FOOTERS)]
    orig_sep = g.pick(["-----Original Message-----", "________________________________", "-------- Original message --------"])
    if need_top:
        old_from, old_to, old_body = f"{g.vendor} Support <support@{g.vdomain}>", f"{c.name} <{c.email}>", _en_agent_reply(g, a, c)
    else:
        old_from, old_to, old_body = f"{c.name} <{c.email}>", f"support@{g.vdomain}", body_en(g, name=c.first)
    parts += ["", orig_sep, f"From: {old_from}", f"Sent: {g.en_date(d1, style=g.pick([6, 1, 2]))}", f"To: {old_to}"]
    if g.chance(0.3):
        parts.append(f"Cc: {g.en_person(company=(c.company, c.domain), personal=False).email}")
    parts += [f"Subject: {'RE: ' if need_top else ''}{subj}", "", old_body]
    if g.chance(0.4):
        parts += ["", g.en_disclaimer(c)]
    out = join_lines(parts)
    out = (f"RE: {subj}\n\n" if g.chance(0.4) else "") + out
    return crlf(out) if g.chance(0.3) else out


@en("gmail_reply_chain")
def t_gmail_chain(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    d1 = g.dt(4000, 0)
    need_top = g.chance(0.5)
    if need_top:
        top = body_en(g, name=c.first)
        q_who, q_email = f"{g.vendor} Support", f"support@{g.vdomain}"
        q_body = _en_agent_reply(g, a, c)
    else:
        top = g.pick(["Hi, just checking in on this.", "Any news? Thanks", f"Hi {a.first}, see below - can you help?", "??",
                      "Hello again, I still need help with this one."])
        q_who, q_email = c.name, c.email
        q_body = body_en(g, name=c.first)
    parts = [top]
    if g.chance(0.3):
        parts += ["", g.pick(EN_MOBILE_FOOTERS)]
    wrote = g.pick([f"On {g.en_date(d1, style=6)}, {q_who} <{q_email}> wrote:",
                    f"On {d1:%a, %b} {d1.day}, {d1.year} at {g._ampm(d1)} {q_who} <{q_email}> wrote:",
                    f"On {d1:%d/%m/%Y %H:%M}, {q_who} wrote:",
                    f"On {d1:%Y-%m-%d}, {q_email} wrote:"])
    parts += ["", wrote, quote(q_body)]
    if g.chance(0.3):
        older = _en_agent_reply(g, a, c) if not need_top else "Hi, I have a question about my account."
        if need_top:
            older = g.pick(["Hi, I need some help please.", "Hello, please see my earlier message.", "Can someone call me?"])
        parts += [">", f"> On {g.en_date(g.dt(9000, 0), style=2)}, {c.name if need_top else g.vendor + ' Support'} wrote:", quote(older, ">> ")]
    return join_lines(parts)


@en("email_long_disclaimer")
def t_disclaimer_mail(g):
    c = g.en_person(personal=False)
    subj_need = g.chance(0.2)
    parts = []
    if g.chance(0.6):
        parts += [f"From: {c.name} <{c.email}>", f"To: support@{g.vdomain}", "Subject: " + (NEED if subj_need else g.pick(EN_SUBJECTS)), ""]
    else:
        subj_need = False
    parts.append(g.pick(["Please see subject line.", "As above, thanks.", "Thanks"]) if subj_need else body_en(g, name=None))
    parts += ["", g.en_signature(c, rich=g.r.uniform(0.4, 1.0))]
    for tpl in g.sample(EN_DISCLAIMERS, g.num(1, 3)):
        parts += ["", g.en_disclaimer(c, tpl)]
    out = join_lines(parts)
    return out


@en("newsletter_reply_unsubscribe")
def t_newsletter(g):
    c = g.en_person()
    parts = [body_en(g, greet=g.chance(0.5), name=c.first)]
    if g.chance(0.3):
        parts += ["", g.pick(EN_MOBILE_FOOTERS)]
    d = g.dt(20000, 0)
    parts += ["", f"On {g.en_date(d, style=6)}, {g.vendor} <{g.pick(['news', 'hello', 'no-reply', 'updates'])}@{g.vdomain}> wrote:"]
    promo = g.pick([f"Your {d:%B} statement is ready\nLog in to view it in the app.",
                    f"What's new in {g.vendor}\n• Faster transfers\n• A fresh look for the home screen\n• Dark mode is here",
                    f"Don't miss out: {g.num(1, 5)}% cashback this month\nTerms apply.",
                    f"Hi {c.first}, we've updated our Terms & Conditions\nThey take effect on {g.en_day(g.later(d, 20000, 60000))}."])
    parts += [quote(promo), ">", quote(g.en_unsub())]
    return join_lines(parts)


@en("email_with_ooo")
def t_ooo(g):
    c = g.en_person(personal=False)
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    parts = []
    ooo_first = g.chance(0.5)
    if ooo_first:
        parts += [g.pick(["Automatic reply: " + g.pick(EN_SUBJECTS), "[Auto-Reply]", "Out of Office:"]), g.en_ooo(), "", "---", ""]
    parts.append(f"From: {c.name} <{c.email}>")
    parts.append(f"Date: {g.en_date()}")
    parts += ["", body_en(g, agent=a.first, name=c.first), "", g.en_signature(c)]
    if not ooo_first:
        parts += ["", g.en_ooo()]
    if g.chance(0.3):
        parts += ["", g.en_disclaimer(c)]
    return join_lines(parts)


@en("mobile_email")
def t_mobile(g):
    c = g.en_person(personal=True)
    parts = []
    if g.chance(0.5):
        parts += [f"Subject: {g.pick(EN_SUBJECTS)}", ""]
    parts.append(NEED if g.chance(0.5) else body_en(g, greet=g.chance(0.4), close=g.chance(0.4), name=c.first))
    parts += ["", g.pick(EN_MOBILE_FOOTERS)]
    if g.chance(0.2):
        parts += ["", g.pick([f"{c.first}", f"{c.name}\n{c.mobile}"])]
    return join_lines(parts)


@en("ticket_metadata_header")
def t_meta(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    rows = [("Ticket ID", g.ticket_id()), ("Subject", g.pick(EN_SUBJECTS)), ("Requester", f"{c.name} <{c.email}>"),
            ("Organization", c.company), ("Priority", g.pick(EN_PRIORITIES)), ("Status", g.pick(EN_STATUSES)),
            ("Assignee", g.pick([a.name, "Unassigned", f"{a.name} ({g.pick(['Tier 1', 'Tier 2', 'Cards'])})"])),
            ("Channel", g.pick(EN_CHANNELS)),
            ("SLA", g.pick([f"First response due in {g.num(0, 8)}h {g.num(1, 59)}m", f"Breached {g.num(1, 59)}m ago",
                            f"Next reply by {g.en_date(g.later(g.base, 30, 2000))}", "Paused (pending)"])),
            ("Tags", ", ".join(g.sample(EN_TAGS, g.num(1, 4)))), ("Plan", g.pick(EN_PLANS)), ("MRR", g.mrr()),
            ("Created", g.en_date()), ("Language", g.pick(["English", "en-US", "en-GB"])),
            ("CSAT (last)", g.pick(["—", "Good", "Bad", "4/5"]))]
    keep = rows[:1] + g.sample(rows[1:], g.num(5, len(rows) - 1))
    style = g.r.randrange(3)
    if style == 0:
        head = "\n".join(f"{k}: {v}" for k, v in keep)
    elif style == 1:
        head = "\n".join(f"{k:<14}{v}" for k, v in keep)
    else:
        head = "\n".join(f"[{k}] {v}" for k, v in keep)
    bar = g.pick(["=" * 40, "-" * 32, "", "— Message —", "### Conversation"])
    parts = [head, bar, ""] if bar else [head, ""]
    parts.append(body_en(g, name=c.first))
    return join_lines(parts)


@en("flat_pipe_ticket")
def t_flat_pipe(g):
    c = g.en_person()
    fields = [f"Ticket {g.ticket_id()}", f"{g.en_date()}", f"From: {c.name} <{c.email}>",
              f"Priority: {g.pick(EN_PRIORITIES)}", f"Status: {g.pick(EN_STATUSES)}", f"Channel: {g.pick(EN_CHANNELS)}",
              f"Plan: {g.pick(EN_PLANS)}", f"Tags: {' '.join(g.sample(EN_TAGS, 2))}"]
    fields = fields[:1] + g.sample(fields[1:], g.num(2, len(fields) - 1))
    msg = g.pick(["Message: ", "Body: ", "Customer: ", "Description: ", ""]) + NEED
    fields.insert(g.num(1, len(fields)), msg)
    if g.chance(0.4):
        fields.append(g.pick(EN_MOBILE_FOOTERS).split("\n")[-1])
    if g.chance(0.3):
        fields.append(g.pick(EN_DISCLAIMERS[:1] + EN_DISCLAIMERS[3:4]))
    return flatten("\n".join(fields), g.pick([" | ", " | ", " || ", " ¦ "]))


@en("flat_crm_log_line")
def t_flat_space(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    d = g.dt()
    s = g.pick([
        f"{d:%Y-%m-%d %H:%M:%S} [{g.pick(EN_CHANNELS).upper()}] {c.name} <{c.email}> -> {g.pick(['support', 'care'])}@{g.vdomain}: {NEED} (ticket={g.ticket_id()} prio={g.pick(EN_PRIORITIES)} assignee={a.first.lower()})",
        f"{g.en_date(d)} Activity logged by {a.name}: Inbound {g.pick(['call', 'email', 'chat'])} from {c.name} ({c.company}). Customer said: {NEED}{SOFT} Outcome: {g.pick(['Follow-up required', 'Resolved on call', 'Ticket created', 'Escalated'])}.",
        f"#{g.num(10000, 99999)} {g.pick(EN_STATUSES)} {g.pick(EN_PRIORITIES)} {c.email} {g.en_date(d, style=5)} \"{NEED}\" tags:{','.join(g.sample(EN_TAGS, 2))}",
        f"From: {c.name} Subject: {g.pick(EN_SUBJECTS)} Date: {g.en_date(d)} Body: {g.en_greet()} {NEED}{SOFT} {g.pick(EN_CLOSINGS)} {c.first} {g.pick(EN_MOBILE_FOOTERS).splitlines()[-1]}",
    ])
    return flatten(s, " ")


@en("raw_mime_email_crlf")
def t_raw_mime(g):
    c = g.en_person()
    d = g.dt()
    subj_need = g.chance(0.2)
    rfc = g.en_date(d, style=1)
    host = g.pick(["mail-yw1-f170.google.com", "EUR05-AM6-obe.outbound.protection.outlook.com", "mx.zoho.com", "smtp.fastmail.com", "mail.protonmail.ch"])
    hdr = [f"Return-Path: <{c.email}>",
           f"Received: from {host} ({host} [{g.num(11, 223)}.{g.num(0, 255)}.{g.num(0, 255)}.{g.num(1, 254)}])",
           f"        by mx.{g.vdomain} with ESMTPS id {g.alnum(10, upper=False)}; {rfc}",
           f"Message-ID: <{g.alnum(24, upper=False)}@{c.email.split('@')[1]}>",
           f"Date: {rfc}", f"From: {c.name} <{c.email}>", f"To: support@{g.vdomain}",
           "Subject: " + (NEED if subj_need else g.pick(EN_SUBJECTS)), "MIME-Version: 1.0",
           'Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: 8bit"]
    if g.chance(0.5):
        hdr.insert(3, f"X-Mailer: {g.pick(['iPhone Mail (21E236)', 'Microsoft Outlook 16.0', 'Apple Mail (2.3731)', 'Thunderbird 115.8'])}")
    if g.chance(0.4):
        hdr.insert(2, f"DKIM-Signature: v=1; a=rsa-sha256; d={c.email.split('@')[1]}; s=s1; b={g.alnum(20, upper=False)}")
    body = g.pick(["", "."]) if subj_need else body_en(g, name=c.first)
    parts = hdr + ["", body]
    if g.chance(0.5):
        parts += ["", g.pick(EN_MOBILE_FOOTERS) if g.chance(0.5) else g.en_signature(c)]
    return crlf(join_lines(parts))


@en("web_form_notification_crlf")
def t_webform(g):
    c = g.en_person()
    form = g.pick(["Contact us", "Support request", "Help centre - Submit a request", "Get in touch"])
    rows = [("Form", form), ("Submitted", g.en_date()), ("Name", c.name), ("Email", c.email),
            ("Phone", c.phone if g.chance(0.6) else "(not provided)"),
            ("Topic", g.pick(["General", "My account", "Cards", "Payments", "Other", "App & website", "Please select"])),
            ("Customer number", g.digits(8) if g.chance(0.5) else ""),
            ("Message", NEED), ("Preferred contact", g.pick(["Email", "Phone", "Either"])),
            ("Consent", g.pick(["Yes, I agree to the privacy policy", "✔ I accept the terms"])),
            ("Page", f"https://{g.vdomain}/{g.pick(['help', 'contact', 'support/new', 'en/contact-us'])}"),
            ("User agent", g.pick(["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Mozilla/5.0 (Linux; Android 14; Pixel 8)"]))]
    keep = [r for r in rows if r[0] in ("Name", "Email", "Message") or g.chance(0.6)]
    sep = g.pick([": ", ":\t", " = "])
    parts = [g.pick([f"New submission: {form}", f"[{g.pick(['Typeform', 'Gravity Forms', 'HubSpot Forms', 'Webflow', 'Jotform'])}] New entry", "You have a new form submission"]), ""]
    parts += [k + sep + v for k, v in keep]
    parts += ["", g.pick(["-- ", "This notification was sent by your website.", f"Sent via {g.vdomain} · Manage notifications"])]
    return crlf(join_lines(parts))


@en("live_chat_transcript")
def t_livechat(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    tool = g.pick(["LiveChat", "Drift", "Tidio", "Zendesk Chat", "Crisp", "Olark", "Freshchat"])
    d = g.dt()
    parts = [f"{tool} transcript · Chat ID {g.alnum(10)}", f"Visitor: {c.name} ({c.email})" + g.pick(["", f" · {c.city}", " · returning visitor"])]
    if g.chance(0.4):
        parts.append(f"Page: https://{g.vdomain}/{g.pick(['help', 'app/home', 'pricing', 'cards'])}")
    parts.append("")
    ts = lambda t: g.pick([f"[{t:%H:%M:%S}]", f"({t:%H:%M})", f"{g._ampm(t)}"]) if False else f"[{t:%H:%M:%S}]"
    turns = []
    if g.chance(0.6):
        turns.append((d, "Bot" if g.chance(0.5) else g.vendor, g.pick(["Hi there 👋 How can we help?", "Welcome! Ask us anything.", "Hi! What brings you here today?"])))
        d = g.later(d, 0, 3)
    if g.chance(0.3):
        turns.append((d, c.first, g.pick(["hi", "hello", "Hi"])))
        d = g.later(d, 0, 2)
    turns.append((d, c.first, NEED))
    d = g.later(d, 0, 6)
    if g.chance(0.8):
        turns.append((d, a.first, g.pick([f"Hi {c.first}, thanks for waiting! Let me check that for you.", "Sure, one moment please.",
                                           f"Hello {c.first}, I'm {a.first}. Can you confirm your email address?"])))
    if g.chance(0.4):
        turns.append((g.later(d), c.first, g.pick(["ok", "thanks", c.email, "sure"])))
    for t, who, msg in turns:
        parts.append(f"{ts(t)} {who}: {msg}")
    if g.chance(0.5):
        parts += ["", f"Chat ended by {g.pick(['visitor', 'agent', 'system (inactivity)'])} · Duration {g.num(1, 25)}m · Rating: {g.pick(['none', 'rated good', 'rated bad'])}"]
    return join_lines(parts)


@en("jira_service_management")
def t_jira(g):
    c = g.en_person()
    key = f"{g.pick(['SD', 'HELP', 'CS', 'SUP', 'ESC'])}-{g.num(10, 9999)}"
    in_summary = g.chance(0.4)
    parts = [f"[JIRA] ({key}) " + (NEED if in_summary else g.pick(EN_SUBJECTS))]
    parts += [f"{c.name} raised {key}" if g.chance(0.5) else f"{c.name} created {key}:", ""]
    rows = [("Request type", g.pick(["Get help", "Ask a question", "Report a problem", "Account request"])),
            ("Reporter", f"{c.name} ({c.email})"), ("Priority", g.pick(["Lowest", "Low", "Medium", "High", "Highest"])),
            ("Status", g.pick(["Waiting for support", "Open", "In progress", "Waiting for customer"])),
            ("Time to first response", g.pick(["4h remaining", "23m remaining", "Breached", "1d 2h remaining"])),
            ("Organizations", c.company), ("Components", g.pick(["Mobile", "Web", "Cards", "Accounts"]))]
    parts += [f"{k}: {v}" for k, v in g.sample(rows, g.num(2, len(rows)))]
    if not in_summary:
        parts += ["", NEED]
    parts += ["", f"View request · Turn off this request's notifications", f"This message was sent by Atlassian Jira Service Management ({g.pick(['v9.12.2', 'Cloud', 'v5.4'])})"]
    return join_lines(parts)


@en("trustpilot_review")
def t_trustpilot(g):
    n = g.pick(EN_FIRST) + " " + g.pick(EN_LAST)[0] + "."
    stars = g.num(1, 5)
    in_title = g.chance(0.3)
    parts = [f"Trustpilot · {g.vendor}", f"{n} · {g.pick(['GB', 'US', 'IE', 'AU', 'CA'])} · " + g.pick(["1 review", f"{g.num(2, 40)} reviews"]),
             f"Rated {stars} out of 5 stars" if g.chance(0.5) else g.stars(stars), g.en_day(),
             "", NEED if in_title else g.pick(EN_REVIEW_TITLES), ""]
    parts.append(g.pick(EN_REVIEW_EXTRA) if in_title else NEED)
    parts.append(f"Date of experience: {g.en_day(g.dt(40000, 0))}")
    if g.chance(0.3):
        parts += ["", f"Reply from {g.vendor}", g.pick(["Hi, sorry to read this. Please contact us via the app so we can help.", "Thanks for your review!"])]
    if g.chance(0.4):
        parts.append(g.pick(["Useful · Share · Report", f"👍 Useful {g.num(0, 30)}"]))
    return join_lines(parts)


@en("chatbot_handoff")
def t_bot(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    parts = [g.pick(["Conversation transferred from bot", "🤖 → 👤 Handover to human agent", f"{g.pick(['Ada', 'Fin', 'Answer Bot', 'Kore.ai', 'Ultimate'])} handoff summary"])]
    rows = [("Customer", f"{c.name} ({c.email})"), ("Verified", g.pick(["yes", "no", "partially (email only)"])),
            ("Detected intent", g.pick(["(unrecognised)", "fallback", "low confidence", "multiple candidates"])),
            ("Bot attempts", str(g.num(1, 4))), ("Language", "en"), ("Queue", g.pick(["General", "Priority", "Cards", "After hours"])),
            ("Assigned to", a.name)]
    parts += [f"{k}: {v}" for k, v in g.sample(rows, g.num(2, len(rows)))]
    parts.append(g.pick(["Customer's last message: ", "Last user utterance: ", "Customer said: "]) + NEED)
    if g.chance(0.6):
        parts += ["", "Transcript:", f"Bot: {g.pick(['Hi! I am the virtual assistant. What can I help with?', 'Hello, how can I help you today?'])}",
                  f"Customer: {g.pick(['agent', 'talk to a human', 'speak to someone', 'representative please'])}",
                  "Bot: Sure, connecting you to an agent. Typical wait: " + g.pick(["2 min", "under 5 minutes", "10 min"])]
    return join_lines(parts)


@en("account_manager_escalation")
def t_am(g):
    c = g.en_person(personal=False)
    am = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    via = g.pick(["LinkedIn", "WhatsApp", "text", "our call", "a voice note", "the conference"])
    parts = [f"From: {am.name} <{am.email}>", f"To: {g.pick(['support', 'escalations', 'cx-team'])}@{g.vdomain}",
             f"Subject: {g.pick(['Escalation', 'FW', 'Customer escalation', 'Please help'])}: {c.company}", "",
             g.pick(["Hi team,", "Hey all,", "Support team -"]), "",
             f"{c.first} from {c.company} ({g.pick(EN_PLANS)}, {g.mrr()}) pinged me on {via}. Pasting their message below verbatim - could someone pick this up today?",
             "", g.pick(['"' + NEED + '"', "> " + NEED, NEED]), "",
             f"Their contact: {c.email}" + (f" / {c.phone}" if g.chance(0.5) else ""),
             "", g.pick(["Thanks!", "Cheers,", "Thanks a lot,"]), am.first]
    if g.chance(0.4):
        parts += ["", g.en_signature(am, rich=0.7)]
    return join_lines(parts)


@en("phone_call_log")
def t_call_log(g):
    c = g.en_person()
    a = g.en_person(company=(g.vendor, g.vdomain), personal=False)
    rows = [("Call ID", g.alnum(12)), ("Direction", "Inbound"), ("Caller", f"{c.name} · {c.phone}"),
            ("Agent", a.name), ("Queue", g.pick(["Main IVR > Option 2", "Cards", "General enquiries", "Premium line"])),
            ("Wait time", f"{g.num(0, 24)}m {g.num(0, 59)}s"), ("Talk time", f"{g.num(1, 30)}m {g.num(0, 59)}s"),
            ("Start", g.en_date()), ("Wrap-up code", g.pick(["Info provided", "Callback scheduled", "Transferred", "Ticket created"]))]
    parts = [g.pick(["Call log", "Aircall · call summary", "Talkdesk interaction", "Five9 call record", "Genesys Cloud interaction"])]
    parts += [f"{k}: {v}" for k, v in g.sample(rows, g.num(4, len(rows)))]
    parts += ["", g.pick(["Agent notes:", "Notes:", "Summary:"]),
              g.pick([f'Caller said: "{NEED}"', f"Customer asked - {NEED}", f"Verbatim: {NEED}"])]
    if g.chance(0.6):
        parts.append(g.pick(["ID&V passed.", "Could not verify caller; advised to use app chat.", "Advised we'd follow up by email.", "Customer hung up before resolution."]))
    return join_lines(parts)


@en("whatsapp_export")
def t_whatsapp(g):
    c = g.en_person()
    d = g.dt()
    name = g.pick([c.name, c.first, c.phone])
    fmt = g.pick([lambda t: f"[{t:%d/%m/%Y, %H:%M:%S}]", lambda t: f"{t.month}/{t.day}/{t:%y}, {g._ampm(t)} -", lambda t: f"[{t:%Y-%m-%d %H:%M}]"])
    lines = []
    if g.chance(0.5):
        lines.append(f"{fmt(d)} {g.vendor}: Messages and calls are end-to-end encrypted. No one outside of this chat can read them.")
    if g.chance(0.4):
        lines.append(f"{fmt(d)} {name}: {g.pick(['Hi', 'Hello', 'Good morning'])}")
        d = g.later(d, 0, 2)
    lines.append(f"{fmt(d)} {name}: {NEED}")
    if g.chance(0.7):
        lines.append(f"{fmt(g.later(d, 0, 4))} {g.vendor}: {g.pick(['Thanks for your message! An agent will be with you shortly.', 'Hi! To help you, please share your registered email.', 'We are currently outside business hours.'])}")
    if g.chance(0.3):
        lines.append(f"{fmt(g.later(d, 5, 30))} {name}: <Media omitted>")
    head = g.pick([f"WhatsApp chat with {g.vendor} Support", "WhatsApp Business · exported conversation", ""])
    return join_lines(([head, ""] if head else []) + lines)


@en("help_center_request")
def t_helpcenter(g):
    c = g.en_person()
    rid = g.num(100000, 9999999)
    subj_need = g.chance(0.35)
    parts = [g.pick([f"Request #{rid}", f"Your request ({rid}) has been received", f"[{g.vendor}] Re: {g.pick(EN_SUBJECTS)}"]), ""]
    if g.chance(0.6):
        parts += [g.pick([f"Hi {c.first},", f"Hello {c.first},", "Hello,"]),
                  "", g.pick(["Your request has been received and is being reviewed by our support staff.",
                              "Thanks for reaching out. To add additional comments, reply to this email.",
                              f"We'll get back to you within {g.pick(['24 hours', '2 business days', '1 working day'])}."]), ""]
    parts.append(g.pick(["##- Please type your reply above this line -##", "----", "— Your request —"]))
    parts += ["", f"{c.name}", g.en_date(), "", "Subject: " + (NEED if subj_need else g.pick(EN_SUBJECTS))]
    parts += ["", g.pick(["(no description)", "Thanks.", "-"]) if subj_need else body_en(g, name=c.first)]
    parts += ["", f"Attachment(s): {g.pick(['none', 'IMG_' + g.digits(4) + '.jpeg', 'screenshot.png'])}" if g.chance(0.4) else None]
    parts += ["", f"[{g.alnum(6)}-{g.alnum(4)}]" if g.chance(0.5) else None,
              g.pick([f"This email is a service from {g.vendor} Support.", f"Delivered by Zendesk", None])]
    return join_lines(parts)


# ---------------------------------------------------------------------------
# Chinese templates
# ---------------------------------------------------------------------------

def _zts(g, t, style=None):
    forms = [lambda: f"{t:%Y-%m-%d %H:%M:%S}", lambda: f"{t:%H:%M:%S}", lambda: f"[{t:%H:%M}]",
             lambda: f"{t.month}月{t.day}日 {t:%H:%M}", lambda: f"{t:%m-%d %H:%M}"]
    return forms[style if style is not None else g.r.randrange(len(forms))]()


def _zh_visitor_name(g, p=None):
    p = p or g.zh_person()
    return g.pick([p.name, g.zh_honorific(p), f"访客{g.digits(6)}", f"微信用户{g.alnum(4)}",
                   g.pick(["小王同学", "追风少年", "一只橘猫", "Lucky", "阿木", "晴天", "A-张", "momo"]),
                   f"{g.pick(ZH_CITIES)[0]}访客"])


def _zh_chat(g, visitor, agent, d, bot=None, style=None, need_pos=None):
    """Build chat turns (访客/客服 style).  Returns list of lines."""
    if style is None:
        style = g.r.randrange(3)
    tstyle = g.pick([0, 1, 2])
    turns = []
    if bot and g.chance(0.7):
        turns.append((d, bot, g.pick(["您好，我是智能客服，请问有什么可以帮您？", "您好，欢迎咨询！请简单描述您的问题~",
                                      "亲，在的哦，请问有什么需要帮助的吗？", "您好，人工客服工作时间为9:00-21:00。"])))
        d = g.later(d, 0, 2)
        if g.chance(0.5):
            turns.append((d, visitor, g.pick(["转人工", "人工", "人工客服", "找人工"])))
            d = g.later(d, 0, 2)
            turns.append((d, "系统", f"已为您转接人工客服【{agent}】，请稍候"))
            d = g.later(d, 0, 3)
    if g.chance(0.4):
        turns.append((d, visitor, g.pick(["在吗", "你好", "您好", "hello", "在不在"])))
        d = g.later(d, 0, 2)
        turns.append((d, agent, g.pick([f"您好，{agent}为您服务，请问有什么可以帮您？", "在的，您请说~", "您好，请讲。"])))
        d = g.later(d, 0, 2)
    turns.append((d, visitor, NEED))
    d = g.later(d, 0, 3)
    if g.chance(0.85):
        turns.append((d, agent, g.pick(["好的，这边帮您查询一下，请稍等~", "收到，麻烦您提供一下注册手机号，我帮您核实。",
                                        "明白了，我这边帮您记录并反馈给相关同事。", "亲，稍等一下哦，正在为您处理。",
                                        "好的，请问还有其他问题吗？"])))
    if g.chance(0.4):
        d = g.later(d, 1, 5)
        turns.append((d, visitor, g.pick(["好的", "嗯嗯", "谢谢", "ok", "尽快哈", g.zh_mobile(masked=True)])))
    if g.chance(0.3):
        d = g.later(d, 1, 9)
        turns.append((d, "系统", g.pick(["访客已离开", "会话已结束", "客服邀请访客评价", "会话超时自动关闭"])))
    lines = []
    for t, who, msg in turns:
        if style == 0:
            lines.append(f"{who} {_zts(g, t, tstyle)}")
            lines.append(msg)
        elif style == 1:
            lines.append(f"{_zts(g, t, tstyle)} {who}：{msg}")
        else:
            lines.append(f"【{who}】{_zts(g, t, tstyle)}：{msg}")
    return lines


@zh("wecom_kf_session")
def z_wecom(g):
    c = g.zh_person()
    agent = g.pick(ZH_AGENT_NICKS)
    vis = _zh_visitor_name(g, c)
    parts = [g.pick(["【企业微信客服】会话记录", "企业微信 · 微信客服 会话详情", f"{g.zvendor}官方客服 - 会话记录"])]
    rows = [("客户昵称", vis), ("来源", g.pick(["微信", "视频号", "公众号菜单", "小程序客服按钮", "扫码进入"])),
            ("接待客服", agent), ("会话ID", g.alnum(16, upper=False)), ("开始时间", g.zh_date(style=1)),
            ("客户标签", "、".join(g.sample(ZH_TAGS, g.num(1, 3))))]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(2, len(rows)))]
    parts.append(g.pick(["", "—" * 12, "----- 聊天记录 -----"]))
    parts += _zh_chat(g, vis, agent, g.dt(), bot=g.pick([None, "智能助手"]))
    if g.chance(0.4):
        parts += ["", f"满意度评价：{g.pick(['非常满意', '满意', '一般', '不满意', '未评价'])}"]
    return join_lines(parts)


@zh("dingtalk_ticket")
def z_dingtalk(g):
    c = g.zh_person(personal=False)
    h = g.zh_person(personal=False)
    in_title = g.chance(0.35)
    parts = [g.pick(["钉钉工单", "【钉钉】服务工单通知", f"钉钉 · {g.pick(['智能工单', '服务台', 'OA审批-客户服务'])}"])]
    rows = [("工单编号", f"DT{g.base:%Y%m%d}{g.digits(5)}"), ("标题", NEED if in_title else g.pick(ZH_SUBJECTS)),
            ("发起人", f"{c.name}（{c.dept}）"), ("所在企业", c.company),
            ("工单类型", g.pick(["咨询", "故障报修", "需求建议", "投诉", "其他"])),
            ("紧急程度", g.pick(ZH_PRIORITIES)), ("当前节点", g.pick(["一线受理", "二线处理", "待确认", "主管审批"])),
            ("处理人", h.name), ("提交时间", g.zh_date())]
    keep = rows[:2] + g.sample(rows[2:], g.num(3, len(rows) - 2))
    parts += [f"{k}：{v}" for k, v in keep]
    parts += ["", "问题描述："]
    parts.append(g.pick(["见标题。", "如题", "同标题", "（未填写）"]) if in_title else body_zh(g, name=None))
    if g.chance(0.5):
        parts += ["", "附件：" + g.pick(["截图1.png", "IMG_" + g.digits(4) + ".JPG", "无", "录屏.mp4"])]
    if g.chance(0.5):
        parts += ["", "审批流程：", f"{c.name} 发起 · {g.zh_date(style=3)}", f"{h.name} {g.pick(['处理中', '已同意', '已转交'])}"]
    if g.chance(0.3):
        parts += ["", "点击查看详情 >"]
    return join_lines(parts)


@zh("feishu_helpdesk_ticket")
def z_feishu_ticket(g):
    c = g.zh_person(personal=False)
    agent = g.zh_person(personal=False)
    parts = [g.pick(["飞书服务台 · 工单详情", "【飞书服务台】新工单", f"{g.zvendor}服务台（飞书）"])]
    rows = [("工单号", g.pick([f"FS-{g.alnum(4)}-{g.digits(4)}", f"#{g.num(10000, 999999)}"])),
            ("提交人", c.name), ("部门", c.dept), ("服务台", g.pick(["IT服务台", "客户支持", "产品答疑", "行政服务台"])),
            ("状态", g.pick(["处理中", "待处理", "已解决", "转人工"])), ("客服", agent.name),
            ("创建时间", g.zh_date()), ("标签", "、".join(g.sample(ZH_TAGS, 2)))]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(3, len(rows)))]
    parts += ["", g.pick(["用户问题：", "问题描述：", "首条消息："]), NEED]
    if g.chance(0.5):
        parts += ["", f"机器人回复：{g.pick(['抱歉，暂未找到相关答案，已为您转接人工。', '以下内容可能对您有帮助：常见问题汇总', '已收到您的问题，正在分配客服。'])}"]
    if g.chance(0.4):
        parts += ["", f"{agent.name}：{g.pick(['您好，已收到，马上处理。', '请稍等，我确认一下。', '麻烦补充一下截图。'])}"]
    return join_lines(parts)


@zh("feishu_group_message")
def z_feishu_group(g):
    c = g.zh_person(personal=False)
    us = g.zh_person(company=(g.zvendor + "科技有限公司", g.zvendor, g.zvdomain), personal=False)
    d = g.dt()
    grp = g.pick([f"{c.short} × {g.zvendor} 项目对接群", f"{c.short}服务群", f"【外部】{c.short}-{g.zvendor}", "客户支持群"])
    parts = [f"飞书群聊：{grp}" + g.pick(["", "（外部群）", f"（{g.num(5, 80)}人）"]), ""]
    if g.chance(0.4):
        parts += [f"{us.name} {d:%H:%M}", g.pick(["大家好，有问题随时在群里说~", "本周五例行维护，请知悉。", "@所有人 新版本已上线"]), ""]
        d = g.later(d, 20, 600)
    parts.append(f"{c.name}" + g.pick(["", f"（{c.short}）", " 外部"]) + f" {g.pick([f'{d:%H:%M}', f'{d.month}月{d.day}日 {d:%H:%M}', '昨天 ' + f'{d:%H:%M}'])}")
    msg = NEED
    if g.chance(0.5):
        msg = g.pick([f"@{us.name} ", "@所有人 ", f"@{us.name} @{g.zh_person().name} "]) + msg
    parts.append(msg)
    if g.chance(0.4):
        parts.append(g.pick(["👍 1", "[已读 3]", "[2人已读]", "OK 1"]))
    if g.chance(0.6):
        parts += ["", f"{us.name} {g.later(d, 1, 30):%H:%M}", g.pick(["收到，我来跟进。", "好的，我拉一下技术同学看看。", "收到👌 稍后回复您", "已记录，今天内给您答复。"])]
    return join_lines(parts)


@zh("tencent_qidian")
def z_qidian(g):
    c = g.zh_person()
    agent = g.pick(ZH_AGENT_NICKS)
    vis = _zh_visitor_name(g, c)
    parts = [g.pick(["腾讯企点 · 在线会话", "腾讯企点客服 - 会话记录", "【企点】会话详情"])]
    rows = [("访客", vis), ("访客ID", g.digits(10)), ("来源页面", f"https://www.{g.zvdomain}/{g.pick(['help', 'product', 'download', 'pricing'])}"),
            ("IP归属地", g.pick(ZH_CITIES)[0]), ("渠道", g.pick(["网页", "QQ", "微信公众号", "小程序"])),
            ("接待工号", f"{agent}（{g.num(1000, 9999)}）"), ("会话时长", f"{g.num(1, 30)}分{g.num(0, 59)}秒")]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(3, len(rows)))]
    parts.append("")
    parts += _zh_chat(g, "访客" if g.chance(0.5) else vis, agent, g.dt(), bot=g.pick([None, "机器人"]))
    return join_lines(parts)


@zh("sobot_chat")
def z_sobot(g):
    agent = g.pick(ZH_AGENT_NICKS)
    parts = [g.pick(["智齿客服 · 聊天记录", "【智齿科技】会话导出", "智齿 在线客服 历史会话"])]
    parts.append(f"会话编号：{g.alnum(20, upper=False)}")
    if g.chance(0.6):
        parts.append(f"访客来源：{g.pick(['PC网页', 'H5', 'App SDK', '微信小程序', '企业微信'])}　终端：{g.pick(['iOS', 'Android', 'Windows', 'macOS'])}")
    if g.chance(0.5):
        parts.append(f"接待组：{g.pick(['售前组', '售后组', '会员服务组', 'VIP专线'])}　客服：{agent}")
    parts.append("")
    parts += _zh_chat(g, "访客", agent, g.dt(), bot=g.pick(["机器人", "智齿机器人", None]), style=g.pick([0, 1]))
    if g.chance(0.4):
        parts += ["", f"会话小结：{g.pick(['咨询类', '问题反馈', '功能使用', '待跟进'])}；解决状态：{g.pick(['已解决', '未解决', '待回访'])}"]
    return join_lines(parts)


@zh("udesk_chat")
def z_udesk(g):
    c = g.zh_person()
    agent = c.name if False else g.zh_person(personal=False).name
    vis = _zh_visitor_name(g, c)
    d = g.dt()
    parts = [g.pick(["Udesk 在线客服 - 对话记录", "Udesk · 会话详情", "【Udesk】工单关联对话"])]
    if g.chance(0.6):
        parts.append(f"客户：{vis}　手机：{g.zh_mobile(masked=True)}　等级：{g.pick(ZH_CUST_LEVELS)}")
    if g.chance(0.5):
        parts.append(f"对话ID：{g.num(10 ** 8, 10 ** 9)}　开始：{g.zh_date(d, style=1)}")
    parts.append("")
    parts += _zh_chat(g, "客户" if g.chance(0.5) else vis, "客服" + agent if g.chance(0.5) else agent, d, bot=g.pick([None, "智能机器人"]))
    if g.chance(0.4):
        parts += ["", f"关联工单：#{g.num(10000, 999999)}　咨询分类：{g.pick(['账号问题', '功能咨询', '售后', '其他'])}"]
    return join_lines(parts)


@zh("meiqia_chat")
def z_meiqia(g):
    agent = g.pick(ZH_AGENT_NICKS)
    d = g.dt()
    parts = [g.pick(["美洽 · 对话记录", "美洽客服 对话详情", "【美洽】访客对话"])]
    rows = [("访客名称", f"{g.pick(ZH_CITIES)[0][:-1]}访客{g.digits(4)}"), ("来源", g.pick(["百度推广", "官网", "App", "微信", "抖音"])),
            ("搜索词", g.pick(["", "客服电话", g.zvendor, g.zvendor + " 客服"])),
            ("对话时间", g.zh_date(d)), ("客服", agent), ("设备", g.pick(ZH_DEVICES)[0])]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(2, len(rows))) if v]
    parts.append("")
    parts += _zh_chat(g, "访客", agent, d, style=g.pick([1, 2]))
    return join_lines(parts)


@zh("csm_visit_minutes")
def z_csm(g):
    full, short, domain = g.zh_company()
    cs = [g.zh_person(company=(full, short, domain), personal=False) for _ in range(g.num(1, 3))]
    us = [g.zh_person(personal=False) for _ in range(g.num(1, 3))]
    d = g.dt()
    parts = [g.pick([f"客户拜访纪要 — {short}", f"【拜访纪要】{full}", f"{short} 季度业务回顾（QBR）会议纪要", f"客户成功经理拜访记录：{short}"])]
    parts.append(f"时间：{g.zh_date(d, style=g.pick([0, 6, 7]))}")
    parts.append(f"地点：{g.pick(['客户现场', '腾讯会议', '飞书视频会议', '钉钉视频会议', cs[0].address])}")
    parts.append("参会人：")
    parts.append(f"  客户方：" + "、".join(f"{p.name}（{p.title}）" if g.chance(0.6) else p.name for p in cs))
    parts.append(f"  我方：" + "、".join(f"{p.name}（{g.pick(['客户成功经理', '解决方案架构师', '销售总监', '技术支持'])}）" for p in us))
    parts += ["", "议题："]
    topics = g.sample(["上季度使用情况回顾", "续约计划沟通", "新功能介绍", "问题答疑", "培训安排", "满意度反馈"], g.num(2, 4))
    parts += [f"{i}. {t}" for i, t in enumerate(topics, 1)]
    parts += ["", "讨论内容："]
    notes = [f"- 当前活跃账号{g.num(5, 300)}个，环比{g.pick(['增长', '下降'])}{g.num(1, 30)}%",
             f"- 合同{g.zh_day(g.later(d, 40000, 300000))}到期，金额{g.zh_money()}",
             f"- 健康度评分{g.num(40, 95)}分",
             "- 客户对上次培训反馈较好"]
    notes = g.sample(notes, g.num(1, 3))
    q = g.pick([f"- {cs[0].name}提出：{NEED}", f"- 客户原话：“{NEED}”", f"- 客户问题：{NEED}", f"- {g.zh_honorific(cs[-1])}反馈：{NEED}"])
    notes.insert(g.num(0, len(notes)), q)
    parts += notes
    parts += ["", "待办事项："]
    for _ in range(g.num(1, 3)):
        o = g.pick(us)
        parts.append(f"- [ ] {o.name}：{g.pick(['跟进客户问题并回复', '发送会议纪要', '安排产品培训', '确认续约报价', '同步技术团队'])}（截止{g.zh_day(g.later(d, 1440, 20000))}）")
    return join_lines(parts)


@zh("sales_call_summary_zh")
def z_sales(g):
    c = g.zh_person(personal=False)
    rep = g.zh_person(personal=False)
    parts = [g.pick(["销售通话小结", f"【通话小结】{c.short} - {g.zh_honorific(c)}", "外呼记录 · AI 通话摘要", "电销跟进记录"])]
    rows = [("客户", f"{c.name}（{c.company}）"), ("联系电话", g.zh_mobile(masked=True)), ("销售", rep.name),
            ("通话时长", f"{g.num(0, 25)}分{g.num(1, 59)}秒"), ("通话时间", g.zh_date()),
            ("意向等级", g.pick(["A（高意向）", "B（一般）", "C（低意向）", "待定"])),
            ("商机阶段", g.pick(["初步接触", "需求确认", "方案报价", "商务谈判", "赢单"])), ("预计金额", g.zh_money())]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(3, len(rows)))]
    parts += ["", "要点："]
    pts = g.sample(["客户目前使用竞品，合同年底到期", "对价格比较敏感", "决策人是老板，需要再约", "希望先试用两周", "关注数据安全"], g.num(1, 3))
    pts.insert(g.num(0, len(pts)), g.pick([f"客户原话：“{NEED}”", f"客户问：{NEED}", f"{g.zh_honorific(c)}：{NEED}"]))
    parts += [f"{i}. {p}" for i, p in enumerate(pts, 1)]
    if g.chance(0.6):
        parts += ["", f"下一步：{g.pick(['发送报价单', '约演示', '转技术支持解答', '三天后回访'])}（{g.zh_day(g.later(g.base, 1440, 10000))}）"]
    return join_lines(parts)


@zh("app_store_review_zh")
def z_appstore(g):
    dev, os_ = g.pick(ZH_DEVICES)
    store = "App Store" if dev.startswith("iP") else g.pick(ZH_STORES[1:])
    n = g.num(1, 5)
    in_title = g.chance(0.2)
    nick = g.pick([f"用户{g.digits(6)}", g.pick(["小猪佩奇爱吃糖", "夜猫子", "打工人", "江南烟雨", "Mr.Lee", "吃土少女", "老张"]) + g.pick(["", g.digits(2)]),
                   f"{g.pick(ZH_SURNAMES)[0]}**"])
    titles = ["不好用", "希望改进", "还行", "求助", "一星都不想给", "整体不错", "有个问题", "体验一般", "更新后出问题了", "客服找不到"]
    parts = [f"{store} 评论", g.pick(["★" * n + "☆" * (5 - n), f"{n}星", "⭐" * n, f"评分：{n}/5"]) + "  " + (NEED if in_title else g.pick(titles)),
             f"{nick} · {g.zh_day()}"]
    parts += ["", g.pick(["如题。", "求回复。", "希望官方看到。"]) if in_title else NEED]
    if g.chance(0.4) and not in_title:
        parts.append(g.pick(["希望官方看到。", "其他功能都还可以。", "找客服半天没人理。", "改好了给五星。"]))
    meta = [f"机型：{dev}", f"系统：{os_}", f"版本：{g.version()}"]
    parts += ["", "　".join(g.sample(meta, g.num(1, 3)))]
    if g.chance(0.4):
        parts += ["", f"开发者回复（{g.zh_day(g.later(g.base, 600, 9000))}）",
                  g.pick(["您好，感谢您的反馈！请在App内【我的-帮助与反馈】联系在线客服，我们会第一时间为您处理。",
                          f"亲爱的用户，非常抱歉给您带来不便，请拨打客服热线{g.hotline()}，我们将竭诚为您服务。",
                          "您好，您的建议我们已经记录并反馈给产品团队，感谢支持！"])]
    if g.chance(0.3):
        parts.append(f"{g.num(1, 500)}人觉得有用")
    return join_lines(parts)


@zh("nps_survey_zh")
def z_nps(g):
    c = g.zh_person()
    score = g.num(0, 10)
    cat = "贬损者" if score <= 6 else ("被动者" if score <= 8 else "推荐者")
    parts = [g.pick(["NPS 调研回收", "【NPS】用户净推荐值调研 - 新回复", f"{g.zvendor}用户满意度调研（NPS）"])]
    rows = [("用户", c.name if g.chance(0.5) else g.zh_mobile(masked=True)), ("客户等级", g.pick(ZH_CUST_LEVELS)),
            ("套餐", g.pick(ZH_PLANS)), ("推荐值", f"{score}（{cat}）"), ("投放渠道", g.pick(["App内弹窗", "短信", "邮件", "公众号推送"])),
            ("提交时间", g.zh_date())]
    parts += [f"{k}：{v}" for k, v in g.sample(rows[:3], g.num(1, 3)) + rows[3:]]
    parts += ["", g.pick(["Q1：您有多大可能向朋友或同事推荐我们？", "Q1：推荐意愿（0-10分）"]) + f"　{score}分",
              g.pick(["Q2：您给出这个分数的主要原因是？", "Q2：您觉得我们哪里还需要改进？", "Q2：其他意见或建议："]),
              g.pick(["", "答：", "回答："]) + NEED]
    if g.chance(0.4):
        parts += ["", f"跟进人：{g.zh_person(personal=False).name}　跟进状态：{g.pick(['待跟进', '已联系', '已关闭'])}"]
    return join_lines(parts)


@zh("wjx_form")
def z_wjx(g):
    c = g.zh_person()
    d = g.dt()
    parts = [g.pick(["问卷星 · 答卷详情", f"【问卷星】{g.zvendor}用户反馈问卷 - 第{g.num(1, 3000)}份答卷", "问卷星 数据详情"])]
    rows = [("序号", str(g.num(1, 5000))), ("提交答卷时间", g.zh_date(d, style=1)), ("所用时间", f"{g.num(20, 600)}秒"),
            ("来源", g.pick(["微信", "手机提交", "链接", "二维码"])), ("来源详情", g.pick(["直接访问", "公众号菜单", "朋友圈"])),
            ("来自IP", f"{g.num(36, 223)}.{g.num(0, 255)}.{g.num(0, 255)}.{g.num(1, 254)}({g.pick(ZH_CITIES)[0]})")]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(3, len(rows)))]
    parts.append("")
    qs = [("您的称呼", g.pick([c.name, g.zh_honorific(c), "匿名"])), ("您的联系电话", g.zh_mobile()),
          ("您使用我们产品多久了？", g.pick(["不到1个月", "1-6个月", "半年以上", "1年以上"])),
          ("您的满意度", g.pick(["非常满意", "满意", "一般", "不满意", "非常不满意"]))]
    qs = g.sample(qs, g.num(2, 4))
    qs.insert(g.num(0, len(qs)), (g.pick(["您遇到的问题或需求", "请描述您的问题", "您希望我们帮您做什么？", "其他意见"]), NEED))
    for i, (q, a) in enumerate(qs, 1):
        parts.append(f"{i}. {q}" + ("\n" if q.endswith("？") else g.pick(["：", "\n"])) + a)
    return join_lines(parts)


@zh("email_original_message")
def z_email_orig(g):
    c = g.zh_person()
    a = g.zh_person(company=(g.zvendor + "科技有限公司", g.zvendor, g.zvdomain), personal=False)
    d1 = g.dt(4000, 0)
    need_top = g.chance(0.5)
    subj = g.pick(ZH_SUBJECTS)
    if need_top:
        top = body_zh(g, agent=a.name[-2:] if g.chance(0.3) else None, name=c.name)
        ofrom, oto = f"\"{g.zvendor}客服\"<service@{g.zvdomain}>", f"\"{c.name}\"<{c.email}>"
        obody = g.pick([f"{c.name}您好：\n\n感谢您联系{g.zvendor}。为便于进一步核实，请提供您的注册手机号及问题截图。\n\n{g.zvendor}客户服务中心",
                        f"尊敬的用户：\n您好！您的问题已收到，我们将在1-2个工作日内回复。\n\n{a.name}\n{g.zvendor}客服部"])
    else:
        top = g.pick(["您好，请问这个问题有进展吗？", "再次发送，请尽快处理，谢谢。", f"{a.name}你好，麻烦看下下面的邮件。", "跟进一下，还没收到回复。"])
        ofrom, oto = f"\"{c.name}\"<{c.email}>", f"service@{g.zvdomain}"
        obody = body_zh(g, name=c.name)
    parts = [top]
    if g.chance(0.5):
        parts += ["", g.zh_signature(c)]
    if g.chance(0.2):
        parts += ["", g.pick(ZH_MOBILE_FOOTERS)]
    parts += ["", g.pick(["------------------ 原始邮件 ------------------", "-----原始邮件-----", "------------------&nbsp;原始邮件&nbsp;------------------"]),
              f"发件人: {ofrom}", f"发送时间: {g.zh_date(d1, style=g.pick([4, 0, 7]))}", f"收件人: {oto}"]
    if g.chance(0.3):
        parts.append(f"抄送: {g.zh_person(personal=False).email}")
    parts += [f"主题: {'回复：' if need_top else ''}{subj}", "", obody]
    out = join_lines(parts)
    if g.chance(0.3):
        out = f"主题：{'回复：' + subj if need_top else '转发：' + subj}\n\n" + out
    return crlf(out) if g.chance(0.25) else out


@zh("email_wrote_quote")
def z_email_wrote(g):
    c = g.zh_person()
    d1 = g.dt(4000, 0)
    need_top = g.chance(0.5)
    if need_top:
        top = body_zh(g, name=c.name)
        qwho = f"{g.zvendor}客服 <service@{g.zvdomain}>"
        qbody = g.pick([f"您好，感谢您的来信。请问能否补充一下具体情况？\n\n{g.zvendor}客服团队",
                        "尊敬的用户您好，您的工单已受理，工单号 " + g.zh_ticket_id() + "，我们会尽快联系您。"])
    else:
        top = g.pick(["在吗？还没回复", "请问处理得怎么样了？", "麻烦尽快回复下面的问题，谢谢！", "顶一下"])
        qwho = f"{c.name} <{c.email}>"
        qbody = body_zh(g, name=c.name)
    parts = [top]
    if g.chance(0.3):
        parts += ["", g.pick(ZH_MOBILE_FOOTERS)]
    wrote = g.pick([f"在 {g.zh_date(d1, style=0)}，{qwho} 写道：", f"{qwho} 于{g.zh_date(d1, style=0)}写道：",
                    f"在 {d1:%Y/%m/%d %H:%M}, \"{qwho}\" 写道:", f"{g.zh_date(d1, style=4)}，{qwho} 写道："])
    parts += ["", wrote, quote(qbody, g.pick(["> ", ">"]))]
    return join_lines(parts)


@zh("email_disclaimer_zh")
def z_email_discl(g):
    c = g.zh_person(personal=False)
    subj_need = g.chance(0.2)
    parts = []
    if g.chance(0.6):
        parts += [f"发件人：{c.name} <{c.email}>", f"收件人：service@{g.zvdomain}", f"时间：{g.zh_date()}",
                  "主题：" + (NEED if subj_need else g.pick(ZH_SUBJECTS)), ""]
    else:
        subj_need = False
    parts.append(g.pick(["如题，谢谢。", "见主题。", "如题"]) if subj_need else body_zh(g))
    parts += ["", g.zh_signature(c, rich=g.r.uniform(0.4, 1.0))]
    for tpl in g.sample(ZH_DISCLAIMERS, g.num(1, 3)):
        parts += ["", g.zh_disclaimer(c, tpl)]
    return join_lines(parts)


@zh("email_mobile_footer_zh")
def z_email_mobile(g):
    c = g.zh_person(personal=True)
    parts = []
    if g.chance(0.4):
        parts += [f"主题：{g.pick(ZH_SUBJECTS)}", ""]
    parts.append(NEED if g.chance(0.5) else body_zh(g, greet=g.chance(0.5), close=g.chance(0.5)))
    parts += ["", g.pick(ZH_MOBILE_FOOTERS)]
    if g.chance(0.3):
        parts += ["", g.pick([c.name, f"{c.name} {c.mobile}"])]
    return join_lines(parts)


@zh("ticket_metadata_zh")
def z_meta(g):
    c = g.zh_person()
    h = g.zh_person(personal=False)
    rows = [("工单号", g.zh_ticket_id()), ("标题", g.pick(ZH_SUBJECTS)), ("客户", f"{c.name}（{g.zh_mobile(masked=True)}）"),
            ("优先级", g.pick(ZH_PRIORITIES)), ("状态", g.pick(ZH_STATUSES)), ("处理人", g.pick([h.name, "未分配", f"{h.name}（二线）"])),
            ("渠道", g.pick(ZH_CHANNELS)), ("客户等级", g.pick(ZH_CUST_LEVELS)), ("合同编号", g.contract_no()),
            ("SLA", g.pick([f"首次响应剩余{g.num(1, 120)}分钟", f"已超时{g.num(1, 48)}小时", "正常", f"{g.zh_date(g.later(g.base, 60, 3000))}前解决"])),
            ("标签", "、".join(g.sample(ZH_TAGS, g.num(1, 3)))), ("创建时间", g.zh_date()), ("所属公司", c.company)]
    keep = rows[:1] + g.sample(rows[1:], g.num(5, len(rows) - 1))
    style = g.r.randrange(3)
    if style == 0:
        head = "\n".join(f"{k}：{v}" for k, v in keep)
    elif style == 1:
        head = "\n".join(f"【{k}】{v}" for k, v in keep)
    else:
        head = "\n".join(f"{k}: {v}" for k, v in keep)
    parts = [head, g.pick(["=" * 30, "-" * 24, "", "—— 工单内容 ——", "问题描述："]), ""]
    parts.append(body_zh(g, name=c.name if g.chance(0.3) else None))
    return join_lines(parts)


@zh("hotline_400_transcript")
def z_hotline(g):
    c = g.zh_person()
    seat = f"{g.num(1000, 9999)}"
    d = g.dt()
    parts = [g.pick([f"{g.hotline()} 热线录音转写", "【呼叫中心】通话录音转写", "400热线 · 智能质检 · 录音文本"])]
    rows = [("来电号码", g.zh_mobile(masked=True)), ("坐席工号", seat), ("呼入时间", g.zh_date(d, style=1)),
            ("通话时长", f"{g.num(0, 15):02d}:{g.num(1, 59):02d}"), ("IVR路径", g.pick(["1-2", "按键3（人工服务）", "0#", "1-1-0"])),
            ("来电归属地", g.pick(ZH_CITIES)[0] + g.pick(["移动", "联通", "电信"])), ("转写引擎", g.pick(["阿里云智能语音", "讯飞听见", "腾讯云ASR"]))]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(3, len(rows)))]
    parts.append("")
    tm = lambda s: f"[{s // 60:02d}:{s % 60:02d}]"
    t = g.num(0, 5)
    lines = [(t, "坐席", g.pick([f"您好，{g.pick(['很高兴为您服务', '工号' + seat + '为您服务'])}，请问有什么可以帮您？", f"您好，{g.zvendor}客服中心，请讲。"]))]
    if g.chance(0.4):
        t += g.num(2, 8)
        lines.append((t, "客户", g.pick(["喂，你好。", "喂？听得到吗？", "你好你好。"])))
        t += g.num(1, 5)
        lines.append((t, "坐席", "您好，听得到，您请说。"))
    t += g.num(2, 10)
    lines.append((t, "客户", g.pick(["", "嗯，就是，", "那个……", "是这样的，"]) + NEED if g.chance(0.3) else NEED))
    t += g.num(3, 20)
    lines.append((t, "坐席", g.pick(["好的，您别着急，麻烦提供一下您的手机号，我帮您查一下。", "明白，我这边帮您登记一下，稍后会有专员联系您。",
                                     "好的，这个我帮您记录下来。", "您稍等，我帮您查询一下。"])))
    if g.chance(0.5):
        t += g.num(3, 30)
        lines.append((t, "客户", g.pick(["好的，谢谢。", "行，那你们快点。", "嗯嗯。"])))
    style = g.r.randrange(2)
    for s_, who, msg in lines:
        parts.append(f"{tm(s_)} {who}：{msg}" if style == 0 else f"{who}（{tm(s_)}）：{msg}")
    if g.chance(0.4):
        parts += ["", f"质检标签：{g.pick(['服务规范', '未主动报工号', '情绪平稳', '客户情绪激动'])}　小结：{g.pick(['咨询', '待回访', '已解决', '转工单'])}"]
    return join_lines(parts)


@zh("ticket_internal_note_zh")
def z_internal(g):
    c = g.zh_person()
    a = g.zh_person(personal=False)
    a2 = g.zh_person(personal=False)
    d = g.dt()
    parts = [f"工单 {g.zh_ticket_id()} · {g.pick(ZH_SUBJECTS)}", f"客户：{c.name}（{g.zh_mobile(masked=True)}）"]
    if g.chance(0.5):
        parts.append(f"状态：{g.pick(ZH_STATUSES)}｜优先级：{g.pick(ZH_PRIORITIES)}｜渠道：{g.pick(ZH_CHANNELS)}")
    cust = [f"【客户留言】{g.zh_date(d)}", NEED]
    note = [f"【内部备注】{a.name} {g.zh_date(g.later(d, 2, 120))}",
            g.pick([f"已核实账号，无异常，转二线处理。@{a2.name}", "客户本周第三次进线，注意安抚情绪。",
                    f"@{a2.name} 麻烦帮忙看一下，我今天早班下了。", "已发送标准话术，等待客户回复。",
                    "疑似重复工单，确认后合并。", "VIP客户，请勿使用模板回复。"])]
    for b in ([cust, note] if g.chance(0.7) else [note, cust]):
        parts += [""] + b
    if g.chance(0.3):
        parts += ["", f"【内部备注】{a2.name}：{g.pick(['收到。', '已回复客户。', '处理完毕。'])}"]
    return join_lines(parts)


@zh("sms_zh")
def z_sms(g):
    d = g.dt()
    num = g.zh_mobile(masked=g.chance(0.5))
    parts = [g.pick([f"短信会话 · {num}", f"【短信】来自 {num}", f"短信上行 · {g.pick(['106', '1069'])}{g.digits(8)}"])]
    if g.chance(0.4):
        parts.append(f"{d:%H:%M} 【{g.zvendor}】{g.pick(['您的工单已关闭，如有疑问请直接回复本短信。', '尊敬的用户，请回复您需要咨询的问题，客服将尽快处理。回T退订'])}")
        d = g.later(d)
    parts.append(f"{d:%H:%M} {g.pick(['用户', '客户', num])}：{NEED}")
    if g.chance(0.6):
        parts.append(f"{g.later(d, 0, 3):%H:%M} 【{g.zvendor}】{g.pick(['已收到您的消息，客服将在工作时间内回复您。', '您好，请关注公众号在线咨询，回T退订', '感谢您的反馈，稍后专员联系您。'])}")
    return join_lines(parts)


@zh("wechat_mp_message")
def z_wechat_mp(g):
    c = g.zh_person()
    d = g.dt()
    src = g.pick(["微信公众号后台 · 用户消息", "公众号留言管理", "小程序 · 意见反馈", "微信小程序客服消息"])
    parts = [src]
    rows = [("用户", g.pick([c.name, f"微信用户{g.alnum(4)}", g.pick(["阳光", "A小李", "Cindy", "老王", "向日葵"])])),
            ("OpenID", "o" + g.alnum(27, upper=False)), ("时间", g.zh_date(d)),
            ("来源", g.pick(["菜单【联系客服】", "文章留言", "自动回复关键词", "小程序-我的-反馈"])),
            ("反馈类型", g.pick(["功能建议", "使用问题", "其他", "投诉"]))]
    parts += [f"{k}：{v}" for k, v in g.sample(rows, g.num(2, len(rows)))]
    parts += ["", g.pick(["消息内容：", "留言内容：", "反馈内容："]), NEED]
    if g.chance(0.3):
        parts += ["[图片]" if g.chance(0.5) else f"联系方式：{g.zh_mobile()}"]
    if g.chance(0.4):
        parts += ["", f"自动回复：{g.pick(['您好，消息已收到，客服工作时间为工作日9:00-18:00。', '感谢关注！回复【人工】联系在线客服。'])}"]
    if g.chance(0.3):
        parts.append(f"{g.pick(['已回复', '未回复', '已标星'])} · 48小时内可回复")
    return join_lines(parts)


@zh("social_dm_zh")
def z_social(g):
    d = g.dt()
    plat = g.pick(["微博私信", "抖音私信", "小红书私信", "B站私信", "快手私信", "知乎私信"])
    nick = g.pick(["用户" + g.digits(10), "爱吃橙子的猫", "追光者2019", "一颗大白菜", "Sunny_" + g.digits(3), "江湖夜雨十年灯", "momo" + g.digits(4)])
    parts = [f"{plat} · @{nick} → @{g.zvendor}{g.pick(['官方', '客服', '官方微博', ''])}", g.zh_date(d)]
    if g.chance(0.3):
        parts.append(f"粉丝数：{g.num(0, 50000)} · {g.pick(['未认证', '未认证', '黄V'])}")
    parts += ["", f"{nick}：{NEED}"]
    if g.chance(0.3):
        parts.append(f"{nick}：{g.pick(['？？', '有人吗', '人呢', '[疑问]'])}")
    if g.chance(0.6):
        parts.append(f"{g.zvendor}：" + g.pick(["您好，已收到您的私信，为保护隐私请勿在此发送手机号，稍后客服会联系您~",
                                                 "亲，抱歉给您带来不便，麻烦点击下方链接联系在线客服哦", "[自动回复] 感谢关注！工作日客服会尽快回复您"]))
    if g.chance(0.3):
        parts.append(f"舆情等级：{g.pick(['一般', '关注', '预警'])} · 来源：{g.pick(['识微', '清博', '人工巡检'])}")
    return join_lines(parts)


@zh("forum_post_zh")
def z_forum(g):
    nick = g.pick([f"{g.pick(['小白', '老用户', '路人甲', '数码控', '熬夜冠军'])}{g.digits(g.num(1, 4))}", f"{g.pick(ZH_SURNAMES)[0]}同学"])
    in_title = g.chance(0.5)
    board = g.pick(["使用交流", "问题求助", "新手专区", "产品建议", "版本反馈"])
    parts = [f"{g.zvendor}社区 › {board}", ""]
    parts.append(("【求助】" if g.chance(0.3) else "") + (NEED if in_title else g.pick(["求助！", "请教各位一个问题", "有没有大佬知道", "新人提问", "急！"])))
    parts.append(f"楼主：{nick} · 发表于 {g.zh_date()} · {g.pick(['Lv.', '等级 '])}{g.num(1, 12)}")
    parts.append("")
    parts.append(g.pick(["如题，谢谢大家。", "如题。", "在线等，挺急的。"]) if in_title else NEED)
    parts.append("")
    parts.append(f"👍 {g.num(0, 300)}　💬 {g.num(0, 60)}　👁 {g.num(10, 20000)}")
    if g.chance(0.5):
        parts += ["", f"2楼 {g.pick(['官方客服', '版主', '社区管理员'])}-{g.pick(ZH_AGENT_NICKS)}：{g.pick(['您好，已私信您，请注意查收~', '已转给相关同学跟进。', '可以参考置顶帖的常见问题哦。'])}"]
    if g.chance(0.3):
        parts.append(f"3楼 {g.pick(['同问', '+1', '我也是', '蹲一个答案'])}")
    return join_lines(parts)


@zh("auto_forward_zh")
def z_autofwd(g):
    c = g.zh_person()
    inbox = g.pick(["info", "contact", "admin", "hr", "market"]) + "@" + g.zvdomain
    subj_need = g.chance(0.25)
    parts = [g.pick(["-------- 转发邮件信息 --------", "---------- 转发的邮件 ----------", "-----转发邮件-----"]),
             f"发件人：\"{c.name}\" <{c.email}>", f"发送日期：{g.zh_date(style=g.pick([0, 4, 1]))}", f"收件人：{inbox}",
             "主题：" + (NEED if subj_need else g.pick(ZH_SUBJECTS)), ""]
    parts.append(g.pick(["（正文为空）", "如题", "见主题"]) if subj_need else body_zh(g, name=c.name))
    if g.chance(0.4):
        parts += ["", g.zh_signature(c)]
    parts += ["", g.pick([f"本邮件由共享邮箱 {inbox} 按规则自动转发至 service@{g.zvdomain}",
                          f"[自动转发] 原收件人：{inbox}", f"此邮件已通过邮件规则“{inbox}→客服”自动转发。"])]
    return join_lines(parts)


@zh("email_ooo_zh")
def z_ooo(g):
    c = g.zh_person(personal=False)
    parts = []
    first = g.chance(0.5)
    if first:
        parts += [g.pick(["自动回复：" + g.pick(ZH_SUBJECTS), "【自动回复】", "休假自动回复"]), g.zh_ooo(), "", "———", ""]
    parts += [f"发件人：{c.name} <{c.email}>", f"时间：{g.zh_date()}", "", body_zh(g, name=c.name), "", g.zh_signature(c)]
    if not first:
        parts += ["", g.zh_ooo()]
    return join_lines(parts)


@zh("flat_pipe_ticket_zh")
def z_flat_pipe(g):
    c = g.zh_person()
    fields = [f"工单号：{g.zh_ticket_id()}", g.zh_date(), f"客户：{c.name}", f"手机：{g.zh_mobile(masked=True)}",
              f"优先级：{g.pick(ZH_PRIORITIES)}", f"状态：{g.pick(ZH_STATUSES)}", f"渠道：{g.pick(ZH_CHANNELS)}",
              f"客户等级：{g.pick(ZH_CUST_LEVELS)}", f"标签：{'、'.join(g.sample(ZH_TAGS, 2))}"]
    fields = fields[:1] + g.sample(fields[1:], g.num(2, len(fields) - 1))
    fields.insert(g.num(1, len(fields)), g.pick(["问题描述：", "客户留言：", "内容：", ""]) + NEED)
    if g.chance(0.3):
        fields.append(g.pick(ZH_MOBILE_FOOTERS))
    return flatten("\n".join(fields), g.pick([" | ", " | ", "｜", " || "]))


@zh("flat_space_log_zh")
def z_flat_space(g):
    c = g.zh_person()
    a = g.zh_person(personal=False)
    d = g.dt()
    s = g.pick([
        f"{d:%Y-%m-%d %H:%M:%S} [{g.pick(ZH_CHANNELS)}] {c.name}({g.zh_mobile(masked=True)}) 留言：{NEED} 工单={g.zh_ticket_id()} 优先级={g.pick(ZH_PRIORITIES)} 处理人={a.name}",
        f"{g.zh_date(d)} 跟进记录 {a.name}：客户{c.name}来电，客户原话：{NEED}{SOFT} 处理结果：{g.pick(['已解答', '转二线', '待回访', '已建单'])}。",
        f"#{g.num(10000, 99999)} {g.pick(ZH_STATUSES)} {g.pick(ZH_PRIORITIES)} {c.email} {g.zh_date(d, style=1)} “{NEED}” 标签:{','.join(g.sample(ZH_TAGS, 2))}",
        f"发件人：{c.name} 主题：{g.pick(ZH_SUBJECTS)} 时间：{g.zh_date(d)} 正文：{g.zh_greet()} {NEED}{SOFT} {g.pick(ZH_CLOSINGS)} {g.pick(ZH_MOBILE_FOOTERS)}",
    ])
    return flatten(s, " ")


@zh("raw_mail_headers_crlf_zh")
def z_raw(g):
    c = g.zh_person()
    d = g.dt()
    subj_need = g.chance(0.2)
    mx = g.pick(["smtp.qq.com", "smtp.163.com", "smtp.exmail.qq.com", "smtp.qiye.aliyun.com", "smtp.feishu.cn"])
    hdr = [f"Return-Path: <{c.email}>", f"Received: from {mx} ([{g.num(36, 223)}.{g.num(0, 255)}.{g.num(0, 255)}.{g.num(1, 254)}])",
           f"        by mx.{g.zvdomain} with ESMTP id {g.alnum(12, upper=False)}; {d:%a, %d %b %Y %H:%M:%S} +0800",
           f"Date: {d:%a, %d %b %Y %H:%M:%S} +0800", f"From: \"{c.name}\" <{c.email}>", f"To: <service@{g.zvdomain}>",
           "Subject: " + (NEED if subj_need else g.pick(ZH_SUBJECTS)), "MIME-Version: 1.0",
           "Content-Type: text/plain; charset=\"" + g.pick(["UTF-8", "utf-8", "GB18030"]) + "\"", "Content-Transfer-Encoding: 8bit",
           f"X-Mailer: {g.pick(['Foxmail 7.2.25', 'NetEase Mail Master', 'QQMail 2.x', 'Lark Mail', 'iPhone Mail (21E236)'])}"]
    if g.chance(0.5):
        hdr.insert(3, f"Message-ID: <{g.alnum(20, upper=False)}@{c.email.split('@')[1]}>")
    body = g.pick(["如题", "。"]) if subj_need else body_zh(g, name=c.name)
    parts = hdr + ["", body]
    if g.chance(0.5):
        parts += ["", g.pick(ZH_MOBILE_FOOTERS) if g.chance(0.5) else g.zh_signature(c)]
    return crlf(join_lines(parts))


@zh("web_form_crlf_zh")
def z_form(g):
    c = g.zh_person()
    form = g.pick(["联系我们", "在线留言", "意见反馈", "售后服务申请", "预约回电"])
    rows = [("表单", form), ("提交时间", g.zh_date(style=1)), ("姓名", g.pick([c.name, g.zh_honorific(c)])),
            ("手机号", g.zh_mobile()), ("邮箱", c.email if g.chance(0.6) else ""), ("所在城市", c.city),
            ("问题类型", g.pick(["产品咨询", "账号问题", "售后", "其他", "请选择"])), ("留言内容", NEED),
            ("期望联系时间", g.pick(["工作日白天", "晚上", "随时", "周末"])), ("来源页面", f"https://www.{g.zvdomain}/{g.pick(['contact', 'feedback', 'service'])}"),
            ("隐私协议", "已勾选同意")]
    keep = [r for r in rows if r[0] in ("姓名", "手机号", "留言内容") or g.chance(0.6)]
    keep = [r for r in keep if r[1]]
    parts = [g.pick([f"【官网表单】新的{form}提交", f"您有一条新的表单提交：{form}", "金数据 · 新数据提醒", "腾讯问卷 · 新回收"]), ""]
    parts += [f"{k}：{v}" for k, v in keep]
    parts += ["", g.pick(["—— 此邮件由系统自动发送，请勿回复", "登录后台查看详情", f"{g.zvdomain} 网站通知"])]
    return crlf(join_lines(parts))


@zh("voicemail_zh")
def z_voicemail(g):
    c = g.zh_person()
    d = g.dt()
    parts = [g.pick(["语音留言转写", "【语音信箱】新留言", "非工作时间留言 · 自动转写"])]
    parts.append(f"来电：{g.zh_mobile(masked=g.chance(0.5))}　时间：{g.zh_date(d)}　时长：{g.num(0, 1)}分{g.num(3, 59)}秒")
    if g.chance(0.5):
        parts.append(f"识别置信度：{g.num(60, 98)}%")
    pre = g.pick(["喂，你好，我是{n}，", "你好，", "喂？", "您好，我姓{s}，", ""]).format(n=c.name, s=c.name[0])
    post = g.pick(["麻烦回个电话，谢谢。", "我电话是{p}。", "好，就这样。", ""]).format(p=c.mobile)
    parts += ["", g.pick(["转写内容：", "留言内容：", ""]) + pre + NEED + (SOFT + post if post else "")]
    if g.chance(0.5):
        parts += ["", g.pick(["【回拨】【标记已处理】", f"已自动创建工单 {g.zh_ticket_id()}", "请于下一个工作日回电"])]
    return join_lines(parts)


@zh("bug_report_zh")
def z_bug(g):
    c = g.zh_person()
    dev, os_ = g.pick(ZH_DEVICES)
    tool = g.pick(["禅道", "TAPD", "Jira", "飞书项目", "Teambition"])
    in_title = g.chance(0.45)
    parts = [f"【{tool}】缺陷 #{g.num(100, 99999)}" if g.chance(0.6) else "问题反馈（缺陷报告）"]
    rows = [("标题", NEED if in_title else g.pick(["用户反馈问题", "线上问题", "App问题反馈", "待确认"])),
            ("提交人", f"{g.zh_person(personal=False).name}（客服转交）" if g.chance(0.5) else c.name),
            ("严重程度", g.pick(["致命", "严重", "一般", "提示"])), ("优先级", g.pick(ZH_PRIORITIES)),
            ("机型/系统", f"{dev} / {os_}"), ("App版本", g.version()), ("影响用户", f"{g.num(1, 50)}人反馈")]
    rows = [rows[0]] + g.sample(rows[1:], g.num(2, len(rows) - 1))
    parts += [f"{k}：{v}" for k, v in rows]
    parts += ["", "复现步骤："]
    steps = ["打开App并登录", "进入首页", "点击“我的”", "进入设置", "搜索帮助中心", "重启App后再次尝试"]
    parts += [f"{i}. {s}" for i, s in enumerate(g.sample(steps, g.num(2, 4)), 1)]
    parts += ["", "预期结果：" + g.pick(["能正常完成操作", "能找到对应入口", "—"]),
              "实际结果：" + g.pick(["无法完成，用户转而联系客服", "—"] + ([] if in_title else ["见问题描述"]))]
    if not in_title:
        parts += ["", "问题描述（用户原话）：", NEED]
    if g.chance(0.4):
        parts += ["", f"附件：{g.pick(['截图.png', '录屏.mp4', 'log.zip', '无'])}"]
    return join_lines(parts)


@zh("ecommerce_im_zh")
def z_qianniu(g):
    plat = g.pick(["千牛工作台", "京东咚咚", "拼多多商家客服", "抖店飞鸽", "有赞客服"])
    shop = g.pick(ZH_COMPANIES)[1] + g.pick(["旗舰店", "官方店", "专营店", "自营"])
    buyer = g.pick(["tb" + g.digits(9), "jd_" + g.alnum(8, upper=False), g.pick(ZH_SURNAMES)[0] + "**", "买家" + g.digits(5)])
    agent = f"{shop}:{g.pick(ZH_AGENT_NICKS)}"
    d = g.dt()
    parts = [f"{plat} · {shop}", f"买家：{buyer}"]
    if g.chance(0.5):
        parts.append(f"咨询商品：{g.pick(['智能音箱', '会员年卡', '闹钟', '蓝牙耳机', '智能手表'])}（订单号 {g.digits(18)}）")
    parts.append("")
    parts += _zh_chat(g, buyer, agent, d, bot=g.pick([None, "店小蜜", "智能客服"]), style=g.pick([0, 1]))
    return join_lines(parts)


@zh("wecom_service_group")
def z_wecom_group(g):
    c = g.zh_person(personal=False)
    us = g.zh_person(personal=False)
    d = g.dt()
    parts = [f"企业微信外部群：{c.short}&{g.zvendor}服务群（{g.num(4, 60)}）", ""]
    if g.chance(0.3):
        parts += [f"{d:%H:%M}", f"“{us.name}@{g.zvendor}”邀请“{c.name}@{c.short}”加入了群聊", ""]
    who = f"{c.name}@{c.short}" if g.chance(0.6) else c.name
    parts += [f"{who}  {g.pick([f'{d:%H:%M}', f'{d:%m-%d %H:%M}', '昨天 ' + f'{d:%H:%M}'])}",
              (g.pick([f"@{us.name} ", ""]) + NEED)]
    if g.chance(0.3):
        parts.append(g.pick(["[图片]", "[文件] 截图.png", "[语音] 12\""]))
    if g.chance(0.6):
        parts += ["", f"{us.name}@{g.zvendor}  {g.later(d, 1, 30):%H:%M}", g.pick(["收到，马上处理", "好的，稍等我确认下", "[OK] 已反馈技术", "收到🙏"])]
    return join_lines(parts)


@zh("csat_rating_zh")
def z_csat(g):
    parts = [g.pick(["服务满意度评价", "【满意度】客户评价回收", "会话评价详情"])]
    rows = [("评价对象", g.pick(ZH_AGENT_NICKS)), ("关联工单", g.zh_ticket_id()),
            ("评分", g.pick(["1星 非常不满意", "2星 不满意", "3星 一般", "4星 满意", "5星 非常满意", "👍", "👎"])),
            ("问题是否解决", g.pick(["已解决", "未解决", "未选择"])), ("评价时间", g.zh_date())]
    parts += [f"{k}：{v}" for k, v in rows[:1] + g.sample(rows[1:], g.num(2, 4))]
    parts.append(g.pick(["评价内容：", "补充说明：", "意见与建议：\n"]) + NEED)
    if g.chance(0.3):
        parts.append(g.pick(["（差评自动进入质检复核）", "评价标签：响应慢、答非所问", "评价标签：态度好"]))
    return join_lines(parts)


@zh("wechat_chat_export")
def z_wechat_export(g):
    c = g.zh_person()
    us = g.zh_person(personal=False)
    d = g.dt()
    parts = [g.pick([f"{c.name}和{us.name}的聊天记录", "群聊的聊天记录", f"微信聊天记录（{g.zh_day(d)}）"]), ""]
    lines = []
    if g.chance(0.5):
        lines.append((d, us.name, g.pick(["您好，我是您的专属客服经理，有问题随时找我。", "我通过了你的朋友验证请求，现在我们可以开始聊天了"])))
        d = g.later(d, 60, 2000)
    lines.append((d, c.name, NEED))
    if g.chance(0.3):
        lines.append((g.later(d, 0, 2), c.name, g.pick(["[图片]", "[语音]", "[表情]"])))
    if g.chance(0.6):
        lines.append((g.later(d, 2, 40), us.name, g.pick(["收到，我帮您问一下", "好的，稍等", "亲，这个我帮您反馈一下"])))
    for t, who, msg in lines:
        parts.append(f"{who} {g.pick([f'{t:%H:%M}', f'{t.month}/{t.day} {t:%H:%M}'])}")
        parts.append(msg)
    return join_lines(parts)


@zh("email_unsubscribe_zh")
def z_unsub(g):
    c = g.zh_person()
    d = g.dt(20000, 0)
    parts = [body_zh(g, greet=g.chance(0.5), name=c.name)]
    if g.chance(0.3):
        parts += ["", g.pick(ZH_MOBILE_FOOTERS)]
    parts += ["", f"在 {g.zh_date(d, style=0)}，\"{g.zvendor}\" <{g.pick(['noreply', 'news', 'service'])}@{g.zvdomain}> 写道："]
    promo = g.pick([f"【{g.zvendor}】{d.month}月会员福利已到账\n登录App即可查看。",
                    f"{g.zvendor} 新版本上线啦！\n· 界面全新升级\n· 多项体验优化",
                    f"尊敬的{c.name}，您的{g.pick(ZH_PLANS)}将于{g.zh_day(g.later(d, 20000, 60000))}到期，续费享8折。"])
    parts += [quote(promo), ">", quote(g.zh_unsub())]
    return join_lines(parts)


@zh("dingtalk_group_message")
def z_dingtalk_group(g):
    c = g.zh_person(personal=False)
    us = g.zh_person(personal=False)
    d = g.dt()
    parts = [f"钉钉群 · {c.short}客户服务群", ""]
    parts.append(f"{c.name}" + g.pick(["", f"（{c.title}）", f" | {c.short}"]))
    msg = g.pick([f"@{us.name} ", "@所有人 ", ""]) + NEED
    parts.append(msg)
    parts.append(g.pick([f"{d:%H:%M}", f"{d:%m-%d %H:%M}", f"{g.num(1, 9)}人未读", f"{d:%H:%M} 已读{g.num(1, 10)}人"]))
    if g.chance(0.5):
        parts += ["", f"{us.name}", g.pick(["收到，稍后回复", "好的，已创建工单跟进", "[DING] 已提醒技术同学"]), f"{g.later(d):%H:%M}"]
    if g.chance(0.3):
        parts += ["", f"【群机器人】已自动创建工单 {g.zh_ticket_id()}，处理人：{us.name}"]
    return join_lines(parts)


@zh("qiyu_ticket_zh")
def z_qiyu(g):
    c = g.zh_person()
    a = g.zh_person(personal=False)
    subj_need = g.chance(0.3)
    parts = [g.pick(["网易七鱼 · 工单详情", "【七鱼工单】新工单提醒", "七鱼客服 - 工单"])]
    rows = [("工单标题", NEED if subj_need else g.pick(ZH_SUBJECTS)), ("工单编号", g.zh_ticket_id()),
            ("客户", f"{c.name} {g.zh_mobile(masked=True)}"), ("受理客服组", g.pick(["售后组", "一线客服", "VIP服务组", "技术支持组"])),
            ("受理人", a.name), ("优先级", g.pick(ZH_PRIORITIES)), ("工单状态", g.pick(ZH_STATUSES)),
            ("来源", g.pick(ZH_CHANNELS)), ("创建时间", g.zh_date())]
    parts += [f"{k}：{v}" for k, v in rows[:1] + g.sample(rows[1:], g.num(3, len(rows) - 1))]
    parts += ["", "工单描述："]
    parts.append(g.pick(["同标题", "客户在线咨询，内容见标题。", "（空）"]) if subj_need else NEED)
    if g.chance(0.5):
        parts += ["", "处理记录：", f"{g.zh_date(style=3)} {a.name} {g.pick(['受理工单', '转交二线', '联系客户未接通', '已回复客户'])}"]
    return join_lines(parts)


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

MAX_ATTEMPTS = 40
END_PUNCT = set(".!?;:,…)]\"'。！？；：，、）】」』”’~～-—")


def soft_break(r, need, lang):
    tail = need.rstrip()
    if not tail or tail[-1] in END_PUNCT or len(tail) != len(need):
        return ""
    if lang == "zh":
        return r.choice(["。", "，", "。", "！", "？" if tail[-1] in "吗呢吧么" else "。"])
    return r.choice([".", ".", "", "?" if tail.split()[0].lower() in ("how", "what", "why", "where", "when", "can", "is", "do", "does", "which", "who", "will", "could", "are") else "."])


def render(r, need):
    """Return (template_name, lang, text).  The need appears exactly once."""
    lang = "zh" if has_cjk(need) else "en"
    table = ZH_TEMPLATES if lang == "zh" else EN_TEMPLATES
    names = list(table)
    for _ in range(MAX_ATTEMPTS):
        name = r.choice(names)
        g = Gen(r)
        skel = table[name](g)
        if skel.count(NEED) != 1:
            raise AssertionError(f"template {name} produced {skel.count(NEED)} need slots")
        # The furniture itself (without the need) must not contain the need,
        # otherwise the need would not be unique in the output.
        if need in skel.replace(NEED, "\ue001"):
            continue
        out = skel.replace(NEED, need)
        if SOFT in out:
            out = out.replace(SOFT, soft_break(r, need, lang))
        if count_overlapping(out, need) != 1 or len(out) > MAX_CHARS:
            continue
        return name, lang, out
    # Fallback (practically unreachable): minimal header that cannot collide.
    for _ in range(MAX_ATTEMPTS):
        hdr = ("工单号：" if lang == "zh" else "Ticket ") + str(r.randrange(10 ** 7, 10 ** 8))
        out = hdr + "\n\n" + need
        if count_overlapping(out, need) == 1:
            return "_fallback", lang, out
    return "_fallback_bare", lang, need


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("inp", metavar="IN.jsonl")
    ap.add_argument("out", metavar="OUT.jsonl")
    ap.add_argument("--seed", type=int, required=True)
    args = ap.parse_args(argv)

    r = random.Random(args.seed)
    lang_counts = Counter()
    tmpl_counts = {"en": Counter(), "zh": Counter()}
    n = 0
    with open(args.inp, encoding="utf-8") as fin, open(args.out, "w", encoding="utf-8", newline="\n") as fout:
        for lineno, line in enumerate(fin, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            need = obj["text"]
            name, lang, text = render(r, need)
            lang_counts[lang] += 1
            tmpl_counts[lang][name] += 1
            new = dict(obj)
            new["text"] = text
            fout.write(json.dumps(new, ensure_ascii=False) + "\n")
            n += 1

    err = sys.stderr
    print(f"{args.inp} -> {args.out} (seed {args.seed}): {n} lines", file=err)
    print(f"templates available: en={len(EN_TEMPLATES)} zh={len(ZH_TEMPLATES)}", file=err)
    for lang in ("en", "zh"):
        print(f"[{lang}] {lang_counts[lang]} lines", file=err)
        for name, c in sorted(tmpl_counts[lang].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {name:<32} {c}", file=err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
