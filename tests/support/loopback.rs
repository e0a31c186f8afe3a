//! A small HTTP/1.1 server on 127.0.0.1 inside the test process: each test gives it a route
//! function and reads back the requests it saw. Nothing leaves the machine.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
}

/// What a route answers.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Wait this long before answering at all.
    Slow(Duration, Box<Reply>),
    /// A 200 whose body never ends.
    Endless,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: Vec::new(),
            body: format!("status {status}").into_bytes(),
        }
    }

    pub fn redirect(status: u16, to: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Location".into(), to.into())],
            body: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Full { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

pub type Route = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    pub base: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    pub fn start(route: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let route: Arc<Route> = Arc::new(route);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let route = route.clone();
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, &*route, &seen));
            }
        });
        Server { base, requests }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Requests seen for `path`, in order.
    pub fn requests_for(&self, path: &str) -> Vec<Request> {
        self.requests
            .lock()
            .expect("requests")
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

fn serve(stream: TcpStream, route: &Route, seen: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut stream = stream;
    // Keep-alive: answer requests on this connection until the client closes it.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut headers = HashMap::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
            }
        }
        let request = Request { path, headers };
        seen.lock().expect("requests").push(request.clone());
        if !answer(&mut stream, route(&request)) {
            return;
        }
    }
}

/// Write the reply; whether the connection may carry another request.
fn answer(stream: &mut TcpStream, reply: Reply) -> bool {
    match reply {
        Reply::Slow(wait, reply) => {
            std::thread::sleep(wait);
            answer(stream, *reply)
        }
        Reply::Endless => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<rss><channel>");
            let chunk = b"<item><title>again</title></item>".repeat(1000);
            while stream.write_all(&chunk).is_ok() {}
            false
        }
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (name, value) in &headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            if status != 304 {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            head.push_str("\r\n");
            // One write for head and body: written apart, the body waits on Nagle's
            // algorithm for the client's delayed ACK of the head, 40 ms per keep-alive reply.
            let mut reply = head.into_bytes();
            if status != 304 {
                reply.extend_from_slice(&body);
            }
            stream.write_all(&reply).is_ok() && stream.flush().is_ok()
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// Gzip of `bytes`, for a `Content-Encoding: gzip` reply.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// An RSS 2.0 feed of `(guid, title, link, content)` items with full content.
pub fn rss(title: &str, items: &[(&str, &str, &str, &str)]) -> String {
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>{title}</title><link>https://example.test/</link><description>d</description>\n");
    for (guid, title, link, content) in items {
        out.push_str(&format!("<item><guid>{guid}</guid><title>{title}</title><link>{link}</link><pubDate>Tue, 28 Oct 2025 09:00:00 +0900</pubDate><content:encoded><![CDATA[{content}]]></content:encoded></item>\n"));
    }
    out.push_str("</channel></rss>\n");
    out
}

/// Paragraphs long enough to be an article, not a teaser.
pub fn article_html(topic: &str) -> String {
    (1..=4)
        .map(|i| format!("<p>{topic}: paragraph {i}. The leaders met in Tokyo on Tuesday and agreed on a framework for trade, shipbuilding and rare earth supply chains, officials said after the talks.</p>"))
        .collect()
}
