//! Chinese sentences about the exchange itself, not the need: "期待您的回复", "详情见下文",
//! "已抄送我的同事", "麻烦尽快处理", "抱歉占用您的时间".
//!
//! Every help desk and every customer writes these in words of their own, so no list of
//! phrases keeps up, and on a corpus of a few hundred tickets each wording is seen too seldom
//! to be learned as recurring ([`crate::domain::recurring`]) before it has joined unrelated
//! needs. What they share is their vocabulary: replying, contacting, forwarding, thanking,
//! apologising, the mail, the ticket, the colleague, the queue. A sentence made of those words
//! and function characters alone carries no need. A need names something outside that
//! vocabulary ("今天会下雨吗", "取消我的提醒", "希望支持导出PDF"), so it is never one of them;
//! a ticket whose every sentence is one keeps them all (see
//! [`crate::domain::text::need_sentences`]).

use std::collections::HashSet;
use std::sync::OnceLock;

/// Words of the exchange: its acts, its objects and its courtesies.
const EXCHANGE_WORDS: &[&str] = &[
    // Acts.
    "回复",
    "回信",
    "答复",
    "回电",
    "回电话",
    "回拨",
    "联系",
    "联络",
    "沟通",
    "咨询",
    "请教",
    "询问",
    "打扰",
    "叨扰",
    "麻烦",
    "帮忙",
    "帮助",
    "协助",
    "帮您",
    "处理",
    "跟进",
    "查收",
    "查看",
    "看看",
    "看下",
    "转交",
    "转给",
    "转发",
    "转接",
    "抄送",
    "补充",
    "补发",
    "发送",
    "发",
    "收到",
    "确认",
    "核实",
    "反馈",
    "来信",
    "来电",
    "致电",
    "留言",
    "受理",
    "等待",
    "耐心",
    "告诉",
    "提出",
    "告知",
    "自动",
    "关闭",
    "通知",
    "进展",
    "第一时间",
    "通过",
    "约定",
    "看一下",
    "原渠道",
    "代表",
    "注意",
    "打电话",
    "打我电话",
    // Objects and places.
    "邮件",
    "一封",
    "邮箱",
    "电话",
    "工单",
    "工单号",
    "单号",
    "信息",
    "资料",
    "详情",
    "情况",
    "问题",
    "附件",
    "截图",
    "同事",
    "部门",
    "团队",
    "客服",
    "客户",
    "诉求",
    "服务台",
    "服务",
    "售后",
    "中心",
    "队列",
    "渠道",
    "标题",
    "下文",
    "下方",
    "如下",
    "下面",
    "以下",
    "上面",
    "附上",
    "见",
    "外部",
    "发件人",
    "收件人",
    "时间",
    "小时",
    "分钟",
    "在线",
    "工作人员",
    "专员",
    // Courtesies and urgency.
    "谢谢",
    "感谢",
    "多谢",
    "谢过",
    "先谢",
    "谢",
    "辛苦",
    "有劳",
    "劳烦",
    "多谢支持",
    "感谢支持",
    "期待",
    "盼复",
    "抱歉",
    "不好意思",
    "对不起",
    "冒昧",
    "占用",
    "尽快",
    "随时",
    "方便",
    "的话",
    "亲",
    "在吗",
    "您好",
    "你好",
    "急",
    "紧急",
    "拜托",
    "烦请",
    "请",
    "请问",
    "尊敬",
    "各位",
    "老师",
    "如有需要",
    "如需",
    "更多",
    "需要",
    "想",
    "之前",
    "上次",
    "再次",
    "重新",
    "一下",
    "为了",
    "更好",
    "好像",
    "没",
    "晚",
    "一直",
];

/// How a sentence about the message itself opens.
const ABOUT_THIS_MAIL: &[&str] = &[
    "此邮件",
    "本邮件",
    "该邮件",
    "这封邮件",
    "此消息",
    "本消息",
    "此信息",
    "本信息",
];

/// Characters that carry no need on their own: pronouns, particles, auxiliaries.
const FUNCTION_CHARS: &str = "我您你他她的了吗呢吧啊呀哦嘛一下个们这那是有在会能可以把给和与及为对就也都还再又来去到被让如若将已经很非常直接即所相关任何什么内后前于好该位此地过未二三四五六七八九十两几天";

/// The longest exchange word, in characters.
const LONGEST: usize = 4;

/// A sentence this long (characters kept) is not a courtesy.
const MAX_CHARS: usize = 48;

fn words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| EXCHANGE_WORDS.iter().copied().collect())
}

/// Whether `sentence` (normalised: NFKC, lower case) is about the exchange alone: Chinese, and
/// made entirely of [`EXCHANGE_WORDS`], [`FUNCTION_CHARS`], digits and punctuation, with the
/// exchange words at least a third of its characters. A Latin letter makes it not one: the
/// English rules read English.
pub fn is_exchange_sentence(sentence: &str) -> bool {
    // A sentence about this very mail ("此邮件由客服中心系统发送", "本邮件及其附件仅供…").
    let opening = sentence.trim_start();
    if ABOUT_THIS_MAIL.iter().any(|m| opening.starts_with(m)) {
        return true;
    }
    let mut chars: Vec<char> = Vec::with_capacity(sentence.len() / 3 + 1);
    for c in sentence.chars() {
        if c.is_ascii_alphabetic() {
            return false;
        }
        if c.is_alphanumeric() {
            chars.push(c);
            if chars.len() > MAX_CHARS {
                return false;
            }
        }
    }
    if !chars.iter().any(|&c| super::is_cjk(c)) {
        return false;
    }
    // best[i]: the most characters covered by exchange words (and then the most words) in a
    // reading of the first i characters as words and function characters; None: no reading.
    let n = chars.len();
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    let mut piece = String::with_capacity(LONGEST * 3);
    for i in 0..n {
        let Some((covered, count)) = best[i] else {
            continue;
        };
        let mut offer = |j: usize, v: (usize, usize)| {
            if best[j].is_none_or(|b| v > b) {
                best[j] = Some(v);
            }
        };
        if chars[i].is_ascii_digit() || FUNCTION_CHARS.contains(chars[i]) {
            offer(i + 1, (covered, count));
        }
        piece.clear();
        for (len, &c) in chars[i..n.min(i + LONGEST)].iter().enumerate() {
            piece.push(c);
            if words().contains(piece.as_str()) {
                offer(i + len + 1, (covered + len + 1, count + 1));
            }
        }
    }
    best[n].is_some_and(|(covered, count)| count > 0 && covered * 3 >= n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn courtesies_and_talk_about_the_ticket_are_the_exchange() {
        for s in [
            "期待您的回复",
            "详情见下文",
            "已抄送我的同事",
            "麻烦尽快处理,谢谢",
            "抱歉占用您的时间",
            "先谢过了",
            "如有需要请随时联系我",
            "跟进一下之前的问题",
            "请于24小时内回复",
            "不好意思又来打扰您",
            "有劳了",
            "亲,在吗",
            "此邮件由客服中心系统发送",
            "本邮件由系统自动转发,请勿直接回复至系统地址",
            "如三天内未收到回复,工单将自动关闭",
        ] {
            assert!(is_exchange_sentence(s), "{s}");
        }
    }

    #[test]
    fn a_need_names_something_outside_the_exchange() {
        for s in [
            "今天会下雨吗",
            "取消我的提醒",
            "设置闹钟为上午8点",
            "希望支持导出pdf",
            "我需要毛衣吗",
            "给我看所有的提醒,麻烦了",
            "请打开闹钟",
            "闹钟还剩多少时间了",
            "我今天一直在线",
            "无法登录",
            // English is read by the English rules.
            "thanks for your help",
            "",
        ] {
            assert!(!is_exchange_sentence(s), "{s}");
        }
    }

    #[test]
    fn function_characters_alone_are_not_the_exchange() {
        assert!(!is_exchange_sentence("我的"));
        assert!(!is_exchange_sentence("2024"));
    }

    #[test]
    fn a_long_sentence_is_not_a_courtesy() {
        let long = "麻烦".repeat(30);
        assert!(!is_exchange_sentence(&long));
    }
}
