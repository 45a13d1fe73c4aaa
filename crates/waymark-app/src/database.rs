//! Where the database lives and how a new one starts: the default path in the user's data
//! directory, created and seeded with the example journeys on first use. The CLI and the app
//! open the same database the same way.

use std::path::{Path, PathBuf};

use waymark_store::{Result, Store, StoreError};

/// Opens the database at `path`, or the default one: `waymark/waymark.db` in the user's data
/// directory, created and seeded with the example journeys on first use. The CLI and the app
/// share it.
pub fn open_database(path: Option<&Path>) -> Result<Store> {
    if let Some(path) = path {
        return Store::open(path);
    }
    let path = default_database().ok_or_else(|| StoreError::Open {
        path: "waymark.db".into(),
        source: rusqlite::Error::InvalidPath("no data directory".into()),
    })?;
    if let Some(dir) = path.parent() {
        // A failure here shows up, with the path, when the database is opened.
        let _ = std::fs::create_dir_all(dir);
    }
    let new = !path.exists();
    let mut store = Store::open(&path)?;
    if new {
        store.seed(&waymark_core::examples::documents(), "waymark")?;
    }
    Ok(store)
}

/// Where the default database lives, if the platform has a data directory.
pub fn default_database() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("waymark").join("waymark.db"))
}
