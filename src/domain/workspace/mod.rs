//! The workspace aggregate: everything one user keeps on one device — plans,
//! inspections, the template library and settings — with the cross-record
//! rules (an inspection belongs to a plan's unit and team; a template version
//! used by an inspection is never deleted) and the deadlines overview.

use crate::domain::clock::Clock;
use crate::domain::error::{DomainError, Entity};
use crate::domain::ids::{IdGen, InspectionId, PlanId, TeamId, TemplateId, UnitId};
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::team::{TeamRules, TeamWarning};
use crate::domain::template::TemplateLibrary;
use crate::domain::workdays::Holidays;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod deadlines;
mod followup;
pub use deadlines::{Deadline, DeadlineKind, DeadlineState};
pub use followup::{AmendmentRow, FollowUpFilter, FollowUpRow};

/// Default interval of the backup reminder, in days (an app choice, not law).
pub const DEFAULT_BACKUP_REMINDER_DAYS: u32 = 7;

/// User settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Public holidays entered by the user.
    #[serde(default)]
    pub holidays: Holidays,
    /// The user's unit, e.g. "Sở Tư pháp thành phố Cần Thơ".
    #[serde(default)]
    pub unit_name: String,
    /// Default place name, e.g. "Cần Thơ".
    #[serde(default)]
    pub place_name: String,
    /// Remind to export a backup after this many days.
    #[serde(default = "default_backup_days")]
    pub backup_reminder_days: u32,
}

fn default_backup_days() -> u32 {
    DEFAULT_BACKUP_REMINDER_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            holidays: Holidays::default(),
            unit_name: String::new(),
            place_name: String::new(),
            backup_reminder_days: DEFAULT_BACKUP_REMINDER_DAYS,
        }
    }
}

/// All of one user's data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    #[serde(default)]
    plans: BTreeMap<PlanId, Plan>,
    #[serde(default)]
    inspections: BTreeMap<InspectionId, Inspection>,
    #[serde(default)]
    templates: TemplateLibrary,
    #[serde(default)]
    settings: Settings,
}

impl Workspace {
    /// Empty workspace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Assembles a workspace from stored records exactly as they are, without
    /// the cross-record checks of `add_plan`/`insert_inspection`: data read
    /// from storage is never dropped because, say, its plan was quarantined.
    /// Use [`Workspace::orphan_inspections`] to show what has no plan.
    pub fn from_parts(
        plans: impl IntoIterator<Item = Plan>,
        inspections: impl IntoIterator<Item = Inspection>,
        templates: TemplateLibrary,
        settings: Settings,
    ) -> Self {
        Self {
            plans: plans.into_iter().map(|p| (p.id, p)).collect(),
            inspections: inspections.into_iter().map(|i| (i.id(), i)).collect(),
            templates,
            settings,
        }
    }

    /// Runs `f` on one inspection with the template library beside it (the
    /// inspection's edits need the templates it is pinned to).
    pub fn edit_inspection<R>(
        &mut self,
        id: InspectionId,
        f: impl FnOnce(&mut Inspection, &TemplateLibrary) -> Result<R, DomainError>,
    ) -> Result<R, DomainError> {
        let insp = self
            .inspections
            .get_mut(&id)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Inspection,
                id: id.to_string(),
            })?;
        f(insp, &self.templates)
    }

    /// When the oldest plan or inspection still here was created: the
    /// first data worth a backup.
    pub fn first_data_at(&self) -> Option<DateTime<Utc>> {
        let plans = self.plans.values().map(|p| p.created_at);
        let insps = self.inspections.values().map(Inspection::created_at);
        plans.chain(insps).min()
    }

    /// Whether "no backup for N days" is due at `now`: counted from the
    /// last backup, or from the first data when there is none (a new user
    /// is not warned minutes after typing the first plan), never before
    /// there is data, never when the reminder is off (0 days).
    pub fn backup_reminder_due(
        &self,
        last_backup: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        let days = self.settings.backup_reminder_days;
        let Some(first) = self.first_data_at() else {
            return false;
        };
        if days == 0 {
            return false;
        }
        // A backup older than the first data did not save any of it.
        let since = last_backup.map_or(first, |b| b.max(first));
        (now - since).num_days() >= i64::from(days)
    }

    /// Inspections whose plan is not in this workspace (e.g. quarantined).
    pub fn orphan_inspections(&self) -> Vec<&Inspection> {
        self.inspections
            .values()
            .filter(|i| !self.plans.contains_key(&i.plan_id()))
            .collect()
    }

    /// Puts a plan back exactly as stored (another tab's copy, an undo),
    /// replacing any plan with the same id.
    pub fn put_plan(&mut self, plan: Plan) {
        self.plans.insert(plan.id, plan);
    }

    /// Puts an inspection back exactly as stored (another tab's copy, an
    /// undo), replacing any inspection with the same id.
    pub fn put_inspection(&mut self, insp: Inspection) {
        self.inspections.insert(insp.id(), insp);
    }

    /// Removes a plan and its inspections together (used by undoable
    /// deletion and by another tab's deletion); returns what was removed.
    pub fn take_plan(&mut self, id: PlanId) -> Option<(Plan, Vec<Inspection>)> {
        let plan = self.plans.remove(&id)?;
        let ids: Vec<InspectionId> = self
            .inspections
            .values()
            .filter(|i| i.plan_id() == id)
            .map(|i| i.id())
            .collect();
        let insps = ids
            .iter()
            .filter_map(|i| self.inspections.remove(i))
            .collect();
        Some((plan, insps))
    }

    /// Removes one inspection whatever its state (undoable deletion, another
    /// tab's deletion).
    pub fn take_inspection(&mut self, id: InspectionId) -> Option<Inspection> {
        self.inspections.remove(&id)
    }

    // ---- settings and templates -----------------------------------------

    /// Settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// Replaces the settings.
    pub fn set_settings(&mut self, s: Settings) {
        self.settings = s;
    }
    /// Template library.
    pub fn templates(&self) -> &TemplateLibrary {
        &self.templates
    }
    /// Template library, for inserting, saving and importing versions.
    /// Delete through [`Workspace::remove_template_version`].
    pub fn templates_mut(&mut self) -> &mut TemplateLibrary {
        &mut self.templates
    }

    /// Template versions pinned by any inspection's checklist runs.
    pub fn template_versions_in_use(&self) -> BTreeSet<(TemplateId, u32)> {
        self.inspections
            .values()
            .flat_map(|i| i.checklists().iter())
            .map(|r| (r.template.id.clone(), r.template.version))
            .collect()
    }

    /// Deletes a template version unless an inspection uses it.
    pub fn remove_template_version(
        &mut self,
        id: &TemplateId,
        version: u32,
    ) -> Result<(), DomainError> {
        let used = self.template_versions_in_use();
        self.templates
            .remove_version(id, version, &used)
            .map(|_| ())
    }

    // ---- plans -----------------------------------------------------------

    /// All plans (by id).
    pub fn plans(&self) -> impl Iterator<Item = &Plan> {
        self.plans.values()
    }
    /// One plan.
    pub fn plan(&self, id: PlanId) -> Option<&Plan> {
        self.plans.get(&id)
    }

    /// Adds a new plan (valid, unknown id).
    pub fn add_plan(&mut self, plan: Plan) -> Result<PlanId, DomainError> {
        plan.validate()?;
        if self.plans.contains_key(&plan.id) {
            return Err(DomainError::Duplicate {
                what: Entity::Plan,
                id: plan.id.to_string(),
            });
        }
        let id = plan.id;
        self.plans.insert(id, plan);
        Ok(id)
    }

    /// Stores an edited copy of a plan. Its `rev` must equal the stored one
    /// (else [`DomainError::RevConflict`]); the stored copy gets `rev + 1`.
    /// A unit or team still used by an inspection cannot be removed.
    pub fn update_plan(&mut self, mut plan: Plan, clock: &dyn Clock) -> Result<u64, DomainError> {
        let stored = self
            .plans
            .get(&plan.id)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Plan,
                id: plan.id.to_string(),
            })?;
        if stored.rev != plan.rev {
            return Err(DomainError::RevConflict {
                expected: plan.rev,
                actual: stored.rev,
            });
        }
        plan.validate()?;
        for i in self.inspections.values().filter(|i| i.plan_id() == plan.id) {
            if plan.unit(i.unit_id()).is_none() {
                return Err(DomainError::UnitNotInPlan);
            }
            if let Some(t) = i.team_id() {
                if plan.team(t).is_none() {
                    return Err(DomainError::TeamNotInPlan);
                }
            }
        }
        plan.rev = stored.rev.saturating_add(1);
        plan.updated_at = clock.now();
        let rev = plan.rev;
        self.plans.insert(plan.id, plan);
        Ok(rev)
    }

    /// Deletes a plan without inspections.
    pub fn remove_plan(&mut self, id: PlanId) -> Result<Plan, DomainError> {
        let count = self.inspections_of_plan(id).len();
        if count > 0 {
            return Err(DomainError::PlanHasInspections { count });
        }
        self.plans.remove(&id).ok_or_else(|| DomainError::NotFound {
            what: Entity::Plan,
            id: id.to_string(),
        })
    }

    // ---- inspections -------------------------------------------------------

    /// All inspections (by id).
    pub fn inspections(&self) -> impl Iterator<Item = &Inspection> {
        self.inspections.values()
    }
    /// One inspection.
    pub fn inspection(&self, id: InspectionId) -> Option<&Inspection> {
        self.inspections.get(&id)
    }
    /// One inspection, to call its (lock-checking) methods.
    pub fn inspection_mut(&mut self, id: InspectionId) -> Option<&mut Inspection> {
        self.inspections.get_mut(&id)
    }
    /// Inspections under a plan, by id.
    pub fn inspections_of_plan(&self, plan: PlanId) -> Vec<&Inspection> {
        self.inspections
            .values()
            .filter(|i| i.plan_id() == plan)
            .collect()
    }

    /// Creates a draft inspection of one of the plan's units, by one of its
    /// teams. Đột xuất plans give unscheduled inspections.
    pub fn create_inspection(
        &mut self,
        plan: PlanId,
        unit: UnitId,
        team: Option<TeamId>,
        ids: &mut dyn IdGen,
        clock: &dyn Clock,
    ) -> Result<InspectionId, DomainError> {
        let p = self.plans.get(&plan).ok_or_else(|| DomainError::NotFound {
            what: Entity::Plan,
            id: plan.to_string(),
        })?;
        if p.unit(unit).is_none() {
            return Err(DomainError::UnitNotInPlan);
        }
        if let Some(t) = team {
            if p.team(t).is_none() {
                return Err(DomainError::TeamNotInPlan);
            }
        }
        let insp = Inspection::new(ids, plan, unit, team, p.is_scheduled(), clock);
        let id = insp.id();
        self.inspections.insert(id, insp);
        Ok(id)
    }

    /// Inserts an inspection as stored (restore); its plan must exist.
    pub fn insert_inspection(&mut self, insp: Inspection) -> Result<(), DomainError> {
        if !self.plans.contains_key(&insp.plan_id()) {
            return Err(DomainError::NotFound {
                what: Entity::Plan,
                id: insp.plan_id().to_string(),
            });
        }
        if self.inspections.contains_key(&insp.id()) {
            return Err(DomainError::Duplicate {
                what: Entity::Inspection,
                id: insp.id().to_string(),
            });
        }
        self.inspections.insert(insp.id(), insp);
        Ok(())
    }

    /// Deletes a draft inspection.
    pub fn remove_inspection(&mut self, id: InspectionId) -> Result<Inspection, DomainError> {
        let i = self
            .inspections
            .get(&id)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Inspection,
                id: id.to_string(),
            })?;
        if i.status() != crate::domain::inspection::InspectionStatus::Draft {
            return Err(DomainError::NotDraft);
        }
        self.inspections.remove(&id).ok_or(DomainError::NotDraft)
    }

    /// Adds a run of the latest version of a template to an inspection.
    pub fn add_latest_checklist(
        &mut self,
        inspection: InspectionId,
        template: &TemplateId,
        ids: &mut dyn IdGen,
        clock: &dyn Clock,
    ) -> Result<crate::domain::ids::ChecklistRunId, DomainError> {
        let t = self
            .templates
            .latest(template)
            .ok_or_else(|| DomainError::TemplateNotFound {
                id: template.clone(),
                version: 0,
            })?;
        let insp = self
            .inspections
            .get_mut(&inspection)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Inspection,
                id: inspection.to_string(),
            })?;
        insp.add_checklist(t, ids, clock)
    }

    /// Team composition warnings for an inspection, under the rules in force
    /// on its decision date (or `today` when there is no decision date yet).
    pub fn team_warnings(
        &self,
        inspection: InspectionId,
        today: NaiveDate,
    ) -> Option<(TeamRules, Vec<TeamWarning>)> {
        let i = self.inspections.get(&inspection)?;
        let team = self.plans.get(&i.plan_id())?.team(i.team_id()?)?;
        let rules = TeamRules::for_decision_date(i.decision().date.unwrap_or(today));
        Some((rules, team.warnings(rules)))
    }
}
