/*!
The closed vocabularies of the record (`taxonomy.md`) and of the lexicon
files, as enums.

Strings exist only at the edges: lexicon cells are parsed into these enums at
load time, and `as_str` turns them back into the record's spelling in
`record.rs`.
*/

use std::fmt;

/// Declares a string-backed enum with `parse`, `as_str` and `ALL`.
macro_rules! str_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in lexicons and records.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the spelling used in lexicons and records.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted spellings, for error messages.
            pub fn expected() -> String {
                [$($text),+].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

str_enum!(
    /// Cause categories (taxonomy.md).
    CauseCategory {
        Power = "power",
        Weather = "weather",
        Fire = "fire",
        Hardware = "hardware",
        Network = "network",
        Storage = "storage",
        SoftwareBug = "software_bug",
        Configuration = "configuration",
        Update = "update",
        Overload = "overload",
        Cyberattack = "cyberattack",
        ThirdParty = "third_party",
        InternalSystems = "internal_systems",
        CableCut = "cable_cut",
        Government = "government",
    }
);

str_enum!(
    /// How sure the text is of a cause.
    CauseStatus {
        Confirmed = "confirmed",
        Suspected = "suspected",
        Claimed = "claimed",
        RuledOut = "ruled_out",
    }
);

str_enum!(
    /// What a count counts. The first five can be affected counts; the rest
    /// never are.
    Unit {
        Users = "users",
        Reports = "reports",
        Accounts = "accounts",
        Countries = "countries",
        Businesses = "businesses",
        Followers = "followers",
        Downloads = "downloads",
        Servers = "servers",
        Devices = "devices",
        Money = "money",
        Percent = "percent",
        Other = "other",
    }
);

impl Unit {
    /// Units that can describe the people or reports an outage affected.
    pub fn can_be_affected(self) -> bool {
        matches!(
            self,
            Unit::Users | Unit::Reports | Unit::Accounts | Unit::Countries | Unit::Businesses
        )
    }
}

str_enum!(
    /// Qualifiers of quantities and durations.
    Qualifier {
        Exact = "exact",
        Approx = "approx",
        MoreThan = "more_than",
        LessThan = "less_than",
        UpTo = "up_to",
        AtLeast = "at_least",
        Vague = "vague",
    }
);

str_enum!(
    /// Days of the week.
    Weekday {
        Monday = "monday",
        Tuesday = "tuesday",
        Wednesday = "wednesday",
        Thursday = "thursday",
        Friday = "friday",
        Saturday = "saturday",
        Sunday = "sunday",
    }
);

impl Weekday {
    /// 0 = Monday ... 6 = Sunday.
    pub fn index(self) -> i64 {
        self as i64
    }

    pub fn from_index(i: i64) -> Weekday {
        Weekday::ALL[i.rem_euclid(7) as usize]
    }
}

str_enum!(
    /// Where a qualifier word stands relative to its number.
    Position {
        Before = "before",
        After = "after",
    }
);

str_enum!(
    /// Kinds of number words in `numbers.tsv`.
    NumberKind {
        Unit = "unit",
        Teen = "teen",
        Ten = "ten",
        Hundred = "hundred",
        Scale = "scale",
        ScaleDual = "scale_dual",
        ScalePlural = "scale_plural",
        Fraction = "fraction",
        Vague = "vague",
        Ordinal = "ordinal",
    }
);

str_enum!(
    /// Calendars and naming systems of month names.
    MonthSystem {
        Egypt = "egypt",
        Levant = "levant",
        Maghreb = "maghreb",
        Morocco = "morocco",
        Latin = "latin",
        Hijri = "hijri",
    }
);

str_enum!(
    /// Parts of the day.
    DayPart {
        Dawn = "dawn",
        Morning = "morning",
        Noon = "noon",
        Afternoon = "afternoon",
        Evening = "evening",
        Night = "night",
        Midnight = "midnight",
        /// Noon itself («منتصف النهار»): a clock time on its own, read
        /// like «ظهرا» after an hour.
        Midday = "midday",
    }
);

str_enum!(
    /// Units of durations.
    DurationUnit {
        Second = "second",
        Minute = "minute",
        Hour = "hour",
        Day = "day",
        Week = "week",
        Month = "month",
        Year = "year",
    }
);

impl DurationUnit {
    pub fn seconds(self) -> f64 {
        match self {
            DurationUnit::Second => 1.0,
            DurationUnit::Minute => 60.0,
            DurationUnit::Hour => 3600.0,
            DurationUnit::Day => 86400.0,
            DurationUnit::Week => 604800.0,
            DurationUnit::Month => 2_592_000.0,
            DurationUnit::Year => 31_536_000.0,
        }
    }
}

str_enum!(
    /// Grammatical number of a duration-unit word.
    UnitCount {
        One = "1",
        Two = "2",
        Many = "n",
    }
);

str_enum!(
    /// Roles of words around platform names (`platform_cues.tsv`).
    PlatformCue {
        Service = "service",
        Channel = "channel",
        Source = "source",
        Owner = "owner",
        Competitor = "competitor",
        /// Says a service kept working («لم يتأثر»).
        Unaffected = "unaffected",
        /// A statement word (تغريدة, منشور, كتب): with a preposition before a
        /// name, the name is where the statement was posted.
        Statement = "statement",
        /// A preposition that introduces a channel (على, عبر).
        Via = "via",
        /// Opens an aside of examples («ومنها», «من بينها»): a clause right
        /// after the aside's closing comma is said of its names.
        Including = "including",
        /// «في حين», «بينما» (whereas): the clause after it sets something
        /// else against the names before it, so a denial there is not theirs.
        Whereas = "whereas",
    }
);

str_enum!(
    /// Guards on ambiguous platform names.
    Guard {
        Cue = "cue",
        Case = "case",
    }
);

str_enum!(
    /// Kinds of region surfaces.
    RegionKind {
        Country = "country",
        Demonym = "demonym",
        City = "city",
        Area = "area",
    }
);

str_enum!(
    /// Words that bind or qualify a cause (`cause_cues.tsv`).
    CauseCue {
        Connective = "connective",
        Confirmed = "confirmed",
        Suspected = "suspected",
        Claimed = "claimed",
        RuledOut = "ruled_out",
        Unknown = "unknown",
        Generic = "generic",
        /// Turns the sentence: a ruling-out or a hedge before it does not
        /// reach a cause after it («ليس هجوماً بل خلل برمجي»).
        Contrast = "contrast",
        /// Something the operator guards against («لتفادي أي ضغط
        /// مفاجئ»): the cause right after it did not happen.
        Avoided = "avoided",
        /// The response to the outage («باشرت الفرق الفنية أعمال الصيانة»):
        /// the works right after it are the repair, not the cause.
        Remedy = "remedy",
        /// What surrounded the outage («وسط موجة حر», amid a heat wave):
        /// the cause right after it is the setting, not the cause.
        Circumstance = "circumstance",
        /// «بعد» (after): a cause connective only when a cause phrase follows
        /// it directly («انقطع الإنترنت بعد انهيار الشبكة الكهربائية»).
        After = "after",
        /// A word that points back to a cause just named («ذلك», «هذه
        /// الفرضية»): a ruling-out before it excludes that cause
        /// («اشتبهوا في هجوم، لكنهم استبعدوا ذلك»).
        Anaphor = "anaphor",
    }
);

str_enum!(
    /// Words about the outage itself (`outage_cues.tsv`).
    OutageCue {
        Outage = "outage",
        Restored = "restored",
        Ongoing = "ongoing",
        Past = "past",
        Denial = "denial",
        Future = "future",
        /// The failure of one more service in the same outage («أيضاً»,
        /// «هو الآخر»).
        Also = "also",
        /// A verb of denial: with an outage word right after it, quotes
        /// allowed, the pair is a denial («تنفي "انقطاعا شاملا"»).
        Deny = "deny",
    }
);

str_enum!(
    /// How a boilerplate pattern matches a line.
    BoilerplateMatch {
        Line = "line",
        Prefix = "prefix",
        Tail = "tail",
    }
);

str_enum!(
    /// Words that say what a count is (`count_cues.tsv`).
    CountCue {
        /// A user base or market size, not an affected count.
        Base = "base",
        /// The whole a count is part of ("من أصل"): the figure after it is
        /// a base, the one before it is not.
        Total = "total",
        /// The peak of the incident.
        Peak = "peak",
        /// A later, smaller figure ("انخفض إلى").
        Decline = "decline",
        /// Introduces a figure without its noun ("عدد البلاغات").
        Counted = "counted",
        /// Says the counted were affected ("المتضررين", "حُرم").
        Affected = "affected",
        /// A rise from one figure to another ("ارتفع").
        Rise = "rise",
        /// Makes the number after it a label, not a count ("رقم", "المادة").
        Label = "label",
        /// A word that may follow a count without being its noun ("في", "عبر").
        Link = "link",
        /// A market rank ("أكبر مشغل"): a count later in its clause is the
        /// ranked company's size.
        Rank = "rank",
    }
);

str_enum!(
    /// Words around durations (`duration_cues.tsv`).
    DurationCue {
        /// The outage lasted this long (استمر, دام, لمدة).
        Lasted = "lasted",
        /// A window in which something was counted or promised (خلال, في غضون).
        Window = "window",
        /// A delay or an interval (بعد, قبل).
        Delay = "delay",
        /// Elapsed since a start (منذ).
        Since = "since",
        /// Right after a duration: counted from the outage's start («بعد
        /// خمس ساعات من بدء العطل»).
        FromStart = "from_start",
        /// An estimate (قد يستغرق).
        Estimate = "estimate",
        /// A compensation period (تعويض, مجانا): what customers get, not
        /// how long the outage lasted.
        Compensation = "compensation",
        /// A recurring window (يوميا, كل يوم): how long each daily cut of a
        /// schedule lasts, not one outage.
        Recurring = "recurring",
    }
);

str_enum!(
    /// Words around dates (`date_markers.tsv`).
    DateMarker {
        Past = "past",
        Future = "future",
        Current = "current",
        Dateline = "dateline",
        Year = "year",
        Month = "month",
        Day = "day",
        Week = "week",
        Link = "link",
        Hour = "hour",
        /// The first day of a month (فاتح, غرة).
        First = "first",
        /// Opens a span of time (من الساعة, بين).
        From = "from",
        /// Closes a span of time (حتى, إلى, لغاية).
        Until = "until",
        /// Counts back from publication (قبل يومين).
        Ago = "ago",
        /// A part of a month an ordinal counts («النصف الثاني من رمضان»,
        /// «الأسبوع الأول من مارس»): the ordinal is then no day.
        Part = "part",
        /// Opens a byline («كتب:», «بقلم»): the words after it on a dateline
        /// are the writer's name.
        Byline = "byline",
    }
);

str_enum!(
    /// Clitic roles in `clitics.tsv`.
    CliticRole {
        Conj = "conj",
        Prep = "prep",
        Det = "det",
        PrepDet = "prep+det",
    }
);
