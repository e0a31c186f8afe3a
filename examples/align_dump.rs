use parallax::analysis::align::*;
fn main() {
    let corpus = parallax::ingest::load_seeds();
    let members: Vec<usize> = (0..corpus.articles.len())
        .filter(|&i| corpus.articles[i].story.as_deref() == Some("takaichi-trump-2025-10"))
        .collect();
    let al = align_story(&corpus.articles, &members);
    for p in &al.pairs {
        if p.from > p.to && std::env::var("ALL").is_err() {
            continue;
        }
        println!(
            "=== {} -> {}",
            &corpus.articles[p.from].id[..3],
            &corpus.articles[p.to].id[..3]
        );
        for (i, m) in p.matches.iter().enumerate() {
            let t: String = corpus.articles[p.from].blocks[i]
                .text
                .chars()
                .take(60)
                .collect();
            match m {
                Some(m) => {
                    let u: String = corpus.articles[p.to].blocks[m.block]
                        .text
                        .chars()
                        .take(60)
                        .collect();
                    println!("{i:2} {:.3} -> {:2}  {t} || {u}", m.score, m.block)
                }
                None => println!("{i:2}   --         {t}"),
            }
        }
    }
    for g in al.groups() {
        println!(
            "{:?}",
            g.iter()
                .map(|r| (&corpus.articles[r.0].id[..3], r.1))
                .collect::<Vec<_>>()
        );
    }
}
