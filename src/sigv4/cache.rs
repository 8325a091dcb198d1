//! A small cache of derived signing keys, keyed by (secret digest, date, region, service).

use super::hmac::{sha256, HmacKey};

/// Entries kept; a client signs for one secret, one region and one day at a time, so a handful covers
/// credential rotation and midnight without growing.
const CAPACITY: usize = 8;

struct Entry {
    secret_digest: [u8; 32],
    date: [u8; 8],
    region: String,
    service: String,
    key: HmacKey,
}

/// Bounded cache of derived signing keys. The secret itself is never stored, only its SHA-256.
#[derive(Default)]
pub struct SigningKeyCache {
    entries: Vec<Entry>,
    hits: u64,
    misses: u64,
}

impl std::fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKeyCache")
            .field("entries", &self.entries.len())
            .field("hits", &self.hits)
            .field("misses", &self.misses)
            .finish()
    }
}

impl SigningKeyCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The keyed HMAC for the derived signing key, computed on a miss.
    pub fn get(&mut self, secret: &str, date: &str, region: &str, service: &str) -> HmacKey {
        self.key(secret, date, region, service).clone()
    }

    /// [`Self::get`] without the copy: the cached key, moved to the front.
    pub(crate) fn key(
        &mut self,
        secret: &str,
        date: &str,
        region: &str,
        service: &str,
    ) -> &HmacKey {
        let digest = sha256(secret.as_bytes());
        let mut d = [0u8; 8];
        let db = date.as_bytes();
        let n = db.len().min(8);
        d[..n].copy_from_slice(&db[..n]);
        let found = self.entries.iter().position(|e| {
            e.secret_digest == digest && e.date == d && e.region == region && e.service == service
        });
        match found {
            Some(pos) => {
                self.hits += 1;
                // Most recently used first.
                self.entries[..=pos].rotate_right(1);
            }
            None => {
                self.misses += 1;
                let key = HmacKey::new(&super::signing_key(secret, date, region, service));
                self.entries.truncate(CAPACITY - 1);
                self.entries.insert(
                    0,
                    Entry {
                        secret_digest: digest,
                        date: d,
                        region: region.to_owned(),
                        service: service.to_owned(),
                        key,
                    },
                );
            }
        }
        &self.entries[0].key
    }

    /// Number of cached keys (never more than the capacity).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// (hits, misses) so far.
    pub fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_hits() {
        let mut c = SigningKeyCache::new();
        let a = c.get("s", "20150830", "us-east-1", "ec2").sign(b"x");
        let b = c.get("s", "20150830", "us-east-1", "ec2").sign(b"x");
        assert_eq!(a, b);
        assert_eq!(c.stats(), (1, 1));
        for i in 0..20 {
            c.get(&format!("s{i}"), "20150830", "us-east-1", "ec2");
        }
        assert_eq!(c.len(), CAPACITY);
        let direct = HmacKey::new(&super::super::signing_key(
            "s",
            "20150831",
            "eu-west-1",
            "ec2",
        ))
        .sign(b"y");
        assert_eq!(
            c.get("s", "20150831", "eu-west-1", "ec2").sign(b"y"),
            direct
        );
    }
}
