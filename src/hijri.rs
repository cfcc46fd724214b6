/*!
Hijri (Umm al-Qura) to Gregorian conversion.

The Umm al-Qura calendar is tabular: each month starts on a day fixed by the
Saudi authorities, so conversion is a table lookup. The table of month starts
lives in `lexicons/`... once it is there; until then no Hijri date converts,
and a Hijri-only date stays unresolved rather than guessed.
*/

use crate::calendar::Date;

/// The Gregorian date of Hijri `year`-`month`-`day`, if the table covers it.
pub fn to_gregorian(_year: i32, _month: u8, _day: u8) -> Option<Date> {
    None
}
