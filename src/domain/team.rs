//! Inspection team (đoàn kiểm tra) and the composition rules that applied
//! when the team was set up: NĐ 19/2020 Điều 8 in its 2020 text, or as
//! amended by NĐ 93/2025 (effective 15/6/2025). Rules only produce warnings;
//! the issuer of the decision decides.

use crate::domain::ids::{IdGen, MemberId, TeamId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person on the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Id.
    pub id: MemberId,
    /// Full name (họ và tên).
    pub name: String,
    /// Position (chức vụ).
    pub position: String,
    /// Agency (cơ quan, đơn vị công tác).
    pub agency: String,
    /// Has declared having no conflict of interest with the inspected unit
    /// (spouse, child, parent or sibling is not the inspected subject).
    #[serde(default)]
    pub conflict_declared: bool,
    /// Is under disciplinary sanction or suspended from duty.
    #[serde(default)]
    pub under_discipline: bool,
}

impl Member {
    /// A member with a fresh id and no declarations yet.
    pub fn new(
        ids: &mut dyn IdGen,
        name: impl Into<String>,
        position: impl Into<String>,
        agency: impl Into<String>,
    ) -> Self {
        Self {
            id: MemberId::generate(ids),
            name: name.into(),
            position: position.into(),
            agency: agency.into(),
            conflict_declared: false,
            under_discipline: false,
        }
    }
}

/// An inspection team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Id.
    pub id: TeamId,
    /// Display name, e.g. "Đoàn kiểm tra liên ngành số 1".
    pub name: String,
    /// Set up as an inter-sectoral team (liên ngành).
    pub inter_sectoral: bool,
    /// Trưởng đoàn.
    pub head: Option<Member>,
    /// Phó trưởng đoàn.
    #[serde(default)]
    pub deputies: Vec<Member>,
    /// Thành viên.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// Which composition rules to check against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRules {
    /// NĐ 19/2020 Điều 8, 2020 text: inter-sectoral, ≥ 5 members, exactly one
    /// deputy head, no member under discipline, conflict-of-interest exclusion.
    #[serde(rename = "nd19_2020")]
    Nd19_2020,
    /// As amended by NĐ 93/2025: deputy head only if needed; size and
    /// composition set by the decision issuer.
    #[serde(rename = "nd93_2025")]
    Nd93_2025,
}

/// NĐ 93/2025/NĐ-CP took effect on this date.
pub fn nd93_2025_effective() -> NaiveDate {
    crate::domain::legal_texts::nd93_2025_effective()
}

impl TeamRules {
    /// Rules in force on the decision date.
    pub fn for_decision_date(d: NaiveDate) -> Self {
        if d >= nd93_2025_effective() {
            TeamRules::Nd93_2025
        } else {
            TeamRules::Nd19_2020
        }
    }
}

/// Minimum team size under the 2020 text.
pub const ND19_MIN_MEMBERS: usize = 5;

/// A composition concern. Never blocks anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TeamWarning {
    /// No head (trưởng đoàn).
    NoHead,
    /// Fewer people than the minimum (head, deputies and members together).
    TooFewMembers {
        /// People on the team.
        count: usize,
        /// Minimum.
        min: usize,
    },
    /// Not exactly one deputy head (2020 text).
    DeputyCount {
        /// Deputies on the team.
        count: usize,
    },
    /// Not inter-sectoral although the 2020 text sets teams up that way
    /// (exceptions exist: a minister or the head of a sanctioning body
    /// inspecting within their own scope).
    NotInterSectoral,
    /// A person under discipline or suspended.
    MemberUnderDiscipline {
        /// Who.
        member: MemberId,
    },
    /// A person who has not declared the absence of conflicts of interest.
    ConflictNotDeclared {
        /// Who.
        member: MemberId,
    },
}

impl Team {
    /// An empty inter-sectoral team.
    pub fn new(ids: &mut dyn IdGen, name: impl Into<String>) -> Self {
        Self {
            id: TeamId::generate(ids),
            name: name.into(),
            inter_sectoral: true,
            head: None,
            deputies: Vec::new(),
            members: Vec::new(),
        }
    }

    /// Everyone on the team: head, deputies, members.
    pub fn people(&self) -> impl Iterator<Item = &Member> {
        self.head
            .iter()
            .chain(self.deputies.iter())
            .chain(self.members.iter())
    }

    /// Composition concerns under `rules`.
    pub fn warnings(&self, rules: TeamRules) -> Vec<TeamWarning> {
        let mut w = Vec::new();
        if self.head.is_none() {
            w.push(TeamWarning::NoHead);
        }
        if rules == TeamRules::Nd19_2020 {
            let count = self.people().count();
            if count < ND19_MIN_MEMBERS {
                w.push(TeamWarning::TooFewMembers {
                    count,
                    min: ND19_MIN_MEMBERS,
                });
            }
            if self.deputies.len() != 1 {
                w.push(TeamWarning::DeputyCount {
                    count: self.deputies.len(),
                });
            }
            if !self.inter_sectoral {
                w.push(TeamWarning::NotInterSectoral);
            }
            for m in self.people().filter(|m| m.under_discipline) {
                w.push(TeamWarning::MemberUnderDiscipline { member: m.id });
            }
        }
        for m in self.people().filter(|m| !m.conflict_declared) {
            w.push(TeamWarning::ConflictNotDeclared { member: m.id });
        }
        w
    }
}
