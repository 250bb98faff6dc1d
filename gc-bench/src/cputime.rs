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

/// What the kernel counts for the calling thread (`getrusage(RUSAGE_THREAD)`, Linux): CPU time
/// in user and kernel mode, page faults, and context switches. A pause whose CPU time jumps
/// while its work does not can be told apart by these: page faults and time in the kernel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreadUsage {
    /// CPU time in user mode.
    pub user: Duration,
    /// CPU time in the kernel on the thread's behalf (page faults, system calls).
    pub system: Duration,
    /// Page faults served without I/O.
    pub minor_faults: u64,
    /// Page faults that needed I/O.
    pub major_faults: u64,
    /// Times the thread gave up its core (waiting).
    pub voluntary_switches: u64,
    /// Times the kernel took its core away (preemption).
    pub involuntary_switches: u64,
}

/// The calling thread's [`ThreadUsage`] (all zero where `getrusage` fails).
///
/// ```
/// let a = gc_bench::cputime::thread_usage();
/// let v: Vec<u64> = (0..100_000).collect();
/// let b = gc_bench::cputime::thread_usage();
/// assert!(b.user + b.system >= a.user + a.system && v.len() == 100_000);
/// ```
pub fn thread_usage() -> ThreadUsage {
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    /// `struct rusage` on 64-bit Linux: two `timeval`s, then 14 `long`s.
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        longs: [i64; 14],
    }
    extern "C" {
        fn getrusage(who: i32, out: *mut Rusage) -> i32;
    }
    const RUSAGE_THREAD: i32 = 1;
    let mut r = Rusage {
        utime: Timeval { sec: 0, usec: 0 },
        stime: Timeval { sec: 0, usec: 0 },
        longs: [0; 14],
    };
    // `getrusage` writes one `struct rusage` (laid out as `Rusage` on 64-bit Linux) into `r`.
    // SAFETY: `r` is a writable `Rusage` of that layout and outlives the call.
    let rc = unsafe { getrusage(RUSAGE_THREAD, &mut r) };
    if rc != 0 {
        return ThreadUsage::default();
    }
    let dur = |t: &Timeval| {
        Duration::new(
            t.sec.max(0) as u64,
            (t.usec.clamp(0, 999_999) * 1000) as u32,
        )
    };
    let n = |i: usize| r.longs[i].max(0) as u64;
    ThreadUsage {
        user: dur(&r.utime),
        system: dur(&r.stime),
        // ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt (4), ru_majflt (5), ru_nswap,
        // ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw (12), ru_nivcsw (13).
        minor_faults: n(4),
        major_faults: n(5),
        voluntary_switches: n(12),
        involuntary_switches: n(13),
    }
}
