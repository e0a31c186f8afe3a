/// Run `f` on a thread with a 2 MiB stack (the size of the loader's worker threads), so a
/// stack overflow shows up here as it would in the reader. A panic is re-raised for libFuzzer.
pub fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn fuzz thread");
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}
