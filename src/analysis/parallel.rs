//! One pure function over many items on every core, the results in the items' order (so
//! whatever is built from them is the same on every run).

/// `f` over `items`, split in one contiguous part per core (at most 8), in order. A panic in
/// a part is carried on to the caller, as if it had happened here.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    // Small inputs are not worth a thread.
    if threads == 1 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = map_in_order(&items, |x| x * 2);
        assert_eq!(doubled, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
        assert_eq!(map_in_order(&items[..3], |x| x + 1), [1, 2, 3]);
        assert!(map_in_order(&[] as &[u32], |x| *x).is_empty());
    }
}
