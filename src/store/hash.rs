//! Content fingerprints for cache keys: 128 bits from two differently seeded FNV-1a passes,
//! each finished with a splitmix mixer. Written out (not `DefaultHasher`) because the values
//! are stored and must be the same in every build.

pub struct Hasher {
    a: u64,
    b: u64,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            a: 0xcbf2_9ce4_8422_2325,
            b: 0x6c62_272e_07bb_0142,
        }
    }
}

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) -> &mut Self {
        for &byte in bytes {
            self.a = (self.a ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            self.b = (self.b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3 | 0x2000);
        }
        self
    }

    /// A field with its length first, so ("ab", "c") and ("a", "bc") differ.
    pub fn field(&mut self, bytes: &[u8]) -> &mut Self {
        self.update(&(bytes.len() as u64).to_le_bytes());
        self.update(bytes)
    }

    pub fn finish(&self) -> String {
        format!(
            "{:016x}{:016x}",
            mix(self.a),
            mix(self.b ^ self.a.rotate_left(17))
        )
    }
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

pub fn of(bytes: &[u8]) -> String {
    Hasher::default().update(bytes).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_equal_hashes_and_one_byte_changes_it() {
        assert_eq!(of(b"summit"), of(b"summit"));
        assert_ne!(of(b"summit"), of(b"summiT"));
        assert_eq!(of(b"").len(), 32);
        let mut a = Hasher::default();
        a.field(b"ab").field(b"c");
        let mut b = Hasher::default();
        b.field(b"a").field(b"bc");
        assert_ne!(a.finish(), b.finish());
    }
}
