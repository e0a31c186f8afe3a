//! When two figures of a story are the same figure: not merely the same unit ("3 years" and
//! "15 years" are both years) but the same quantity — the thing counted, said with the words
//! around the number. A mention's context is the content words of its sentence nearest to the
//! figure (its noun phrase and the subject close by); two mentions of one measure, kind and
//! unit are the same quantity when they state the same value or their contexts share enough
//! words. `figures::story_figures` groups mentions by this, so "⚠ differs" is only ever
//! between values of one quantity.

use super::figures::{Figure, FigureKind};
use super::tokens::{sentence_bounds, Lexicon, TermKind};
use std::collections::BTreeSet;

/// How many content words either side of the figure make its context.
const WINDOW: usize = 5;

/// Words that say nothing about what is counted: they appear around any figure ("about 3
/// years", "the total rose to 15").
const GENERIC: &[&str] = &[
    "about", "around", "almost", "nearli", "total", "rose", "rise", "fell", "fall", "reach",
    "least", "more", "less", "than", "over", "under", "some", "per", "cent", "percent", "also",
    "said", "say", "year", "month", "week", "day", "time", "previous", "new", "last", "first",
];

/// The context of a figure in `text`: stems of the content words (not numbers) of its
/// sentence nearest to it, up to `WINDOW` each side, the figure's own words left out.
pub fn context_of(text: &str, figure: &Figure) -> BTreeSet<String> {
    let (start, end) = sentence_bounds(text)
        .into_iter()
        .find(|&(s, e)| s <= figure.start && figure.start < e)
        .unwrap_or((0, text.len()));
    let Some(sentence) = text.get(start..end) else {
        return BTreeSet::new();
    };
    let terms: Vec<_> = Lexicon::embedded()
        .terms(sentence)
        .into_iter()
        .filter(|t| t.kind != TermKind::Number)
        .filter(|t| !GENERIC.contains(&t.key.as_str()))
        .collect();
    let before: Vec<&str> = terms
        .iter()
        .filter(|t| start + t.end <= figure.start)
        .map(|t| t.key.as_str())
        .collect();
    let after = terms
        .iter()
        .filter(|t| start + t.start >= figure.end)
        .map(|t| t.key.as_str());
    before
        .iter()
        .rev()
        .take(WINDOW)
        .copied()
        .chain(after.take(WINDOW))
        .map(str::to_string)
        .collect()
}

/// One figure's identity: what it is of, and in which words.
#[derive(Debug, Clone)]
pub struct Identity {
    pub kind: FigureKind,
    pub normalized: String,
    pub context: BTreeSet<String>,
}

/// True when two mentions (already of one measure, kind and unit) state the same quantity:
/// the same value, or two context words in common covering at least a third of the smaller
/// context (so a long sentence cannot match everything by size alone).
pub fn same_quantity(a: &Identity, b: &Identity) -> bool {
    if a.kind != b.kind {
        return false;
    }
    if a.normalized == b.normalized {
        return true;
    }
    let shared = a.context.intersection(&b.context).count();
    let smaller = a.context.len().min(b.context.len()).max(1);
    shared >= 2 && shared * 3 >= smaller
}

/// Cluster mentions into quantities: `same_quantity` joined transitively (union-find).
/// Returns one cluster number per identity, numbered in order of first appearance.
pub fn quantities(identities: &[Identity]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..identities.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..identities.len() {
        for j in i + 1..identities.len() {
            if same_quantity(&identities[i], &identities[j]) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                if ri != rj {
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
    }
    let mut numbers: Vec<Option<usize>> = vec![None; identities.len()];
    let mut next = 0;
    (0..identities.len())
        .map(|i| {
            let r = root(&mut parent, i);
            *numbers[r].get_or_insert_with(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::figures::extract;

    fn identity(text: &str) -> Identity {
        let figure = extract(text, None).into_iter().next().expect("a figure");
        Identity {
            kind: figure.kind,
            normalized: figure.normalized.clone(),
            context: context_of(text, &figure),
        }
    }

    #[test]
    fn the_context_is_the_words_around_the_figure_not_the_figure() {
        let i = identity("The former aide was sentenced to 15 years in prison for bribery.");
        assert!(i.context.contains("prison"), "{:?}", i.context);
        assert!(i.context.iter().any(|w| w.starts_with("sentenc")));
        assert!(!i.context.contains("year"), "the unit is not context");
    }

    #[test]
    fn durations_of_different_things_are_different_quantities() {
        let tenure = identity("Abe served as prime minister for eight years.");
        let prison = identity("The aide was sentenced to 15 years in prison.");
        let tenure_again = identity("Abe was prime minister for seven years in all.");
        assert!(!same_quantity(&tenure, &prison));
        assert!(same_quantity(&tenure, &tenure_again));
        assert_eq!(quantities(&[tenure, prison, tenure_again]), vec![0, 1, 0]);
    }
}
