//! The engine's single source of randomness: a seeded ChaCha20 stream, so that the same seed
//! gives the same tokens, UUIDs, jitter and `States.MathRandom` values.

use base64::Engine as _;
use chacha20::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

/// A seeded random stream.
#[derive(Debug)]
pub(crate) struct Entropy {
    rng: ChaCha20Rng,
}

/// The prefix real task tokens share (a version header); the rest is random.
const TOKEN_PREFIX: &str = "AAAAKgAAAAIAAAAA";

impl Entropy {
    pub(crate) fn new(seed: u64) -> Entropy {
        Entropy {
            rng: ChaCha20Rng::seed_from_u64(seed),
        }
    }

    /// An opaque task token: AWS's header followed by 256 random bytes in base64, so about
    /// 360 characters holding 2048 bits of entropy.
    pub(crate) fn task_token(&mut self) -> String {
        let mut bytes = [0u8; 256];
        self.rng.fill_bytes(&mut bytes);
        let body = base64::engine::general_purpose::STANDARD.encode(bytes);
        format!("{TOKEN_PREFIX}{body}")
    }

    /// A version 4 UUID in its usual text form.
    pub(crate) fn uuid_v4(&mut self) -> String {
        let mut b = [0u8; 16];
        self.rng.fill_bytes(&mut b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        // Written digit by digit: `format!` per byte was a tenth of a callback execution.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(36);
        for (index, byte) in b.iter().enumerate() {
            if matches!(index, 4 | 6 | 8 | 10) {
                text.push('-');
            }
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        text
    }

    /// A uniform draw from `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform integer in `[low, high]` (`low <= high`).
    pub(crate) fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = (high as i128 - low as i128 + 1) as u128;
        let draw = u128::from(self.rng.next_u64()) % span;
        (low as i128 + draw as i128) as i64
    }

    /// A fresh seed for a derived stream (`States.MathRandom` with a seed argument uses its
    /// own stream instead).
    pub(crate) fn seeded(seed: u64) -> Entropy {
        Entropy::new(seed)
    }
}
