//! A tiny HTTP/1.1 client for talking JSON to chromedriver on loopback.
//!
//! chromedriver only ever listens on 127.0.0.1 here, so a full client crate (and its URL/IDNA
//! dependency tree) buys nothing: one request per connection and a response framed by
//! `Content-Length` (or chunked) is all the WebDriver protocol needs.

use std::fmt;
use std::io::{self, BufRead, BufReader, Write};
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

    // chromedriver keeps connections open despite `Connection: close`, so the body is read by
    // its declared length rather than to EOF.
    read_response(&mut BufReader::new(stream))
        .map_err(|why| HttpError(format!("{method} 127.0.0.1:{port}{path}: bad response: {why}")))
}

/// Reads one HTTP/1.1 response: status line, headers, then a body framed by `Content-Length`,
/// chunked encoding, or (failing both) the end of the stream.
fn read_response(reader: &mut impl BufRead) -> Result<Response, String> {
    let status_line = read_line(reader)?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;

    let mut chunked = false;
    let mut length = None;
    loop {
        let line = read_line(reader)?;
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case("content-length") {
            length = value.parse::<usize>().ok();
        }
    }

    let mut body = Vec::new();
    if chunked {
        loop {
            let size_line = read_line(reader)?;
            let size_text = size_line.split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|e| format!("bad chunk size {size_text:?}: {e}"))?;
            if size == 0 {
                break;
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..]).map_err(|e| format!("chunk: {e}"))?;
            read_line(reader)?;
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        reader.read_exact(&mut body).map_err(|e| format!("body of {length} bytes: {e}"))?;
    } else {
        reader.read_to_end(&mut body).map_err(|e| format!("body: {e}"))?;
    }
    Ok(Response { status, body })
}

/// One CRLF-terminated line, without its terminator.
fn read_line(reader: &mut impl BufRead) -> Result<String, String> {
    let mut line = String::new();
    let read = reader.read_line(&mut line).map_err(|e| e.to_string())?;
    if read == 0 {
        return Err("connection closed mid-response".to_string());
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_content_length_response_without_waiting_for_eof() {
        let raw: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length:5\r\n\r\nhelloEXTRA";
        let response = read_response(&mut &raw[..]).expect("valid response");
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"hello");
    }

    #[test]
    fn reads_chunked_response() {
        let raw: &[u8] = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n\
                           3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let response = read_response(&mut &raw[..]).expect("valid response");
        assert_eq!(response.status, 404);
        assert_eq!(response.body, b"abcde");
    }
}
