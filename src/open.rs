//! Opening an article's original URL in the user's browser, without a shell: the URL is one
//! argument to the program, never interpreted by `sh`.

use std::process::{Command, Stdio};

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoUrl,
    NotHttp,
    LeadingDash,
    ControlCharacters,
    Whitespace,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::NoUrl => "this article has no URL",
            Refusal::NotHttp => "refused: only http(s) URLs are opened",
            Refusal::LeadingDash => "refused: URL starts with '-'",
            Refusal::ControlCharacters => "refused: URL contains control characters",
            Refusal::Whitespace => "refused: URL contains spaces",
        })
    }
}

/// Check a URL before it goes anywhere near another program.
pub fn validate(url: Option<&str>) -> Result<&str, Refusal> {
    let url = url.ok_or(Refusal::NoUrl)?;
    if url.starts_with('-') {
        return Err(Refusal::LeadingDash);
    }
    if url.chars().any(|c| c.is_control()) {
        return Err(Refusal::ControlCharacters);
    }
    if url.chars().any(char::is_whitespace) {
        return Err(Refusal::Whitespace);
    }
    let lower = url.to_ascii_lowercase();
    let host_start = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err(Refusal::NotHttp);
    };
    if url.len() <= host_start {
        return Err(Refusal::NotHttp);
    }
    Ok(url)
}

/// The program and arguments that would open `url`: `$BROWSER` (its first word is the program,
/// the rest are arguments; a `%s` is replaced by the URL, else the URL is appended), or the
/// platform opener.
pub fn opener_command(url: &str, browser: Option<&str>) -> (String, Vec<String>) {
    if let Some(browser) = browser.map(str::trim).filter(|b| !b.is_empty()) {
        // $BROWSER may list alternatives separated by ':'; take the first.
        let first = browser.split(':').next().unwrap_or(browser);
        let mut words = first.split_whitespace().map(str::to_string);
        if let Some(program) = words.next() {
            let mut args: Vec<String> = words.collect();
            if args.iter().any(|a| a.contains("%s")) {
                for a in &mut args {
                    *a = a.replace("%s", url);
                }
            } else {
                args.push(url.to_string());
            }
            return (program, args);
        }
    }
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    (program.to_string(), vec![url.to_string()])
}

/// Validate and open; the browser runs detached with its output discarded so it cannot draw
/// over the reader.
pub fn open_url(url: Option<&str>) -> Result<String, String> {
    let url = validate(url).map_err(|r| r.to_string())?;
    let browser = std::env::var("BROWSER").ok();
    let (program, args) = opener_command(url, browser.as_deref());
    Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| format!("opened {url}"))
        .map_err(|e| format!("could not start {program}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_pass() {
        assert_eq!(
            validate(Some("https://koreapro.org/x")),
            Ok("https://koreapro.org/x")
        );
        assert_eq!(
            validate(Some("HTTP://example.com")),
            Ok("HTTP://example.com")
        );
        assert_eq!(validate(None), Err(Refusal::NoUrl));
        assert_eq!(
            validate(Some("-oProxyCommand=x")),
            Err(Refusal::LeadingDash)
        );
        assert_eq!(validate(Some("file:///etc/passwd")), Err(Refusal::NotHttp));
        assert_eq!(validate(Some("javascript:alert(1)")), Err(Refusal::NotHttp));
        assert_eq!(
            validate(Some("https://x.com/\u{1b}[2J")),
            Err(Refusal::ControlCharacters)
        );
        assert_eq!(
            validate(Some("https://x.com/a b")),
            Err(Refusal::Whitespace)
        );
        assert_eq!(validate(Some("https://")), Err(Refusal::NotHttp));
    }

    #[test]
    fn browser_variable_is_split_into_program_and_arguments_not_a_shell_line() {
        let (program, args) = opener_command("https://a.b/?q=1;rm", Some("firefox --new-tab"));
        assert_eq!(program, "firefox");
        assert_eq!(args, vec!["--new-tab", "https://a.b/?q=1;rm"]);
        let (program, args) = opener_command("https://a.b/", Some("w3m %s:lynx"));
        assert_eq!(
            (program.as_str(), args),
            ("w3m", vec!["https://a.b/".to_string()])
        );
    }

    #[test]
    fn platform_opener_without_browser_variable() {
        let (program, args) = opener_command("https://a.b/", None);
        assert!(["xdg-open", "open", "explorer"].contains(&program.as_str()));
        assert_eq!(args, vec!["https://a.b/"]);
    }
}
