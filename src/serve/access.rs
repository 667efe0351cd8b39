//! Who may join a served session, and as what: a join code per role (the SSH password),
//! people's SSH keys from an authorised keys file, the host's own key, and how wrong tries
//! are slowed down.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use rand::TryRngCore;
use russh::keys::{HashAlg, PrivateKey, PublicKey};

use crate::core::Role;

/// Wrong tries from one address within [`FAILURE_WINDOW`] after which it is refused
/// without looking at what it offers.
pub const FAILURES_ALLOWED: usize = 5;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(60);

/// A person allowed in by their SSH key.
#[derive(Debug, Clone)]
pub struct KnownKey {
    pub key: PublicKey,
    pub role: Role,
    /// The name the header shows: the key's comment, or their SSH user name when it has none.
    pub name: Option<String>,
}

/// The codes and keys that let people in, and the wrong tries seen lately.
#[derive(Debug)]
pub struct Access {
    /// A code per role: lead, co-facilitator, observer.
    codes: Vec<(Role, String)>,
    keys: Vec<KnownKey>,
    failures: HashMap<IpAddr, VecDeque<Instant>>,
}

impl Access {
    /// Fresh codes, from the operating system's random source, and the keys of a file.
    pub fn new(keys: Vec<KnownKey>) -> std::io::Result<Access> {
        let mut access = Access {
            codes: Vec::new(),
            keys,
            failures: HashMap::new(),
        };
        access.renew()?;
        Ok(access)
    }

    /// New codes for every role: the old ones let nobody in from now on; whoever is in stays.
    pub fn renew(&mut self) -> std::io::Result<()> {
        self.codes = Role::ALL
            .into_iter()
            .map(|role| Ok((role, fresh_code()?)))
            .collect::<std::io::Result<_>>()?;
        Ok(())
    }

    /// The code that lets someone in as `role`.
    pub fn code(&self, role: Role) -> &str {
        self.codes
            .iter()
            .find(|(r, _)| *r == role)
            .map_or("", |(_, c)| c.as_str())
    }

    /// The role a code gives, compared in time that does not depend on where it differs.
    pub fn by_code(&self, offered: &str) -> Option<Role> {
        let offered = offered.trim();
        self.codes
            .iter()
            .filter(|(_, code)| same(code.as_bytes(), offered.as_bytes()))
            .map(|(role, _)| *role)
            .next()
    }

    /// The person a key lets in.
    pub fn by_key(&self, key: &PublicKey) -> Option<&KnownKey> {
        self.keys
            .iter()
            .find(|k| k.key.key_data() == key.key_data())
    }

    /// Whether an address has tried wrongly too often lately to be heard now.
    pub fn throttled(&mut self, from: IpAddr, now: Instant) -> bool {
        let Some(tries) = self.failures.get_mut(&from) else {
            return false;
        };
        while tries
            .front()
            .is_some_and(|t| now.duration_since(*t) > FAILURE_WINDOW)
        {
            tries.pop_front();
        }
        tries.len() >= FAILURES_ALLOWED
    }

    /// Counts a wrong try from an address; how many it made within the window.
    pub fn failed(&mut self, from: IpAddr, now: Instant) -> usize {
        let tries = self.failures.entry(from).or_default();
        tries.push_back(now);
        while tries.len() > FAILURES_ALLOWED * 4 {
            tries.pop_front();
        }
        tries.len()
    }
}

/// 128 bits from the operating system, as 32 hexadecimal digits in groups of four.
fn fresh_code() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| std::io::Error::other(format!("no random source: {e}")))?;
    let hex: Vec<String> = bytes
        .chunks(2)
        .map(|pair| format!("{:02x}{:02x}", pair[0], pair[1]))
        .collect();
    Ok(hex.join("-"))
}

/// Equal bytes, looked at whole whatever the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads an authorised keys file: OpenSSH's format (options, key type, key, comment), one key a line, each with the option
/// `role=lead`, `role=cofac` or `role=observer` before it and the person's name as its
/// comment. A line that cannot be read is an error naming the file, the line and the field.
pub fn read_authorized_keys(path: &Path) -> Result<Vec<KnownKey>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot be read: {e}", path.display()))?;
    parse_authorized_keys(&path.display().to_string(), &text)
}

pub fn parse_authorized_keys(source: &str, text: &str) -> Result<Vec<KnownKey>, String> {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("{source}:{}", i + 1);
        // Options come first when the first word is not a key type: `role=cofac,...`.
        let (options, key_text) = match line.split_once(' ') {
            Some((first, rest)) if first.contains('=') => (first, rest.trim_start()),
            _ => ("", line),
        };
        let key = PublicKey::from_openssh(key_text).map_err(|_| {
            format!(
                "{at}: key: not an OpenSSH public key line (`role=cofac ssh-ed25519 AAAA… Name`)"
            )
        })?;
        let mut role = None;
        for option in options.split(',') {
            if let Some(value) = option.strip_prefix("role=") {
                role = Some(Role::parse(value.trim_matches('"')).ok_or_else(|| {
                    format!("{at}: role: “{value}” is not a role (use lead, cofac or observer)")
                })?);
            }
        }
        let role = role.ok_or_else(|| {
            format!(
                "{at}: role: missing; put role=lead, role=cofac or role=observer before the key"
            )
        })?;
        let comment = key.comment().as_str_lossy().trim().to_string();
        keys.push(KnownKey {
            key,
            role,
            name: (!comment.is_empty()).then_some(comment),
        });
    }
    Ok(keys)
}

/// The host's own key, made once (ed25519) and kept in `dir` readable by its owner only, so
/// that people who checked its fingerprint once are not asked again.
pub fn host_key(dir: &Path) -> std::io::Result<PrivateKey> {
    let path = dir.join("host_key_ed25519");
    if path.exists() {
        return PrivateKey::read_openssh_file(&path).map_err(|e| {
            std::io::Error::other(format!("{}: not a host key: {e}", path.display()))
        });
    }
    std::fs::create_dir_all(dir)?;
    let mut seed = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut seed)
        .map_err(|e| std::io::Error::other(format!("no random source: {e}")))?;
    let pair = russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&seed);
    let key = PrivateKey::from(pair);
    let text = key
        .to_openssh(russh::keys::ssh_key::LineEnding::LF)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    crate::export::write_private(&path, text.as_bytes())?;
    Ok(key)
}

/// What a person checks on first connecting: `SHA256:…`, as OpenSSH prints it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HENDRA: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHGYn8xV5Ws8TzGXZWc3jHpBvNYIYxLDvhp8ODX6ALnY";

    #[test]
    fn codes_are_128_bits_each_role_its_own_and_renewing_refuses_the_old() {
        let mut access = Access::new(Vec::new()).unwrap();
        let lead = access.code(Role::Lead).to_string();
        let cofac = access.code(Role::CoFacilitator).to_string();
        // 32 hex digits are 128 bits.
        assert_eq!(lead.chars().filter(char::is_ascii_hexdigit).count(), 32);
        assert_eq!(lead.len(), 39);
        assert_ne!(lead, cofac);
        assert_eq!(access.by_code(&lead), Some(Role::Lead));
        assert_eq!(access.by_code(&cofac), Some(Role::CoFacilitator));
        assert_eq!(
            access.by_code(&format!(" {cofac}\n")),
            Some(Role::CoFacilitator)
        );
        assert_eq!(access.by_code("0000"), None);
        assert_eq!(access.by_code(""), None);
        access.renew().unwrap();
        assert_eq!(access.by_code(&lead), None);
        assert_eq!(
            access.by_code(access.code(Role::Observer)),
            Some(Role::Observer)
        );
    }

    #[test]
    fn five_wrong_tries_in_a_minute_silence_an_address_until_the_minute_is_over() {
        let mut access = Access::new(Vec::new()).unwrap();
        let from: IpAddr = "192.0.2.7".parse().unwrap();
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        let t0 = Instant::now();
        for i in 1..=FAILURES_ALLOWED {
            assert!(!access.throttled(from, t0));
            assert_eq!(access.failed(from, t0), i);
        }
        assert!(access.throttled(from, t0));
        assert!(!access.throttled(other, t0));
        assert!(access.throttled(from, t0 + FAILURE_WINDOW));
        assert!(!access.throttled(from, t0 + FAILURE_WINDOW + Duration::from_secs(1)));
    }

    #[test]
    fn an_authorised_keys_file_gives_each_key_a_role_and_a_name() {
        let text = format!(
            "# the team\n\nrole=cofac {HENDRA} Hendra Wijaya\nrole=\"observer\" {HENDRA}\n"
        );
        let keys = parse_authorized_keys("team.keys", &text).unwrap();
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].role, Role::CoFacilitator);
        assert_eq!(keys[0].name.as_deref(), Some("Hendra Wijaya"));
        assert_eq!(keys[1].role, Role::Observer);
        assert_eq!(keys[1].name, None);
        let access = Access::new(keys).unwrap();
        let key = PublicKey::from_openssh(HENDRA).unwrap();
        assert_eq!(
            access.by_key(&key).map(|k| k.role),
            Some(Role::CoFacilitator)
        );
    }

    #[test]
    fn a_bad_line_of_the_keys_file_names_the_file_line_and_field() {
        let missing = parse_authorized_keys("team.keys", &format!("{HENDRA} Hendra\n"));
        assert_eq!(
            missing.unwrap_err(),
            "team.keys:1: role: missing; put role=lead, role=cofac or role=observer before the key"
        );
        let wrong = parse_authorized_keys("team.keys", &format!("\nrole=boss {HENDRA} Hendra\n"));
        assert_eq!(
            wrong.unwrap_err(),
            "team.keys:2: role: “boss” is not a role (use lead, cofac or observer)"
        );
        let garbage = parse_authorized_keys("team.keys", "role=cofac ssh-ed25519 nonsense\n");
        assert!(garbage.unwrap_err().starts_with("team.keys:1: key: "));
    }

    #[cfg(unix)]
    #[test]
    fn the_host_key_is_made_once_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let first = host_key(dir.path()).unwrap();
        let path = dir.path().join("host_key_ed25519");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let again = host_key(dir.path()).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
    }
}
