//! Building a model in Rust: constructors that fill in what a record without a file has (no
//! origin, no source, no label), and chaining methods, so that a model of one initiative takes a
//! few lines. Every value is checked by [`Model::validate`] as a loaded one is.

use super::formula::Expr;
use super::units::{PartTimeFactor, Persons, WorkingHours};
use super::{
    DEFAULT_NORMS, Distribution, Effect, EffectUnit, Group, Initiative, Interval, Model, Norms,
    Parameter, Range, Scope, Shortage, Status, ThemeShare,
};
use rust_decimal::Decimal;

impl Model {
    /// An empty model of the region with this name; add to it with the methods below.
    ///
    /// The worked example of the README, in Rust: 10000 × 4 × 10% × 30 / 60 = 2000 hours a year,
    /// over 2000 working hours = 1 FTE, over a part-time factor of 0.5 = 2 persons.
    ///
    /// ```
    /// use workforce_gap::{Decimal, Effect, Initiative, Model, Persons};
    ///
    /// let model = Model::new("Example region")
    ///     .default_norms(2000, Decimal::new(5, 1))
    ///     .theme("prevention", "Prevention")
    ///     .sector("gp", "GP care")
    ///     .parameter("region", "population", 10_000)
    ///     .parameter("fewer-consults", "contacts", 4)
    ///     .parameter("fewer-consults", "reduction", Decimal::new(10, 2))
    ///     .parameter("fewer-consults", "minutes", 30)
    ///     .initiative(
    ///         Initiative::new("fewer-consults", "Fewer consults, more time")
    ///             .theme("prevention")
    ///             .effect(Effect::hours("consults", "gp", "population * contacts * reduction * minutes / 60")?),
    ///     )
    ///     .shortage(2030, "base", 200);
    ///
    /// let results = model.evaluate()?;
    /// assert_eq!(results.total, Persons::new(2.into()));
    /// assert_eq!(results.gaps[0].covered.value(), Decimal::new(1, 2)); // 2 of 200 persons
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn new(region: impl Into<String>) -> Model {
        let mut model = Model::default();
        model.region.name = region.into();
        model
    }

    /// Adds the norms effects use when they name none (id `default`).
    pub fn default_norms(
        self,
        working_hours: impl Into<Decimal>,
        part_time_factor: impl Into<Decimal>,
    ) -> Model {
        self.with_norms(Norms::new(DEFAULT_NORMS, working_hours, part_time_factor))
    }

    /// Adds norms under their own id, for effects that name it ([`Effect::norms`]).
    pub fn with_norms(mut self, norms: Norms) -> Model {
        self.norms.push(norms);
        self
    }

    /// Adds a theme.
    pub fn theme(mut self, id: impl Into<String>, name: impl Into<String>) -> Model {
        let (id, name) = (id.into(), name.into());
        self.themes.push(Group {
            id,
            name,
            origin: None,
        });
        self
    }

    /// Adds a sector.
    pub fn sector(mut self, id: impl Into<String>, name: impl Into<String>) -> Model {
        let (id, name) = (id.into(), name.into());
        self.sectors.push(Group {
            id,
            name,
            origin: None,
        });
        self
    }

    /// Adds a parameter; `scope` is written as in `parameters.csv`: `region` or an initiative id.
    /// For a unit, a label or a range, push a [`Parameter::new`] with those fields set.
    pub fn parameter(
        mut self,
        scope: &str,
        name: impl Into<String>,
        value: impl Into<Decimal>,
    ) -> Model {
        self.parameters
            .push(Parameter::new(Scope::from(scope), name, value));
        self
    }

    /// Adds an initiative.
    pub fn initiative(mut self, initiative: Initiative) -> Model {
        self.initiatives.push(initiative);
        self
    }

    /// Adds a shortage in persons in one year and shortage scenario (`base`, `worse`, ...).
    pub fn shortage(
        mut self,
        year: u16,
        scenario: impl Into<String>,
        persons: impl Into<Decimal>,
    ) -> Model {
        let persons = Persons::new(persons.into());
        self.shortages
            .push(Shortage::in_persons(year, &scenario.into(), persons));
        self
    }
}

/// The spelling of `parameters.csv`: `region`, or an initiative's id.
impl From<&str> for Scope {
    fn from(scope: &str) -> Scope {
        match scope {
            "region" => Scope::Region,
            id => Scope::Initiative(id.to_string()),
        }
    }
}

impl Norms {
    /// Norms under `id` (`default` for effects that name none).
    pub fn new(
        id: impl Into<String>,
        working_hours: impl Into<Decimal>,
        part_time_factor: impl Into<Decimal>,
    ) -> Norms {
        Norms {
            id: id.into(),
            working_hours: WorkingHours::new(working_hours.into()),
            part_time_factor: PartTimeFactor::new(part_time_factor.into()),
            pending: false,
            source: String::new(),
            origin: None,
        }
    }
}

impl Parameter {
    /// A known value with no unit, label, source or range; set those fields where they matter
    /// (a unit `share` is checked to lie within 0-100%).
    pub fn new(scope: Scope, name: impl Into<String>, value: impl Into<Decimal>) -> Parameter {
        Parameter {
            scope,
            name: name.into(),
            value: value.into(),
            unit: String::new(),
            label: String::new(),
            source: String::new(),
            assumption: false,
            pending: false,
            range: None,
            origin: None,
        }
    }
}

impl Range {
    /// Values spread evenly from `low` to `high`.
    pub fn new(low: impl Into<Decimal>, high: impl Into<Decimal>) -> Range {
        Range {
            low: low.into(),
            high: high.into(),
            distribution: Distribution::Uniform,
            source: String::new(),
            origin: None,
        }
    }
}

impl Initiative {
    /// A running initiative with no themes or effects yet.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Initiative {
        Initiative {
            id: id.into(),
            name: name.into(),
            submitted_by: String::new(),
            status: Status::Running,
            themes: Vec::new(),
            published: None,
            source_line: None,
            note: String::new(),
            effects: Vec::new(),
            start_year: None,
            full_year: None,
            growth: None,
            origin: None,
        }
    }

    /// Sets the status (running when not set).
    pub fn status(mut self, status: Status) -> Initiative {
        self.status = status;
        self
    }

    /// Sets the organisation that submitted it.
    pub fn submitted_by(mut self, organisation: impl Into<String>) -> Initiative {
        self.submitted_by = organisation.into();
        self
    }

    /// Counts it towards a theme, with the weight 1 (see [`Initiative::weighted_theme`]).
    pub fn theme(self, id: impl Into<String>) -> Initiative {
        self.weighted_theme(id, 1)
    }

    /// Counts it towards a theme with a relative weight: weights `1` and `3` split it a quarter
    /// and three quarters.
    pub fn weighted_theme(
        mut self,
        id: impl Into<String>,
        weight: impl Into<Decimal>,
    ) -> Initiative {
        self.themes.push(ThemeShare {
            theme: id.into(),
            weight: weight.into(),
        });
        self
    }

    /// Sets the figure the plan published for it, to audit it against.
    pub fn published(mut self, published: impl Into<Decimal>) -> Initiative {
        let figure = published.into();
        self.published = Some(Interval::point(figure));
        self
    }

    /// Adds an effect.
    pub fn effect(mut self, effect: Effect) -> Initiative {
        self.effects.push(effect);
        self
    }
}

impl Effect {
    /// An effect in hours per year (divided by the norms' working hours and part-time factor),
    /// its formula parsed as in `effects.csv`.
    pub fn hours(
        id: impl Into<String>,
        sector: impl Into<String>,
        formula: &str,
    ) -> crate::Result<Effect> {
        Effect::new(id, sector, EffectUnit::Hours, formula)
    }

    /// An effect in FTE (divided by the norms' part-time factor).
    pub fn fte(
        id: impl Into<String>,
        sector: impl Into<String>,
        formula: &str,
    ) -> crate::Result<Effect> {
        Effect::new(id, sector, EffectUnit::Fte, formula)
    }

    /// An effect in persons, taken as it is.
    pub fn persons(
        id: impl Into<String>,
        sector: impl Into<String>,
        formula: &str,
    ) -> crate::Result<Effect> {
        Effect::new(id, sector, EffectUnit::Persons, formula)
    }

    fn new(
        id: impl Into<String>,
        sector: impl Into<String>,
        unit: EffectUnit,
        formula: &str,
    ) -> crate::Result<Effect> {
        Ok(Effect {
            id: id.into(),
            sector: sector.into(),
            unit,
            norms: DEFAULT_NORMS.to_string(),
            formula: Expr::parse(formula)?,
            reading: String::new(),
            origin: None,
        })
    }

    /// Converts it with the norms of this id instead of `default`.
    pub fn norms(mut self, id: impl Into<String>) -> Effect {
        self.norms = id.into();
        self
    }
}
