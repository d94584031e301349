@__errdsl_parent [::api_errors::ApiError] {
    pub enum ApiError {
        #[error("authentication required")]
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,
    }
}
pub enum DividerError: ::api_errors::ApiError {
    #[error("store failed on shard {shard}")]
    #[service_error(fault, name = "store_failed")]
    Store { shard: u32 },
}
