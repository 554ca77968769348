//! Running one benchmark process and measuring it: wall time, peak RSS,
//! stdout, exit status, with a time cap.
//!
//! The child is waited for in two steps so the watchdog that enforces the
//! cap can never signal a stranger: `waitid(WNOWAIT)` blocks until the
//! child has exited but leaves it a zombie (its pid stays ours), the
//! watchdog is then told to stand down under a lock, and only after that
//! does `wait4` reap the child and hand back its `rusage` (`ru_maxrss`, the
//! peak resident set). std's `Child::wait` reports neither rusage nor lets
//! another thread kill safely, hence the small amount of `libc`.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// What one run of a program did.
#[derive(Debug, Clone, PartialEq)]
pub enum RunResult {
    /// It exited with status 0.
    Finished { seconds: f64, peak_rss_kib: u64, stdout: Vec<u8> },
    /// It exited otherwise, or died of a signal; `detail` is the status
    /// and the end of stderr.
    Failed { detail: String },
    /// The time cap was hit and it was killed.
    Timeout,
}

/// Runs `program args...` with stdin from /dev/null, killing it after `cap`.
pub fn run_measured(program: &Path, args: &[String], cap: Duration) -> RunResult {
    let start = Instant::now();
    let mut child = match Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return RunResult::Failed { detail: format!("cannot start {}: {e}", program.display()) },
    };
    let Ok(pid) = libc::pid_t::try_from(child.id()) else {
        return RunResult::Failed { detail: "child pid out of range".into() };
    };
    let stdout_reader = child.stdout.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
            buf
        })
    });
    let stderr_reader = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
            buf
        })
    });

    // The watchdog kills the child unless told (before `cap`) that it has
    // exited. `exited` is set under the lock before the child is reaped,
    // so a kill can only reach our own (possibly zombie) child.
    let exited = Arc::new(Mutex::new(false));
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = {
        let exited = Arc::clone(&exited);
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(cap) {
                let guard = exited.lock().unwrap_or_else(|p| p.into_inner());
                if !*guard {
                    // SAFETY: kill(2) takes plain integers and touches no
                    // memory of ours; `pid` is our unreaped child (see above).
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return true;
                }
            }
            false
        })
    };

    // SAFETY (both calls): `info` and `rusage` are zeroed plain-old-data
    // structs owned by this frame, passed as valid exclusive pointers that
    // the kernel fills in and that do not outlive the calls; `status` is a
    // local c_int. `pid` is our own child, not reaped by anyone else:
    // std's `Child` only reaps in `wait`/`try_wait`, which we never call.
    let (status, rusage, waited) = unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let r = libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT);
        let elapsed = start.elapsed();
        *exited.lock().unwrap_or_else(|p| p.into_inner()) = true;
        let mut status: libc::c_int = 0;
        let mut rusage: libc::rusage = std::mem::zeroed();
        let r2 = libc::wait4(pid, &mut status, 0, &mut rusage);
        (status, rusage, (r == 0 && r2 == pid).then_some(elapsed))
    };
    let _ = done_tx.send(());
    let killed = watchdog.join().unwrap_or(false);
    let stdout = stdout_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = stderr_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    drop(child);

    let Some(elapsed) = waited else {
        return RunResult::Failed { detail: "waiting for the child failed".into() };
    };
    if killed {
        return RunResult::Timeout;
    }
    if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        // ru_maxrss is in KiB on Linux.
        let peak_rss_kib = u64::try_from(rusage.ru_maxrss).unwrap_or(0);
        return RunResult::Finished { seconds: elapsed.as_secs_f64(), peak_rss_kib, stdout };
    }
    let how = if libc::WIFEXITED(status) {
        format!("exit status {}", libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        format!("killed by signal {}", libc::WTERMSIG(status))
    } else {
        format!("wait status {status}")
    };
    let err = String::from_utf8_lossy(&stderr);
    let tail: String = err.lines().take(3).collect::<Vec<_>>().join(" / ");
    RunResult::Failed { detail: if tail.is_empty() { how } else { format!("{how}: {tail}") } }
}

/// Is `cmd` an executable somewhere on PATH?
pub fn find_on_path(cmd: &str) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(cmd))
        .find(|p| std::fs::metadata(p).map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false))
}
