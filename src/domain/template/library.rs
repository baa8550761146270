//! The template library: every version of every template. Versions are
//! immutable once stored; a new version is made only when the content hash
//! changes, and a version used by an inspection is never deleted.

use super::import::{parse_template_json, ImportError, ImportLimits};
use super::{content_hash, Template, TemplateRef};
use crate::domain::error::DomainError;
use crate::domain::ids::TemplateId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// All stored template versions, by id, each list sorted by version.
///
/// Each version's content hash is computed once when it enters the library:
/// `resolve` runs on every answer and every progress count, and hashing a
/// 100-item template each time made answering slow. Versions never change
/// once stored, so the cached hash stays true.
#[derive(Debug, Clone, Default)]
pub struct TemplateLibrary {
    templates: BTreeMap<TemplateId, Vec<Template>>,
    hashes: BTreeMap<(TemplateId, u32), String>,
}

impl PartialEq for TemplateLibrary {
    fn eq(&self, other: &Self) -> bool {
        self.templates == other.templates
    }
}
impl Eq for TemplateLibrary {}

// Serialised as the plain map of versions (the hash cache is derived).
impl Serialize for TemplateLibrary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.templates.serialize(s)
    }
}
impl<'de> Deserialize<'de> for TemplateLibrary {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let templates = BTreeMap::<TemplateId, Vec<Template>>::deserialize(d)?;
        let mut lib = Self {
            templates,
            hashes: BTreeMap::new(),
        };
        lib.rehash_all();
        Ok(lib)
    }
}

/// Result of [`TemplateLibrary::save_new_version`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SaveOutcome {
    /// Stored as this new version.
    Saved {
        /// The new version number.
        version: u32,
    },
    /// Same content as the latest version; nothing stored.
    Unchanged {
        /// The latest version, still current.
        version: u32,
    },
}

/// What to do when an imported template's id already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClashPolicy {
    /// Refuse with [`ImportError::IdClash`].
    Reject,
    /// Store it as the next version of the existing template (if changed).
    NewVersion,
}

impl TemplateLibrary {
    /// Empty library.
    pub fn new() -> Self {
        Self::default()
    }

    fn rehash_all(&mut self) {
        self.hashes = self
            .templates
            .values()
            .flatten()
            .map(|t| ((t.id.clone(), t.version), content_hash(t)))
            .collect();
    }

    fn rehash(&mut self, id: &TemplateId) {
        self.hashes.retain(|(i, _), _| i != id);
        for t in self.templates.get(id).map(Vec::as_slice).unwrap_or(&[]) {
            self.hashes
                .insert((t.id.clone(), t.version), content_hash(t));
        }
    }

    /// The content hash of one stored version (computed when it was stored).
    pub fn hash_of(&self, id: &TemplateId, version: u32) -> Option<&str> {
        self.hashes.get(&(id.clone(), version)).map(String::as_str)
    }

    /// Puts back all stored versions of one template exactly as stored,
    /// without validation: a version an inspection is pinned to must never be
    /// dropped because today's rules are stricter than when it was saved.
    pub fn put_stored_versions(&mut self, id: TemplateId, mut versions: Vec<Template>) {
        versions.sort_by_key(|t| t.version);
        versions.dedup_by_key(|t| t.version);
        self.templates.insert(id.clone(), versions);
        self.rehash(&id);
    }

    /// Every template id.
    pub fn ids(&self) -> impl Iterator<Item = &TemplateId> {
        self.templates.keys()
    }

    /// All versions of a template, oldest first.
    pub fn versions(&self, id: &TemplateId) -> &[Template] {
        self.templates.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The newest version.
    pub fn latest(&self, id: &TemplateId) -> Option<&Template> {
        self.templates.get(id).and_then(|v| v.last())
    }

    /// One exact version.
    pub fn get(&self, id: &TemplateId, version: u32) -> Option<&Template> {
        self.versions(id).iter().find(|t| t.version == version)
    }

    /// The version a reference pins, checking its content hash.
    pub fn resolve(&self, r: &TemplateRef) -> Result<&Template, DomainError> {
        let t = self
            .get(&r.id, r.version)
            .ok_or_else(|| DomainError::TemplateNotFound {
                id: r.id.clone(),
                version: r.version,
            })?;
        let hash = match self.hash_of(&r.id, r.version) {
            Some(h) => h.to_string(),
            None => content_hash(t),
        };
        if hash != r.hash {
            return Err(DomainError::TemplateHashMismatch {
                id: r.id.clone(),
                version: r.version,
            });
        }
        Ok(t)
    }

    /// Stores a template version as given (built-ins, restores). Valid
    /// templates only. Re-inserting identical content is a no-op; the same
    /// id and version with other content is refused.
    pub fn insert(&mut self, t: Template) -> Result<(), DomainError> {
        let errs = t.validate();
        if !errs.is_empty() {
            return Err(DomainError::InvalidTemplate { errors: errs });
        }
        let list = self.templates.entry(t.id.clone()).or_default();
        if let Some(existing) = list.iter().find(|x| x.version == t.version) {
            if content_hash(existing) == content_hash(&t) {
                return Ok(());
            }
            return Err(DomainError::TemplateVersionClash {
                id: t.id.clone(),
                version: t.version,
            });
        }
        let hash = content_hash(&t);
        self.hashes.insert((t.id.clone(), t.version), hash);
        list.push(t);
        list.sort_by_key(|x| x.version);
        Ok(())
    }

    /// Saves an edited template as `latest + 1` when its content differs from
    /// the latest version (an unknown id starts at version 1). The `version`
    /// field of `edited` is ignored.
    pub fn save_new_version(&mut self, mut edited: Template) -> Result<SaveOutcome, DomainError> {
        let latest = self.latest(&edited.id);
        let next = match latest {
            Some(l) if content_hash(l) == content_hash(&edited) => {
                return Ok(SaveOutcome::Unchanged { version: l.version })
            }
            Some(l) => l
                .version
                .checked_add(1)
                .ok_or(DomainError::VersionOverflow)?,
            None => 1,
        };
        edited.version = next;
        self.insert(edited)?;
        Ok(SaveOutcome::Saved { version: next })
    }

    /// Deletes one version unless `in_use` contains it.
    pub fn remove_version(
        &mut self,
        id: &TemplateId,
        version: u32,
        in_use: &BTreeSet<(TemplateId, u32)>,
    ) -> Result<Template, DomainError> {
        if in_use.contains(&(id.clone(), version)) {
            return Err(DomainError::TemplateVersionInUse {
                id: id.clone(),
                version,
            });
        }
        let list = self
            .templates
            .get_mut(id)
            .ok_or_else(|| DomainError::TemplateNotFound {
                id: id.clone(),
                version,
            })?;
        let pos = list
            .iter()
            .position(|t| t.version == version)
            .ok_or_else(|| DomainError::TemplateNotFound {
                id: id.clone(),
                version,
            })?;
        let removed = list.remove(pos);
        self.hashes.remove(&(id.clone(), version));
        if list.is_empty() {
            self.templates.remove(id);
        }
        Ok(removed)
    }

    /// Parses, validates and stores a template JSON text. With
    /// [`ClashPolicy::Reject`] an existing id is refused; with
    /// [`ClashPolicy::NewVersion`] it becomes the next version if changed.
    pub fn import(
        &mut self,
        json: &str,
        limits: &ImportLimits,
        policy: ClashPolicy,
    ) -> Result<(TemplateId, SaveOutcome), ImportError> {
        let t = parse_template_json(json, limits)?;
        let id = t.id.clone();
        if let Some(existing) = self.latest(&id) {
            if policy == ClashPolicy::Reject {
                return Err(ImportError::IdClash {
                    id,
                    latest_version: existing.version,
                });
            }
            let outcome = self
                .save_new_version(t)
                .map_err(|_| ImportError::VersionOverflow)?;
            return Ok((id, outcome));
        }
        let version = t.version;
        self.insert(t).map_err(|e| match e {
            DomainError::InvalidTemplate { errors: errs } => ImportError::Invalid { errors: errs },
            _ => ImportError::VersionOverflow,
        })?;
        Ok((id, SaveOutcome::Saved { version }))
    }
}
