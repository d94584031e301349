//! Every value the message sent shows travels with the error (Google's
//! AIP-193 wants it in `ErrorInfo`'s metadata; it is on the wire already),
//! `wire` or not, as the message shows it; the `#[error]` text of a fault
//! or of an error classified at run time is not sent, so what only it
//! shows stays in the process.

use std::io;

use errdsl::ServiceError;
use tonic_types::StatusExt;

#[derive(Debug, thiserror::Error, ServiceError)]
pub enum OrderError {
    /// Shown by the user message, which is sent.
    #[error("order {order_no} of account {account} is closed")]
    #[service_error(http = 409, user_msg = "Order {order_no} is closed.")]
    Closed { order_no: u32, account: String },
    /// No user message: the `#[error]` text is sent, with what it shows.
    #[error("amount {amount:.2} exceeds {limit:?}")]
    #[service_error(http = 400)]
    TooLarge { amount: f64, limit: u64 },
    /// A fault: its `#[error]` text stays in the process.
    #[error("store {shard} failed")]
    #[service_error(fault)]
    StoreFailed { shard: String },
    /// Classified at run time: its `#[error]` text is never sent (a client
    /// error sends its class's text, a fault the fault's).
    #[error("upstream {host} failed")]
    #[service_error(classify)]
    Upstream {
        host: String,
        #[source]
        source: io::Error,
    },
    /// Positional fields travel under `field<index>`.
    #[error("slot {0} is taken")]
    #[service_error(http = 409)]
    Taken(u8),
}

#[test]
fn the_user_message_fields_travel_and_the_internal_ones_do_not() {
    let err = OrderError::closed(7, "acme-internal".into());
    assert_eq!(err.wire_fields(), [("order_no", "7".to_owned())]);
    let status = tonic::Status::from(err);
    let metadata = status.get_details_error_info().unwrap().metadata;
    assert_eq!(metadata["orderNo"], "7");
    assert!(!metadata.values().any(|value| value.contains("acme")), "{metadata:?}");
}

#[test]
fn the_error_text_fields_travel_as_the_message_shows_them() {
    let err = OrderError::too_large(12.5, 10);
    assert_eq!(err.wire_fields(), [("amount", "12.50".to_owned()), ("limit", "10".to_owned())]);
    assert_eq!(OrderError::taken(3).wire_fields(), [("0", "3".to_owned())]);
    let metadata = tonic::Status::from(OrderError::taken(3)).get_details_error_info().unwrap().metadata;
    assert_eq!(metadata["field0"], "3");
}

#[test]
fn a_faults_text_fields_stay_in_the_process() {
    assert!(OrderError::store_failed("db-7.internal".into()).wire_fields().is_empty());
    // Classified: its `#[error]` text is not sent, fault or not, so
    // nothing it shows travels.
    let client = OrderError::upstream("10.0.0.7".into(), io::Error::from(io::ErrorKind::InvalidData));
    assert!(!client.is_fault());
    assert!(client.wire_fields().is_empty());
    let fault = OrderError::upstream("10.0.0.7".into(), io::Error::other("boom"));
    assert!(fault.is_fault());
    assert!(fault.wire_fields().is_empty());
    let status = tonic::Status::from(fault);
    assert!(!format!("{:?}", status.get_details_error_info()).contains("10.0.0.7"));
}
