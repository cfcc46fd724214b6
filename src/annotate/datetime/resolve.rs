/*!
Resolution of a [`DateExpr`] against the publication date.

News reports what already happened, so resolution has a past bias:

- a day and month without a year take the year that puts them on or before
  publication («14 أكتوبر» published 2023-10-10 is 2022-10-14); «المقبل»
  moves them forward, «الجاري» keeps the publication year;
- a bare month is the latest such month on or before publication; «<month>
  الماضي» the latest one strictly before the publication month;
- a weekday is the same day or the previous one; «<weekday> الماضي» is at
  least a day before, one week back when it names the publication weekday;
  «المقبل» the next one;
- relative days, weeks, months and years count from publication (weeks are
  ISO weeks: `2024-W28`);
- a Hijri day without a year («27 رمضان») takes the Hijri year of
  publication, or the one before when that would fall after publication.

Without a publication date nothing is invented: a day and month stay
`XXXX-MM-DD`, a month `XXXX-MM`, a weekday only `weekday`, a relative day
only `relative_days`, and a relative week, month or year or a Hijri day
without a year have no value.
*/

use crate::annotate::DateExpr;
use crate::calendar::Date;
use crate::hijri;
use crate::vocab::*;

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Weekday,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Weekday => "weekday",
        }
    }
}

/// A date resolved for the record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    /// TIMEX3-style value (`2022-07-14`, `XXXX-10-14`, `2022-07`,
    /// `2024-W28`), or `None`.
    pub value: Option<String>,
    pub precision: Option<Precision>,
    pub weekday: Option<Weekday>,
    /// Days relative to publication, kept when it cannot be resolved.
    pub relative_days: Option<i32>,
    /// The resolved calendar day, when there is one.
    pub date: Option<Date>,
}

impl Resolved {
    fn day(d: Date) -> Resolved {
        Resolved {
            value: Some(d.to_string()),
            precision: Some(Precision::Day),
            weekday: Some(d.weekday()),
            relative_days: None,
            date: Some(d),
        }
    }

    /// Resolves a relative day against a day and month whose year is not
    /// known (a wire dateline): «اليوم» under «14 أكتوبر» is `XXXX-10-14`.
    /// Left alone when the count crosses a 29 February that may or may not
    /// exist.
    pub fn anchor_without_year(&mut self, month: u8, day: u8) {
        let Some(r) = self.relative_days.filter(|_| self.value.is_none()) else {
            return;
        };
        let on = |year| Date::new(year, month, day).map(|d| d.add_days(i64::from(r)));
        // A common year and a leap year agree unless 29 February is between.
        if let (Some(a), Some(b)) = (on(2001), on(2004))
            && (a.month, a.day) == (b.month, b.day)
        {
            self.value = Some(format!("XXXX-{:02}-{:02}", a.month, a.day));
            self.precision = Some(Precision::Day);
        }
    }

    fn month(year: Option<i32>, month: u8) -> Resolved {
        let value = match year {
            Some(y) => format!("{y:04}-{month:02}"),
            None => format!("XXXX-{month:02}"),
        };
        Resolved {
            value: Some(value),
            precision: Some(Precision::Month),
            ..Default::default()
        }
    }

    fn year(year: i32) -> Resolved {
        Resolved {
            value: Some(format!("{year:04}")),
            precision: Some(Precision::Year),
            ..Default::default()
        }
    }
}

/// Resolves a date expression against the publication date, with a past
/// bias (module docs). Never invents a year.
pub fn resolve(e: &DateExpr, published: Option<Date>) -> Resolved {
    // «حزيران من العام الماضي» (June of last year): a month of a year
    // given relative to publication.
    if let (None, Some(m), Some(r), Some(p)) = (e.year, e.month, e.relative_years, published) {
        let y = p.year + r;
        return match e.day {
            Some(d) => Date::new(y, m, d).map_or_else(Resolved::default, Resolved::day),
            None => Resolved::month(Some(y), m),
        };
    }
    match (e.year, e.month, e.day) {
        (Some(y), Some(m), Some(d)) => {
            if let Some(date) = Date::new(y, m, d) {
                return Resolved::day(date);
            }
        }
        (None, Some(m), Some(d)) => return day_and_month(m, d, e, published),
        (y @ Some(_), Some(m), None) => return Resolved::month(y, m),
        (None, Some(m), None) => {
            return Resolved::month(published.map(|p| month_year(m, e.direction, p)), m);
        }
        (Some(y), None, _) => return Resolved::year(y),
        _ => {}
    }
    if let Some(m) = e.hijri_month {
        return published
            .and_then(|p| hijri_month(m, e.direction, p))
            .map_or_else(Resolved::default, |g| {
                Resolved::month(Some(g.year), g.month)
            });
    }
    if let Some((m, d)) = e.hijri_day {
        return published
            .and_then(|p| hijri_day(m, d, p))
            .map_or_else(Resolved::default, Resolved::day);
    }
    if let Some(r) = e.relative_days {
        return match published {
            Some(p) => Resolved::day(p.add_days(i64::from(r))),
            None => Resolved {
                value: None,
                precision: e.weekday.map(|_| Precision::Weekday),
                weekday: e.weekday,
                relative_days: Some(r),
                date: None,
            },
        };
    }
    if let Some(w) = e.weekday {
        return match published {
            Some(p) => Resolved::day(weekday(w, e.direction, p)),
            None => Resolved {
                value: None,
                precision: Some(Precision::Weekday),
                weekday: Some(w),
                relative_days: None,
                date: None,
            },
        };
    }
    let Some(p) = published else {
        return Resolved::default();
    };
    if let Some(wk) = e.relative_weeks {
        let (y, w) = p.add_days(7 * i64::from(wk)).iso_week();
        return Resolved {
            value: Some(format!("{y:04}-W{w:02}")),
            precision: Some(Precision::Week),
            ..Default::default()
        };
    }
    if let Some(mo) = e.relative_months {
        let total = p.year * 12 + i32::from(p.month) - 1 + mo;
        let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u8 + 1);
        // «26 من الشهر الحالي»
        if let Some(date) = e.day.and_then(|d| Date::new(y, m, d)) {
            return Resolved::day(date);
        }
        return Resolved::month(Some(y), m);
    }
    if let Some(yr) = e.relative_years {
        return Resolved::year(p.year + yr);
    }
    Resolved::default()
}

/// A day and month without a year.
fn day_and_month(m: u8, d: u8, e: &DateExpr, published: Option<Date>) -> Resolved {
    let Some(p) = published else {
        return Resolved {
            value: Some(format!("XXXX-{m:02}-{d:02}")),
            precision: Some(Precision::Day),
            weekday: e.weekday,
            relative_days: None,
            date: None,
        };
    };
    let y = match e.direction {
        Some(DateMarker::Future) if (m, d) < (p.month, p.day) => p.year + 1,
        Some(DateMarker::Future | DateMarker::Current) => p.year,
        _ if (m, d) > (p.month, p.day) => p.year - 1,
        _ => p.year,
    };
    // 29 February of a year that has none stays unresolved.
    Date::new(y, m, d).map_or_else(
        || Resolved {
            value: Some(format!("XXXX-{m:02}-{d:02}")),
            precision: Some(Precision::Day),
            ..Default::default()
        },
        Resolved::day,
    )
}

/// The year of a bare month.
fn month_year(m: u8, direction: Option<DateMarker>, p: Date) -> i32 {
    match direction {
        Some(DateMarker::Past) if m < p.month => p.year,
        Some(DateMarker::Past) => p.year - 1,
        Some(DateMarker::Future) if m > p.month => p.year,
        Some(DateMarker::Future) => p.year + 1,
        Some(DateMarker::Current) => p.year,
        _ if m <= p.month => p.year,
        _ => p.year - 1,
    }
}

/// The day a weekday names, seen from publication.
fn weekday(w: Weekday, direction: Option<DateMarker>, p: Date) -> Date {
    let back = (p.weekday().index() - w.index()).rem_euclid(7);
    match direction {
        // «الأربعاء المقبل» written on a Wednesday is a week on.
        Some(DateMarker::Future) => match (w.index() - p.weekday().index()).rem_euclid(7) {
            0 => p.add_days(7),
            ahead => p.add_days(ahead),
        },
        Some(DateMarker::Past) if back == 0 => p.add_days(-7),
        _ => p.add_days(-back),
    }
}

/// The middle of a Hijri month without a year: the latest one on or before
/// publication, an earlier one for «الماضي» when publication falls inside
/// it, the next one for «المقبل».
fn hijri_month(m: u8, direction: Option<DateMarker>, p: Date) -> Option<Date> {
    let (hy, pm, _) = hijri::from_gregorian(p)?;
    let mid = |y: i32| hijri::to_gregorian(y, m, super::HIJRI_MID);
    match direction {
        Some(DateMarker::Future) => match mid(hy) {
            Some(g) if m > pm => Some(g),
            _ => mid(hy + 1),
        },
        Some(DateMarker::Past) if m >= pm => mid(hy - 1),
        _ => match mid(hy) {
            Some(g) if m <= pm => Some(g),
            _ => mid(hy - 1),
        },
    }
}

/// A Hijri day without a year: the latest on or before publication.
fn hijri_day(m: u8, d: u8, p: Date) -> Option<Date> {
    let (hy, ..) = hijri::from_gregorian(p)?;
    match hijri::to_gregorian(hy, m, d) {
        Some(g) if g <= p => Some(g),
        _ => hijri::to_gregorian(hy - 1, m, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr() -> DateExpr {
        DateExpr::default()
    }

    fn value(e: &DateExpr, p: Option<Date>) -> Option<String> {
        resolve(e, p).value
    }

    #[test]
    fn weekdays_have_a_past_bias() {
        let p = Date::new(2022, 7, 14); // a Thursday
        let mut e = expr();
        e.weekday = Some(Weekday::Monday);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-11"));
        e.weekday = Some(Weekday::Thursday);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-14"));
        e.direction = Some(DateMarker::Past);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-07"));
        e.direction = Some(DateMarker::Future);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-21"));
        e.weekday = Some(Weekday::Saturday);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-16"));
        e.weekday = Some(Weekday::Friday);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-15"));
    }

    #[test]
    fn days_and_months_take_the_year_before_publication() {
        let p = Date::new(2022, 7, 14);
        let mut e = expr();
        e.relative_days = Some(-1);
        assert_eq!(value(&e, p).as_deref(), Some("2022-07-13"));
        let mut e = expr();
        e.month = Some(2);
        assert_eq!(value(&e, p).as_deref(), Some("2022-02"));
        e.month = Some(9);
        assert_eq!(value(&e, p).as_deref(), Some("2021-09"));
        e.month = Some(7);
        e.direction = Some(DateMarker::Past);
        assert_eq!(value(&e, p).as_deref(), Some("2021-07"));
        let mut e = expr();
        e.month = Some(10);
        e.day = Some(14);
        assert_eq!(value(&e, None).as_deref(), Some("XXXX-10-14"));
        assert_eq!(value(&e, p).as_deref(), Some("2021-10-14"));
        e.direction = Some(DateMarker::Future);
        assert_eq!(value(&e, p).as_deref(), Some("2022-10-14"));
        let mut e = expr();
        e.month = Some(2);
        e.day = Some(29);
        assert_eq!(
            value(&e, Date::new(2023, 3, 1)).as_deref(),
            Some("XXXX-02-29")
        );
    }

    #[test]
    fn relative_units() {
        let p = Date::new(2025, 1, 15);
        let mut e = expr();
        e.relative_months = Some(-1);
        assert_eq!(value(&e, p).as_deref(), Some("2024-12"));
        let mut e = expr();
        e.relative_weeks = Some(-1);
        assert_eq!(value(&e, p).as_deref(), Some("2025-W02"));
        let mut e = expr();
        e.relative_years = Some(-1);
        assert_eq!(value(&e, p).as_deref(), Some("2024"));
        assert_eq!(value(&e, None), None);
    }

    #[test]
    fn hijri_days_without_a_year() {
        let mut e = expr();
        e.hijri_day = Some((9, 27));
        // 27 Ramadan 1446 was 2025-03-27; seen from 2025-03-01 it is 1445's.
        assert_eq!(
            value(&e, Date::new(2025, 7, 23)).as_deref(),
            Some("2025-03-27")
        );
        assert_eq!(
            value(&e, Date::new(2025, 3, 1)).as_deref(),
            Some("2024-04-06")
        );
        assert_eq!(value(&e, None), None);
    }

    #[test]
    fn never_invents_a_year() {
        let mut e = expr();
        e.weekday = Some(Weekday::Saturday);
        let r = resolve(&e, None);
        assert_eq!(r.value, None);
        assert_eq!(r.weekday, Some(Weekday::Saturday));
        let mut e = expr();
        e.relative_days = Some(-1);
        let r = resolve(&e, None);
        assert_eq!((r.value, r.relative_days), (None, Some(-1)));
    }
}
