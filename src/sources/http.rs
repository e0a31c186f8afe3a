//! HTTP for feeds and pages: one shared ureq agent (rustls, gzip) with per-phase timeouts,
//! bounded redirects and a size cap per response; conditional requests; retries with backoff
//! on server errors and timeouts; one connection at a time per host, with a polite delay.
//! Everything a server sends is untrusted: error messages quote it only through `clean_line`.

use crate::text::sanitize::clean_line;
use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The User-Agent every request carries, so outlets can see who fetches and why.
pub const USER_AGENT: &str = concat!(
    "parallax/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader fetching subscribed feeds)"
);

/// Limits and manners of a fetch run. The defaults are for the real network; tests shorten
/// the times.
#[derive(Debug, Clone)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// Longest wait for any one read from the server.
    pub read_timeout: Duration,
    /// Longest one request may take, redirects and body included.
    pub total_timeout: Duration,
    /// Bytes per response, after decompression (a gzip bomb stops here too).
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Further tries after a 5xx, a timeout or a dropped connection.
    pub retries: u32,
    /// Wait before the first retry; doubled for each one after.
    pub backoff: Duration,
    /// Time between two requests to the same host.
    pub host_delay: Duration,
}

/// Bytes of one feed or page: 8 MiB holds the largest real feeds with room to spare.
pub const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_bytes: MAX_RESPONSE_BYTES,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_millis(500),
            host_delay: Duration::from_secs(1),
        }
    }
}

/// Validators from the last good fetch, for a conditional request.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug)]
pub enum Fetched {
    /// 200: the body and what the server said about it.
    Body {
        bytes: Vec<u8>,
        /// The charset of the `Content-Type` header, if it named one.
        charset: Option<String>,
        /// Where the redirects ended.
        final_url: String,
        validators: Validators,
    },
    /// 304: nothing changed since the validators were issued.
    NotModified,
}

/// The HTTP client of one fetch run; shared by the worker threads.
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
    hosts: Mutex<HashMap<String, Arc<Mutex<Option<Instant>>>>>,
}

impl Client {
    pub fn new(limits: Limits) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(limits.connect_timeout))
            .timeout_per_read(Some(limits.read_timeout))
            .timeout_global(Some(limits.total_timeout))
            .max_redirects(limits.max_redirects)
            .user_agent(USER_AGENT)
            // Statuses are answers to look at (304, 404), not errors to unwind.
            .http_status_as_error(false)
            .max_idle_connections_per_host(1)
            .build()
            .into();
        Client {
            agent,
            limits,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// GET `url`, conditionally when validators are given, retrying what may pass.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, String> {
        let mut wait = self.limits.backoff;
        let mut attempt = 0;
        loop {
            match self.get_once(url, validators) {
                Err(Failure::Transient(_)) if attempt < self.limits.retries => {
                    attempt += 1;
                    std::thread::sleep(wait);
                    wait *= 2;
                }
                Err(Failure::Transient(why)) if attempt > 0 => {
                    return Err(format!("{why} (after {} tries)", attempt + 1))
                }
                Err(Failure::Transient(why) | Failure::Final(why)) => return Err(why),
                Ok(fetched) => return Ok(fetched),
            }
        }
    }

    fn get_once(&self, url: &str, validators: &Validators) -> Result<Fetched, Failure> {
        let gate = self.gate(url);
        // One request at a time per host: the gate is held until the body is read.
        let mut last = gate.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = *last {
            let next = at + self.limits.host_delay;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        let result = self.request(url, validators);
        *last = Some(Instant::now());
        result
    }

    fn request(&self, url: &str, validators: &Validators) -> Result<Fetched, Failure> {
        let mut request = self.agent.get(url);
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(failure)?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if status >= 500 {
            return Err(Failure::Transient(format!("HTTP {status} (server error)")));
        }
        if (300..400).contains(&status) {
            return Err(Failure::Final(format!(
                "HTTP {status}: redirected more than {} times, or without a location",
                self.limits.max_redirects
            )));
        }
        if status != 200 {
            let reason = response
                .status()
                .canonical_reason()
                .unwrap_or("not a success");
            return Err(Failure::Final(format!("HTTP {status} {reason}")));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let charset = header("content-type").and_then(|ct| {
            crate::ingest::decode::charset_from_content_type(&ct).map(str::to_string)
        });
        use ureq::ResponseExt;
        let final_url = response.get_uri().to_string();
        let limit = self.limits.max_bytes;
        // Read one byte past the cap: more than `limit` means the response is too big.
        let mut bytes = Vec::new();
        response
            .body_mut()
            .with_config()
            .limit(limit.saturating_add(1))
            .reader()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                let text = e.to_string();
                if text.contains("limit") {
                    Failure::Final(too_big(limit))
                } else if e.kind() == std::io::ErrorKind::TimedOut || text.contains("timeout") {
                    Failure::Transient(format!(
                        "timed out reading the response ({})",
                        clean_line(&text)
                    ))
                } else {
                    Failure::Transient(format!("response cut off: {}", clean_line(&text)))
                }
            })?;
        if bytes.len() as u64 > limit {
            return Err(Failure::Final(too_big(limit)));
        }
        Ok(Fetched::Body {
            bytes,
            charset,
            final_url,
            validators,
        })
    }

    fn gate(&self, url: &str) -> Arc<Mutex<Option<Instant>>> {
        let mut hosts = self
            .hosts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        hosts.entry(host_of(url)).or_default().clone()
    }
}

fn too_big(limit: u64) -> String {
    format!(
        "response larger than the {} MiB limit; not read",
        limit / (1024 * 1024)
    )
}

enum Failure {
    /// May pass on a second try: server errors, timeouts, dropped connections.
    Transient(String),
    Final(String),
}

fn failure(error: ureq::Error) -> Failure {
    use ureq::Error as E;
    let text = clean_line(&error.to_string());
    match error {
        E::Timeout(_) => Failure::Transient(format!("timed out ({text})")),
        E::ConnectionFailed | E::Io(_) => Failure::Transient(format!("connection failed ({text})")),
        E::HostNotFound => Failure::Final("host not found".into()),
        E::TooManyRedirects => Failure::Final("too many redirects".into()),
        E::BodyExceedsLimit(limit) => Failure::Final(too_big(limit)),
        _ => Failure::Final(text),
    }
}

/// The host (with port) a URL names: the unit of politeness.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_include_ports_and_ignore_credentials() {
        assert_eq!(host_of("https://EN.yna.co.kr/rss?x"), "en.yna.co.kr");
        assert_eq!(host_of("http://127.0.0.1:8080/feed"), "127.0.0.1:8080");
        assert_eq!(host_of("http://user:pw@x.test/a"), "x.test");
    }

    #[test]
    fn the_user_agent_names_parallax() {
        assert!(USER_AGENT.starts_with("parallax/"));
    }
}
