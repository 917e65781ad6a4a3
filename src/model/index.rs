//! The parameter index: how a formula's names resolve to parameters (an initiative's own, else
//! the region's), and what each initiative waits for. Built once per computation.

use super::{Initiative, Model, Norms, Parameter, Scope};
use crate::hash::{FastMap, map_with_capacity};

impl Model {
    /// The parameter `name` as seen from an initiative: its own parameter, else the region's.
    pub fn lookup(&self, initiative: &str, name: &str) -> Option<&Parameter> {
        ParameterIndex::new(self).get(initiative, name)
    }

    /// For each initiative, whether it counts in the totals unless a scenario says otherwise:
    /// running and planned, and not pending.
    pub fn counted_by_default(&self) -> Vec<bool> {
        self.counted_given(&self.pending())
    }

    /// [`Model::counted_by_default`], given what [`Model::pending`] gives.
    pub(crate) fn counted_given(&self, pending: &[Vec<String>]) -> Vec<bool> {
        self.initiatives
            .iter()
            .zip(pending)
            .map(|(i, pending)| i.status.counts_by_default() && pending.is_empty())
            .collect()
    }

    /// For each initiative, the pending parameters its formulas use (empty if none).
    pub fn pending(&self) -> Vec<Vec<String>> {
        self.pending_given(&ParameterIndex::new(self))
    }

    /// [`Model::pending`] with the model's parameter index.
    pub(crate) fn pending_given(&self, parameters: &ParameterIndex) -> Vec<Vec<String>> {
        self.initiatives
            .iter()
            .map(|i| pending_in(parameters, i))
            .collect()
    }
}

/// A model that passed validation: its parameter index, and per initiative the values it waits
/// for and whether it counts.
pub(crate) struct Checked<'a> {
    pub parameters: ParameterIndex<'a>,
    pub pending: Vec<Vec<String>>,
    pub counts: Vec<bool>,
}

/// Parameters by scope and name, built once so that resolving a name does not scan them all.
/// The first definition of a (scope, name) pair wins; [`Model::validate`] reports the others.
/// Build it once per task and pass it on: for a national model it costs more than the checks.
pub(crate) struct ParameterIndex<'a> {
    parameters: &'a [Parameter],
    norms: &'a [Norms],
    by_scope: FastMap<(Option<&'a str>, &'a str), usize>,
    /// The position of each later definition of a scope and name, and of the first one.
    duplicates: FastMap<usize, usize>,
    /// Whether any parameter or norms are pending: usually none, and then no initiative is.
    any_pending: bool,
}

impl<'a> ParameterIndex<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        let mut by_scope = map_with_capacity(model.parameters.len());
        let mut duplicates = FastMap::default();
        for (index, parameter) in model.parameters.iter().enumerate() {
            let first = *by_scope.entry(key(parameter)).or_insert(index);
            if first != index {
                duplicates.insert(index, first);
            }
        }
        ParameterIndex {
            parameters: &model.parameters,
            norms: &model.norms,
            by_scope,
            duplicates,
            any_pending: model.parameters.iter().any(|p| p.pending)
                || model.norms.iter().any(|n| n.pending),
        }
    }

    /// The position in the model's parameters of the initiative's own parameter `name`, else
    /// of the region's.
    pub(crate) fn position(&self, initiative: &str, name: &str) -> Option<usize> {
        let own = self.by_scope.get(&(Some(initiative), name));
        own.or_else(|| self.by_scope.get(&(None, name))).copied()
    }

    /// The position of the parameter `name` of exactly this scope (no fallback to the region).
    pub(crate) fn exact(&self, scope: &Scope, name: &str) -> Option<usize> {
        self.by_scope.get(&(scope.initiative(), name)).copied()
    }

    /// The position of the first definition of the scope and name of the parameter at
    /// `position`: the same position unless it is a duplicate.
    pub(crate) fn first(&self, position: usize) -> usize {
        self.duplicates.get(&position).copied().unwrap_or(position)
    }

    /// True when the norms with this id are pending.
    pub(crate) fn norms_pending(&self, id: &str) -> bool {
        self.norms.iter().any(|n| n.id == id && n.pending)
    }

    /// The initiative's own parameter `name`, else the region's.
    pub(crate) fn get(&self, initiative: &str, name: &str) -> Option<&'a Parameter> {
        self.position(initiative, name)
            .map(|index| &self.parameters[index])
    }
}

/// A parameter's key in the index: its initiative (none for the region's) and its name.
fn key(parameter: &Parameter) -> (Option<&str>, &str) {
    (parameter.scope.initiative(), parameter.name.as_str())
}

/// The pending values an initiative waits for: parameters its formulas use and norms its
/// effects use (as `norms.<id>`), each once, in order of first use. Called for every
/// initiative by validation and evaluation alike, so it allocates only for what is pending.
pub(crate) fn pending_in(parameters: &ParameterIndex, initiative: &Initiative) -> Vec<String> {
    let mut pending: Vec<String> = Vec::new();
    if !parameters.any_pending {
        return pending;
    }
    let mut add = |name: &str| {
        if !pending.iter().any(|p| p == name) {
            pending.push(name.to_string());
        }
    };
    for effect in &initiative.effects {
        for name in effect.formula.names() {
            if parameters
                .get(&initiative.id, name)
                .is_some_and(|p| p.pending)
            {
                add(name);
            }
        }
    }
    for effect in &initiative.effects {
        if parameters.norms_pending(&effect.norms) {
            add(&format!("norms.{}", effect.norms));
        }
    }
    pending
}
