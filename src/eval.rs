/*!
Scoring records against gold annotations (`gold.md`).

Per field, micro-averaged over documents: the system's `primary` incident is
compared with the gold `primary`.

- `platforms`: precision/recall/F1 over ids.
- `date`: correct when the system's value (or `weekday:<day>` when it has
  only a weekday) is in the gold list; gold `null` with system `null` is a
  true negative; a value where gold is `null` is a false positive; a wrong
  value counts as a false positive and a miss.
- `duration`, `affected`: like `date`. A duration matches a gold `seconds`
  within its tolerance, a gold `min` by the system's `min` (or a
  `more_than` value) within 10%, a gold `vague` by a vague duration. For
  `affected` the system's first entry is compared: same unit and value
  within 1%, or for a gold `min` the same `min`.
- `causes`: precision/recall/F1 over categories; status accuracy over the
  categories both found.
- related incidents: recall of gold related incidents whose platform (and
  date, when gold gives one) the system reports among its related ones.

The headline figure is the mean F1 of the five fields.
*/

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Deserialize;

use crate::record::Record;

/// One gold line.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub id: String,
    #[serde(default)]
    pub published: Option<String>,
    pub primary: Option<GoldIncident>,
    #[serde(default)]
    pub related: Vec<GoldIncident>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldIncident {
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub date: Option<Vec<String>>,
    #[serde(default)]
    pub duration: Option<GoldDuration>,
    #[serde(default)]
    pub affected: Option<GoldAffected>,
    #[serde(default)]
    pub causes: Vec<GoldCause>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDuration {
    pub seconds: Option<f64>,
    pub tolerance: Option<f64>,
    pub min: Option<f64>,
    #[serde(default)]
    pub vague: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldAffected {
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldCause {
    pub category: String,
    pub status: String,
}

/// Reads a gold file; problems name the line.
pub fn read_gold(text: &str, file: &str) -> Result<Vec<Gold>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: Gold = serde_json::from_str(line).map_err(|e| format!("{file}:{}: {e}", i + 1))?;
        out.push(g);
    }
    Ok(out)
}

/// True/false positives and misses of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// An empty ratio (nothing to find and nothing found) is perfect.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The scores of a run.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub platforms: Counts,
    pub date: Counts,
    pub duration: Counts,
    pub affected: Counts,
    pub causes: Counts,
    pub status_right: usize,
    pub status_total: usize,
    pub related_found: usize,
    pub related_total: usize,
    pub documents: usize,
    /// Gold documents with no record.
    pub missing: Vec<String>,
    /// Per document differences, for `--show`.
    pub differences: BTreeMap<String, Vec<String>>,
}

impl Scores {
    pub fn mean_f1(&self) -> f64 {
        (self.platforms.f1()
            + self.date.f1()
            + self.duration.f1()
            + self.affected.f1()
            + self.causes.f1())
            / 5.0
    }

    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "field        precision  recall     F1    tp   fp   fn");
        for (name, c) in [
            ("platforms", self.platforms),
            ("date", self.date),
            ("duration", self.duration),
            ("affected", self.affected),
            ("causes", self.causes),
        ] {
            let _ = writeln!(
                s,
                "{name:<12} {:>9.3} {:>7.3} {:>6.3} {:>5} {:>4} {:>4}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        let _ = writeln!(
            s,
            "cause status accuracy  {:.3} ({}/{})",
            ratio(self.status_right, self.status_total),
            self.status_right,
            self.status_total
        );
        let _ = writeln!(
            s,
            "related recall         {:.3} ({}/{})",
            ratio(self.related_found, self.related_total),
            self.related_found,
            self.related_total
        );
        let _ = writeln!(s, "mean F1 (5 fields)     {:.3}", self.mean_f1());
        let _ = write!(s, "documents scored       {}", self.documents);
        if !self.missing.is_empty() {
            let _ = write!(
                s,
                "\nno record for {} gold documents: {}",
                self.missing.len(),
                self.missing.join(", ")
            );
        }
        s
    }

    pub fn json(&self) -> serde_json::Value {
        let field = |c: Counts| {
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                               "tp": c.tp, "fp": c.fp, "fn": c.fn_})
        };
        serde_json::json!({
            "platforms": field(self.platforms),
            "date": field(self.date),
            "duration": field(self.duration),
            "affected": field(self.affected),
            "causes": field(self.causes),
            "cause_status_accuracy": ratio(self.status_right, self.status_total),
            "related_recall": ratio(self.related_found, self.related_total),
            "mean_f1": self.mean_f1(),
            "documents": self.documents,
            "missing": self.missing,
        })
    }
}

/// The system's view of one incident, reduced to what is scored.
#[derive(Debug, Clone, Default)]
pub struct SysIncident {
    platforms: BTreeSet<String>,
    date: Option<String>,
    /// seconds, min, qualifier
    duration: Option<(Option<f64>, Option<f64>, String)>,
    /// value, min, unit of the first affected entry
    affected: Option<(Option<f64>, Option<f64>, Option<String>)>,
    causes: Vec<(String, String)>,
}

/// A record reduced to what is scored: built from a record in memory or
/// read back from a JSON Lines file of records.
#[derive(Debug, Clone, Default)]
pub struct SysDoc {
    pub id: String,
    primary: Option<SysIncident>,
    related: Vec<SysIncident>,
}

impl SysDoc {
    pub fn from_record(r: &Record) -> SysDoc {
        let mut doc = SysDoc {
            id: r.id.clone(),
            ..Default::default()
        };
        for i in &r.incidents {
            let s = SysIncident {
                platforms: i.platforms.iter().map(|p| p.id.clone()).collect(),
                date: i.date.as_ref().and_then(|d| {
                    d.fields
                        .value
                        .clone()
                        .or_else(|| d.fields.weekday.map(|w| format!("weekday:{w}")))
                }),
                duration: i.duration.as_ref().map(|d| {
                    (
                        d.fields.seconds.map(|n| n.0),
                        d.fields.min.map(|n| n.0),
                        d.fields.qualifier.as_str().to_string(),
                    )
                }),
                affected: i.affected.first().map(|a| {
                    (
                        a.fields.value.map(|n| n.0),
                        a.fields.min.map(|n| n.0),
                        a.fields.unit.map(|u| u.as_str().to_string()),
                    )
                }),
                causes: i
                    .causes
                    .iter()
                    .map(|c| {
                        (
                            c.category.as_str().to_string(),
                            c.status.as_str().to_string(),
                        )
                    })
                    .collect(),
            };
            doc.push(i.role == "primary", s);
        }
        doc
    }

    /// Reads a record line (schema 1); `None` if it is not one.
    pub fn from_json(v: &serde_json::Value) -> Option<SysDoc> {
        if v.get("schema")?.as_u64()? != 1 {
            return None;
        }
        let mut doc = SysDoc {
            id: v.get("id")?.as_str()?.to_string(),
            ..Default::default()
        };
        let str_of =
            |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        for i in v.get("incidents")?.as_array()? {
            let date = i.get("date").filter(|d| !d.is_null()).and_then(|d| {
                str_of(d, "value").or_else(|| str_of(d, "weekday").map(|w| format!("weekday:{w}")))
            });
            let duration = i.get("duration").filter(|d| !d.is_null()).map(|d| {
                (
                    d.get("seconds").and_then(|x| x.as_f64()),
                    d.get("min").and_then(|x| x.as_f64()),
                    str_of(d, "qualifier").unwrap_or_default(),
                )
            });
            let affected = i
                .get("affected")
                .and_then(|a| a.as_array())
                .and_then(|a| a.first())
                .map(|a| {
                    (
                        a.get("value").and_then(|x| x.as_f64()),
                        a.get("min").and_then(|x| x.as_f64()),
                        str_of(a, "unit"),
                    )
                });
            let s = SysIncident {
                platforms: i
                    .get("platforms")?
                    .as_array()?
                    .iter()
                    .filter_map(|p| str_of(p, "id"))
                    .collect(),
                date,
                duration,
                affected,
                causes: i
                    .get("causes")?
                    .as_array()?
                    .iter()
                    .filter_map(|c| Some((str_of(c, "category")?, str_of(c, "status")?)))
                    .collect(),
            };
            doc.push(str_of(i, "role").as_deref() == Some("primary"), s);
        }
        Some(doc)
    }

    fn push(&mut self, primary: bool, s: SysIncident) {
        if primary && self.primary.is_none() {
            self.primary = Some(s);
        } else {
            self.related.push(s);
        }
    }
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs().max(1e-9)
}

fn duration_ok(g: &GoldDuration, s: &(Option<f64>, Option<f64>, String)) -> bool {
    if g.vague {
        return s.0.is_none();
    }
    if let Some(sec) = g.seconds {
        return s
            .0
            .is_some_and(|v| close(v, sec, g.tolerance.unwrap_or(0.1)));
    }
    if let Some(min) = g.min {
        return s.1.is_some_and(|v| close(v, min, 0.1))
            || (s.0.is_some_and(|v| close(v, min, 0.1))
                && matches!(s.2.as_str(), "more_than" | "at_least"));
    }
    false
}

fn affected_ok(g: &GoldAffected, s: &(Option<f64>, Option<f64>, Option<String>)) -> bool {
    if g.unit.is_some() && g.unit != s.2 {
        return false;
    }
    match (g.value, g.min) {
        (Some(v), _) => s.0.is_some_and(|x| close(x, v, 0.01)),
        (None, Some(m)) => s.1.is_some_and(|x| close(x, m, 0.01)),
        (None, None) => false,
    }
}

/// One field that is a single value per document.
fn single(c: &mut Counts, gold_present: bool, sys_present: bool, right: bool) {
    match (gold_present, sys_present) {
        (true, true) if right => c.tp += 1,
        (true, true) => {
            c.fp += 1;
            c.fn_ += 1;
        }
        (true, false) => c.fn_ += 1,
        (false, true) => c.fp += 1,
        (false, false) => {}
    }
}

/// Scores `records` against `gold`. Records without a gold line are
/// ignored; gold lines without a record are scored as all missed.
pub fn score(gold: &[Gold], records: &[SysDoc]) -> Scores {
    let by_id: BTreeMap<&str, &SysDoc> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut s = Scores::default();
    for g in gold {
        let Some(r) = by_id.get(g.id.as_str()) else {
            s.missing.push(g.id.clone());
            continue;
        };
        s.documents += 1;
        let mut diffs = Vec::new();
        let (sp, srel) = (r.primary.clone(), &r.related);
        let empty = GoldIncident {
            platforms: vec![],
            date: None,
            duration: None,
            affected: None,
            causes: vec![],
        };
        let gp = g.primary.as_ref().unwrap_or(&empty);
        let sp = sp.unwrap_or_default();

        // platforms
        let gset: BTreeSet<String> = gp.platforms.iter().cloned().collect();
        let tp = gset.intersection(&sp.platforms).count();
        s.platforms.tp += tp;
        s.platforms.fp += sp.platforms.len() - tp;
        s.platforms.fn_ += gset.len() - tp;
        if gset != sp.platforms {
            diffs.push(format!(
                "platforms: gold {:?}, system {:?}",
                gset, sp.platforms
            ));
        }
        // date
        let date_right = match (&gp.date, &sp.date) {
            (Some(list), Some(v)) => list.contains(v),
            _ => false,
        };
        single(
            &mut s.date,
            gp.date.is_some(),
            sp.date.is_some(),
            date_right,
        );
        if !(date_right || (gp.date.is_none() && sp.date.is_none())) {
            diffs.push(format!("date: gold {:?}, system {:?}", gp.date, sp.date));
        }
        // duration
        let dur_right = match (&gp.duration, &sp.duration) {
            (Some(gd), Some(sd)) => duration_ok(gd, sd),
            _ => false,
        };
        single(
            &mut s.duration,
            gp.duration.is_some(),
            sp.duration.is_some(),
            dur_right,
        );
        if !(dur_right || (gp.duration.is_none() && sp.duration.is_none())) {
            diffs.push(format!(
                "duration: gold {:?}, system {:?}",
                gp.duration, sp.duration
            ));
        }
        // affected
        let aff_right = match (&gp.affected, &sp.affected) {
            (Some(ga), Some(sa)) => affected_ok(ga, sa),
            _ => false,
        };
        single(
            &mut s.affected,
            gp.affected.is_some(),
            sp.affected.is_some(),
            aff_right,
        );
        if !(aff_right || (gp.affected.is_none() && sp.affected.is_none())) {
            diffs.push(format!(
                "affected: gold {:?}, system {:?}",
                gp.affected, sp.affected
            ));
        }
        // causes
        let gc: BTreeMap<&str, &str> = gp
            .causes
            .iter()
            .map(|c| (c.category.as_str(), c.status.as_str()))
            .collect();
        let sc: BTreeMap<&str, &str> = sp
            .causes
            .iter()
            .map(|(c, st)| (c.as_str(), st.as_str()))
            .collect();
        let both: Vec<&str> = gc.keys().filter(|k| sc.contains_key(*k)).copied().collect();
        s.causes.tp += both.len();
        s.causes.fp += sc.len() - both.len();
        s.causes.fn_ += gc.len() - both.len();
        for k in &both {
            s.status_total += 1;
            if gc[k] == sc[k] {
                s.status_right += 1;
            }
        }
        if gc != sc {
            diffs.push(format!("causes: gold {gc:?}, system {sc:?}"));
        }
        // related
        for gr in &g.related {
            s.related_total += 1;
            let found = srel.iter().any(|r| {
                gr.platforms.iter().any(|p| r.platforms.contains(p))
                    && match &gr.date {
                        None => true,
                        Some(list) => r.date.as_ref().is_some_and(|d| list.contains(d)),
                    }
            });
            if found {
                s.related_found += 1;
            } else {
                diffs.push(format!(
                    "related not found: platforms {:?}, date {:?}",
                    gr.platforms, gr.date
                ));
            }
        }
        if !diffs.is_empty() {
            s.differences.insert(g.id.clone(), diffs);
        }
    }
    s
}
