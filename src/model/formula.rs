//! Formulas: a small, safe expression language over named parameters.

use crate::error::{ArithmeticError, Error};
use crate::model::number::read_decimal;
use rust_decimal::Decimal;
use std::fmt;

/// How deeply parentheses and unary minus may nest; deeper input is refused, not overflowed.
pub const MAX_DEPTH: usize = 64;

/// How many numbers and names a formula may hold. Evaluating, printing and dropping a tree
/// recurse over it, so its size is bounded like its nesting; the plans' longest formula has 17.
pub const MAX_TERMS: usize = 1000;

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl Op {
    fn symbol(self) -> char {
        match self {
            Op::Add => '+',
            Op::Sub => '-',
            Op::Mul => '*',
            Op::Div => '/',
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }
}

/// An expression tree.
///
/// Formulas: a small, safe expression language over named parameters.
///
/// A formula is written in the data the way the plan prints it:
/// `inhabitants_nml_65plus * frail_share * gp_visits * reduction * minutes_per_gp_consult / 60`.
/// It knows numbers in the canonical format (`5.2`, `20%`), parameter names (`[a-z_][a-z0-9_]*`,
/// ASCII letters of either case), `+ - * /`, unary minus and parentheses. Nothing else: no
/// functions, no loops, so a formula always terminates and never touches anything but its
/// parameters.
///
/// The same [`Expr`] tree is built by the parser and by Rust code (operators and the helpers in
/// builders below, such as [`Expr::contact_time`]); one evaluator serves both.
///
/// ```
/// use workforce_gap::Expr;
/// use rust_decimal::Decimal;
///
/// let expr = Expr::parse("patients * contacts * 10% * 15 / 60")?;
/// let value = expr.evaluate(&|name: &str| match name {
///     "patients" => Some(Decimal::from(1000)),
///     "contacts" => Some(Decimal::from(4)),
///     _ => None,
/// })?;
/// assert_eq!(value, Decimal::from(100)); // 1000 * 4 * 0.10 * 15 / 60 hours
/// assert_eq!(Expr::parse(&expr.to_string())?, expr);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    /// A number; `percent` remembers that it was written with `%` (the value is already divided by 100).
    Number {
        /// The exact value.
        value: Decimal,
        /// Whether to print it back as a percentage.
        percent: bool,
    },
    /// A parameter, by name.
    Name(String),
    /// Unary minus.
    Neg(Box<Expr>),
    /// A binary operation.
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// Why a formula could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// The formula names a parameter that does not exist.
    #[error("unknown parameter {0:?}")]
    UnknownName(String),
    /// Overflow or division by zero.
    #[error("{0}")]
    Arithmetic(#[from] ArithmeticError),
}

impl Expr {
    /// A number.
    pub fn number(value: Decimal) -> Expr {
        Expr::Number {
            value,
            percent: false,
        }
    }

    /// A parameter reference.
    pub fn name(name: impl Into<String>) -> Expr {
        Expr::Name(name.into())
    }

    /// Parses a formula; see [`Expr`] for the syntax.
    pub fn parse(text: &str) -> Result<Expr, Error> {
        let mut parser = Parser {
            text,
            at: 0,
            terms: 0,
        };
        let expr = parser.sum(0)?.expr;
        parser.skip_space();
        match parser.peek() {
            None => Ok(expr),
            Some(')') => Err(parser.error("has a closing parenthesis without an opening one")),
            Some(_) => Err(parser.error("expected an operator (+ - * /)")),
        }
    }

    /// The highest power in which the names for which `is_it` holds occur in the formula, read
    /// as a polynomial in them; `None` when one occurs in a divisor. A formula of degree 1 or less
    /// in each of its parameters on its own is multilinear in them.
    pub fn degree_in(&self, is_it: &impl Fn(&str) -> bool) -> Option<u32> {
        match self {
            Expr::Number { .. } => Some(0),
            Expr::Name(name) => Some(u32::from(is_it(name))),
            Expr::Neg(inner) => inner.degree_in(is_it),
            Expr::Binary(Op::Add | Op::Sub, a, b) => {
                Some(a.degree_in(is_it)?.max(b.degree_in(is_it)?))
            }
            Expr::Binary(Op::Mul, a, b) => {
                Some(a.degree_in(is_it)?.saturating_add(b.degree_in(is_it)?))
            }
            Expr::Binary(Op::Div, a, b) => match b.degree_in(is_it)? {
                0 => a.degree_in(is_it),
                _ => None,
            },
        }
    }

    /// Every parameter name the formula uses, in order of appearance (with repeats).
    pub fn names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        self.collect_names(&mut names);
        names
    }

    fn collect_names<'a>(&'a self, names: &mut Vec<&'a str>) {
        match self {
            Expr::Number { .. } => {}
            Expr::Name(name) => names.push(name),
            Expr::Neg(inner) => inner.collect_names(names),
            Expr::Binary(_, a, b) => {
                a.collect_names(names);
                b.collect_names(names);
            }
        }
    }

    fn binary(op: Op, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }
}

macro_rules! operator {
    ($trait:ident, $method:ident, $op:expr) => {
        impl std::ops::$trait for Expr {
            type Output = Expr;
            fn $method(self, other: Expr) -> Expr {
                Expr::binary($op, self, other)
            }
        }
    };
}
operator!(Add, add, Op::Add);
operator!(Sub, sub, Op::Sub);
operator!(Mul, mul, Op::Mul);
operator!(Div, div, Op::Div);

impl std::ops::Neg for Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        Expr::Neg(Box::new(self))
    }
}

/// A percentage's digits: the value's decimal point moved two places to the right in its text,
/// as reading moved it left. Multiplying by 100 instead could overflow for a value read from 29
/// digits, and the number would then print without its `%`.
fn percent_digits(value: Decimal) -> String {
    let text = value.normalize().abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = format!("{fraction:0<2}");
    let (moved, rest) = fraction.split_at(2);
    let whole = format!("{whole}{moved}");
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    match rest {
        "" => format!("{sign}{whole}"),
        rest => format!("{sign}{whole}.{rest}"),
    }
}

/// Prints the formula so that [`Expr::parse`] gives back the same tree: parentheses only where
/// the tree needs them (left-associative operators, so a right operand of equal precedence is
/// parenthesised).
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Number {
                value,
                percent: true,
            } => write!(f, "{}%", percent_digits(*value)),
            Expr::Number {
                value,
                percent: false,
            } => write!(f, "{}", value.normalize()),
            Expr::Name(name) => f.write_str(name),
            Expr::Neg(inner) => match **inner {
                Expr::Binary(..) | Expr::Neg(_) => write!(f, "-({inner})"),
                _ => write!(f, "-{inner}"),
            },
            Expr::Binary(op, a, b) => {
                let needs_parens = |child: &Expr, right: bool| match child {
                    Expr::Binary(inner, ..) => {
                        inner.precedence() < op.precedence()
                            || (right && inner.precedence() == op.precedence())
                    }
                    _ => false,
                };
                write_operand(f, a, needs_parens(a, false))?;
                write!(f, " {} ", op.symbol())?;
                write_operand(f, b, needs_parens(b, true))
            }
        }
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, expr: &Expr, parens: bool) -> fmt::Result {
    if parens {
        write!(f, "({expr})")
    } else {
        write!(f, "{expr}")
    }
}

/// A parsed part of a formula, with its value when it is made of numbers alone.
struct Parsed {
    expr: Expr,
    constant: Option<Decimal>,
}

/// Reads a formula in one pass over its text, holding nothing per character: a formula padded
/// with megabytes of spaces costs no more memory than its text.
struct Parser<'a> {
    text: &'a str,
    /// The byte offset of the next character.
    at: usize,
    terms: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    /// Moves past the next character.
    fn advance(&mut self) {
        self.at += self.peek().map_or(0, char::len_utf8);
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.advance();
        }
    }

    fn error(&self, expected: &str) -> Error {
        self.error_at(self.at, expected)
    }

    /// An error at the byte offset `at`, told as a 1-based character position.
    fn error_at(&self, at: usize, expected: &str) -> Error {
        Error::Formula {
            input: self.text.to_string(),
            position: self.text[..at].chars().count() + 1,
            expected: expected.to_string(),
        }
    }

    fn operator(&mut self, ops: &[(char, Op)]) -> Option<Op> {
        self.skip_space();
        let c = self.peek()?;
        let op = ops.iter().find(|(symbol, _)| *symbol == c)?.1;
        self.advance();
        Some(op)
    }

    fn sum(&mut self, depth: usize) -> Result<Parsed, Error> {
        let mut parsed = self.product(depth)?;
        while let Some(op) = self.operator(&[('+', Op::Add), ('-', Op::Sub)]) {
            let at = self.at;
            parsed = self.combine(op, parsed, at, |parser| parser.product(depth))?;
        }
        Ok(parsed)
    }

    fn product(&mut self, depth: usize) -> Result<Parsed, Error> {
        let mut parsed = self.factor(depth)?;
        while let Some(op) = self.operator(&[('*', Op::Mul), ('/', Op::Div)]) {
            let at = self.at;
            parsed = self.combine(op, parsed, at, |parser| parser.factor(depth))?;
        }
        Ok(parsed)
    }

    /// `left op right`, the right operand parsed by `operand`; `at` is just after the operator.
    /// A part made of numbers alone is computed here, so that a divisor that is always zero, or
    /// a part too large for a decimal, is refused when the formula is read, not when it is used.
    fn combine(
        &mut self,
        op: Op,
        left: Parsed,
        at: usize,
        operand: impl FnOnce(&mut Self) -> Result<Parsed, Error>,
    ) -> Result<Parsed, Error> {
        self.skip_space();
        let right_at = self.at;
        let right = operand(self)?;
        if op == Op::Div && right.constant.is_some_and(|divisor| divisor.is_zero()) {
            return Err(self.error_at(
                right_at,
                &format!("divides by zero: the divisor {} is always 0", right.expr),
            ));
        }
        let constant = match (left.constant, right.constant) {
            (Some(a), Some(b)) => Some(op.apply(a, b).map_err(|_| {
                self.error_at(
                    at - 1,
                    &format!(
                        "has a part made of numbers alone, {} {} {}, too large for an exact decimal",
                        left.expr,
                        op.symbol(),
                        right.expr
                    ),
                )
            })?),
            _ => None,
        };
        Ok(Parsed {
            expr: Expr::binary(op, left.expr, right.expr),
            constant,
        })
    }

    fn factor(&mut self, depth: usize) -> Result<Parsed, Error> {
        if depth >= MAX_DEPTH {
            return Err(self.error(&format!("nests deeper than {MAX_DEPTH} levels")));
        }
        self.skip_space();
        if self.terms >= MAX_TERMS {
            return Err(self.error(&format!("has more than {MAX_TERMS} numbers and names")));
        }
        match self.peek() {
            Some('-') => {
                self.advance();
                let inner = self.factor(depth + 1)?;
                Ok(Parsed {
                    expr: -inner.expr,
                    constant: inner.constant.map(|value| -value),
                })
            }
            Some('(') => {
                self.advance();
                let inner = self.sum(depth + 1)?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(self.error("expected a closing parenthesis"));
                }
                self.advance();
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() => {
                self.terms += 1;
                self.number()
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                self.terms += 1;
                Ok(Parsed {
                    expr: self.name(),
                    constant: None,
                })
            }
            Some(_) => Err(self.error("expected a number, a parameter name or '('")),
            None => Err(self.error("ends where a number, a parameter name or '(' was expected")),
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &str {
        let start = self.at;
        while self.peek().is_some_and(&keep) {
            self.advance();
        }
        &self.text[start..self.at]
    }

    fn number(&mut self) -> Result<Parsed, Error> {
        let start = self.at;
        let digits = self
            .take_while(|c| c.is_ascii_digit() || c == '.')
            .to_string();
        let percent = self.peek() == Some('%');
        if percent {
            self.advance();
        }
        let written = if percent {
            format!("{digits}%")
        } else {
            digits
        };
        match read_decimal(&written) {
            Ok(value) => Ok(Parsed {
                expr: Expr::Number { value, percent },
                constant: Some(value),
            }),
            Err(error) => {
                self.at = start;
                let why = match error.inexact() {
                    Some(why) => format!("has a number that {why}"),
                    None => "has a malformed number: write digits with one decimal point, like 5.2"
                        .into(),
                };
                Err(self.error(&why))
            }
        }
    }

    fn name(&mut self) -> Expr {
        Expr::Name(
            self.take_while(|c| c.is_ascii_alphanumeric() || c == '_')
                .to_string(),
        )
    }
}

fn n(name: &str) -> Expr {
    Expr::name(name)
}

fn sixty() -> Expr {
    Expr::number(Decimal::from(60))
}

/// Builders for the formula shapes the plans use most; each returns an ordinary [`Expr`].
///
/// The names passed in are parameter names; the results are in the unit stated on each helper.
impl Expr {
    /// Hours per year of contact time saved:
    /// `patients * contacts_per_year * reduction * minutes_per_contact / 60`.
    pub fn contact_time(
        patients: &str,
        contacts_per_year: &str,
        reduction: &str,
        minutes_per_contact: &str,
    ) -> Expr {
        n(patients) * n(contacts_per_year) * n(reduction) * n(minutes_per_contact) / sixty()
    }

    /// Hours per year of nursing time saved on bed-days:
    /// `admissions * reduction * days_per_admission * minutes_per_day / 60`.
    pub fn bed_days(
        admissions: &str,
        reduction: &str,
        days_per_admission: &str,
        minutes_per_day: &str,
    ) -> Expr {
        n(admissions) * n(reduction) * n(days_per_admission) * n(minutes_per_day) / sixty()
    }

    /// Hours per year saved when bed-days move to a setting with less nursing time per day:
    /// `admissions * share_moved * days_per_admission * (minutes_per_day_from - minutes_per_day_to) / 60`.
    pub fn bed_day_substitution(
        admissions: &str,
        share_moved: &str,
        days_per_admission: &str,
        minutes_per_day_from: &str,
        minutes_per_day_to: &str,
    ) -> Expr {
        n(admissions)
            * n(share_moved)
            * n(days_per_admission)
            * (n(minutes_per_day_from) - n(minutes_per_day_to))
            / sixty()
    }

    /// A figure measured elsewhere, scaled by population: `value * population_here / population_there`.
    /// Serves both scaling from another region and from the nation.
    pub fn scale_by_population(value: &str, population_here: &str, population_there: &str) -> Expr {
        n(value) * n(population_here) / n(population_there)
    }

    /// Hours per year saved by cutting each professional's time on something (administrative
    /// burden) by some hours a week: `hours_per_week * professionals * weeks_per_year`.
    /// Haaglanden: one hour a week less administration.
    pub fn hours_per_week(hours_per_week: &str, professionals: &str, weeks_per_year: &str) -> Expr {
        n(hours_per_week) * n(professionals) * n(weeks_per_year)
    }

    /// Hours per year saved by holding a volume's growth to a target: the volume avoided,
    /// `base * (autonomous_growth - target_growth)`, times the minutes each unit takes, over 60.
    /// Rotterdam: GP-post procedures would grow 30% but are held to 5%.
    pub fn volume_cap(
        base: &str,
        autonomous_growth: &str,
        target_growth: &str,
        minutes_per_unit: &str,
    ) -> Expr {
        n(base) * (n(autonomous_growth) - n(target_growth)) * n(minutes_per_unit) / sixty()
    }

    /// FTE freed by freeing a share of a capacity: `share * capacity_fte`. Midden Nederland: 6% of
    /// the GGZ treatment capacity, pending until the capacity is known.
    pub fn share_of_capacity(share: &str, capacity_fte: &str) -> Expr {
        n(share) * n(capacity_fte)
    }

    /// Persons back at work when absence falls: `workforce * (absence_before - absence_after)`.
    /// Also outflow: `leavers_per_year * share_prevented`.
    pub fn absence_reduction(workforce: &str, absence_before: &str, absence_after: &str) -> Expr {
        n(workforce) * (n(absence_before) - n(absence_after))
    }
}

#[cfg(test)]
mod tests {
    use super::strategies::formula;
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_percentage_prints_as_written_even_where_times_100_would_overflow() {
        // 29 digits with `%`: read as 999999999999999999999999999.1, whose 100-fold is beyond
        // the largest decimal; it must print with its `%` and read back the same.
        for text in [
            "99999999999999999999999999910%",
            "10%",
            "12.5%",
            "0.05%",
            "0%",
            "100%",
        ] {
            let expr = Expr::parse(text).unwrap();
            assert_eq!(expr.to_string(), text);
            assert_eq!(Expr::parse(&expr.to_string()).unwrap(), expr);
        }
        assert_eq!(percent_digits(d("-0.125")), "-12.5");
    }

    /// Where a formula that does not parse fails, and what was expected there.
    fn unparsed(text: &str) -> (usize, String) {
        match Expr::parse(text) {
            Err(Error::Formula {
                position, expected, ..
            }) => (position, expected),
            other => panic!("{text:?} gives {other:?}"),
        }
    }

    fn eval(text: &str) -> Result<Decimal, EvalError> {
        Expr::parse(text)
            .unwrap()
            .evaluate_in(&|name: &str| (name == "x").then(|| d("3")))
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(eval("1 + 2 * 3").unwrap(), d("7"));
        assert_eq!(eval("(1 + 2) * 3").unwrap(), d("9"));
        assert_eq!(eval("8 - 4 - 2").unwrap(), d("2"));
        assert_eq!(eval("8 / 4 / 2").unwrap(), d("1"));
        assert_eq!(eval("-x * 2").unwrap(), d("-6"));
        assert_eq!(eval("1 - -x").unwrap(), d("4"));
        assert_eq!(eval("50% * x").unwrap(), d("1.5"));
    }

    #[test]
    fn errors_are_values() {
        assert_eq!(
            eval("1 / (x - 3)"),
            Err(EvalError::Arithmetic(ArithmeticError::DivisionByZero))
        );
        assert_eq!(eval("y + 1"), Err(EvalError::UnknownName("y".into())));
        // 3 * MAX: only the parameter's value makes it overflow.
        let big = format!("x * {}", Decimal::MAX);
        assert_eq!(
            eval(&big),
            Err(EvalError::Arithmetic(ArithmeticError::Overflow))
        );
    }

    #[test]
    fn a_divisor_that_is_always_zero_is_refused_when_read() {
        // (formula, 1-based position of the divisor)
        for (text, position) in [
            ("a / 0", 5),
            ("a * b / 0.000", 9),
            ("a / (1 - 1)", 5),
            ("a / (2 * 50% - 1)", 5),
            ("a / -0", 5),
            ("(a + 1) / (0 * 7) * b", 11),
        ] {
            let (at, expected) = unparsed(text);
            assert!(
                expected.starts_with("divides by zero"),
                "{text}: {expected}"
            );
            assert_eq!(at, position, "{text}: {expected}");
        }
        // A divisor that depends on a parameter is checked when the formula is evaluated.
        assert!(Expr::parse("a / (b - 1)").is_ok());
        assert!(Expr::parse("a / (0 * b)").is_ok());
        assert!(Expr::parse("0 / a").is_ok());
    }

    #[test]
    fn a_part_of_numbers_alone_too_large_is_refused_when_read() {
        let text = format!("a * ({} + 1)", Decimal::MAX);
        let (position, expected) = unparsed(&text);
        assert!(expected.contains("too large"), "{expected}");
        // The position of the + that overflows.
        assert_eq!(position, 36);
    }

    #[test]
    fn a_number_a_decimal_would_round_is_refused_where_it_stands() {
        // 1e-29 would read as 0: the formula would silently be worth nothing.
        let (position, expected) = unparsed("a * 0.00000000000000000000000000001");
        assert_eq!(position, 5);
        assert!(expected.contains("more significant digits"), "{expected}");
        let (position, expected) = unparsed("a + 79228162514264337593543950336");
        assert_eq!(position, 5);
        assert!(expected.contains("larger than"), "{expected}");
        let (position, _) = unparsed("a * 0.0000000000000000000000000001%");
        assert_eq!(position, 5);
        // The smallest decimal, 1e-28, reads exactly.
        let tiny = Expr::parse("a * 0.0000000000000000000000000001").unwrap();
        assert_eq!(tiny.to_string(), "a * 0.0000000000000000000000000001");
    }

    #[test]
    fn parse_errors_say_where() {
        let cases = [
            ("a * (b", 7),
            ("a +", 4),
            ("a b", 3),
            ("1.2.3", 1),
            ("a ) b", 3),
            ("5,2", 2),
            ("", 1),
        ];
        for (text, position) in cases {
            let (at, expected) = unparsed(text);
            assert_eq!(at, position, "{text:?}: {expected}");
        }
        let deep = "(".repeat(10_000) + "1" + &")".repeat(10_000);
        assert!(unparsed(&deep).1.contains("deeper"));
        let negated = "-".repeat(10_000) + "1";
        assert!(unparsed(&negated).1.contains("deeper"));
        let long = vec!["1"; 100_000].join(" + ");
        let (position, expected) = unparsed(&long);
        assert!(expected.contains("more than 1000"), "{expected}");
        assert_eq!(position, 1000 * 4 + 1);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        // No-break spaces take two bytes each; the position counts them as one character: the
        // closing parenthesis is missing after the 6 characters, 8 bytes.
        assert_eq!(unparsed("a\u{a0}*\u{a0}(b").0, 7);
        let padded = format!("a{}* b", " ".repeat(1_000_000));
        assert_eq!(Expr::parse(&padded).unwrap(), Expr::parse("a * b").unwrap());
    }

    #[test]
    fn display_keeps_the_tree() {
        for text in [
            "a - (b - c)",
            "a / (b * c)",
            "(a + b) * c",
            "-(a + b)",
            "a * b * c",
            "20% * a",
            "a - -b",
            "--a",
        ] {
            let expr = Expr::parse(text).unwrap();
            assert_eq!(
                Expr::parse(&expr.to_string()).unwrap(),
                expr,
                "{text} printed as {expr}"
            );
        }
        assert_eq!(Expr::parse("a-(b-c)").unwrap().to_string(), "a - (b - c)");
        assert_eq!(Expr::parse("(a*b)*c").unwrap().to_string(), "a * b * c");
    }

    #[test]
    fn degrees() {
        let degree = |text: &str| Expr::parse(text).unwrap().degree_in(&|n: &str| n == "x");
        assert_eq!(degree("a * b / 60"), Some(0));
        assert_eq!(degree("x * a - x * b"), Some(1));
        assert_eq!(degree("x * (10 - x)"), Some(2));
        assert_eq!(degree("a / x"), None);
        assert_eq!(degree("x / 60 * -(a + x)"), Some(2));
    }

    #[test]
    fn lever_shapes_compute_what_they_say() {
        let values = |name: &str| {
            Some(d(match name {
                "hours" => "1",
                "staff" => "1000",
                "weeks" => "46",
                "base" => "40000",
                "growth" => "0.30",
                "target" => "0.05",
                "minutes" => "20",
                "workforce" => "10000",
                "before" => "0.10",
                "after" => "0.05",
                _ => return None,
            }))
        };
        // 1 hour a week for 1000 professionals over 46 weeks
        assert_eq!(
            Expr::hours_per_week("hours", "staff", "weeks")
                .evaluate_in(&values)
                .unwrap(),
            d("46000")
        );
        // 40000 procedures * (30% - 5%) = 10000 avoided, 20 minutes each = 3333.33 hours
        let cap = Expr::volume_cap("base", "growth", "target", "minutes")
            .evaluate_in(&values)
            .unwrap();
        assert_eq!(
            cap,
            d("40000") * (d("0.30") - d("0.05")) * d("20") / d("60")
        );
        // absence from 10% to 5% of 10000: 500 persons
        assert_eq!(
            Expr::absence_reduction("workforce", "before", "after")
                .evaluate_in(&values)
                .unwrap(),
            d("500")
        );
    }

    #[test]
    fn shapes_build_the_printed_formula() {
        let built = Expr::contact_time("p", "c", "r", "m");
        assert_eq!(built, Expr::parse("p * c * r * m / 60").unwrap());
        let scaled = Expr::scale_by_population("v", "here", "there");
        assert_eq!(scaled, Expr::parse("v * here / there").unwrap());
    }

    proptest! {
    #[test]
    fn printing_and_reparsing_a_formula_keeps_its_value(expr in formula()) {
        let printed = expr.to_string();
        let reparsed = Expr::parse(&printed).unwrap();
        let resolve = |name: &str| Some(Decimal::from(name.len() as u32 + 1));
        prop_assert_eq!(reparsed.evaluate_in(&resolve), expr.evaluate_in(&resolve), "{}", printed);
        prop_assert_eq!(reparsed.to_string(), printed);
    }
    }
}

/// Formulas of every shape the parser accepts: numbers, percentages, names, unary minus and
/// the four operators, nested.
#[cfg(test)]
pub(crate) mod strategies {
    use super::{Expr, Op};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    pub(crate) fn formula() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0..=1_000_000i64)
                .prop_map(|n| Decimal::new(n, 2))
                .prop_map(Expr::number),
            (0..=10_000i64)
                .prop_map(|n| Decimal::new(n, 2))
                .prop_map(|v| Expr::Number {
                    value: v / Decimal::ONE_HUNDRED,
                    percent: true
                }),
            "[a-z_][a-z0-9_]{0,8}".prop_map(Expr::name),
        ];
        leaf.prop_recursive(6, 64, 2, |inner| {
            prop_oneof![
                inner.clone().prop_map(|e| -e),
                (
                    inner.clone(),
                    inner,
                    prop_oneof![Just(Op::Add), Just(Op::Sub), Just(Op::Mul), Just(Op::Div)]
                )
                    .prop_map(|(a, b, op)| Expr::Binary(
                        op,
                        Box::new(a),
                        Box::new(b)
                    )),
            ]
        })
    }
}
