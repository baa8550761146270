//! Editing an inspection's content: checklist runs, answers, repeat
//! instances, findings and the conclusion. Each method checks the lock and
//! all inputs before changing anything.

use super::{ChecklistRun, Conclusion, Inspection, Progress};
use crate::domain::answer::{Answer, AnswerKey};
use crate::domain::catalog::FindingKind;
use crate::domain::clock::Clock;
use crate::domain::error::{DomainError, Entity};
use crate::domain::finding::Finding;
use crate::domain::ids::{ChecklistRunId, FindingId, IdGen};
use crate::domain::template::{Template, TemplateLibrary};

impl Inspection {
    pub(super) fn run_index(&self, run: ChecklistRunId) -> Result<usize, DomainError> {
        self.checklists
            .iter()
            .position(|r| r.id == run)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::ChecklistRun,
                id: run.to_string(),
            })
    }

    /// Adds a run of a (valid) template version. One run per template id.
    pub fn add_checklist(
        &mut self,
        template: &Template,
        ids: &mut dyn IdGen,
        clock: &dyn Clock,
    ) -> Result<ChecklistRunId, DomainError> {
        self.ensure_editable()?;
        let errs = template.validate();
        if !errs.is_empty() {
            return Err(DomainError::InvalidTemplate { errors: errs });
        }
        if self.checklists.iter().any(|r| r.template.id == template.id) {
            return Err(DomainError::DuplicateChecklist {
                template: template.id.clone(),
            });
        }
        let run = ChecklistRun::new(ChecklistRunId::generate(ids), template);
        let id = run.id;
        self.checklists.push(run);
        self.touch(clock);
        Ok(id)
    }

    /// Removes a run; refused while findings point at it.
    pub fn remove_checklist(
        &mut self,
        run: ChecklistRunId,
        clock: &dyn Clock,
    ) -> Result<ChecklistRun, DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        if self
            .findings
            .iter()
            .any(|f| f.source.as_ref().is_some_and(|s| s.run == run))
        {
            return Err(DomainError::RunHasFindings { run });
        }
        let r = self.checklists.remove(idx);
        self.touch(clock);
        Ok(r)
    }

    /// Sets one answer after checking the key and the answer type against the
    /// pinned template version.
    pub fn set_answer(
        &mut self,
        run: ChecklistRunId,
        key: AnswerKey,
        answer: Answer,
        lib: &TemplateLibrary,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        let t = lib.resolve(&self.checklists[idx].template)?;
        let item = self.checklists[idx].check_key(t, &key)?;
        answer
            .check_against(item)
            .map_err(|error| DomainError::Answer { error })?;
        self.checklists[idx].answers.insert(key, answer);
        self.touch(clock);
        Ok(())
    }

    /// Removes one answer (no error if there was none).
    pub fn clear_answer(
        &mut self,
        run: ChecklistRunId,
        key: &AnswerKey,
        clock: &dyn Clock,
    ) -> Result<Option<Answer>, DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        let old = self.checklists[idx].answers.remove(key);
        self.touch(clock);
        Ok(old)
    }

    /// Adds an instance (e.g. one more sampled biên bản) to a repeating group;
    /// returns its instance number.
    pub fn add_instance(
        &mut self,
        run: ChecklistRunId,
        group: &str,
        label: &str,
        lib: &TemplateLibrary,
        clock: &dyn Clock,
    ) -> Result<u32, DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        let t = lib.resolve(&self.checklists[idx].template)?;
        let g = t.group(group).ok_or_else(|| DomainError::UnknownGroup {
            group: group.to_string(),
        })?;
        let Some(rep) = &g.repeat else {
            return Err(DomainError::NotRepeating {
                group: group.to_string(),
            });
        };
        let n = self.checklists[idx].instance_count(g);
        if n >= rep.max {
            return Err(DomainError::RepeatLimitReached {
                group: group.to_string(),
                max: rep.max,
            });
        }
        self.checklists[idx]
            .instances
            .entry(group.to_string())
            .or_default()
            .push(label.to_string());
        self.touch(clock);
        Ok(n)
    }

    /// Renames an instance.
    pub fn rename_instance(
        &mut self,
        run: ChecklistRunId,
        group: &str,
        instance: u32,
        label: &str,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        let slot = self.checklists[idx]
            .instances
            .get_mut(group)
            .and_then(|v| v.get_mut(instance as usize))
            .ok_or_else(|| DomainError::InstanceOutOfRange {
                key: AnswerKey::new(group, instance, ""),
            })?;
        *slot = label.to_string();
        self.touch(clock);
        Ok(())
    }

    /// Removes an instance and its answers; later instances move down by one
    /// (answers and finding sources follow). Findings sourced from the removed
    /// instance keep their text but lose the source link.
    pub fn remove_instance(
        &mut self,
        run: ChecklistRunId,
        group: &str,
        instance: u32,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        let len = self.checklists[idx]
            .instances
            .get(group)
            .map_or(0, Vec::len);
        if instance as usize >= len {
            return Err(DomainError::InstanceOutOfRange {
                key: AnswerKey::new(group, instance, ""),
            });
        }
        let r = &mut self.checklists[idx];
        if let Some(v) = r.instances.get_mut(group) {
            v.remove(instance as usize);
        }
        let old = std::mem::take(&mut r.answers).into_map();
        for (mut k, a) in old {
            if k.group == group && k.instance == instance {
                continue;
            }
            if k.group == group && k.instance > instance {
                k.instance -= 1;
            }
            r.answers.insert(k, a);
        }
        for f in &mut self.findings {
            let Some(src) = &mut f.source else { continue };
            if src.run != run || src.key.group != group {
                continue;
            }
            if src.key.instance == instance {
                f.source = None;
            } else if src.key.instance > instance {
                src.key.instance -= 1;
            }
        }
        self.touch(clock);
        Ok(())
    }

    /// Progress of one run.
    pub fn progress(
        &self,
        run: ChecklistRunId,
        lib: &TemplateLibrary,
    ) -> Result<Progress, DomainError> {
        let idx = self.run_index(run)?;
        let r = &self.checklists[idx];
        Ok(r.progress(lib.resolve(&r.template)?))
    }

    /// Adds a finding.
    pub fn add_finding(&mut self, f: Finding, clock: &dyn Clock) -> Result<FindingId, DomainError> {
        self.ensure_editable()?;
        f.validate()?;
        if self.findings.iter().any(|x| x.id == f.id) {
            return Err(DomainError::Duplicate {
                what: Entity::Finding,
                id: f.id.to_string(),
            });
        }
        let id = f.id;
        self.findings.push(f);
        self.touch(clock);
        Ok(id)
    }

    /// Replaces a finding with the same id.
    pub fn update_finding(&mut self, f: Finding, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        f.validate()?;
        let slot = self
            .findings
            .iter_mut()
            .find(|x| x.id == f.id)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Finding,
                id: f.id.to_string(),
            })?;
        *slot = f;
        self.touch(clock);
        Ok(())
    }

    /// Removes a finding.
    pub fn remove_finding(
        &mut self,
        id: FindingId,
        clock: &dyn Clock,
    ) -> Result<Finding, DomainError> {
        self.ensure_editable()?;
        let idx = self
            .findings
            .iter()
            .position(|x| x.id == id)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Finding,
                id: id.to_string(),
            })?;
        let f = self.findings.remove(idx);
        self.touch(clock);
        Ok(f)
    }

    /// Turns a "không đạt" answer into a finding in one step.
    pub fn finding_from_answer(
        &mut self,
        run: ChecklistRunId,
        key: &AnswerKey,
        kind: FindingKind,
        lib: &TemplateLibrary,
        ids: &mut dyn IdGen,
        clock: &dyn Clock,
    ) -> Result<FindingId, DomainError> {
        self.ensure_editable()?;
        let idx = self.run_index(run)?;
        let r = &self.checklists[idx];
        let t = lib.resolve(&r.template)?;
        let item = r.check_key(t, key)?;
        let answer = r
            .answers
            .get(key)
            .ok_or_else(|| DomainError::AnswerNotKhongDat { key: key.clone() })?;
        let f = Finding::from_answer(ids, run, key, item, answer, kind, clock.now())?;
        let id = f.id;
        self.findings.push(f);
        self.touch(clock);
        Ok(id)
    }

    /// Sets the conclusion; the issue date cannot precede the draft date.
    pub fn set_conclusion(&mut self, c: Conclusion, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if let (Some(d), Some(i)) = (c.draft_date, c.issue_date) {
            if i < d {
                return Err(DomainError::InvalidRange { from: d, to: i });
            }
        }
        self.conclusion = c;
        self.touch(clock);
        Ok(())
    }
}
