//! The set of generated files and how they reach the disk: compared first, written only
//! when changed, atomically (temp file + rename), with stale files reported or removed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Generated files by path relative to an output root, in a deterministic order.
#[derive(Debug, Default, Clone)]
pub struct OutputSpace {
    files: BTreeMap<String, String>,
}

/// What differs between an [`OutputSpace`] and the disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents differ.
    pub stale: Vec<PathBuf>,
    /// Files that should exist and do not.
    pub missing: Vec<PathBuf>,
    /// Files on disk that regen would not write.
    pub extra: Vec<PathBuf>,
}

impl Drift {
    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl OutputSpace {
    /// Adds a file; a second file at the same path is a generator bug.
    pub fn add(&mut self, path: impl Into<String>, contents: String) {
        let path = path.into();
        let previous = self.files.insert(path.clone(), contents);
        assert!(previous.is_none(), "generator wrote {path} twice");
    }

    /// The files, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }

    /// One file's contents.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Compares with the files under `root` (which this space owns entirely; `root` may
    /// be missing). Only files with the given extensions count as extra.
    pub fn drift(&self, root: &Path, owned_ext: &[&str]) -> std::io::Result<Drift> {
        let mut drift = Drift::default();
        for (rel, contents) in &self.files {
            let path = root.join(rel);
            match std::fs::read_to_string(&path) {
                Ok(on_disk) if on_disk == *contents => {}
                Ok(_) => drift.stale.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.missing.push(path),
                Err(e) => return Err(e),
            }
        }
        for path in walk(root)? {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let owned = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| owned_ext.contains(&e));
            if owned && !self.files.contains_key(&rel) {
                drift.extra.push(path);
            }
        }
        Ok(drift)
    }

    /// Makes `root` match this space: writes changed files atomically and removes extra
    /// ones. Returns the paths it touched.
    pub fn write(&self, root: &Path, owned_ext: &[&str]) -> std::io::Result<Vec<PathBuf>> {
        let drift = self.drift(root, owned_ext)?;
        let mut touched = Vec::new();
        for path in drift.stale.iter().chain(&drift.missing) {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            write_atomic(path, self.files[&rel].as_bytes())?;
            touched.push(path.clone());
        }
        for path in &drift.extra {
            std::fs::remove_file(path)?;
            touched.push(path.clone());
        }
        Ok(touched)
    }
}

/// Writes via a temporary file in the same folder and a rename, so readers never see a
/// half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.regen-{}.tmp", std::process::id()));
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn walk(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in rd {
            let path = entry?.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
