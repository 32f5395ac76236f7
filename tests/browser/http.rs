//! A tiny HTTP/1.1 client for talking JSON to chromedriver on loopback.
//!
//! chromedriver only ever listens on 127.0.0.1 here, so a full client crate (and its URL/IDNA
//! dependency tree) buys nothing: one request per connection, `Connection: close`, and the
//! response read to EOF is all the WebDriver protocol needs.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

/// How long a single request may take. The longest legitimate one is an axe-core run
/// (an async script, itself bounded by the session's script timeout of 60 s).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);

/// A response: status code and body bytes.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// Why a request failed before an HTTP status came back.
#[derive(Debug)]
pub(crate) struct HttpError(String);

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Sends one request to `127.0.0.1:port` and reads the whole response.
pub(crate) fn send(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
) -> Result<Response, HttpError> {
    let context = |e: io::Error| HttpError(format!("{method} 127.0.0.1:{port}{path}: {e}"));
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(context)?;
    stream.set_read_timeout(Some(REQUEST_TIMEOUT)).map_err(context)?;
    stream.set_write_timeout(Some(REQUEST_TIMEOUT)).map_err(context)?;

    let body = body.unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\
         Accept: application/json\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).map_err(context)?;
    stream.write_all(body).map_err(context)?;
    stream.flush().map_err(context)?;

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(context)?;
    parse_response(&raw)
        .map_err(|why| HttpError(format!("{method} 127.0.0.1:{port}{path}: bad response: {why}")))
}

/// Splits a raw HTTP/1.1 response into status and (de-chunked) body.
fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no end of headers in {} bytes", raw.len()))?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|e| format!("headers: {e}"))?;
    let payload = &raw[split + 4..];

    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;

    let mut chunked = false;
    let mut length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case("content-length") {
            length = value.parse::<usize>().ok();
        }
    }

    let body = if chunked {
        dechunk(payload)?
    } else {
        match length {
            Some(n) if n <= payload.len() => payload[..n].to_vec(),
            Some(n) => return Err(format!("body cut short: {} of {n} bytes", payload.len())),
            None => payload.to_vec(),
        }
    };
    Ok(Response { status, body })
}

/// Decodes a `Transfer-Encoding: chunked` body.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let eol =
            data.windows(2).position(|w| w == b"\r\n").ok_or("chunk size line without CRLF")?;
        let size_text = std::str::from_utf8(&data[..eol]).map_err(|e| e.to_string())?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|e| format!("bad chunk size {size_text:?}: {e}"))?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err(format!("chunk cut short: {} of {size} bytes", data.len()));
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_content_length_response() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        let response = parse_response(raw).expect("valid response");
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"hello");
    }

    #[test]
    fn parses_chunked_response() {
        let raw = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let response = parse_response(raw).expect("valid response");
        assert_eq!(response.status, 404);
        assert_eq!(response.body, b"abcde");
    }
}
