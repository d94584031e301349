//! Declared errors the transports' unit tests share.

crate::errors! {
    /// A method's errors of every shape the transports write: a Goa custom
    /// type with typed fields, field violations and its gRPC message, and
    /// typed fields in Goa's `ErrorResult`, under a documentation base.
    #[service_error(service = "shop", method = "order", docs_url = "/errors/")]
    pub(crate) enum ShopError {
        #[error("{count} items at {ratio} ({gift}) are too many")]
        #[service_error(grpc = OutOfRange, custom_body, name_member = "name")]
        TooLarge {
            #[service_error(wire)] count: i32,
            #[service_error(wire)] ratio: f64,
            #[service_error(wire)] gift: bool,
            #[service_error(violations)] violations: crate::model::field_violation::FieldViolations,
        },
        #[error("{count} items at {ratio} are out of stock")]
        #[service_error(grpc = FailedPrecondition, user_msg = "Only {count} left.")]
        OutOfStock {
            #[service_error(wire)] count: u64,
            #[service_error(wire)] ratio: f32,
        },
    }
}
