//! The generator: xoshiro256** seeded through SplitMix64.
//! Written out rather than taken from a crate whose streams may change between versions, so
//! that a seed gives the same draws with every build.

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

    /// A uniform in [0, 1) as a whole number of 2<sup>-53</sup>: the top 53 bits.
    pub(super) fn bits(&mut self) -> u64 {
        self.next() >> 11
    }
}
