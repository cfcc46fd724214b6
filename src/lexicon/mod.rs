/*!
Lexicons: rasd's lexical knowledge, loaded from TSV files and validated.

[`Lexicons::embedded`] gives the defaults compiled into the binary from
`lexicons/`; [`Lexicons::load`] reads a directory and falls back to the
embedded file for any file it lacks. Loading checks everything — headers,
cell counts, values from closed vocabularies, references between files,
surfaces that normalise to nothing, duplicates — and reports *all* problems
as `file:line: message`.

Surfaces are normalised at load with the same function that normalises
documents, so every spelling variant the normaliser folds meets its entry.
*/

mod tsv;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{LexiconError, LexiconErrors};
use crate::normalize::normalize;
use crate::vocab::*;

/// One lexicon entry: a normalised surface and what it means.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The surface as written in the file.
    pub raw: String,
    /// The surface after normalisation: what is matched.
    pub surface: String,
    pub value: T,
    /// Where the entry comes from, for messages.
    pub line: usize,
}

/// A row of the service catalogue (`platforms.tsv`).
#[derive(Debug, Clone)]
pub struct PlatformRow {
    pub id: String,
    pub name: String,
    pub owner: Option<String>,
    pub kind: String,
    pub country: Option<String>,
}

/// Families of services built by rule for any country (`taxonomy.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Internet,
    Phone,
    GovSites,
}

impl Family {
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Internet => "internet",
            Family::Phone => "phone",
            Family::GovSites => "gov_sites",
        }
    }

    pub fn display(self) -> &'static str {
        match self {
            Family::Internet => "Internet",
            Family::Phone => "Phone service",
            Family::GovSites => "Government websites",
        }
    }
}

/// What a platform name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformKey {
    /// A row of the catalogue, by index.
    Catalog(u16),
    /// A family; the country comes from context.
    Family(Family),
    /// A bare brand (`zain_*`): the national row owned by
    /// `Lexicons::brands[i]` in the country the context names.
    Brand(u16),
    /// Id `-`: a phrase that contains a name but is no service («أشعة
    /// إكس», X-rays); a name inside it does not count.
    NotAService,
}

/// A platform spelling.
#[derive(Debug, Clone, Copy)]
pub struct PlatformName {
    pub key: PlatformKey,
    /// Counts only next to a service word or another name of the service.
    pub needs_cue: bool,
    /// Must match the original's letter case.
    pub case_sensitive: bool,
}

/// A region surface.
#[derive(Debug, Clone)]
pub struct RegionName {
    pub id: String,
    pub kind: RegionKind,
}

/// A number word.
#[derive(Debug, Clone, Copy)]
pub struct NumberWord {
    pub value: f64,
    pub kind: NumberKind,
}

/// A month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthName {
    pub month: u8,
    pub system: MonthSystem,
    /// Ambiguous: a month only next to a day, year, شهر or another month.
    pub needs_context: bool,
}

/// A time zone: an IANA name, or the text's local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tz {
    Iana(String),
    Local,
}

/// Every lexicon rasd uses.
#[derive(Debug, Clone)]
pub struct Lexicons {
    pub clitics: Vec<Entry<CliticRole>>,
    pub platforms: Vec<PlatformRow>,
    pub platform_names: Vec<Entry<PlatformName>>,
    pub platform_cues: Vec<Entry<PlatformCue>>,
    pub regions: Vec<Entry<RegionName>>,
    pub causes: Vec<Entry<CauseCategory>>,
    pub cause_cues: Vec<Entry<CauseCue>>,
    pub outage_cues: Vec<Entry<OutageCue>>,
    pub boilerplate: Vec<Entry<BoilerplateMatch>>,
    pub numbers: Vec<Entry<NumberWord>>,
    pub units: Vec<Entry<Unit>>,
    pub qualifiers: Vec<Entry<(Qualifier, Position)>>,
    pub count_cues: Vec<Entry<CountCue>>,
    pub months: Vec<Entry<MonthName>>,
    pub weekdays: Vec<Entry<Weekday>>,
    pub relative_days: Vec<Entry<i32>>,
    pub date_markers: Vec<Entry<DateMarker>>,
    pub day_parts: Vec<Entry<DayPart>>,
    pub timezones: Vec<Entry<Tz>>,
    pub duration_units: Vec<Entry<(DurationUnit, UnitCount)>>,
    pub duration_cues: Vec<Entry<DurationCue>>,
    /// Owners that bare brand names (`zain_*` in `platform_names.tsv`)
    /// stand for; `PlatformKey::Brand` indexes this.
    pub brands: Vec<String>,
    /// Where each file came from, for `rasd lexicons check`.
    pub sources: Vec<String>,
    platform_index: HashMap<String, u16>,
}

/// The lexicon files, in load order, with their embedded defaults.
pub const FILES: &[(&str, &str)] = &[
    ("clitics.tsv", include_str!("../../lexicons/clitics.tsv")),
    (
        "platforms.tsv",
        include_str!("../../lexicons/platforms.tsv"),
    ),
    (
        "platform_names.tsv",
        include_str!("../../lexicons/platform_names.tsv"),
    ),
    (
        "platform_cues.tsv",
        include_str!("../../lexicons/platform_cues.tsv"),
    ),
    ("regions.tsv", include_str!("../../lexicons/regions.tsv")),
    ("causes.tsv", include_str!("../../lexicons/causes.tsv")),
    (
        "cause_cues.tsv",
        include_str!("../../lexicons/cause_cues.tsv"),
    ),
    (
        "outage_cues.tsv",
        include_str!("../../lexicons/outage_cues.tsv"),
    ),
    (
        "boilerplate.tsv",
        include_str!("../../lexicons/boilerplate.tsv"),
    ),
    ("numbers.tsv", include_str!("../../lexicons/numbers.tsv")),
    ("units.tsv", include_str!("../../lexicons/units.tsv")),
    (
        "qualifiers.tsv",
        include_str!("../../lexicons/qualifiers.tsv"),
    ),
    (
        "count_cues.tsv",
        include_str!("../../lexicons/count_cues.tsv"),
    ),
    ("months.tsv", include_str!("../../lexicons/months.tsv")),
    ("weekdays.tsv", include_str!("../../lexicons/weekdays.tsv")),
    (
        "relative_days.tsv",
        include_str!("../../lexicons/relative_days.tsv"),
    ),
    (
        "date_markers.tsv",
        include_str!("../../lexicons/date_markers.tsv"),
    ),
    (
        "day_parts.tsv",
        include_str!("../../lexicons/day_parts.tsv"),
    ),
    (
        "timezones.tsv",
        include_str!("../../lexicons/timezones.tsv"),
    ),
    (
        "duration_units.tsv",
        include_str!("../../lexicons/duration_units.tsv"),
    ),
    (
        "duration_cues.tsv",
        include_str!("../../lexicons/duration_cues.tsv"),
    ),
];

/// One file's text and the name to report it by.
struct Source {
    shown: String,
    content: String,
}

impl Lexicons {
    /// The lexicons compiled into the binary.
    pub fn embedded() -> Result<Lexicons, LexiconErrors> {
        let sources = FILES
            .iter()
            .map(|(name, content)| Source {
                shown: format!("lexicons/{name}"),
                content: (*content).to_string(),
            })
            .collect();
        Lexicons::build(sources, Vec::new())
    }

    /// Lexicons from `dir`; a file missing there falls back to the embedded
    /// default (noted in [`Lexicons::sources`]).
    pub fn load(dir: &Path) -> Result<Lexicons, LexiconErrors> {
        if !dir.is_dir() {
            return Err(LexiconErrors(vec![LexiconError {
                file: dir.display().to_string(),
                line: 0,
                message: "not a directory".to_string(),
            }]));
        }
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for (name, embedded) in FILES {
            let path = dir.join(name);
            if path.exists() {
                match std::fs::read(&path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(content) => sources.push(Source {
                            shown: path.display().to_string(),
                            content,
                        }),
                        Err(e) => {
                            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                                .iter()
                                .filter(|&&b| b == b'\n')
                                .count();
                            errors.push(LexiconError {
                                file: path.display().to_string(),
                                line,
                                message: "not valid UTF-8".to_string(),
                            });
                            sources.push(Source {
                                shown: path.display().to_string(),
                                content: String::new(),
                            });
                        }
                    },
                    Err(e) => {
                        errors.push(LexiconError {
                            file: path.display().to_string(),
                            line: 0,
                            message: format!("cannot read: {e}"),
                        });
                        sources.push(Source {
                            shown: path.display().to_string(),
                            content: String::new(),
                        });
                    }
                }
            } else {
                sources.push(Source {
                    shown: format!("lexicons/{name} (embedded; not in {})", dir.display()),
                    content: (*embedded).to_string(),
                });
            }
        }
        Lexicons::build(sources, errors)
    }

    fn build(
        sources: Vec<Source>,
        mut errors: Vec<LexiconError>,
    ) -> Result<Lexicons, LexiconErrors> {
        let mut b = Builder {
            errors: &mut errors,
        };
        let src = |name: &str| -> &Source {
            let i = FILES
                .iter()
                .position(|(n, _)| *n == name)
                .expect("known file");
            &sources[i]
        };

        let clitics = b.surfaces(src("clitics.tsv"), &["prefix", "role"], |c| {
            CliticRole::parse(c[1]).ok_or_else(|| {
                format!(
                    "unknown role {:?} (expected {})",
                    c[1],
                    CliticRole::expected()
                )
            })
        });

        let (platforms, platform_index) = b.platforms(src("platforms.tsv"));
        let mut brands = Vec::new();
        let platform_names = b.platform_names(
            src("platform_names.tsv"),
            &platforms,
            &platform_index,
            &mut brands,
        );
        let platform_cues = b.surfaces(src("platform_cues.tsv"), &["surface", "role"], |c| {
            enum_cell::<PlatformCue>(c[1], PlatformCue::parse, PlatformCue::expected)
        });
        let regions = b.regions(src("regions.tsv"));
        let causes = b.surfaces_at(src("causes.tsv"), &["category", "surface"], 1, |c| {
            enum_cell::<CauseCategory>(c[0], CauseCategory::parse, CauseCategory::expected)
        });
        let cause_cues = b.surfaces(src("cause_cues.tsv"), &["surface", "kind"], |c| {
            enum_cell::<CauseCue>(c[1], CauseCue::parse, CauseCue::expected)
        });
        let outage_cues = b.surfaces(src("outage_cues.tsv"), &["surface", "kind"], |c| {
            enum_cell::<OutageCue>(c[1], OutageCue::parse, OutageCue::expected)
        });
        let boilerplate = b.surfaces(src("boilerplate.tsv"), &["pattern", "match"], |c| {
            enum_cell::<BoilerplateMatch>(c[1], BoilerplateMatch::parse, BoilerplateMatch::expected)
        });
        let numbers = b.surfaces(src("numbers.tsv"), &["surface", "value", "kind"], |c| {
            let value: f64 = c[1]
                .parse()
                .map_err(|_| format!("value {:?} is not a number", c[1]))?;
            let kind = enum_cell::<NumberKind>(c[2], NumberKind::parse, NumberKind::expected)?;
            Ok(NumberWord { value, kind })
        });
        let units = b.surfaces(src("units.tsv"), &["surface", "unit"], |c| {
            enum_cell::<Unit>(c[1], Unit::parse, Unit::expected)
        });
        let qualifiers = b.surfaces(
            src("qualifiers.tsv"),
            &["surface", "qualifier", "position"],
            |c| {
                Ok((
                    enum_cell::<Qualifier>(c[1], Qualifier::parse, Qualifier::expected)?,
                    enum_cell::<Position>(c[2], Position::parse, Position::expected)?,
                ))
            },
        );
        let count_cues = b.surfaces(src("count_cues.tsv"), &["surface", "kind"], |c| {
            enum_cell::<CountCue>(c[1], CountCue::parse, CountCue::expected)
        });
        let months = b.surfaces(
            src("months.tsv"),
            &["surface", "month", "system", "guard"],
            |c| {
                let month: u8 = c[1]
                    .parse()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| format!("month {:?} is not 1..12", c[1]))?;
                let system =
                    enum_cell::<MonthSystem>(c[2], MonthSystem::parse, MonthSystem::expected)?;
                let needs_context = match c[3] {
                    "-" => false,
                    "context" => true,
                    g => return Err(format!("unknown guard {g:?} (expected - or context)")),
                };
                Ok(MonthName {
                    month,
                    system,
                    needs_context,
                })
            },
        );
        let weekdays = b.surfaces(src("weekdays.tsv"), &["surface", "weekday"], |c| {
            enum_cell::<Weekday>(c[1], Weekday::parse, Weekday::expected)
        });
        let relative_days = b.surfaces(src("relative_days.tsv"), &["surface", "offset"], |c| {
            c[1].trim_start_matches('+')
                .parse::<i32>()
                .map_err(|_| format!("offset {:?} is not a whole number of days", c[1]))
        });
        let date_markers = b.surfaces(src("date_markers.tsv"), &["surface", "kind"], |c| {
            enum_cell::<DateMarker>(c[1], DateMarker::parse, DateMarker::expected)
        });
        let day_parts = b.surfaces(src("day_parts.tsv"), &["surface", "part"], |c| {
            enum_cell::<DayPart>(c[1], DayPart::parse, DayPart::expected)
        });
        let timezones = b.surfaces(src("timezones.tsv"), &["surface", "tz"], |c| {
            let tz = c[1];
            if tz == "local" {
                Ok(Tz::Local)
            } else if tz == "UTC"
                || (tz.contains('/')
                    && tz
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || "/_-+".contains(ch)))
            {
                Ok(Tz::Iana(tz.to_string()))
            } else {
                Err(format!(
                    "time zone {tz:?} is not an IANA name (Area/City, UTC) or local"
                ))
            }
        });
        let duration_units = b.surfaces(
            src("duration_units.tsv"),
            &["surface", "unit", "count"],
            |c| {
                Ok((
                    enum_cell::<DurationUnit>(c[1], DurationUnit::parse, DurationUnit::expected)?,
                    enum_cell::<UnitCount>(c[2], UnitCount::parse, UnitCount::expected)?,
                ))
            },
        );
        let duration_cues = b.surfaces(src("duration_cues.tsv"), &["surface", "kind"], |c| {
            enum_cell::<DurationCue>(c[1], DurationCue::parse, DurationCue::expected)
        });

        if !errors.is_empty() {
            return Err(LexiconErrors(errors));
        }
        Ok(Lexicons {
            clitics,
            platforms,
            platform_names,
            platform_cues,
            regions,
            causes,
            cause_cues,
            outage_cues,
            boilerplate,
            numbers,
            units,
            qualifiers,
            count_cues,
            months,
            weekdays,
            relative_days,
            date_markers,
            day_parts,
            timezones,
            duration_units,
            duration_cues,
            brands,
            sources: sources.into_iter().map(|s| s.shown).collect(),
            platform_index,
        })
    }

    /// The catalogue index of a platform id.
    pub fn platform(&self, id: &str) -> Option<u16> {
        self.platform_index.get(id).copied()
    }

    /// Counts of entries per file, for `rasd lexicons check`.
    pub fn summary(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("clitics.tsv", self.clitics.len()),
            ("platforms.tsv", self.platforms.len()),
            ("platform_names.tsv", self.platform_names.len()),
            ("platform_cues.tsv", self.platform_cues.len()),
            ("regions.tsv", self.regions.len()),
            ("causes.tsv", self.causes.len()),
            ("cause_cues.tsv", self.cause_cues.len()),
            ("outage_cues.tsv", self.outage_cues.len()),
            ("boilerplate.tsv", self.boilerplate.len()),
            ("numbers.tsv", self.numbers.len()),
            ("units.tsv", self.units.len()),
            ("qualifiers.tsv", self.qualifiers.len()),
            ("count_cues.tsv", self.count_cues.len()),
            ("months.tsv", self.months.len()),
            ("weekdays.tsv", self.weekdays.len()),
            ("relative_days.tsv", self.relative_days.len()),
            ("date_markers.tsv", self.date_markers.len()),
            ("day_parts.tsv", self.day_parts.len()),
            ("timezones.tsv", self.timezones.len()),
            ("duration_units.tsv", self.duration_units.len()),
            ("duration_cues.tsv", self.duration_cues.len()),
        ]
    }
}

fn enum_cell<T>(
    cell: &str,
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
) -> Result<T, String> {
    parse(cell).ok_or_else(|| format!("unknown value {cell:?} (expected one of: {})", expected()))
}

struct Builder<'e> {
    errors: &'e mut Vec<LexiconError>,
}

impl Builder<'_> {
    fn err(&mut self, file: &str, line: usize, message: String) {
        self.errors.push(LexiconError {
            file: file.to_string(),
            line,
            message,
        });
    }

    /// A file whose first column is the surface.
    fn surfaces<T>(
        &mut self,
        src: &Source,
        header: &[&str],
        value: impl Fn(&[&str]) -> Result<T, String>,
    ) -> Vec<Entry<T>> {
        self.surfaces_at(src, header, 0, value)
    }

    /// A file whose column `col` is the surface; surfaces must be unique.
    fn surfaces_at<T>(
        &mut self,
        src: &Source,
        header: &[&str],
        col: usize,
        value: impl Fn(&[&str]) -> Result<T, String>,
    ) -> Vec<Entry<T>> {
        let rows = tsv::parse(&src.shown, &src.content, header, self.errors);
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let raw = row.cells[col];
            let surface = normalize(raw).trim().to_string();
            if surface.is_empty() {
                self.err(
                    &src.shown,
                    row.line,
                    format!("surface {raw:?} is empty after normalisation"),
                );
                continue;
            }
            if let Some(&at) = first.get(&surface) {
                self.err(
                    &src.shown,
                    row.line,
                    format!("duplicate surface {raw:?} (first at line {at})"),
                );
                continue;
            }
            match value(&row.cells) {
                Ok(v) => {
                    first.insert(surface.clone(), row.line);
                    out.push(Entry {
                        raw: raw.to_string(),
                        surface,
                        value: v,
                        line: row.line,
                    });
                }
                Err(m) => self.err(&src.shown, row.line, m),
            }
        }
        out
    }

    fn platforms(&mut self, src: &Source) -> (Vec<PlatformRow>, HashMap<String, u16>) {
        let rows = tsv::parse(
            &src.shown,
            &src.content,
            &["id", "name", "owner", "kind", "country"],
            self.errors,
        );
        let mut index: HashMap<String, u16> = HashMap::new();
        let mut lines: HashMap<String, usize> = HashMap::new();
        let mut out: Vec<PlatformRow> = Vec::new();
        let mut owners = Vec::new();
        for row in rows {
            let c = &row.cells;
            let id = c[0];
            if !is_id(id) {
                self.err(
                    &src.shown,
                    row.line,
                    format!("id {id:?} must be lower-case ASCII letters, digits and _"),
                );
                continue;
            }
            if family_of(id).is_some() {
                self.err(
                    &src.shown,
                    row.line,
                    format!("id {id:?} belongs to a family built by rule; do not list it"),
                );
                continue;
            }
            if let Some(at) = lines.get(id) {
                self.err(
                    &src.shown,
                    row.line,
                    format!("duplicate id {id:?} (first at line {at})"),
                );
                continue;
            }
            let country = match c[4] {
                "-" => None,
                cc if cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_lowercase()) => {
                    Some(cc.to_string())
                }
                cc => {
                    self.err(
                        &src.shown,
                        row.line,
                        format!("country {cc:?} must be ISO 3166-1 alpha-2 in lower case, or -"),
                    );
                    continue;
                }
            };
            let owner = (c[2] != "-").then(|| c[2].to_string());
            if let Some(o) = &owner {
                owners.push((row.line, o.clone()));
            }
            lines.insert(id.to_string(), row.line);
            index.insert(id.to_string(), out.len() as u16);
            out.push(PlatformRow {
                id: id.to_string(),
                name: c[1].to_string(),
                owner,
                kind: c[3].to_string(),
                country,
            });
        }
        for (line, owner) in owners {
            // Owners are ids of the catalogue, or companies known only as
            // owners (bytedance, snap): lower-case ids either way.
            if !is_id(&owner) {
                self.err(
                    &src.shown,
                    line,
                    format!("owner {owner:?} must be an id (lower-case ASCII) or -"),
                );
            }
        }
        (out, index)
    }

    fn platform_names(
        &mut self,
        src: &Source,
        platforms: &[PlatformRow],
        index: &HashMap<String, u16>,
        brands: &mut Vec<String>,
    ) -> Vec<Entry<PlatformName>> {
        // A brand is an owner of national rows (zain owns zain_iq, zain_kw ...).
        let is_brand = |owner: &str| {
            platforms
                .iter()
                .any(|p| p.owner.as_deref() == Some(owner) && p.country.is_some())
        };
        let brands = std::cell::RefCell::new(brands);
        self.surfaces_at(src, &["id", "surface", "guard"], 1, |c| {
            let key = if c[0] == "-" {
                PlatformKey::NotAService
            } else if let Some(&i) = index.get(c[0]) {
                PlatformKey::Catalog(i)
            } else if let Some(prefix) = c[0].strip_suffix("_*") {
                if let Some(f) = family_of_prefix(prefix) {
                    PlatformKey::Family(f)
                } else if is_brand(prefix) {
                    let mut brands = brands.borrow_mut();
                    let i = brands.iter().position(|b| b == prefix).unwrap_or_else(|| {
                        brands.push(prefix.to_string());
                        brands.len() - 1
                    });
                    PlatformKey::Brand(i as u16)
                } else {
                    return Err(format!(
                        "{:?} is neither a family (internet_*, phone_*, gov_sites_*) nor a brand (no row of platforms.tsv with owner {prefix:?} and a country)",
                        c[0]
                    ));
                }
            } else {
                return Err(format!(
                    "unknown platform id {:?} (not in platforms.tsv, and not a family internet_*, phone_*, gov_sites_* or a brand such as zain_*)",
                    c[0]
                ));
            };
            let mut name = PlatformName {
                key,
                needs_cue: false,
                case_sensitive: false,
            };
            if c[2] != "-" {
                for g in c[2].split(',') {
                    match Guard::parse(g) {
                        Some(Guard::Cue) => name.needs_cue = true,
                        Some(Guard::Case) => name.case_sensitive = true,
                        None => {
                            return Err(format!(
                                "unknown guard {g:?} (expected -, or a comma list of: {})",
                                Guard::expected()
                            ));
                        }
                    }
                }
            }
            Ok(name)
        })
    }

    fn regions(&mut self, src: &Source) -> Vec<Entry<RegionName>> {
        self.surfaces_at(src, &["id", "surface", "kind"], 1, |c| {
            if !is_id(c[0]) {
                return Err(format!(
                    "region id {:?} must be ISO 3166-1 alpha-2 in lower case or an area id",
                    c[0]
                ));
            }
            let kind = enum_cell::<RegionKind>(c[2], RegionKind::parse, RegionKind::expected)?;
            if kind != RegionKind::Area && c[0].len() != 2 {
                return Err(format!(
                    "a {} must have a two-letter country id, found {:?}",
                    kind, c[0]
                ));
            }
            Ok(RegionName {
                id: c[0].to_string(),
                kind,
            })
        })
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn family_of_prefix(prefix: &str) -> Option<Family> {
    match prefix {
        "internet" => Some(Family::Internet),
        "phone" => Some(Family::Phone),
        "gov_sites" => Some(Family::GovSites),
        _ => None,
    }
}

/// The family of an id such as `internet_iq`.
pub fn family_of(id: &str) -> Option<(Family, &str)> {
    for f in [Family::Internet, Family::Phone, Family::GovSites] {
        if let Some(cc) = id
            .strip_prefix(f.prefix())
            .and_then(|r| r.strip_prefix('_'))
            && cc.len() == 2
            && cc.bytes().all(|b| b.is_ascii_lowercase())
        {
            return Some((f, cc));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_load() {
        let lex = Lexicons::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.platforms.len() >= 210);
        assert!(lex.platform("whatsapp").is_some());
    }

    #[test]
    fn every_spec_platform_id_is_in_the_catalogue() {
        let lex = Lexicons::embedded().unwrap();
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/platforms.tsv");
        let Ok(text) = std::fs::read_to_string(&spec) else {
            eprintln!("skipped: {} not found", spec.display());
            return;
        };
        for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
            let id = line.split('\t').next().unwrap();
            assert!(lex.platform(id).is_some(), "spec id {id} missing");
            let i = lex.platform(id).unwrap();
            assert!(
                lex.platform_names
                    .iter()
                    .any(|n| n.value.key == PlatformKey::Catalog(i)),
                "spec id {id} has no surface in platform_names.tsv"
            );
        }
    }

    #[test]
    fn brands_are_owners_of_national_rows() {
        let lex = Lexicons::embedded().unwrap();
        assert!(lex.brands.iter().any(|b| b == "zain"));
        assert!(lex.platform("zain").is_none(), "group rows are not ids");
        let with = |names: &str| {
            let mut sources: Vec<Source> = FILES
                .iter()
                .map(|(n, c)| Source {
                    shown: n.to_string(),
                    content: c.to_string(),
                })
                .collect();
            let i = FILES
                .iter()
                .position(|(n, _)| *n == "platform_names.tsv")
                .unwrap();
            sources[i].content = format!("id\tsurface\tguard\n{names}");
            Lexicons::build(sources, Vec::new())
        };
        assert!(with("zain_*\tزين\tcue\n-\tأشعة إكس\t-\n").is_ok());
        let err = with("google_*\tجوجل\t-\n").unwrap_err().to_string();
        assert!(err.contains("neither a family"), "{err}");
    }

    #[test]
    fn families_are_recognised() {
        assert_eq!(family_of("internet_iq"), Some((Family::Internet, "iq")));
        assert_eq!(family_of("gov_sites_eg"), Some((Family::GovSites, "eg")));
        assert_eq!(family_of("internet_"), None);
        assert_eq!(family_of("whatsapp"), None);
    }
}
