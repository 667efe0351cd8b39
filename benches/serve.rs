//! A served session measured end to end on this machine, as people use it: the release
//! binary as `convene serve --headless`, and SSH clients on loopback.
//!
//! - key on one seat to the change on another seat's screen (a co-facilitator pauses their
//!   stopwatch; the lead sees "paused" come and go);
//! - the lead's own key to their own screen, alone and while 50 connections with wrong codes
//!   arrive in a burst;
//! - the host's CPU while idle with one seat and with ten, and its peak memory (the wrong
//!   codes come last: they silence their address, this machine's, for a minute).
//!
//! Each figure is the median of its samples, with the spread; the whole is run three times.

#[path = "../tests/common/ssh.rs"]
mod ssh;

use std::time::{Duration, Instant};

use ssh::{Client, Host};

const SIZE: (u16, u16) = (120, 40);
const KEYS: usize = 60;
const RUNS: usize = 3;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    println!("serve: {KEYS} keys a sample, {RUNS} runs");
    for run in 1..=RUNS {
        runtime.block_on(one_run(run));
    }
}

async fn one_run(run: usize) {
    let host = Host::start(&[]);
    let lead = Client::connect(host.addr, "Rina", &host.code("lead"), SIZE)
        .await
        .expect("the lead gets in");
    // A stopwatch of the lead's runs throughout: every seat's screen changes each second.
    lead.keys(b"w").await;
    lead.wait_for("Stopwatch").await;
    let one_seat = idle_cpu(&host, 20).await;
    let cofac = Client::connect(host.addr, "Hendra", &host.code("cofac"), SIZE)
        .await
        .expect("the co-facilitator gets in");
    lead.wait_for("Hendra (cofac)").await;
    // The co-facilitator's stopwatch, on the timers pane of both.
    cofac.keys(b"2w").await;
    // The lead selects it too (the second timer, below the lead's own).
    lead.keys(b"2\x1b[B\x1b[B").await;

    let across = toggles(&cofac, &lead).await;
    let own = toggles(&lead, &lead).await;
    let mut others = Vec::new();
    for i in 0..8 {
        others.push(
            Client::connect(host.addr, &format!("Seat{i}"), &host.code("observer"), SIZE)
                .await
                .expect("an observer gets in"),
        );
    }
    host.wait_log("Seat7 joined");
    let ten_seats = idle_cpu(&host, 20).await;
    // The same again while 50 wrong codes arrive at once.
    let addr = host.addr;
    let burst = tokio::spawn(async move {
        let tries: Vec<_> = (0..50)
            .map(|i| {
                tokio::spawn(async move {
                    let _ = Client::connect(addr, &format!("x{i}"), "wrong", SIZE).await;
                })
            })
            .collect();
        for t in tries {
            let _ = t.await;
        }
    });
    let during = toggles(&lead, &lead).await;
    let _ = burst.await;

    let peak = peak_memory(&host);
    println!(
        "run {run}: key → other seat {} · own key → own screen {} · during 50 wrong codes {} · idle CPU per 20 s: 1 seat {one_seat:.0} ms, 10 seats {ten_seats:.0} ms · peak memory {:.1} MiB",
        summary(&across),
        summary(&own),
        summary(&during),
        peak as f64 / 1024.0
    );
}

/// Presses space at `at` (pausing and resuming the selected stopwatch) and times until the
/// screen of `sees` shows the change; milliseconds, one a key.
async fn toggles(at: &Client, sees: &Client) -> Vec<f64> {
    let mut times = Vec::new();
    for _ in 0..KEYS {
        let paused = sees.contents().contains(" paused");
        let start = Instant::now();
        at.keys(b" ").await;
        sees.wait_until("the pause to change", |s| s.contains(" paused") != paused)
            .await;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times
}

/// `median (min–max) ms`.
fn summary(times: &[f64]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    format!(
        "{median:.1} ms ({:.1}–{:.1})",
        sorted[0],
        sorted[sorted.len() - 1]
    )
}

/// The host's CPU time over `seconds` of idling, in milliseconds.
async fn idle_cpu(host: &Host, seconds: u64) -> f64 {
    let before = cpu_ticks(host.child.id());
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let after = cpu_ticks(host.child.id());
    // Linux counts CPU time in ticks of 1/100 s.
    (after - before) as f64 * 10.0
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // utime and stime: fields 14 and 15, the 12th and 13th after the name.
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

/// The host's peak resident memory, in KiB.
fn peak_memory(host: &Host) -> u64 {
    std::fs::read_to_string(format!("/proc/{}/status", host.child.id()))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
