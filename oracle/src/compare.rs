//! Comparing the outcomes of one program on several tiers, and saying
//! where they part in terms a person can act on: which tiers, the stdout
//! line where they stop agreeing, the two ends.

use std::fmt;

use perigee_reference::{End, Outcome};

use crate::tier::{comparable, Tier};

/// One tier's run of the program.
#[derive(Debug, Clone)]
pub struct TierRun {
    pub tier: Tier,
    pub outcome: Outcome,
}

/// What part of the outcome differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Stdout,
    End,
}

/// The first disagreement between the baseline (the first tier) and
/// another tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    pub baseline: String,
    pub other: String,
    pub part: Part,
    /// 1-based stdout line where the outputs part (for `Part::Stdout`).
    pub line: usize,
    pub baseline_text: String,
    pub other_text: String,
}

impl Divergence {
    /// What makes two divergences "the same" for the reducer: the same
    /// tiers disagree on the same part, and for output, on a line that
    /// begins the same way (the baseline's text up to its first digit).
    /// Without that last condition a reducer drifts to any other
    /// divergence it stumbles on — typically one that depends on an
    /// object's address, which no valid witness may.
    pub fn signature(&self) -> (String, String, Part, String) {
        let shape = match self.part {
            Part::Stdout => self.baseline_text.chars().take_while(|c| !c.is_ascii_digit()).collect(),
            Part::End => String::new(),
        };
        (self.baseline.clone(), self.other.clone(), self.part, shape)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// All tiers agree; `limited` tiers hit a limit and were left out.
    Agree {
        tiers: usize,
        limited: usize,
    },
    Diverge(Divergence),
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Agree { tiers, limited: 0 } => write!(f, "agree ({tiers} tiers)"),
            Verdict::Agree { tiers, limited } => write!(f, "agree ({tiers} tiers, {limited} hit a limit)"),
            Verdict::Diverge(d) => {
                let what = match d.part {
                    Part::Stdout => format!("stdout line {}", d.line),
                    Part::End => "how the run ends".to_string(),
                };
                writeln!(f, "DIVERGE: {} and {} differ in {what}", d.baseline, d.other)?;
                writeln!(f, "  {:>10}: {}", d.baseline, d.baseline_text)?;
                write!(f, "  {:>10}: {}", d.other, d.other_text)
            }
        }
    }
}

fn render_end(end: &End) -> String {
    match end {
        End::Ok(values) if values.is_empty() => "ok".into(),
        End::Ok(values) => {
            let vals: Vec<String> = values.iter().map(|v| String::from_utf8_lossy(v).into_owned()).collect();
            format!("ok, returned {}", vals.join(", "))
        }
        End::Error(msg) => format!("error: {}", String::from_utf8_lossy(msg)),
        End::Limit(kind) => format!("limit: {kind:?}"),
        End::Crash(msg) => format!("CRASH: {msg}"),
    }
}

/// Compares every run with the first one.
pub fn compare(runs: &[TierRun]) -> Verdict {
    let mut limited = 0;
    let Some((base, rest)) = runs.split_first() else {
        return Verdict::Agree { tiers: 0, limited: 0 };
    };
    if matches!(base.outcome.end, End::Limit(_)) {
        return Verdict::Agree { tiers: runs.len(), limited: 1 };
    }
    for other in rest {
        if matches!(other.outcome.end, End::Limit(_)) {
            limited += 1;
            continue;
        }
        let (a, b) = comparable(&base.tier, &base.outcome, &other.tier, &other.outcome);
        if a.stdout != b.stdout {
            let la: Vec<&[u8]> = a.stdout.split(|&c| c == b'\n').collect();
            let lb: Vec<&[u8]> = b.stdout.split(|&c| c == b'\n').collect();
            let i = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(la.len().min(lb.len()));
            let show = |l: &[&[u8]]| {
                l.get(i).map_or("<end of output>".to_string(), |s| String::from_utf8_lossy(s).into_owned())
            };
            return Verdict::Diverge(Divergence {
                baseline: base.tier.name(),
                other: other.tier.name(),
                part: Part::Stdout,
                line: i + 1,
                baseline_text: show(&la),
                other_text: show(&lb),
            });
        }
        if a.end != b.end {
            return Verdict::Diverge(Divergence {
                baseline: base.tier.name(),
                other: other.tier.name(),
                part: Part::End,
                line: 0,
                baseline_text: render_end(&a.end),
                other_text: render_end(&b.end),
            });
        }
    }
    Verdict::Agree { tiers: runs.len(), limited }
}

/// Runs `source` (as the file `name`) on `tiers` and compares them.
pub fn diff(source: &[u8], name: &str, tiers: &[Tier], limits: perigee_reference::interp::Limits) -> Verdict {
    let runs: Vec<TierRun> = tiers.iter().map(|t| TierRun { tier: *t, outcome: t.run(source, name, limits) }).collect();
    compare(&runs)
}
