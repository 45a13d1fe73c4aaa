//! The journey's own sections: metadata (id, name, description), re-entry, goals, exit criteria,
//! each policy, declared attributes, and the canvas view and notes. (The trigger lives on the
//! entry node and is compared with it; node positions are compared with their nodes.)
//!
//! Frequency caps have no name in the file: a cap is known by its channel and its window, so
//! raising the email cap over 7 days from 2 to 3 is one change of `max`, and writing its window
//! as `P1W` instead of `P7D` is none.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::value::{Found, changes, same, sorted};
use super::{Impact, Section, SettingChange};
use crate::duration::IsoDuration;
use crate::model::{FrequencyCap, JourneyDocument};

const CAPS: &str = "settings.policies.frequency_caps";

/// The settings, metadata and layout elements that differ, metadata first.
pub fn diff_settings(old: &JourneyDocument, new: &JourneyDocument) -> Vec<SettingChange> {
    let mut found = Vec::new();
    for (field, a, b) in [("id", &old.id, &new.id), ("name", &old.name, &new.name)] {
        changes(field, field, &json!(a), &json!(b), &mut found);
    }
    let text = |s: &str| if s.is_empty() { Value::Null } else { json!(s) };
    changes("description", "description", &text(&old.description), &text(&new.description), &mut found);
    changes("settings", "settings", &settings(old), &settings(new), &mut found);
    cap_changes(&old.settings.policies.frequency_caps, &new.settings.policies.frequency_caps, &mut found);
    let viewport = |d: &JourneyDocument| d.layout.viewport.map_or(Value::Null, |v| sorted(&json!(v)));
    let (a, b) = (viewport(old), viewport(new));
    if !same("viewport", &a, &b) {
        found.push(Found { path: "layout.viewport".to_owned(), old: a, new: b });
    }
    changes("layout.notes", "notes", &json!(old.layout.notes), &json!(new.layout.notes), &mut found);
    let mut settings: Vec<SettingChange> = found
        .into_iter()
        .map(|f| {
            let section = section_of(&f.path);
            let impact = match section {
                Section::Metadata | Section::Attributes | Section::Layout => Impact::Cosmetic,
                _ => Impact::Behavioural,
            };
            SettingChange { section, impact, path: f.path, old: f.old, new: f.new }
        })
        .collect();
    // Sections in the order the journey's settings are shown; a stable sort keeps paths in order.
    settings.sort_by_key(|s| s.section);
    settings
}

/// The section a settings path belongs to.
pub fn section_of(path: &str) -> Section {
    let prefixes = [
        ("settings.reentry", Section::Reentry),
        ("settings.goals", Section::Goals),
        ("settings.exit_criteria", Section::ExitCriteria),
        (CAPS, Section::FrequencyCaps),
        ("settings.policies.quiet_hours", Section::QuietHours),
        ("settings.policies.min_gap", Section::MinGap),
        ("settings.policies.consent_required", Section::Consent),
        ("settings.policies.priority", Section::Priority),
        ("settings.attributes", Section::Attributes),
        ("layout", Section::Layout),
    ];
    prefixes.iter().find(|(prefix, _)| path.starts_with(prefix)).map_or(Section::Metadata, |(_, section)| *section)
}

/// The settings without the frequency caps, which are compared by channel and window.
fn settings(document: &JourneyDocument) -> Value {
    let mut value = serde_json::to_value(&document.settings).expect("settings serialize");
    if let Some(policies) = value.get_mut("policies").and_then(Value::as_object_mut) {
        policies.remove("frequency_caps");
    }
    value
}

fn cap_changes(old: &[FrequencyCap], new: &[FrequencyCap], found: &mut Vec<Found>) {
    let (before, after) = (caps(old), caps(new));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (a, b) = (before.get(key).unwrap_or(&Value::Null), after.get(key).unwrap_or(&Value::Null));
        changes(&format!("{CAPS}[{key}]"), "", a, b, found);
    }
}

/// Each cap by its name: `email per 7 days`, `all channels per 1 day`, `#2` added for a repeat.
fn caps(list: &[FrequencyCap]) -> BTreeMap<String, Value> {
    let mut caps = BTreeMap::new();
    for cap in list {
        let channel = cap.channel.map_or("all channels", |c| c.name());
        let base = format!("{channel} per {}", normalized(&cap.window).humanize());
        let mut name = base.clone();
        let mut count = 1;
        while caps.contains_key(&name) {
            count += 1;
            name = format!("{base}#{count}");
        }
        caps.insert(name, sorted(&json!(cap)));
    }
    caps
}

/// A window in the largest unit among days, hours, minutes and seconds that expresses it
/// exactly, so that `P1W`, `P7D` and `PT168H` name the same cap.
fn normalized(window: &IsoDuration) -> IsoDuration {
    let seconds = window.seconds().unsigned_abs();
    let mut normal = IsoDuration { negative: window.seconds() < 0, ..IsoDuration::default() };
    let amount = |unit: u64| u32::try_from(seconds / unit).unwrap_or(u32::MAX);
    match seconds {
        s if s % 86_400 == 0 && s > 0 => normal.days = amount(86_400),
        s if s % 3_600 == 0 && s > 0 => normal.hours = amount(3_600),
        s if s % 60 == 0 && s > 0 => normal.minutes = amount(60),
        _ => normal.seconds = amount(1),
    }
    normal
}
