//! A bounded gRPC load generator for the divider's `IntegerDivide`, for
//! `scripts/load-test.sh` (HTTP goes through wrk).
//!
//! ```text
//! divider-load --grpc URL --case CASE [--connections N] (--seconds S | --requests N)
//! divider-load --grpc URL --same-as URL
//! ```
//!
//! `CASE` is `success` (8 / 2), `client_error` (7 / 0: `div_by_zero`) or
//! `fault` (`i32::MIN / -1`: `overflow`, logged by the server). Every
//! answer is checked: a success must be 4, an error must have its case's
//! code and name, read with errdsl's decoder. Prints one line,
//! `requests=.. unexpected=.. rps=.. p50_us=.. p99_us=.. check_ns=..`
//! (`check_ns`: the mean time per answer of that check, the client's
//! decoding, which is part of the generator's cost), and exits with 1 if
//! any answer was unexpected.
//!
//! `--same-as` asks both servers each case once and exits with 1 unless
//! they answer alike, the ids aside: the code, the message, the details'
//! type URLs and size, and what errdsl's decoder reads of them (how the
//! load test holds `divider-twin` to the divider).

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use errdsl::{ErrorResult, ServiceError};
use errdsl_examples::divider::grpc::DividerClient;
use errdsl_examples::divider::grpc::pb::IntegerDivideRequest;
use hdrhistogram::Histogram;
use prost::Message as _;
use tonic::transport::Channel;

/// The usage text.
const USAGE: &str = "usage: divider-load --grpc URL --case success|client_error|fault [--connections N] (--seconds S | --requests N)
       divider-load --grpc URL --same-as URL";

/// A call and the answer it must get.
#[derive(Clone, Copy, Debug)]
enum Case {
    /// `8 / 2 = 4`.
    Success,
    /// `7 / 0`: `div_by_zero`, `INVALID_ARGUMENT`.
    ClientError,
    /// `i32::MIN / -1`: `overflow`, a fault, `INTERNAL`.
    Fault,
}

impl Case {
    const ALL: [Case; 3] = [Case::Success, Case::ClientError, Case::Fault];

    fn parse(text: &str) -> Result<Case, String> {
        match text {
            "success" => Ok(Case::Success),
            "client_error" => Ok(Case::ClientError),
            "fault" => Ok(Case::Fault),
            other => Err(format!("unknown case {other:?}")),
        }
    }

    fn request(self) -> IntegerDivideRequest {
        match self {
            Case::Success => IntegerDivideRequest { a: 8, b: 2 },
            Case::ClientError => IntegerDivideRequest { a: 7, b: 0 },
            Case::Fault => IntegerDivideRequest { a: i32::MIN, b: -1 },
        }
    }

    /// Whether `answer` is what this case must get.
    fn expects(self, answer: &Result<i32, tonic::Status>) -> bool {
        match (self, answer) {
            (Case::Success, Ok(quotient)) => *quotient == 4,
            (Case::ClientError, Err(status)) => {
                status.code() == tonic::Code::InvalidArgument
                    && ErrorResult::from_grpc_status(status).name() == "div_by_zero"
            }
            (Case::Fault, Err(status)) => {
                let err = ErrorResult::from_grpc_status(status);
                status.code() == tonic::Code::Internal && err.name() == "overflow" && err.is_fault()
            }
            _ => false,
        }
    }
}

/// When the run stops.
#[derive(Clone, Copy, Debug)]
enum Bound {
    Seconds(u64),
    Requests(u64),
}

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Load(Args),
    /// Compare the answers of the servers at these two URLs.
    Compare(String, String),
}

/// A load run.
#[derive(Debug)]
struct Args {
    url: String,
    case: Case,
    connections: usize,
    bound: Bound,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let (mut url, mut case, mut connections, mut bound, mut same_as) = (None, None, 16, None, None);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: {value:?} is not a number"));
        match flag.as_str() {
            "--grpc" => url = Some(value.clone()),
            "--case" => case = Some(Case::parse(value)?),
            "--connections" => connections = usize::try_from(number()?).map_err(|err| err.to_string())?,
            "--seconds" => bound = Some(Bound::Seconds(number()?)),
            "--requests" => bound = Some(Bound::Requests(number()?)),
            "--same-as" => same_as = Some(value.clone()),
            _ => return Err(format!("unknown option {flag:?}")),
        }
    }
    if let Some(other) = same_as {
        return Ok(Command::Compare(url.ok_or("--grpc is required")?, other));
    }
    Ok(Command::Load(Args {
        url: url.ok_or("--grpc is required")?,
        case: case.ok_or("--case is required")?,
        connections: connections.max(1),
        bound: bound.ok_or("--seconds or --requests is required")?,
    }))
}

/// Latencies from 1 µs to an hour, to 3 significant figures.
fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 3_600_000_000, 3).expect("valid bounds")
}

/// One connection's loop: calls until the bound, recording each latency.
async fn drive(
    mut client: DividerClient<Channel>,
    case: Case,
    bound: Bound,
    deadline: Instant,
    issued: Arc<AtomicU64>,
) -> (Histogram<u64>, u64, u128) {
    let mut latencies = histogram();
    let mut unexpected = 0;
    let mut checking_ns = 0;
    loop {
        let more = match bound {
            Bound::Seconds(_) => Instant::now() < deadline,
            Bound::Requests(limit) => issued.fetch_add(1, Ordering::Relaxed) < limit,
        };
        if !more {
            break;
        }
        let start = Instant::now();
        let answer = client.integer_divide(case.request()).await.map(|response| response.into_inner().field);
        let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
        latencies.saturating_record(micros.max(1));
        let check = Instant::now();
        if !case.expects(&answer) {
            unexpected += 1;
        }
        checking_ns += check.elapsed().as_nanos();
    }
    (latencies, unexpected, checking_ns)
}

/// A client of the server at `url`, on a connection of its own.
async fn connect(url: &str) -> Result<DividerClient<Channel>, String> {
    let channel = Channel::from_shared(url.to_owned())
        .map_err(|err| format!("{url}: {err}"))?
        .connect()
        .await
        .map_err(|err| format!("connect to {url}: {err}"))?;
    Ok(DividerClient::new(channel))
}

/// An answer as its client reads it, the id replaced: the code, the
/// message, the details' type URLs and size (which the order of
/// `ErrorInfo.metadata`, a map, does not change), and what errdsl's
/// decoder reads, the fields sorted.
fn as_read(answer: &Result<i32, tonic::Status>) -> String {
    let status = match answer {
        Ok(quotient) => return format!("ok {quotient}"),
        Err(status) => status,
    };
    let err = ErrorResult::from_grpc_status(status);
    let urls: Vec<String> = tonic_types::pb::Status::decode(status.details())
        .map(|rpc| rpc.details.into_iter().map(|any| any.type_url).collect())
        .unwrap_or_default();
    let mut fields: Vec<(&str, &str)> = err.fields().collect();
    fields.sort_unstable();
    let read = format!(
        "{:?} {:?}, {} bytes of details {urls:?}; name {:?}, message {:?}, user message {:?}, code {:?}, temporary {}, timeout {}, fault {}, fields {fields:?}, domain {:?}, service {:?}",
        status.code(),
        status.message(),
        status.details().len(),
        err.name(),
        err.message(),
        err.user_message(),
        err.code(),
        err.is_temporary(),
        err.is_timeout(),
        err.is_fault(),
        err.domain(),
        err.service(),
    );
    read.replace(err.id(), "<id>")
}

/// Whether the servers at `ours` and `theirs` answer every case alike.
async fn compare(ours: &str, theirs: &str) -> Result<bool, String> {
    let (mut ours_client, mut theirs_client) = (connect(ours).await?, connect(theirs).await?);
    let mut alike = true;
    for case in Case::ALL {
        let ours_answer = ours_client.integer_divide(case.request()).await.map(|r| r.into_inner().field);
        let theirs_answer = theirs_client.integer_divide(case.request()).await.map(|r| r.into_inner().field);
        let (ours_read, theirs_read) = (as_read(&ours_answer), as_read(&theirs_answer));
        if ours_read != theirs_read || !case.expects(&ours_answer) {
            eprintln!("divider-load: {case:?} differs:\n  {ours}: {ours_read}\n  {theirs}: {theirs_read}");
            alike = false;
        }
    }
    Ok(alike)
}

async fn run(args: Args) -> Result<bool, String> {
    let mut clients = Vec::with_capacity(args.connections);
    for _ in 0..args.connections {
        clients.push(connect(&args.url).await?);
    }
    let seconds = match args.bound {
        Bound::Seconds(seconds) => seconds,
        // A bound on requests still stops within an hour.
        Bound::Requests(_) => 3600,
    };
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let issued = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|client| tokio::spawn(drive(client, args.case, args.bound, deadline, Arc::clone(&issued))))
        .collect();
    let mut latencies = histogram();
    let (mut unexpected, mut checking_ns) = (0, 0);
    for task in tasks {
        let (histogram, wrong, checking) =
            task.await.map_err(|err| format!("a connection's task failed: {err}"))?;
        latencies.add(histogram).map_err(|err| err.to_string())?;
        unexpected += wrong;
        checking_ns += checking;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let requests = latencies.len();
    #[allow(clippy::cast_precision_loss, reason = "a request count far below 2^52")]
    let rps = requests as f64 / elapsed;
    println!(
        "requests={requests} unexpected={unexpected} rps={rps:.0} p50_us={} p99_us={} check_ns={}",
        latencies.value_at_quantile(0.5),
        latencies.value_at_quantile(0.99),
        checking_ns / u128::from(requests.max(1)),
    );
    Ok(unexpected == 0 && requests > 0)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("divider-load: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Load(args) => run(args).await,
        Command::Compare(ours, theirs) => compare(&ours, &theirs).await,
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("divider-load: some answers were not the expected ones (or none came)");
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("divider-load: {message}");
            ExitCode::FAILURE
        }
    }
}
