//! The generator: xoshiro256** seeded through SplitMix64, and a ziggurat for normal variates.
//! Written out rather than taken from a crate whose streams may change between versions, so
//! that a seed gives the same draws with every build.

use std::sync::LazyLock;

/// xoshiro256** (Blackman and Vigna), seeded by SplitMix64.
#[derive(Clone, Debug)]
pub(super) struct Xoshiro256 {
    pub(super) state: [u64; 4],
}

impl Xoshiro256 {
    pub(super) fn seeded(seed: u64) -> Xoshiro256 {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256 {
            state: [next(), next(), next(), next()],
        }
    }

    pub(super) fn next(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Moves the state 2<sup>128</sup> steps ahead (the published jump polynomial): the streams
    /// of successive jumps never overlap in practice, one per chunk of draws.
    pub(super) fn jump(&mut self) {
        const JUMP: [u64; 4] = [
            0x180e_c6d3_3cfd_0aba,
            0xd5a6_1266_f0c9_392c,
            0xa958_2618_e03f_c9aa,
            0x39ab_dc45_29b1_661c,
        ];
        let mut jumped = [0u64; 4];
        for word in JUMP {
            for bit in 0..64 {
                if word & (1 << bit) != 0 {
                    for (to, from) in jumped.iter_mut().zip(self.state) {
                        *to ^= from;
                    }
                }
                self.next();
            }
        }
        self.state = jumped;
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal, by the ziggurat of Marsaglia and Tsang in Doornik's form: one draw of
    /// 64 bits picks a layer (the low seven bits) and a place across it (the high 53), and is
    /// taken as it is 99% of the time.
    pub(super) fn normal(&mut self) -> f64 {
        let ziggurat = &*ZIGGURAT;
        loop {
            let bits = self.next();
            let layer = (bits & (LAYERS as u64 - 1)) as usize;
            let across = 2.0 * ((bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)) - 1.0;
            if across.abs() < ziggurat.inside[layer] {
                return across * ziggurat.edges[layer];
            }
            if layer == 0 {
                return self.normal_tail(across < 0.0);
            }
            // In the wedge between the layer's rectangle and the curve: accept under the curve.
            let x = across * ziggurat.edges[layer];
            let squared = x * x;
            let outer = (-0.5 * (ziggurat.edges[layer].powi(2) - squared)).exp();
            let inner = (-0.5 * (ziggurat.edges[layer + 1].powi(2) - squared)).exp();
            if inner + self.unit() * (outer - inner) < 1.0 {
                return x;
            }
        }
    }

    /// A standard normal beyond the ziggurat's base, by Marsaglia's method for the tail.
    pub(super) fn normal_tail(&mut self, negative: bool) -> f64 {
        loop {
            let x = (1.0 - self.unit()).ln() / TAIL;
            let y = (1.0 - self.unit()).ln();
            if -2.0 * y >= x * x {
                return if negative { x - TAIL } else { TAIL - x };
            }
        }
    }
}

/// The ziggurat's layers: a power of two, as its layer is picked by bits.
pub(super) const LAYERS: usize = 128;
/// Where the normal's tail starts, for 128 layers (Doornik, 2005).
pub(super) const TAIL: f64 = 3.442_619_855_899;
/// The area of each layer, for 128 layers (Doornik, 2005).
pub(super) const LAYER_AREA: f64 = 9.912_563_035_262_17e-3;

/// Built once, on first use.
pub(super) static ZIGGURAT: LazyLock<Ziggurat> = LazyLock::new(Ziggurat::new);

/// Layers of equal area under the normal's curve exp(-x^2 / 2), stacked from the base.
pub(super) struct Ziggurat {
    /// Each layer's right edge; the base's is its area over its height, the top's next is 0.
    pub(super) edges: [f64; LAYERS + 1],
    /// The share of each layer's width that lies wholly under the curve: edges[i + 1] / edges[i].
    pub(super) inside: [f64; LAYERS],
}

impl Ziggurat {
    pub(super) fn new() -> Ziggurat {
        let curve = |x: f64| (-0.5 * x * x).exp();
        let mut edges = [0.0; LAYERS + 1];
        edges[0] = LAYER_AREA / curve(TAIL);
        edges[1] = TAIL;
        for i in 2..LAYERS {
            edges[i] = (-2.0 * (LAYER_AREA / edges[i - 1] + curve(edges[i - 1])).ln()).sqrt();
        }
        Ziggurat {
            edges,
            inside: std::array::from_fn(|i| edges[i + 1] / edges[i]),
        }
    }
}
