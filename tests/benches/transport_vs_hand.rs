//! errdsl's HTTP and gRPC encoders against the hand-written code that puts
//! the same bytes on the wire.
//!
//! Run with:
//!
//! ```text
//! cargo bench -p errdsl-tests --bench transport_vs_hand -- --warm-up-time 1 --measurement-time 3
//! scripts/transport-vs-hand.sh instructions   # instructions per call (callgrind)
//! scripts/transport-vs-hand.sh paired         # the twins timed in alternation
//! ```
//!
//! `Declared` is a divider's errors declared with `#[derive(ServiceError)]`
//! and encoded with `errdsl::http::response` (Goa body) and
//! `errdsl::grpc::to_status`. `Hand` is the same errors with the encoders a
//! careful engineer writes without errdsl: one `match` describing each error,
//! a `#[derive(Serialize)]` body for HTTP, `tonic_types::ErrorDetails` for
//! gRPC, a fresh id (6 random bytes, base64url) per response, and a log line
//! for the fault. Each criterion group times one error on one transport,
//! errdsl and hand-written side by side; the `parts` group times pieces of
//! that work on their own. Before timing, the twins are checked to produce
//! the same responses and statuses, ids aside.
//!
//! No `tracing` subscriber is installed, so both sides' fault logging is a
//! check of the global maximum level and nothing more. The fault (`Broken`)
//! records where it was made (`#[service_error(location)]`; the twin keeps
//! the same `&'static Location`), which both log lines would name.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::panic::Location;

use ::http::header::{CONTENT_TYPE, RETRY_AFTER};
use ::http::{HeaderName, HeaderValue, Response, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::Criterion;
use errdsl::grpc::goapb::ErrorResponse;
use errdsl::http::BodyFormat;
use errdsl::{ErrorResult, ServiceError};
use prost::Message as _;
use serde::Serialize;
use tonic_types::pb;

/// The secret in the fault's `Display` text, which must reach neither wire.
const SECRET: &str = "10.0.0.7";

/// The errors of a divider service, declared with the derive.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider")]
pub enum Declared {
    #[error("cannot divide {dividend} by zero")]
    #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
    DivByZero {
        #[service_error(wire)]
        dividend: i64,
    },

    #[error("divider is in maintenance")]
    #[service_error(temporary, http = 503, retry_after_secs = 30)]
    Maintenance,

    #[error("storage broke: {0}")]
    #[service_error(fault)]
    Broken(String, #[service_error(location)] &'static Location<'static>),

    #[error("deadline of {budget_ms} ms passed")]
    #[service_error(timeout, user_msg = "The request took too long.")]
    Slow { budget_ms: u64 },
}

/// The same errors, for hand-written encoders.
#[derive(Debug, thiserror::Error)]
pub enum Hand {
    #[error("cannot divide {dividend} by zero")]
    DivByZero { dividend: i64 },

    #[error("divider is in maintenance")]
    Maintenance,

    #[error("storage broke: {0}")]
    Broken(String, &'static Location<'static>),

    #[error("deadline of {budget_ms} ms passed")]
    Slow { budget_ms: u64 },
}

/// Everything either wire says about one error, as a hand-written `match`
/// answers it.
struct Described {
    status: StatusCode,
    grpc: tonic::Code,
    name: &'static str,
    code: &'static str,
    /// The wire message: the user message if there is one, else the
    /// `Display` text, but for the fault a generic text with the id.
    message: Cow<'static, str>,
    /// Whether `message` is the user message (safe to show an end user).
    user_message: bool,
    temporary: bool,
    timeout: bool,
    fault: bool,
    retry_after_secs: Option<u64>,
    /// The one wire field of the set, an integer.
    dividend: Option<i64>,
    /// Where the error was made, for the fault's log line.
    location: Option<&'static Location<'static>>,
}

/// The Goa error body, in Goa's member order, with errdsl's extras.
#[derive(Serialize)]
struct HandBody<'a> {
    name: &'a str,
    id: &'a str,
    message: &'a str,
    temporary: bool,
    timeout: bool,
    fault: bool,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<DividendField>,
}

#[derive(Serialize)]
struct DividendField {
    dividend: i64,
}

const GOA_ERROR: HeaderName = HeaderName::from_static("goa-error");

impl Hand {
    fn describe(&self, id: &str) -> Described {
        let base = Described {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            grpc: tonic::Code::Internal,
            name: "",
            code: "",
            message: Cow::Borrowed(""),
            user_message: false,
            temporary: false,
            timeout: false,
            fault: false,
            retry_after_secs: None,
            dividend: None,
            location: None,
        };
        match self {
            Self::DivByZero { dividend } => Described {
                status: StatusCode::BAD_REQUEST,
                grpc: tonic::Code::InvalidArgument,
                name: "div_by_zero",
                code: "invalid_argument",
                message: Cow::Owned(format!("You can't divide {dividend} by zero.")),
                user_message: true,
                dividend: Some(*dividend),
                ..base
            },
            Self::Maintenance => Described {
                status: StatusCode::SERVICE_UNAVAILABLE,
                grpc: tonic::Code::Unavailable,
                name: "maintenance",
                code: "unavailable",
                message: Cow::Borrowed("divider is in maintenance"),
                temporary: true,
                retry_after_secs: Some(30),
                ..base
            },
            Self::Broken(_, location) => Described {
                location: Some(location),
                name: "broken",
                code: "internal",
                message: Cow::Owned(format!("internal error (id: {id})")),
                fault: true,
                ..base
            },
            Self::Slow { .. } => Described {
                status: StatusCode::GATEWAY_TIMEOUT,
                grpc: tonic::Code::DeadlineExceeded,
                name: "slow",
                code: "deadline_exceeded",
                message: Cow::Borrowed("The request took too long."),
                user_message: true,
                timeout: true,
                ..base
            },
        }
    }

    /// Logs a fault with the id the client gets: the only place its text goes.
    fn log_fault(&self, described: &Described, id: &str) {
        if described.fault {
            let location = described.location;
            tracing::error!(
                error.id = id,
                error.type = described.name,
                exception.message = %self,
                code.file.path = location.map(Location::file),
                code.line.number = location.map(Location::line),
                code.column.number = location.map(Location::column),
                "service fault"
            );
        }
    }
}

thread_local! {
    /// The thread's generator, seeded once from the operating system: the
    /// id source errdsl uses, so that the ratio compares the rest.
    static RNG: std::cell::RefCell<rand::rngs::StdRng> = std::cell::RefCell::new({
        let mut seed = [0; 32];
        getrandom::fill(&mut seed).expect("the operating system's random generator answers");
        rand::SeedableRng::from_seed(seed)
    });
}

/// A fresh id, Goa's format: 4 random bytes and a 2-byte counter as 8
/// characters of base64url, as errdsl makes them.
fn new_id() -> String {
    static COUNTER: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(0);
    let mut bytes = [0; 6];
    RNG.with_borrow_mut(|rng| rand::Rng::fill_bytes(rng, &mut bytes[..4]));
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    bytes[4..].copy_from_slice(&count.to_le_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The hand-written HTTP response: the same status, headers and Goa body as
/// `errdsl::http::response(err, BodyFormat::Goa)`.
fn hand_response(err: &Hand) -> Response<Vec<u8>> {
    let id = new_id();
    let described = err.describe(&id);
    err.log_fault(&described, &id);
    let body = HandBody {
        name: described.name,
        id: &id,
        message: &described.message,
        temporary: described.temporary,
        timeout: described.timeout,
        fault: described.fault,
        code: described.code,
        user_message: described.user_message.then_some(&*described.message),
        fields: described.dividend.map(|dividend| DividendField { dividend }),
    };
    let mut response = Response::new(serde_json::to_vec(&body).expect("the body serializes"));
    *response.status_mut() = described.status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(GOA_ERROR, HeaderValue::from_static(described.name));
    if let Some(secs) = described.retry_after_secs {
        headers.insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

/// The hand-written gRPC status: the same code, message and details as
/// `errdsl::grpc::to_status(err)`: Goa's `goapb.ErrorResponse` first, then
/// `ErrorInfo`, `RetryInfo` and `LocalizedMessage` as AIP-193 has them.
fn hand_status(err: &Hand) -> tonic::Status {
    let id = new_id();
    let described = err.describe(&id);
    err.log_fault(&described, &id);
    let goa = ErrorResponse {
        name: described.name.to_owned(),
        id: id.clone(),
        msg: described.message.to_string(),
        temporary: described.temporary,
        timeout: described.timeout,
        fault: described.fault,
    };
    let mut metadata = HashMap::with_capacity(7);
    metadata.insert("id".to_owned(), id);
    metadata.insert("temporary".to_owned(), flag(described.temporary));
    metadata.insert("timeout".to_owned(), flag(described.timeout));
    metadata.insert("fault".to_owned(), flag(described.fault));
    metadata.insert("code".to_owned(), described.code.to_owned());
    metadata.insert("service".to_owned(), "divider".to_owned());
    if let Some(dividend) = described.dividend {
        metadata.insert("dividend".to_owned(), dividend.to_string());
    }
    let info =
        pb::ErrorInfo { reason: described.name.to_ascii_uppercase(), domain: "divider".to_owned(), metadata };
    let mut details = Vec::with_capacity(4);
    details.push(any(ErrorResponse::TYPE_URL, &goa));
    details.push(any(tonic_types::ErrorInfo::TYPE_URL, &info));
    if let Some(secs) = described.retry_after_secs {
        let delay = prost_types::Duration { seconds: i64::try_from(secs).expect("seconds"), nanos: 0 };
        details.push(any(tonic_types::RetryInfo::TYPE_URL, &pb::RetryInfo { retry_delay: Some(delay) }));
    }
    if described.user_message {
        let localized =
            pb::LocalizedMessage { locale: "en-US".to_owned(), message: described.message.to_string() };
        details.push(any(tonic_types::LocalizedMessage::TYPE_URL, &localized));
    }
    let message = described.message.into_owned();
    let rpc = pb::Status { code: described.grpc as i32, message: message.clone(), details };
    tonic::Status::with_details(described.grpc, message, rpc.encode_to_vec().into())
}

/// `message` packed as a `google.protobuf.Any` of this type.
fn any(type_url: &str, message: &impl prost::Message) -> prost_types::Any {
    prost_types::Any { type_url: type_url.to_owned(), value: message.encode_to_vec() }
}

fn declared_errors() -> Vec<Declared> {
    vec![
        Declared::DivByZero { dividend: 7 },
        Declared::Maintenance,
        Declared::Broken(format!("connect to {SECRET}:5432 as admin: password rejected"), Location::caller()),
        Declared::Slow { budget_ms: 250 },
    ]
}

fn hand_errors() -> Vec<Hand> {
    vec![
        Hand::DivByZero { dividend: 7 },
        Hand::Maintenance,
        Hand::Broken(format!("connect to {SECRET}:5432 as admin: password rejected"), Location::caller()),
        Hand::Slow { budget_ms: 250 },
    ]
}

/// What an id is replaced with before the twins' outputs are compared: as
/// long as an id, so that replacing it in protobuf bytes keeps every length
/// prefix right.
const ID_PLACEHOLDER: &str = "<--id-->";

/// Panics unless `id` is one: 8 characters of base64url.
fn assert_is_id(id: &str) {
    assert_eq!(id.len(), ID_PLACEHOLDER.len(), "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{id}");
}

/// `text` with `id` replaced by [`ID_PLACEHOLDER`], after checking it is an id.
fn without_id(text: &str, id: &str) -> String {
    assert_is_id(id);
    text.replace(id, ID_PLACEHOLDER)
}

/// `bytes` with `id` replaced by [`ID_PLACEHOLDER`], which has its length.
fn without_id_bytes(bytes: &[u8], id: &str) -> Vec<u8> {
    assert_is_id(id);
    let (id, mut rest, mut out) = (id.as_bytes(), bytes, Vec::with_capacity(bytes.len()));
    while let Some((&first, tail)) = rest.split_first() {
        if rest.starts_with(id) {
            out.extend_from_slice(ID_PLACEHOLDER.as_bytes());
            rest = &rest[id.len()..];
        } else {
            out.push(first);
            rest = tail;
        }
    }
    out
}

/// Panics unless the twins' HTTP responses agree: status, headers, and the
/// body byte for byte once the ids are replaced.
fn assert_responses_agree(declared: &Declared, hand: &Hand) {
    let (ours, theirs) = (errdsl::http::response(declared, BodyFormat::Goa), hand_response(hand));
    assert_eq!(ours.status(), theirs.status(), "{declared}");
    assert_eq!(ours.headers(), theirs.headers(), "{declared}");
    let body = |response: &Response<Vec<u8>>| {
        let text = std::str::from_utf8(response.body()).expect("the body is UTF-8");
        let value: serde_json::Value = serde_json::from_str(text).expect("the body is JSON");
        without_id(text, value["id"].as_str().expect("the body has an id"))
    };
    let (ours_body, theirs_body) = (body(&ours), body(&theirs));
    assert_eq!(ours_body, theirs_body, "{declared}");
    assert!(!ours_body.contains(SECRET), "{ours_body}");
}

/// One detail of a status (a `google.protobuf.Any` of the
/// `google.rpc.Status`), decoded as the message its type URL names.
///
/// The twins' details are compared decoded, field by field, rather than as
/// their `(type_url, value)` bytes: the bytes of equal statuses differ, as
/// `ErrorInfo.metadata` is a map whose entries a message may list in any
/// order (errdsl writes them in a fixed order, the hand twin in a
/// `HashMap`'s); and a failure then names the field that differs. Decoding
/// loses nothing: [`exact`] holds every message to every byte of its Any.
#[derive(Debug, PartialEq)]
enum Detail {
    Goa(ErrorResponse),
    /// `google.rpc.ErrorInfo`, its metadata sorted by key.
    ErrorInfo {
        reason: String,
        domain: String,
        metadata: BTreeMap<String, String>,
    },
    RetryInfo(pb::RetryInfo),
    LocalizedMessage(pb::LocalizedMessage),
    BadRequest(pb::BadRequest),
}

impl Detail {
    /// `any` decoded by its type URL, the status's `id` replaced by
    /// [`ID_PLACEHOLDER`] wherever it is; panics on a type URL this check
    /// does not decode, so that no detail goes uncompared.
    fn decode(any: &prost_types::Any, id: &str) -> Detail {
        let value = without_id_bytes(&any.value, id);
        let url = any.type_url.as_str();
        match url {
            ErrorResponse::TYPE_URL => Detail::Goa(exact(url, &value)),
            tonic_types::ErrorInfo::TYPE_URL => {
                let info: pb::ErrorInfo = exact(url, &value);
                Detail::ErrorInfo {
                    reason: info.reason,
                    domain: info.domain,
                    metadata: info.metadata.into_iter().collect(),
                }
            }
            tonic_types::RetryInfo::TYPE_URL => Detail::RetryInfo(exact(url, &value)),
            tonic_types::LocalizedMessage::TYPE_URL => Detail::LocalizedMessage(exact(url, &value)),
            tonic_types::BadRequest::TYPE_URL => Detail::BadRequest(exact(url, &value)),
            _ => panic!("a detail this check does not decode: {url}"),
        }
    }
}

/// `bytes` decoded as an `M`, which must account for every byte: prost skips
/// the fields it does not know and keeps the last of a repeated singular
/// field, so a message that encodes shorter than its bytes had bytes that a
/// comparison of messages would not see.
fn exact<M: prost::Message + Default>(what: &str, bytes: &[u8]) -> M {
    let message = M::decode(bytes).unwrap_or_else(|err| panic!("{what} does not decode: {err}"));
    assert_eq!(message.encoded_len(), bytes.len(), "{what}: bytes that no field of the message accounts for");
    message
}

/// A status as its client reads it: the code, the message, and every
/// detail of its `google.rpc.Status`, in order and decoded, with the id
/// (the `goapb.ErrorResponse` detail's) replaced everywhere.
fn decoded_status(status: &tonic::Status) -> (tonic::Code, String, Vec<Detail>) {
    let rpc: pb::Status = exact("google.rpc.Status", status.details());
    assert_eq!(rpc.code, status.code() as i32, "the google.rpc.Status repeats the code");
    assert_eq!(rpc.message, status.message(), "the google.rpc.Status repeats the message");
    let goa = rpc
        .details
        .iter()
        .find(|any| any.type_url == ErrorResponse::TYPE_URL)
        .expect("a goapb.ErrorResponse");
    let id = exact::<ErrorResponse>(ErrorResponse::TYPE_URL, &goa.value).id;
    let details = rpc.details.iter().map(|any| Detail::decode(any, &id)).collect();
    (status.code(), without_id(status.message(), &id), details)
}

/// Panics unless the twins' statuses agree: code, message, no metadata, and
/// every detail of the `google.rpc.Status`, in order, field by field, once
/// the ids are replaced.
fn assert_statuses_agree(declared: &Declared, hand: &Hand) {
    let (ours, theirs) = (errdsl::grpc::to_status(declared), hand_status(hand));
    assert!(ours.metadata().is_empty() && theirs.metadata().is_empty(), "{declared}");
    let (ours, theirs) = (decoded_status(&ours), decoded_status(&theirs));
    assert_eq!((ours.0, &ours.1), (theirs.0, &theirs.1), "{declared}: code and message");
    let type_url = |detail: &Detail| match detail {
        Detail::Goa(_) => ErrorResponse::TYPE_URL,
        Detail::ErrorInfo { .. } => tonic_types::ErrorInfo::TYPE_URL,
        Detail::RetryInfo(_) => tonic_types::RetryInfo::TYPE_URL,
        Detail::LocalizedMessage(_) => tonic_types::LocalizedMessage::TYPE_URL,
        Detail::BadRequest(_) => tonic_types::BadRequest::TYPE_URL,
    };
    let types = |details: &[Detail]| details.iter().map(type_url).collect::<Vec<_>>();
    assert_eq!(types(&ours.2), types(&theirs.2), "{declared}: the details' types, in order");
    for (ours, theirs) in ours.2.iter().zip(&theirs.2) {
        assert_eq!(ours, theirs, "{declared}: the {} detail", type_url(ours));
    }
    assert!(!format!("{ours:?}").contains(SECRET), "{ours:?}");
}

/// Panics unless the twins encode alike on both transports, so that the
/// benchmark compares equal work.
fn assert_twins_agree() {
    let (declared, hand) = (declared_errors(), hand_errors());
    assert_eq!(declared.len(), hand.len());
    for (d, h) in declared.iter().zip(&hand) {
        assert_eq!(d.to_string(), h.to_string());
        assert_responses_agree(d, h);
        assert_statuses_agree(d, h);
    }
}

/// One thing timed: a criterion group (`http/div_by_zero`, `parts`), the
/// bench in it (`errdsl`, `hand`, `capture/slow`), and the work.
struct Row {
    group: String,
    bench: String,
    run: Box<dyn Fn()>,
}

impl Row {
    fn new(group: String, bench: impl Into<String>, run: impl Fn() + 'static) -> Row {
        Row { group, bench: bench.into(), run: Box::new(run) }
    }

    /// `group/bench`, criterion's id of the row.
    fn id(&self) -> String {
        format!("{}/{}", self.group, self.bench)
    }
}

/// Every row, in order: each error on each transport, errdsl then
/// hand-written, then the parts.
fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let twins = || declared_errors().into_iter().zip(hand_errors());
    for (declared, hand) in twins() {
        let group = format!("http/{}", declared.name());
        rows.push(Row::new(group.clone(), "errdsl", move || {
            black_box(errdsl::http::response(black_box(&declared), BodyFormat::Goa));
        }));
        rows.push(Row::new(group, "hand", move || {
            black_box(hand_response(black_box(&hand)));
        }));
    }
    for (declared, hand) in twins() {
        let group = format!("grpc/{}", declared.name());
        rows.push(Row::new(group.clone(), "errdsl", move || {
            black_box(errdsl::grpc::to_status(black_box(&declared)));
        }));
        rows.push(Row::new(group, "hand", move || {
            black_box(hand_status(black_box(&hand)));
        }));
    }
    rows.push(Row::new("parts".to_owned(), "hand_id", || {
        black_box(new_id());
    }));
    for declared in declared_errors() {
        rows.push(Row::new("parts".to_owned(), format!("capture/{}", declared.name()), move || {
            black_box(ErrorResult::from_service_error(black_box(&declared)));
        }));
    }
    rows
}

/// Times every row, one criterion group per error and one for the parts,
/// after checking that the twins agree.
fn benches(c: &mut Criterion) {
    assert_twins_agree();
    let rows = rows();
    let mut rest = &rows[..];
    while let Some(first) = rest.first() {
        let len = rest.iter().take_while(|row| row.group == first.group).count();
        let mut group = c.benchmark_group(first.group.as_str());
        for row in &rest[..len] {
            group.bench_function(row.bench.as_str(), |b| b.iter(&row.run));
        }
        group.finish();
        rest = &rest[len..];
    }
}

/// Times each group's errdsl and hand rows in alternation: `rounds`
/// rounds of `batch` calls of each, the side that goes first swapping every
/// round, so that whatever else slows the machine down slows both sides
/// alike. Prints, per group, the median time per call of each side and the
/// median and quartiles of the rounds' ratios.
fn paired(rounds: usize, batch: usize) {
    let rows = rows();
    let time = |row: &Row| {
        let start = std::time::Instant::now();
        for _ in 0..batch {
            (row.run)();
        }
        start.elapsed().as_secs_f64() * 1e9 / batch as f64
    };
    let median = |values: &mut Vec<f64>, at: f64| {
        values.sort_by(f64::total_cmp);
        values[((values.len() - 1) as f64 * at).round() as usize]
    };
    println!("| group | errdsl (ns) | hand (ns) | errdsl / hand: median (quartiles) |");
    println!("| --- | --- | --- | --- |");
    for ours in rows.iter().filter(|row| row.bench == "errdsl") {
        let Some(theirs) = rows.iter().find(|row| row.group == ours.group && row.bench == "hand") else {
            continue;
        };
        // Warm both up first.
        time(ours);
        time(theirs);
        let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (x, y) = if round % 2 == 0 {
                let x = time(ours);
                (x, time(theirs))
            } else {
                let y = time(theirs);
                (time(ours), y)
            };
            a.push(x);
            b.push(y);
            ratios.push(x / y);
        }
        println!(
            "| `{}` | {:.0} | {:.0} | {:.2} ({:.2}–{:.2}) |",
            ours.group,
            median(&mut a, 0.5),
            median(&mut b, 0.5),
            median(&mut ratios, 0.5),
            median(&mut ratios, 0.25),
            median(&mut ratios, 0.75),
        );
    }
}

/// With `TRANSPORT_VS_HAND_ROW=<group>/<bench>` set, runs that row
/// `TRANSPORT_VS_HAND_TIMES` times (default 1000) and nothing else, for
/// `scripts/transport-vs-hand.sh instructions` to count its instructions under
/// callgrind; with `TRANSPORT_VS_HAND_ROW=list`, prints the rows' ids.
/// With `TRANSPORT_VS_HAND_PAIRED=<rounds>`, times the twins in
/// alternation ([`paired`]). Criterion otherwise.
fn main() {
    if let Ok(rounds) = std::env::var("TRANSPORT_VS_HAND_PAIRED") {
        assert_twins_agree();
        paired(rounds.parse().expect("TRANSPORT_VS_HAND_PAIRED is a count of rounds"), 1000);
        return;
    }
    if let Ok(wanted) = std::env::var("TRANSPORT_VS_HAND_ROW") {
        let rows = rows();
        if wanted == "list" {
            rows.iter().for_each(|row| println!("{}", row.id()));
            return;
        }
        let times: usize = std::env::var("TRANSPORT_VS_HAND_TIMES")
            .map_or(1000, |times| times.parse().expect("TRANSPORT_VS_HAND_TIMES is a count"));
        let row =
            rows.iter().find(|row| row.id() == wanted).expect("no such row: try TRANSPORT_VS_HAND_ROW=list");
        assert_twins_agree();
        for _ in 0..times {
            (row.run)();
        }
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
