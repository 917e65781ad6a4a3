//! Summaries of the draws as they come: a log-linear histogram for percentiles ([`Summary`]) and
//! running co-moments for correlations, both mergeable chunk by chunk in order.

/// Sub-buckets per power of two, as bits: 2<sup>11</sup> = 2,048.
pub(super) const PRECISION_BITS: u32 = 11;
pub(super) const SUB_BUCKETS: i32 = 1 << PRECISION_BITS;

/// Below this magnitude, 1/16, buckets keep the width of those just above it (2<sup>-15</sup>)
/// rather than narrowing towards zero: draws that cross zero need no buckets for every power of
/// two down to the smallest `f64`.
pub(super) const LINEAR_BELOW: f64 = 1.0 / 16.0;

/// At most this many buckets per summary (32 KiB of counters): when the draws spread wider, the
/// buckets are merged in pairs, halving the precision, until they fit.
pub(super) const MAX_BUCKETS: usize = 1 << 12;

/// The draws of one result, summarised as they come: their exact count, lowest, highest and
/// mean, and a log-linear histogram for percentiles (as in HdrHistogram or DDSketch).
///
/// A bucket holds the draws whose magnitude shares its power of two and the first eleven bits
/// after it, so it spans 1/2,048 of its power of two (below 1/16, 2<sup>-15</sup>). The draws
/// in a bucket are taken as spread evenly across it: each draw a percentile is taken from is
/// known within [`Summary::RELATIVE_ERROR`] (0.05%) of its magnitude, or within 2<sup>-15</sup> when
/// smaller than 1/16. The histogram keeps a counter for every bucket between the lowest and the
/// highest draw, at most 4,096: draws spread over more than about two powers of two merge
/// neighbouring buckets, each merge doubling the error, which [`Summary::relative_error`] states.
/// Its size never depends on how many draws there are, and is bounded however they spread.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub(super) draws: u64,
    pub(super) sum: f64,
    /// The sum of the squared deviations from the mean, pooled group by group (Chan, Golub and
    /// LeVeque), for the standard error.
    pub(super) squares: f64,
    pub(super) lowest: f64,
    pub(super) highest: f64,
    /// How many times neighbouring buckets were merged in pairs: a bucket here is 2^`coarser`
    /// of the finest buckets ([`bucket`]).
    pub(super) coarser: u32,
    /// The bucket of `counts[0]`; buckets are numbered in the order of their values.
    pub(super) first: i32,
    pub(super) counts: Vec<u64>,
    /// The standard error of the mean from the replicates' means, for quasi-random points.
    #[cfg(feature = "qmc")]
    pub(super) replicates_error: Option<f64>,
}

/// With the feature `serde`, a summary is written as what it tells, not its histogram: the number
/// of draws, their mean, the lowest and highest draw and the 5th, 50th and 95th percentiles, and
/// with the feature `qmc` the standard error of the mean (`null` for pseudo-random draws).
/// These are `f64`, as the draws are (the exact figures are the point results').
#[cfg(feature = "serde")]
impl serde::Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (lowest, highest) = self.range();
        let mut fields = out.serialize_struct("Summary", 8)?;
        fields.serialize_field("draws", &self.draws())?;
        fields.serialize_field("mean", &self.mean())?;
        fields.serialize_field("lowest", &lowest)?;
        fields.serialize_field("highest", &highest)?;
        fields.serialize_field("p5", &self.percentile(5.0))?;
        fields.serialize_field("p50", &self.percentile(50.0))?;
        fields.serialize_field("p95", &self.percentile(95.0))?;
        fields.serialize_field("standard_error", &self.standard_error())?;
        fields.end()
    }
}

impl Default for Summary {
    fn default() -> Self {
        Summary {
            draws: 0,
            sum: 0.0,
            squares: 0.0,
            lowest: f64::INFINITY,
            highest: f64::NEG_INFINITY,
            coarser: 0,
            first: 0,
            counts: Vec::new(),
            #[cfg(feature = "qmc")]
            replicates_error: None,
        }
    }
}

impl Summary {
    /// The largest relative error of a draw a percentile is taken from: a bucket's width,
    /// 2<sup>-11</sup>, of its magnitude or, below 1/16, of 1/16.
    pub const RELATIVE_ERROR: f64 = 1.0 / SUB_BUCKETS as f64;

    /// Adds one draw.
    #[cfg(test)]
    pub(super) fn record(&mut self, value: f64) {
        self.record_repeated(value, 1);
    }

    /// Adds `count` draws of the same value.
    pub(super) fn record_repeated(&mut self, value: f64, count: u64) {
        self.pool(count, value, 0.0);
        self.draws += count;
        self.sum += value * count as f64;
        self.lowest = self.lowest.min(value);
        self.highest = self.highest.max(value);
        let fine = bucket(value);
        self.widen(fine, fine);
        let index = (fine >> self.coarser) - self.first;
        self.counts[index as usize] += count;
    }

    /// Adds draws in their order. The histogram is widened once for all of them: buckets are
    /// numbered in the order of values, so the lowest and highest draw give the range.
    pub(super) fn record_all(&mut self, values: &[f64]) {
        if values.is_empty() {
            return;
        }
        let (mut sum, mut lowest, mut highest) = (self.sum, f64::INFINITY, f64::NEG_INFINITY);
        let mut own = 0.0;
        for &value in values {
            // Summed in the order drawn, as one draw at a time would. Draws are finite: plain
            // comparisons find the lowest and highest.
            sum += value;
            own += value;
            lowest = if value < lowest { value } else { lowest };
            highest = if value > highest { value } else { highest };
        }
        let mean = own / values.len() as f64;
        let squares = values.iter().map(|v| (v - mean) * (v - mean)).sum();
        self.pool(values.len() as u64, mean, squares);
        self.draws += values.len() as u64;
        self.sum = sum;
        self.lowest = self.lowest.min(lowest);
        self.highest = self.highest.max(highest);
        self.widen(bucket(lowest), bucket(highest));
        let (coarser, first) = (self.coarser, self.first);
        for &value in values {
            self.counts[((bucket(value) >> coarser) - first) as usize] += 1;
        }
    }

    /// Makes room for the finest buckets from `low` to `high`, merging buckets in pairs until
    /// all fit in [`MAX_BUCKETS`].
    pub(super) fn widen(&mut self, low: i32, high: i32) {
        loop {
            let (low, high) = (low >> self.coarser, high >> self.coarser);
            let (start, end) = match self.counts.is_empty() {
                true => (low, high),
                false => (low.min(self.first), high.max(self.last())),
            };
            // At one bucket per power of two, every f64 fits: the loop ends there at the latest.
            if (end - start) as usize >= MAX_BUCKETS && self.coarser < PRECISION_BITS {
                self.coarsen();
                continue;
            }
            if self.counts.is_empty() {
                self.first = start;
            } else if start < self.first {
                let below = (self.first - start) as usize;
                self.counts.splice(0..0, std::iter::repeat_n(0, below));
                self.first = start;
            }
            let len = (end - self.first) as usize + 1;
            if len > self.counts.len() {
                self.counts.resize(len, 0);
            }
            return;
        }
    }

    /// The bucket of `counts`' last counter.
    fn last(&self) -> i32 {
        self.first + self.counts.len() as i32 - 1
    }

    /// Merges neighbouring buckets in pairs: the numbering by magnitude makes a bucket's pair
    /// its number shifted right by one, on either side of zero.
    fn coarsen(&mut self) {
        self.coarser += 1;
        if self.counts.is_empty() {
            return;
        }
        let first = self.first >> 1;
        let mut counts = vec![0; ((self.last() >> 1) - first) as usize + 1];
        for (offset, count) in self.counts.iter().enumerate() {
            counts[(((self.first + offset as i32) >> 1) - first) as usize] += count;
        }
        (self.first, self.counts) = (first, counts);
    }

    /// Adds the draws of another summary, as if they had been recorded here.
    pub(super) fn merge(&mut self, other: &Summary) {
        if other.draws == 0 {
            return;
        }
        self.pool(other.draws, other.mean(), other.squares);
        self.draws += other.draws;
        self.sum += other.sum;
        self.lowest = self.lowest.min(other.lowest);
        self.highest = self.highest.max(other.highest);
        while self.coarser < other.coarser {
            self.coarsen();
        }
        let fine_low = other.first << other.coarser;
        let fine_high = ((other.last() + 1) << other.coarser) - 1;
        self.widen(fine_low, fine_high);
        let shift = self.coarser - other.coarser;
        if shift == 0 {
            // Bucket for bucket: one slice onto another.
            let start = (other.first - self.first) as usize;
            let mine = &mut self.counts[start..start + other.counts.len()];
            mine.iter_mut()
                .zip(&other.counts)
                .for_each(|(a, b)| *a += b);
            return;
        }
        for (offset, count) in other.counts.iter().enumerate() {
            let bucket = (other.first + offset as i32) >> shift;
            self.counts[(bucket - self.first) as usize] += count;
        }
    }

    /// How many draws.
    pub fn draws(&self) -> u64 {
        self.draws
    }

    /// The mean of the draws (exact but for `f64` rounding).
    pub fn mean(&self) -> f64 {
        if self.draws == 0 {
            f64::NAN
        } else {
            self.sum / self.draws as f64
        }
    }

    /// The standard error of [`Summary::mean`]: for pseudo-random draws, their standard
    /// deviation (with n - 1) over the square root of their number; for quasi-random points
    /// (feature `qmc`, [`MonteCarloSettings::sobol`](crate::MonteCarloSettings)), the standard
    /// deviation of the replicates' means over the square root of their number, the mean being
    /// the mean of theirs. `None` below two draws.
    ///
    /// ```
    /// # #[cfg(feature = "monte-carlo")] {
    /// use workforce_gap::MonteCarloSettings;
    /// let model = workforce_gap::Model::limburg()?;
    /// let mc = model.monte_carlo(MonteCarloSettings::default().draws(10_000).seed(1))?;
    /// // About 20.8 persons of standard deviation over the square root of 10,000 draws.
    /// let error = mc.total.standard_error().unwrap();
    /// assert!((error - 0.208).abs() < 0.01, "{error}");
    /// # }
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn standard_error(&self) -> Option<f64> {
        #[cfg(feature = "qmc")]
        if self.replicates_error.is_some() {
            return self.replicates_error;
        }
        let n = self.draws as f64;
        (self.draws >= 2).then(|| (self.squares / (n - 1.0) / n).sqrt())
    }

    /// Pools the squared deviations of `draws` more draws, of mean `mean` and squared
    /// deviations `squares` from it, with those so far: before the draws are counted.
    fn pool(&mut self, draws: u64, mean: f64, squares: f64) {
        if self.draws == 0 {
            self.squares = squares;
            return;
        }
        let (a, b) = (self.draws as f64, draws as f64);
        let shift = mean - self.mean();
        self.squares += squares + shift * shift * (a * b / (a + b));
    }

    /// The `p`th percentile (0 to 100), interpolated linearly between the two draws nearest to
    /// it in rank; each of them is known within [`Summary::RELATIVE_ERROR`] (the lowest and the highest
    /// exactly).
    pub fn percentile(&self, p: f64) -> f64 {
        if self.draws == 0 {
            return f64::NAN;
        }
        let rank = (p.clamp(0.0, 100.0) / 100.0) * (self.draws - 1) as f64;
        let (low, high) = (rank.floor() as u64, rank.ceil() as u64);
        let weight = rank - low as f64;
        self.ranked(low) * (1.0 - weight) + self.ranked(high) * weight
    }

    /// The draw of this rank (0 the lowest), placed within its bucket by its rank there.
    pub(super) fn ranked(&self, rank: u64) -> f64 {
        if rank == 0 {
            return self.lowest;
        }
        if rank + 1 >= self.draws {
            return self.highest;
        }
        let mut below = 0;
        for (offset, &count) in self.counts.iter().enumerate() {
            if below + count > rank {
                let (start, end) = self.bounds(self.first + offset as i32);
                let within = ((rank - below) as f64 + 0.5) / count as f64;
                return (start + (end - start) * within).clamp(self.lowest, self.highest);
            }
            below += count;
        }
        self.highest
    }

    /// The lowest and highest draw, exactly.
    pub fn range(&self) -> (f64, f64) {
        if self.draws == 0 {
            (f64::NAN, f64::NAN)
        } else {
            (self.lowest, self.highest)
        }
    }

    /// The largest relative error of a draw a percentile is taken from, as
    /// [`Summary::RELATIVE_ERROR`] but for these draws: twice as large for each time their
    /// spread made the histogram merge its buckets in pairs.
    ///
    /// ```
    /// use workforce_gap::{MonteCarloSettings, Summary};
    /// let mc = workforce_gap::Model::limburg()?.monte_carlo(MonteCarloSettings::default().draws(1_000))?;
    /// assert!(mc.total.relative_error() >= Summary::RELATIVE_ERROR);
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn relative_error(&self) -> f64 {
        Summary::RELATIVE_ERROR * f64::from(1u32 << self.coarser)
    }

    /// The lowest and highest value a bucket of this histogram holds: from the first of the
    /// finest buckets it merges to the last.
    fn bounds(&self, bucket: i32) -> (f64, f64) {
        let finest = bucket << self.coarser;
        let (start, _) = bucket_bounds(finest);
        let (_, end) = bucket_bounds(finest + (1 << self.coarser) - 1);
        (start, end)
    }

    /// How many buckets the histogram holds: its memory.
    #[cfg(test)]
    pub(super) fn buckets(&self) -> usize {
        self.counts.len()
    }
}

/// The bucket of a value, numbered in the order of values: 0 for [0, 1/16,384), 1 for the next,
/// and so on, linearly up to 1/16 and then by the exponent and top mantissa bits of the `f64`;
/// -1, -2, ... the same below zero.
pub(super) fn bucket(value: f64) -> i32 {
    let magnitude = value.abs();
    let place = if magnitude < LINEAR_BELOW {
        (magnitude / LINEAR_BELOW * SUB_BUCKETS as f64) as i32
    } else {
        step(magnitude) - step(LINEAR_BELOW) + SUB_BUCKETS
    };
    if value < 0.0 { -place - 1 } else { place }
}

/// The lowest and highest value a bucket holds (the highest excluded for positive buckets, the
/// lowest for negative ones).
pub(super) fn bucket_bounds(bucket: i32) -> (f64, f64) {
    let place = if bucket < 0 { -bucket - 1 } else { bucket };
    let (start, end) = if place < SUB_BUCKETS {
        let width = LINEAR_BELOW / SUB_BUCKETS as f64;
        (f64::from(place) * width, f64::from(place + 1) * width)
    } else {
        let step = (place - SUB_BUCKETS + step(LINEAR_BELOW)) as u64;
        let at = |step: u64| f64::from_bits(step << (52 - PRECISION_BITS));
        (at(step), at(step + 1))
    };
    if bucket < 0 {
        (-end, -start)
    } else {
        (start, end)
    }
}

/// A positive magnitude's exponent and top mantissa bits: one step per bucket.
pub(super) fn step(magnitude: f64) -> i32 {
    (magnitude.to_bits() >> (52 - PRECISION_BITS)) as i32
}

/// Running means and co-moments of each drawn parameter with the total, for Pearson's
/// correlation without keeping the draws: updated per draw as Welford does, merged as Chan,
/// Golub and LeVeque do, both stable where sums of squares cancel.
#[derive(Clone, Default)]
pub(super) struct Comoments {
    pub(super) draws: u64,
    /// The total's mean and sum of squared deviations.
    pub(super) total_mean: f64,
    pub(super) total_squares: f64,
    /// Per drawn parameter.
    pub(super) parameters: Vec<Moments>,
}

/// One parameter's running mean, sum of squared deviations, and sum of products of its
/// deviations with the total's.
#[derive(Clone, Copy, Default)]
pub(super) struct Moments {
    pub(super) mean: f64,
    pub(super) squares: f64,
    pub(super) with_total: f64,
}

impl Comoments {
    pub(super) fn record(&mut self, drawn: impl ExactSizeIterator<Item = f64>, total: f64) {
        self.parameters.resize_with(drawn.len(), Moments::default);
        self.draws += 1;
        let weight = 1.0 / self.draws as f64;
        let before = total - self.total_mean;
        self.total_mean += before * weight;
        let after = total - self.total_mean;
        self.total_squares += before * after;
        for (moments, x) in self.parameters.iter_mut().zip(drawn) {
            let deviation = x - moments.mean;
            moments.mean += deviation * weight;
            moments.squares += deviation * (x - moments.mean);
            moments.with_total += deviation * after;
        }
    }

    /// Adds a later chunk's moments, of the same parameters.
    pub(super) fn merge(&mut self, other: &Comoments) {
        if other.draws == 0 {
            return;
        }
        let (a, b) = (self.draws as f64, other.draws as f64);
        let (share, product) = (b / (a + b), a * b / (a + b));
        let total_shift = other.total_mean - self.total_mean;
        for (mine, theirs) in self.parameters.iter_mut().zip(&other.parameters) {
            let shift = theirs.mean - mine.mean;
            mine.mean += shift * share;
            mine.squares += theirs.squares + shift * shift * product;
            mine.with_total += theirs.with_total + shift * total_shift * product;
        }
        self.total_mean += total_shift * share;
        self.total_squares += other.total_squares + total_shift * total_shift * product;
        self.draws += other.draws;
    }

    /// Pearson's correlation of one parameter with the total; zero when either never varies.
    pub(super) fn pearson(&self, parameter: &Moments) -> f64 {
        if self.draws < 2 {
            f64::NAN
        } else if parameter.squares == 0.0 || self.total_squares == 0.0 {
            0.0
        } else {
            parameter.with_total / (parameter.squares * self.total_squares).sqrt()
        }
    }
}
