//! Turning a parsed `charter.toml` into a [`Charter`], collecting every
//! problem with its position.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::value::Datetime;

use super::calendar::Night;
use super::country::is_iso_country;
use super::file::{
    AllianceFile, BodyFile, DefaultsFile, DelegateFile, MemberFile, PriorityFile, ProgrammeFile,
    SECTIONS,
};
use super::hours::{WorkingDays, WorkingHours, parse_day};
use super::model::{
    Alliance, Body, Charter, Delegate, MAX_VETO_DAYS, Member, Metric, Priority, Programme, Report,
    SetBy, WrittenRules,
};
use super::period::Period;
use super::zone::unknown_zone_message;
use crate::files::{Diagnostic, Document, SourceFile, Validator};
use crate::vote::{Fraction, MajorityRule};

/// What agendas may refer to, known even when the charter has errors, so
/// that agendas are still checked against whatever did parse.
#[derive(Debug, Clone, Default)]
pub struct References {
    /// Body ids with the names of their rules.
    pub bodies: BTreeMap<String, BTreeSet<String>>,
    /// Priority ids.
    pub priorities: BTreeSet<String>,
    /// False when the charter could not even be parsed, so that agendas are
    /// not blamed for ids the charter may well define.
    pub complete: bool,
}

/// The outcome of reading a charter: the charter if it is valid, and every
/// problem found either way.
#[derive(Debug)]
pub struct CharterLoad {
    /// The charter, when there were no problems.
    pub charter: Option<Charter>,
    /// Ids that agendas may use.
    pub references: References,
    /// Every problem, in no particular order.
    pub diagnostics: Vec<Diagnostic>,
}

/// How many distinct wrong names per file get a "did you mean" search: the
/// search compares against every IANA zone, and no more problems than this
/// are printed per file anyway.
const SUGGESTED_NAMES: usize = crate::files::SHOWN_PER_FILE;

/// Reads and validates a charter.
pub fn load_charter(file: &SourceFile) -> CharterLoad {
    let mut doc = Document::parse(file);
    let syntax_ok = doc.syntax_ok();
    let empty = doc.is_empty();
    if empty && syntax_ok {
        doc.error(
            0..0,
            "the charter is empty: it needs at least an [alliance] table and [[members]]",
        );
    }
    let has_alliance = doc.contains("alliance");
    let has_members = doc.contains("members");
    // Members that fail to deserialize are still members as far as bodies
    // and programmes referring to them are concerned.
    let member_ids = doc.element_ids("members");
    let alliance = doc.section::<AllianceFile>("alliance");
    let defaults = doc.section::<DefaultsFile>("defaults");
    let members = doc.sections::<MemberFile>("members");
    let before = doc.diagnostics_count();
    let bodies = doc.sections::<BodyFile>("bodies");
    let priorities = doc.sections::<PriorityFile>("priorities");
    // Agendas cannot be checked against a body or priority that did not read.
    let references_complete = syntax_ok && doc.diagnostics_count() == before;
    let programmes = doc.sections::<ProgrammeFile>("programmes");

    let mut v = Validator::new(doc);
    let alliance = alliance.and_then(|a| v.alliance(a.into_inner()));
    if !has_alliance && !empty && syntax_ok {
        v.error(0..0, "missing [alliance] table (id, name, timezone)");
    }
    if !has_members && !empty && syntax_ok {
        v.error(
            0..0,
            "missing [[members]]: a charter needs at least one member",
        );
    }
    let (hours, days, night) = defaults.map_or(
        (
            Some(WorkingHours::default()),
            Some(WorkingDays::weekdays()),
            Some(Night::default()),
        ),
        |d| {
            let d = d.into_inner();
            (
                d.working_hours
                    .map_or(Some(WorkingHours::default()), |h| v.hours(&h)),
                d.working_days
                    .map_or(Some(WorkingDays::weekdays()), |w| v.days(&w)),
                v.night(d.night.as_ref(), Night::default()),
            )
        },
    );
    let hours = hours
        .unwrap_or_default()
        .with_night(night.unwrap_or_default());
    let days = days.unwrap_or_else(WorkingDays::weekdays);

    let mut member_spans = v.unique_ids(members.iter().map(|m| &m.get_ref().id), "member");
    for id in member_ids {
        member_spans.entry(id).or_insert(0..0);
    }
    super::keys::report_shared(&members, |span, m| v.error(span, m));
    let members: Vec<Member> = members
        .into_iter()
        .filter_map(|m| v.member(m.into_inner(), hours, days))
        .collect();
    let priority_ids = v.unique_ids(priorities.iter().map(|p| &p.get_ref().id), "priority");
    let body_ids = v.unique_ids(bodies.iter().map(|b| &b.get_ref().id), "body");
    v.unique_ids(programmes.iter().map(|p| &p.get_ref().id), "programme");

    let references = References {
        bodies: bodies
            .iter()
            .map(|b| {
                let b = b.get_ref();
                let rules = b
                    .rules
                    .get_ref()
                    .keys()
                    .map(|k| k.get_ref().clone())
                    .collect();
                (b.id.get_ref().clone(), rules)
            })
            .collect(),
        priorities: priority_ids.keys().cloned().collect(),
        complete: references_complete,
    };
    let _ = body_ids;

    let bodies: Vec<Body> = bodies
        .into_iter()
        .filter_map(|b| v.body(b.into_inner(), &member_spans, &members))
        .collect();
    let priorities: Vec<Priority> = priorities
        .into_iter()
        .filter_map(|p| {
            let p = p.into_inner();
            let id = v.id(&p.id, "priority")?;
            let name = v.text(&p.name, "name")?;
            Some(Priority { id, name })
        })
        .collect();
    let programmes: Vec<Programme> = programmes
        .into_iter()
        .filter_map(|p| v.programme(p.into_inner(), &member_spans))
        .collect();

    let doc = v.into_doc();
    let diagnostics = doc.finish(&SECTIONS);
    let charter = match alliance {
        Some(alliance) if diagnostics.is_empty() => Some(Charter {
            alliance,
            members,
            bodies,
            priorities,
            programmes,
        }),
        _ => None,
    };
    CharterLoad {
        charter,
        references,
        diagnostics,
    }
}

impl Validator<'_> {
    fn alliance(&mut self, a: AllianceFile) -> Option<Alliance> {
        let id = self.id(&a.id, "alliance");
        let name = self.text(&a.name, "name");
        let timezone = self.zone(&a.timezone);
        Some(Alliance {
            id: id?,
            name: name?,
            timezone: timezone?,
        })
    }

    /// A zone name; an unknown one gets the closest valid name suggested,
    /// searched once per distinct name and only for the first
    /// [`SUGGESTED_NAMES`] of them, so that a file of unknown names costs
    /// time in proportion to its length.
    fn zone(&mut self, zone: &Spanned<String>) -> Option<chrono_tz::Tz> {
        let name = zone.get_ref();
        match name.parse::<chrono_tz::Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                let message = self.remembered("zone", name, |judged| {
                    unknown_zone_message(name, judged < SUGGESTED_NAMES)
                });
                self.error(zone.span(), message);
                None
            }
        }
    }

    fn hours(&mut self, hours: &Spanned<String>) -> Option<WorkingHours> {
        hours
            .get_ref()
            .parse()
            .map_err(|m: String| self.error(hours.span(), m))
            .ok()
    }

    fn days(&mut self, days: &Spanned<Vec<Spanned<String>>>) -> Option<WorkingDays> {
        let mut set = WorkingDays::NONE;
        let mut valid = true;
        for day in days.get_ref() {
            match parse_day(day.get_ref()) {
                Ok(d) if set.contains(d) => {
                    self.error(day.span(), format!("`{}` is listed twice", day.get_ref()));
                    valid = false;
                }
                Ok(d) => set = set.with(d),
                Err(m) => {
                    self.error(day.span(), m);
                    valid = false;
                }
            }
        }
        if valid && set == WorkingDays::NONE {
            self.error(days.span(), "`working_days` must list at least one day");
            valid = false;
        }
        valid.then_some(set)
    }

    fn member(&mut self, m: MemberFile, hours: WorkingHours, days: WorkingDays) -> Option<Member> {
        let id = self.id(&m.id, "member");
        let name = self.text(&m.name, "name");
        let country = m.country.get_ref();
        if !is_iso_country(country) {
            self.error(
                m.country.span(),
                format!(
                    "`{country}` is not an ISO 3166-1 alpha-2 country code (e.g. `ZA`, `CH`, `AU`)"
                ),
            );
        }
        let timezone = self.zone(&m.timezone);
        let weight = m
            .weight
            .as_ref()
            .map_or(Some(1), |w| self.positive(w, "weight", false));
        let working_hours = m
            .working_hours
            .as_ref()
            .map_or(Some(hours), |h| self.hours(h));
        let working_days = m.working_days.as_ref().map_or(Some(days), |d| self.days(d));
        let night = self.night(m.night.as_ref(), hours.night);
        let holidays = self.holidays(m.holidays.as_ref());
        let blackout: Vec<NaiveDate> = m.blackout.iter().filter_map(|d| self.date(d)).collect();
        let delegates: Vec<Delegate> = m
            .delegates
            .into_iter()
            .filter_map(|d| self.delegate(d))
            .collect();
        Some(Member {
            id: id?,
            name: name?,
            kind: m.kind,
            country: country.clone(),
            timezone: timezone?,
            status: m.status,
            weight: weight?,
            working_hours: working_hours?.with_night(night?),
            working_days: working_days?.with_holidays(holidays?),
            blackout,
            delegates,
        })
    }

    fn date(&mut self, d: &Spanned<Datetime>) -> Option<NaiveDate> {
        let value = d.get_ref();
        match (&value.date, &value.time, &value.offset) {
            (Some(date), None, None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            ),
            _ => {
                self.error(
                    d.span(),
                    format!("`{value}` must be a plain date such as 2026-12-24"),
                );
                None
            }
        }
    }

    fn delegate(&mut self, d: DelegateFile) -> Option<Delegate> {
        let name = self.text(&d.name, "name");
        if let Some(email) = d.email.as_ref().filter(|e| !looks_like_email(e.get_ref())) {
            self.error(
                email.span(),
                format!("`{}` is not an e-mail address", email.get_ref()),
            );
        }
        if let Some((key, Err(m))) = d.ssh_key.as_ref().map(|k| (k, check_ssh_key(k.get_ref()))) {
            self.error(key.span(), m);
        }
        Some(Delegate {
            name: name?,
            email: d.email.map(Spanned::into_inner),
            role: d.role,
            ssh_key: d.ssh_key.map(Spanned::into_inner),
        })
    }

    fn body(
        &mut self,
        b: BodyFile,
        known: &HashMap<String, Range<usize>>,
        members: &[Member],
    ) -> Option<Body> {
        let id = self.id(&b.id, "body");
        let name = self.text(&b.name, "name");
        let listed = b.members.get_ref();
        let everyone = listed.len() == 1 && listed[0].get_ref() == "*";
        let mut named: HashSet<&str> = HashSet::new();
        if !everyone {
            for m in listed {
                if !known.contains_key(m.get_ref()) {
                    self.error(m.span(), format!("unknown member `{}`", m.get_ref()));
                } else if !named.insert(m.get_ref()) {
                    self.error(
                        m.span(),
                        format!("member `{}` is listed twice", m.get_ref()),
                    );
                }
            }
        }
        if listed.is_empty() {
            self.error(
                b.members.span(),
                "a body needs at least one member (or [\"*\"] for all)",
            );
        }
        // Keep charter order, which is how the dashboard and minutes list them.
        let in_body = |id: &str| everyone || named.contains(id);
        let ids: Vec<String> = members
            .iter()
            .filter(|m| in_body(&m.id))
            .map(|m| m.id.clone())
            .collect();
        // Only when every listed member read is "no voting member" the
        // body's own problem rather than a consequence of another one.
        let all_read = if everyone {
            !ids.is_empty()
        } else {
            ids.len() == listed.len()
        };
        if !listed.is_empty()
            && all_read
            && !members
                .iter()
                .any(|m| in_body(&m.id) && m.voting_weight() > 0)
        {
            self.error(
                b.members.span(),
                "a body needs at least one full (voting) member",
            );
        }
        let chair = b.chair.get_ref();
        if !known.contains_key(chair) {
            self.error(b.chair.span(), format!("unknown member `{chair}`"));
        } else if !in_body(chair) {
            self.error(
                b.chair.span(),
                format!("the chair `{chair}` is not a member of this body"),
            );
        }
        let quorum = parse_quorum(b.quorum.get_ref())
            .map_err(|m| self.error(b.quorum.span(), m))
            .ok();
        let max_proxies = b
            .max_proxies
            .as_ref()
            .map_or(Some(1), |n| self.positive(n, "max_proxies", true));
        let mut rules = BTreeMap::new();
        for (kind, rule) in b.rules.get_ref() {
            self.id(kind, "rule");
            match parse_rule(rule.get_ref()) {
                Ok(r) => {
                    rules.insert(kind.get_ref().clone(), r);
                }
                Err(m) => self.error(rule.span(), m),
            }
        }
        let veto_days = b.minutes.as_ref().map(|m| self.veto_days(&m.veto_days));
        if !b.rules.get_ref().keys().any(|k| k.get_ref() == "default") {
            self.error(b.rules.span(), "[bodies.rules] needs a `default` rule");
        }
        let written = b.written.map(|w| {
            if let Some(rule) = &w.rule
                && b.rules.get_ref().keys().all(|k| k.get_ref() != rule.get_ref())
            {
                let known: Vec<String> = b
                    .rules
                    .get_ref()
                    .keys()
                    .map(|k| format!("`{}`", k.get_ref()))
                    .collect();
                self.error(
                    rule.span(),
                    format!(
                        "[bodies.written] `rule` must be a key of this body's [bodies.rules]: `{}` is not one of {}",
                        rule.get_ref(),
                        known.join(", ")
                    ),
                );
            }
            WrittenRules {
                rule: w.rule.map(Spanned::into_inner),
                silence: w.silence,
            }
        });
        Some(Body {
            id: id?,
            name: name?,
            members: ids,
            chair: chair.clone(),
            quorum: quorum?,
            quorum_basis: b.quorum_basis,
            casting_vote: b.casting_vote,
            max_proxies: max_proxies?,
            rules,
            written: written.unwrap_or_default(),
            veto_days: veto_days.map_or(Some(None), |d| d.map(Some))?,
        })
    }

    /// `veto_days`: a whole number of days from 1 to [`MAX_VETO_DAYS`].
    fn veto_days(&mut self, n: &Spanned<i64>) -> Option<u32> {
        match u32::try_from(*n.get_ref()) {
            Ok(days) if (1..=MAX_VETO_DAYS).contains(&days) => Some(days),
            _ => {
                self.error(
                    n.span(),
                    format!(
                        "`veto_days` must be a whole number of days from 1 to {MAX_VETO_DAYS}, not {}",
                        n.get_ref()
                    ),
                );
                None
            }
        }
    }

    fn programme(
        &mut self,
        p: ProgrammeFile,
        known: &HashMap<String, Range<usize>>,
    ) -> Option<Programme> {
        let id = self.id(&p.id, "programme");
        let name = self.text(&p.name, "name");
        if !known.contains_key(p.lead.get_ref()) {
            self.error(
                p.lead.span(),
                format!("unknown member `{}`", p.lead.get_ref()),
            );
        }
        let mut metrics = BTreeMap::new();
        for (key, value) in &p.metrics {
            if let Some(m) = self.metric(key, value) {
                metrics.insert(key.clone(), m);
            }
        }
        let reports = self.reports(&p);
        Some(Programme {
            id: id?,
            kind: p.kind,
            name: name?,
            lead: p.lead.into_inner(),
            metrics,
            reports,
        })
    }

    /// A metric's value: a finite number.
    fn metric(&mut self, key: &str, value: &Spanned<toml::Value>) -> Option<Metric> {
        match value.get_ref() {
            toml::Value::Integer(i) => Some(Metric::Integer(*i)),
            toml::Value::Float(f) if f.is_finite() => Some(Metric::Decimal(*f)),
            toml::Value::Float(f) => {
                self.error(
                    value.span(),
                    format!("metric `{key}` must be a finite number, not {f}"),
                );
                None
            }
            other => {
                self.error(
                    value.span(),
                    format!(
                        "metric `{key}` must be a number, not a {}",
                        other.type_str()
                    ),
                );
                None
            }
        }
    }

    /// A programme's `[[programmes.reports]]`: periods well-formed and
    /// unique, numbers finite, and each metric name either used elsewhere
    /// in the programme or unlike every name it uses (so a misspelling is
    /// caught while a newly measured figure is not).
    fn reports(&mut self, p: &ProgrammeFile) -> Vec<Report> {
        // How many places (the snapshot, each period) name each metric.
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for key in p.metrics.keys() {
            *uses.entry(key.as_str()).or_default() += 1;
        }
        for r in &p.reports {
            for (key, _) in &r.get_ref().metrics {
                *uses.entry(key.get_ref().as_str()).or_default() += 1;
            }
        }
        let misspelt = |name: &str| -> Option<&str> {
            if uses.get(name).copied().unwrap_or(0) > 1 {
                return None;
            }
            crate::files::closest(name, uses.keys().copied().filter(|k| *k != name))
        };
        let mut seen: HashMap<Period, Range<usize>> = HashMap::new();
        let mut reports = Vec::new();
        for r in &p.reports {
            let span = r.span();
            let r = r.get_ref();
            let period = match &r.period {
                None => {
                    self.error(
                        span.start..span.start,
                        "a [[programmes.reports]] entry needs a `period` such as \"2026\"",
                    );
                    None
                }
                Some(text) => match Period::parse(text.get_ref()) {
                    Err(m) => {
                        self.error(text.span(), m);
                        None
                    }
                    Ok(period) => match seen.get(&period) {
                        Some(first) => {
                            let line = self.doc.file().line_of(first.start);
                            self.error(
                                text.span(),
                                format!(
                                    "period `{period}` is reported twice for this programme (first on line {line})"
                                ),
                            );
                            None
                        }
                        None => {
                            seen.insert(period, text.span());
                            Some(period)
                        }
                    },
                },
            };
            let mut metrics = BTreeMap::new();
            for (key, value) in &r.metrics {
                let name = key.get_ref();
                if let Some(meant) = misspelt(name) {
                    self.error(
                        key.span(),
                        format!(
                            "metric `{name}` appears in no other period of this programme (did you mean `{meant}`?)"
                        ),
                    );
                }
                if let Some(m) = self.metric(name, value) {
                    metrics.insert(name.clone(), m);
                }
            }
            let mut targets = BTreeMap::new();
            let mut set_by = None;
            if let Some(t) = &r.targets {
                let t = t.get_ref();
                for (key, value) in &t.metrics {
                    let name = key.get_ref();
                    if !uses.contains_key(name.as_str()) {
                        let hint = crate::files::did_you_mean(name, uses.keys().copied());
                        self.error(
                            key.span(),
                            format!(
                                "target for `{name}`, a metric this programme never reports{hint}"
                            ),
                        );
                    }
                    if let Some(m) = self.metric(name, value) {
                        targets.insert(name.clone(), m);
                    }
                }
                set_by = t.set_by.as_ref().and_then(|s| self.set_by(s));
            }
            if let Some(period) = period {
                reports.push(Report {
                    period,
                    metrics,
                    targets,
                    set_by,
                });
            }
        }
        reports.sort_by_key(|r| r.period);
        reports
    }

    /// `set_by = "MEETING/ITEM"`, both valid ids; whether they exist is
    /// checked once the agendas are read (`Workspace::load`).
    fn set_by(&mut self, text: &Spanned<String>) -> Option<SetBy> {
        let value = text.get_ref();
        let ids = |t: &str| {
            !t.is_empty()
                && t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        match value.split_once('/') {
            Some((meeting, item)) if ids(meeting) && ids(item) => Some(SetBy {
                meeting: meeting.to_owned(),
                item: item.to_owned(),
                span: text.span(),
            }),
            _ => {
                self.error(
                    text.span(),
                    format!(
                        "`set_by` must name a meeting and an item as `MEETING/ITEM`, such as `2027-03-steering/budget-2027`, not `{value}`"
                    ),
                );
                None
            }
        }
    }
}

/// Parses a quorum such as `1/2` or `2/3` into an exact fraction in (0, 1].
pub fn parse_quorum(text: &str) -> Result<Fraction, String> {
    let malformed = || format!("quorum `{text}` must be a fraction such as `1/2` or `2/3`");
    let (n, d) = text.split_once('/').ok_or_else(malformed)?;
    let numerator: u32 = n.trim().parse().map_err(|_| malformed())?;
    let denominator: u32 = d.trim().parse().map_err(|_| malformed())?;
    if numerator == 0 || denominator == 0 || numerator > denominator {
        return Err(format!("quorum `{text}` must be more than 0 and at most 1"));
    }
    Fraction::new(numerator, denominator).map_err(|e| e.to_string())
}

/// Parses a majority rule name.
pub fn parse_rule(text: &str) -> Result<MajorityRule, String> {
    const RULES: [MajorityRule; 6] = [
        MajorityRule::Simple,
        MajorityRule::Absolute,
        MajorityRule::TwoThirds,
        MajorityRule::Unanimous,
        MajorityRule::Consensus,
        MajorityRule::Double,
    ];
    RULES.into_iter().find(|r| r.name() == text).ok_or_else(|| {
        let names: Vec<String> = RULES.iter().map(|r| format!("`{}`", r.name())).collect();
        format!(
            "unknown majority rule `{text}`, expected one of {}",
            names.join(", ")
        )
    })
}

fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn check_ssh_key(text: &str) -> Result<(), String> {
    const TYPES: [&str; 7] = [
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    ];
    let mut parts = text.split_whitespace();
    let kind = parts.next().unwrap_or("");
    let blob = parts.next().unwrap_or("");
    if !TYPES.contains(&kind) {
        return Err(format!(
            "`ssh_key` must be an OpenSSH public key such as `ssh-ed25519 AAAA... name`; `{kind}` is not a key type"
        ));
    }
    let base64 = blob.len() >= 16
        && blob
            .trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    if !base64 {
        return Err("`ssh_key` has no valid key data after its type".to_owned());
    }
    Ok(())
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
