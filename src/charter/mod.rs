//! The charter (`charter.toml`, SPEC 1.1): members, bodies, priorities and
//! programmes, read with exact error positions.

mod calendar;
mod country;
mod file;
mod hours;
mod keys;
mod model;
mod period;
mod validate;
mod zone;

pub use calendar::{HolidayRule, Holidays, Night};
pub use hours::{WorkingDays, WorkingHours};
pub use model::{
    Alliance, Body, CastingVote, Charter, Delegate, DelegateRole, Member, MemberKind, MemberStatus,
    Metric, Priority, Programme, ProgrammeKind, Report, SetBy, Silence, WrittenRules,
};
pub use period::{Period, PeriodLength};
pub use validate::{CharterLoad, References, load_charter, parse_quorum, parse_rule};
pub use zone::{closest_zone, parse_zone};
