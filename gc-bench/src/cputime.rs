//! The calling thread's CPU time, for figures taken on a machine whose cores other processes
//! share: wall-clock times then include the time the thread waited for a core, CPU time does
//! not (`cpu_probe` and the `incremental_mode` binary report it).

use std::time::Duration;

/// The calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`).
///
/// ```
/// let a = gc_bench::cputime::thread_cpu_time();
/// let b = gc_bench::cputime::thread_cpu_time();
/// assert!(b >= a);
/// ```
pub fn thread_cpu_time() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, out: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // `clock_gettime` is POSIX, in the C library every Linux Rust program links.
    // SAFETY: it writes one `struct timespec` (laid out as `Timespec` on 64-bit Linux) into `t`.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(t.sec as u64, t.nsec as u32)
}
