//! The allocator the binaries run on, and how it is set.
//!
//! Checking a letter allocates many small, short-lived values; mimalloc serves them faster than the
//! system allocator. By default it returns memory it has freed to the system after a delay, and a
//! corpus run, which frees a letter's memory and allocates the next one's a moment later, then pays
//! for the system to hand the same memory back, zeroed (a tenth of a run's time, measured).

pub use mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`. The binding names only some options; this is the option's
/// place in mimalloc's enumeration, which mimalloc keeps (retired options keep their places).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory for reuse instead of returning it to the system. A run's memory still does not
/// grow with the corpus: what is kept is what one letter's check needs at most, and is reused.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// The purge delay now in force, in milliseconds (-1: never).
pub fn purge_delay() -> std::ffi::c_long {
    // SAFETY: reading an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    /// Prints the purge delay mimalloc reads; run by the test below in a child process.
    #[test]
    #[ignore = "run by `the_option_set_is_the_purge_delay` with MIMALLOC_PURGE_DELAY set"]
    fn print_purge_delay() {
        println!("purge delay {}", super::purge_delay());
    }

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // mimalloc reads MIMALLOC_PURGE_DELAY into its purge-delay option: the option at PURGE_DELAY
        // reads that value only if it is that option.
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "allocator::tests::print_purge_delay"])
            .args(["--ignored", "--nocapture", "--test-threads=1"])
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&child.stdout);
        assert!(stdout.contains("purge delay 4321"), "{stdout}");
        super::keep_freed_memory();
        assert_eq!(super::purge_delay(), -1);
    }
}
