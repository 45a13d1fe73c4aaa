//! Exporting a journey to a runtime's format: the use case `waymark export` and the app's Export
//! dialog share. A stored version carries its number and review status into the output (the
//! plan's `source`, a comment in the other formats); a file exported as it is carries neither.

use waymark_core::JourneyDocument;
use waymark_core::export::{Format, Refusal, Source, export};
use waymark_store::{Result, Store, VersionInfo};

/// A journey exported to one format.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct Exported {
    pub journey: String,
    /// The stored version exported; `None` for a file.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Its review status when it was exported (`draft`, `approved`, ...).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub format: String,
    /// The file name to suggest: `<journey>-v<N>.<extension>`.
    pub file_name: String,
    pub text: String,
}

/// A stored version's number and status, as the exporters name them.
pub fn source(info: Option<&VersionInfo>) -> Source {
    Source { version: info.map(|v| v.number), status: info.map(|v| v.status.name().to_owned()) }
}

/// Exports a document; `info` is the stored version it is, if it is one. A journey the format
/// cannot take (validation errors, or something the runtime cannot express) is refused with
/// the reasons and the steps they concern.
pub fn export_document(
    document: &JourneyDocument,
    info: Option<&VersionInfo>,
    format: Format,
) -> std::result::Result<Exported, Refusal> {
    let text = export(document, format, &source(info))?;
    let version = info.map(|v| v.number);
    let file_name = match version {
        Some(number) => format!("{}-v{number}.{}", document.id, format.extension()),
        None => format!("{}.{}", document.id, format.extension()),
    };
    Ok(Exported {
        journey: document.id.clone(),
        version,
        status: info.map(|v| v.status.name().to_owned()),
        format: format.name().to_owned(),
        file_name,
        text,
    })
}

/// Exports a stored version (the newest when `number` is `None`). The outer error is for a
/// journey or version that is not there; the inner one is the format's refusal.
pub fn export_version(
    store: &Store,
    journey: &str,
    number: Option<u32>,
    format: Format,
) -> Result<std::result::Result<Exported, Refusal>> {
    let (info, document) = store.version(journey, number)?;
    Ok(export_document(&document, Some(&info), format))
}

/// "`onboarding` version 3 (approved)", or "`onboarding` from a file (not a stored version)".
pub fn describe(exported: &Exported) -> String {
    match (exported.version, &exported.status) {
        (Some(number), Some(status)) => {
            format!("`{}` version {number} ({})", exported.journey, status.replace('_', " "))
        }
        _ => format!("`{}` from a file (not a stored version)", exported.journey),
    }
}
