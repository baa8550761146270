//! Moving a checklist run to a newer version of its template. The preview
//! shows the diff and the answers that would be lost; applying refuses to
//! lose any answer unless the user confirmed.

use super::ChecklistRun;
use super::Inspection;
use crate::domain::answer::AnswerKey;
use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::ids::ChecklistRunId;
use crate::domain::template::{answers_dropped, diff, Template, TemplateDiff, TemplateLibrary};
use serde::{Deserialize, Serialize};

/// What a migration would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationPreview {
    /// Changes between the pinned and the new version.
    pub diff: TemplateDiff,
    /// Answers that cannot be carried over.
    pub dropped: Vec<AnswerKey>,
    /// Answers carried over.
    pub kept: usize,
}

/// Preview of moving `run` (pinned to `old`) to `new`.
pub fn preview_migration(
    run: &ChecklistRun,
    old: &Template,
    new: &Template,
) -> Result<MigrationPreview, DomainError> {
    if !old.matches_ref(&run.template) {
        return Err(DomainError::TemplateMismatch {
            expected: run.template.clone(),
        });
    }
    if new.id != old.id || new.version <= old.version {
        return Err(DomainError::MigrationNotNewer {
            id: new.id.clone(),
            from: old.version,
            to: new.version,
        });
    }
    let d = diff(old, new);
    let dropped = answers_dropped(&d, &run.answers);
    let kept = run.answers.len() - dropped.len();
    Ok(MigrationPreview {
        diff: d,
        dropped,
        kept,
    })
}

impl Inspection {
    /// Preview of migrating one run to `new_version` of its template.
    pub fn preview_migration(
        &self,
        run: ChecklistRunId,
        new_version: u32,
        lib: &TemplateLibrary,
    ) -> Result<MigrationPreview, DomainError> {
        let idx = self.run_index(run)?;
        let r = &self.checklists[idx];
        let old = lib.resolve(&r.template)?;
        let new =
            lib.get(&r.template.id, new_version)
                .ok_or_else(|| DomainError::TemplateNotFound {
                    id: r.template.id.clone(),
                    version: new_version,
                })?;
        preview_migration(r, old, new)
    }

    /// Migrates one run to `new_version`. When answers would be dropped and
    /// `confirm_drop` is false, returns [`DomainError::MigrationWouldDropAnswers`]
    /// and changes nothing. Instances of groups that no longer repeat, or
    /// beyond a smaller `max`, are dropped with their answers.
    pub fn apply_migration(
        &mut self,
        run: ChecklistRunId,
        new_version: u32,
        confirm_drop: bool,
        lib: &TemplateLibrary,
        clock: &dyn Clock,
    ) -> Result<MigrationPreview, DomainError> {
        self.ensure_editable()?;
        let preview = self.preview_migration(run, new_version, lib)?;
        if !preview.dropped.is_empty() && !confirm_drop {
            return Err(DomainError::MigrationWouldDropAnswers {
                keys: preview.dropped.clone(),
            });
        }
        let idx = self.run_index(run)?;
        let new = lib
            .get(&self.checklists[idx].template.id, new_version)
            .ok_or_else(|| DomainError::TemplateNotFound {
                id: self.checklists[idx].template.id.clone(),
                version: new_version,
            })?;
        let new_ref = new.to_ref();
        let r = &mut self.checklists[idx];
        for k in &preview.dropped {
            r.answers.remove(k);
        }
        r.instances.retain(
            |g, labels| match new.group(g).and_then(|x| x.repeat.as_ref()) {
                Some(rep) => {
                    labels.truncate(rep.max as usize);
                    true
                }
                None => false,
            },
        );
        // A group that starts repeating keeps its old answers as instance 0.
        for g in &new.groups {
            if let Some(rep) = &g.repeat {
                let has_answers = r.answers.keys().any(|k| k.group == g.code);
                if has_answers && !r.instances.contains_key(&g.code) {
                    r.instances
                        .insert(g.code.clone(), vec![format!("{} 1", rep.label.vi)]);
                }
            }
        }
        r.template = new_ref;
        for f in &mut self.findings {
            if f.source
                .as_ref()
                .is_some_and(|s| s.run == run && preview.dropped.contains(&s.key))
            {
                f.source = None;
            }
        }
        self.touch(clock);
        Ok(preview)
    }
}
