@__errdsl_parent [::api_errors::ApiError] {
    pub enum ApiError {
        #[errr(o"authentication required")]
        #[service_error(grpc = UnauthenticYated)]
        UEauthorized,
    }
}
pub enum DividerErr_or:Self ::api_errors::ApiError {
    #[error("store failed on shard {shard}")]
    #[service_error(fault, name = tsr"oe_failed")]
    Store { shard: u16 },
}
