//! Quoted speech: where quotation marks open and close (curly, straight — even glued to the
//! word before, as in `a"new golden era"` — and CJK brackets), who is speaking when the
//! sentence names them, and which quotes in different articles are the same words translated
//! or paraphrased, with a word-level diff for highlighting.

/// The inside of one pair of quotation marks, as a byte range of the block text (marks
/// excluded, surrounding spaces trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
}

/// Find quoted stretches. Curly and CJK quotes pair by their shape; straight double quotes
/// alternate open/close within the text (an odd one out at the end is ignored). Single quotes
/// are not read: ’ is far more often an apostrophe.
pub fn quote_spans(text: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut curly_open: Option<usize> = None;
    let mut straight_open: Option<usize> = None;
    let mut cjk_open: Option<(usize, char)> = None;
    for (pos, c) in text.char_indices() {
        let after = pos + c.len_utf8();
        match c {
            '“' | '„' => curly_open = Some(after),
            '”' => {
                if let Some(start) = curly_open.take() {
                    push_span(text, start, pos, &mut spans);
                }
            }
            '"' => match straight_open.take() {
                Some(start) => push_span(text, start, pos, &mut spans),
                None => straight_open = Some(after),
            },
            '「' | '『' | '«' => cjk_open = Some((after, c)),
            '」' | '』' | '»' => {
                if let Some((start, open)) = cjk_open.take() {
                    let pairs = matches!((open, c), ('「', '」') | ('『', '』') | ('«', '»'));
                    if pairs {
                        push_span(text, start, pos, &mut spans);
                    }
                }
            }
            _ => {}
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

fn push_span(text: &str, start: usize, end: usize, spans: &mut Vec<QuoteSpan>) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if start + lead < end - trail {
        spans.push(QuoteSpan {
            start: start + lead,
            end: end - trail,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quote_spans(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn curly_quotes() {
        assert_eq!(
            quoted("declared a “new golden age” of the alliance, “robust diplomacy”"),
            ["new golden age", "robust diplomacy"]
        );
    }

    #[test]
    fn straight_quotes_glued_to_the_word_before() {
        let text = "described the relationship as\"the greatest alliance in the world,\" with \
                    both sharing the goal of promoting a \"free and open Indo-Pacific.\"";
        assert_eq!(
            quoted(text),
            [
                "the greatest alliance in the world,",
                "free and open Indo-Pacific."
            ]
        );
        assert_eq!(
            quoted("build with Trump a\"new golden era\" of"),
            ["new golden era"]
        );
    }

    #[test]
    fn an_unclosed_quote_is_ignored() {
        assert_eq!(quoted("he said \"this never ends"), Vec::<&str>::new());
        assert_eq!(quoted("“open ”closed” “"), ["open"]);
    }

    #[test]
    fn cjk_brackets() {
        assert_eq!(
            quoted("首相は「世界で最も偉大な同盟」と述べた"),
            ["世界で最も偉大な同盟"]
        );
    }
}
